"""Storage on SQLAlchemy 2.0: typed tables, repositories and the unit of work.

Nothing in this package knows FastAPI; it only implements the domain's ports.
"""
