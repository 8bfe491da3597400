"""An async unit of work behind a blocking face, so that the storage checks written once for
units of work (``tests.unique_conflicts``, ``tests.orphans``) run the async storage too.

Every coroutine runs on one event loop in a thread of its own (anyio's blocking portal), the
loop the async engine's connections belong to.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from anyio.from_thread import BlockingPortal

from domain.aio import AsyncUnitOfWork
from domain.ports import UnitOfWork

T = TypeVar("T")


class _Repository:
    def __init__(self, repository: object, portal: BlockingPortal) -> None:
        self._repository, self._portal = repository, portal

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._repository, name)
        return lambda *args, **kwargs: self._portal.call(partial(method, *args, **kwargs))


class BlockingUnitOfWork:
    """``uow``'s every coroutine awaited on ``portal``'s loop, each call blocking until done."""

    def __init__(self, uow: AsyncUnitOfWork, portal: BlockingPortal) -> None:
        self._uow, self._portal = uow, portal

    def __getattr__(self, name: str) -> _Repository:
        return _Repository(getattr(self._uow, name), self._portal)

    def reading(self) -> Self:
        self._uow.reading()
        return self

    def __enter__(self) -> Self:
        self._portal.call(self._uow.__aenter__)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._portal.call(self._uow.__aexit__, exc_type, exc, traceback)

    def commit(self) -> None:
        self._portal.call(self._uow.commit)

    def rollback(self) -> None:
        self._portal.call(self._uow.rollback)


def blocking(uow: AsyncUnitOfWork, portal: BlockingPortal) -> UnitOfWork:
    """``uow`` as the blocking checks take a unit of work."""
    return cast(UnitOfWork, BlockingUnitOfWork(uow, portal))
