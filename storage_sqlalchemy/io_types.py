"""SQLAlchemy's engines, connections and sessions, async and blocking, from one module: the
async source (``storage_sqlalchemy._async``) names the async ones, and its generated twin the
blocking ones of the same names without ``Async``."""

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "AsyncConnection",
    "AsyncEngine",
    "AsyncSession",
    "Connection",
    "Engine",
    "Session",
    "async_sessionmaker",
    "sessionmaker",
]
