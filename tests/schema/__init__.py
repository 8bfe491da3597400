"""The shared database schema, described the same way for every implementation."""
