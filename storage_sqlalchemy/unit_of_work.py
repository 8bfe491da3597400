"""The unit of work, on an event loop (``AsyncSqlAlchemyUnitOfWork``, the source, in
``storage_sqlalchemy._async``) or blocking (``SqlAlchemyUnitOfWork``, its generated twin).

The async one is imported when first named, so the blocking stack needs no asyncio extension."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from storage_sqlalchemy._sync.unit_of_work import SqlAlchemyUnitOfWork

if TYPE_CHECKING:
    from storage_sqlalchemy._async.unit_of_work import AsyncSqlAlchemyUnitOfWork

__all__ = ["AsyncSqlAlchemyUnitOfWork", "SqlAlchemyUnitOfWork"]


def __getattr__(name: str) -> object:
    if name == "AsyncSqlAlchemyUnitOfWork":
        module = importlib.import_module("storage_sqlalchemy._async.unit_of_work")
        return module.AsyncSqlAlchemyUnitOfWork
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
