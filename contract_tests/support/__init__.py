"""Helpers of the contract suite: the OpenAPI checker, transports, clients and factories."""
