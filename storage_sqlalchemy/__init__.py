"""Storage on SQLAlchemy 2.0, shared by the FastAPI and Flask implementations.

Typed tables, repositories, the unit of work, integrity-error translation, engine set-up and
the one Alembic migration history. It implements the domain's ports and knows no web framework.
"""
