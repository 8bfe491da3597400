"""Tests by layer: the domain on its own, then each implementation's adapter."""
