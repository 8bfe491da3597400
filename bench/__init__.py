"""The comparison run: Locust scenarios, seeded datasets, servers under load, and the report.

Importing this package is cheap; each command imports what it needs.
"""
