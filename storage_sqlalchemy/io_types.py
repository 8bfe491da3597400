"""SQLAlchemy's engines, connections and sessions, async and blocking, from one module: the
async source (``storage_sqlalchemy._async``) names the async ones, and its generated twin the
blocking ones of the same names without ``Async``.

The async ones are imported when first named: the blocking stack (Flask, FastAPI's sync mode)
runs without SQLAlchemy's asyncio extension and the greenlet it needs."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import (
        AsyncConnection,
        AsyncEngine,
        AsyncSession,
        async_sessionmaker,
    )

ASYNC_NAMES = frozenset({"AsyncConnection", "AsyncEngine", "AsyncSession", "async_sessionmaker"})

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


def __getattr__(name: str) -> object:
    if name in ASYNC_NAMES:
        return getattr(importlib.import_module("sqlalchemy.ext.asyncio"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
