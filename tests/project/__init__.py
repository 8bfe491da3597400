"""Checks of the project's own promises: entry points, container files, README commands."""
