"""The unit of work: one ``transaction.atomic`` block on the default database, entered and
left in one blocking step each (``impl_django.conduit.transactions``). The blocking twin in
``_sync`` is generated from this module (``scripts/unasync.py``)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from asgiref.sync import sync_to_async
from django.db import IntegrityError, transaction

from domain._async.ports import AsyncUnitOfWork
from domain.errors import DatabaseUnavailable
from impl_django.conduit import transactions
from impl_django.conduit._async.repositories import (
    AsyncDjangoArticles,
    AsyncDjangoComments,
    AsyncDjangoFavorites,
    AsyncDjangoFollows,
    AsyncDjangoTags,
    AsyncDjangoUsers,
)
from impl_django.conduit.outages import lost_database, outages_as_domain_errors
from impl_django.conduit.rows import translate_integrity_error


class AsyncDjangoUnitOfWork(AsyncUnitOfWork):
    """Enters an atomic block on ``with``; ``commit`` leaves it keeping the changes, and
    leaving the ``with`` without a commit rolls them back. Entered with ``reading()``, it opens
    no block: Django runs each statement in autocommit.

    A lost or unreachable database, met on entry, in the block or on leaving it, becomes
    ``DatabaseUnavailable``; a constraint violation that stands for a domain error (see
    ``translate_integrity_error``) becomes that error, wherever the statement ran.
    """

    def __init__(self) -> None:
        self.users = AsyncDjangoUsers()
        self.follows = AsyncDjangoFollows()
        self.articles = AsyncDjangoArticles()
        self.favorites = AsyncDjangoFavorites()
        self.comments = AsyncDjangoComments()
        self.tags = AsyncDjangoTags()
        self._atomic: transaction.Atomic | None = None

    async def __aenter__(self) -> Self:
        if not self.read_only:
            self._atomic = await sync_to_async(transactions.begin)()
        return await super().__aenter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with outages_as_domain_errors():
            await super().__aexit__(exc_type, exc, traceback)
        if exc is not None and lost_database(exc):
            raise DatabaseUnavailable() from exc
        if isinstance(exc, IntegrityError):
            translated = translate_integrity_error(exc)
            if translated is not exc:
                raise translated from exc

    async def commit(self) -> None:
        atomic, self._atomic = self._atomic, None
        if atomic is not None:
            await sync_to_async(transactions.commit)(atomic)

    async def rollback(self) -> None:
        atomic, self._atomic = self._atomic, None
        if atomic is not None:
            await sync_to_async(transactions.rollback)(atomic)
