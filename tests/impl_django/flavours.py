"""The Django storage as the storage checks (``tests.orphans``, ``tests.unique_conflicts``) take
it, in the flavour of the session's mode: on WSGI the blocking unit of work; on ASGI the async
one, driven from the test's thread through an event loop of its own, each unit of work run as
a request's is on ASGI: its blocking steps on a thread of its own, whose connection is closed
at its end."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from anyio.from_thread import BlockingPortal, start_blocking_portal
from asgiref.sync import ThreadSensitiveContext

from domain.aio import AsyncUnitOfWork
from domain.ports import UnitOfWork

T = TypeVar("T")


@contextmanager
def units_of_work(mode: str) -> Iterator[Callable[[], UnitOfWork]]:
    """A maker of new units of work of ``mode``'s flavour on the session's database, until the
    block ends (Django is set up by then)."""
    if mode != "asgi":
        from impl_django.conduit._sync.unit_of_work import DjangoUnitOfWork  # noqa: PLC0415

        yield DjangoUnitOfWork
        return
    from impl_django.conduit._async.unit_of_work import AsyncDjangoUnitOfWork  # noqa: PLC0415

    with start_blocking_portal() as portal:
        yield lambda: cast(UnitOfWork, AsARequest(AsyncDjangoUnitOfWork(), portal))


class AsARequest:
    """``uow``'s every coroutine awaited on ``portal``'s loop, each call blocking until done,
    in a thread-sensitive context (asgiref's) of the unit of work's own, as Django's ASGI
    handler gives each request one: the blocking steps of the unit of work run on one thread,
    with one connection, closed when the unit of work ends."""

    def __init__(self, uow: AsyncUnitOfWork, portal: BlockingPortal) -> None:
        self._uow, self._portal = uow, portal
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="request")

    def __getattr__(self, name: str) -> _Repository:
        return _Repository(getattr(self._uow, name), self.call)

    def reading(self) -> Self:
        self._uow.reading()
        return self

    def __enter__(self) -> Self:
        self.call(self._uow.__aenter__)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.call(partial(self._uow.__aexit__, exc_type, exc, traceback))
        finally:
            self._thread.submit(_close_connection).result()
            self._thread.shutdown()

    def commit(self) -> None:
        self.call(self._uow.commit)

    def rollback(self) -> None:
        self.call(self._uow.rollback)

    def call(self, step: Callable[[], Awaitable[T]]) -> T:
        """Await ``step()`` on the portal's loop, its blocking steps on this unit's thread."""
        return self._portal.call(self._on_its_thread, step)

    async def _on_its_thread(self, step: Callable[[], Awaitable[T]]) -> T:
        async with ThreadSensitiveContext(executor=self._thread):
            return await step()


class _Repository:
    def __init__(
        self, repository: object, call: Callable[[Callable[[], Awaitable[Any]]], Any]
    ) -> None:
        self._repository, self._call = repository, call

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._repository, name)
        return lambda *args, **kwargs: self._call(partial(method, *args, **kwargs))


def _close_connection() -> None:
    """Close this thread's connection, as Django does at the end of a request on ASGI."""
    from django.db import connection  # noqa: PLC0415 - Django is set up by then

    connection.close()
