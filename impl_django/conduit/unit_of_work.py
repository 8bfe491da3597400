"""The unit of work: one ``transaction.atomic`` block on the default database."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from django.db import IntegrityError, connection, transaction

from domain.errors import DatabaseUnavailable
from domain.ports import UnitOfWork
from impl_django.conduit.outages import lost_database, outages_as_domain_errors
from impl_django.conduit.repositories import (
    DjangoArticles,
    DjangoComments,
    DjangoFavorites,
    DjangoFollows,
    DjangoTags,
    DjangoUsers,
    translate_integrity_error,
)


class DjangoUnitOfWork(UnitOfWork):
    """Enters an atomic block on ``with``; ``commit`` leaves it keeping the changes, and
    leaving the ``with`` without a commit rolls them back. Entered with ``reading()``, it opens
    no block: Django runs each statement in autocommit.

    A lost or unreachable database, met on entry, in the block or on leaving it, becomes
    ``DatabaseUnavailable``; a constraint violation that stands for a domain error (see
    ``translate_integrity_error``) becomes that error, wherever the statement ran.
    """

    def __init__(self) -> None:
        self.users = DjangoUsers()
        self.follows = DjangoFollows()
        self.articles = DjangoArticles()
        self.favorites = DjangoFavorites()
        self.comments = DjangoComments()
        self.tags = DjangoTags()
        self._atomic: transaction.Atomic | None = None

    def __enter__(self) -> Self:
        if not self.read_only:
            self._atomic = transaction.atomic()
            with outages_as_domain_errors():
                self._atomic.__enter__()
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with outages_as_domain_errors():
            super().__exit__(exc_type, exc, traceback)
        if exc is not None and lost_database(exc):
            raise DatabaseUnavailable() from exc
        if isinstance(exc, IntegrityError):
            translated = translate_integrity_error(exc)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        atomic, self._atomic = self._atomic, None
        if atomic is not None:
            try:
                with outages_as_domain_errors():
                    atomic.__exit__(None, None, None)
            except IntegrityError as error:
                raise translate_integrity_error(error) from error

    def rollback(self) -> None:
        atomic, self._atomic = self._atomic, None
        if atomic is not None:
            if connection.connection is not None and not connection.is_usable():
                # The connection broke under the transaction (the server rolls back by itself):
                # closed inside the block, Django leaves it without a rollback on the broken
                # connection and without a new connection just to leave the block.
                connection.close()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
