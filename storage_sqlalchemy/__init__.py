"""Storage on SQLAlchemy 2.0, shared by the FastAPI and Flask implementations.

Typed tables, repositories, the unit of work, integrity-error translation, engine set-up and
the one Alembic migration history. It implements the domain's ports and knows no web framework.
"""

# Connections in the pool of an async engine on PostgreSQL, unless ``DATABASE_POOL_SIZE`` (``serve
# --pool-size``) says otherwise; an app has two such engines, one reads and one writes.
ASYNC_POOL_SIZE = 10
