"""The unit of work: one SQLAlchemy session, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import DatabaseUnavailable
from domain.ports import UnitOfWork
from storage_sqlalchemy.engine import reading_options
from storage_sqlalchemy.integrity import translate_integrity_error
from storage_sqlalchemy.outages import lost_database, outages_as_domain_errors
from storage_sqlalchemy.repositories import (
    SqlArticles,
    SqlComments,
    SqlFavorites,
    SqlFollows,
    SqlTags,
    SqlUsers,
)


class SqlAlchemyUnitOfWork(UnitOfWork):
    """Opens a session on entry and closes it on exit, rolling back what was not committed.

    A lost or unreachable database, met anywhere in the block or while rolling back, leaves
    it as ``DatabaseUnavailable``; a constraint violation that stands for a domain error (see
    ``translate_integrity_error``) leaves it as that error, wherever the statement ran.

    ``session_factory`` is a ``sessionmaker``, or a ``scoped_session`` whose session a framework
    removes at the end of the request.
    """

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        if self.read_only:
            engine = self.session.get_bind()
            try:
                with outages_as_domain_errors():
                    self.session.connection(execution_options=reading_options(engine))  # type: ignore[arg-type]
            except BaseException:
                self.session.close()
                raise
        self.users = SqlUsers(self.session)
        self.follows = SqlFollows(self.session)
        self.articles = SqlArticles(self.session)
        self.favorites = SqlFavorites(self.session)
        self.comments = SqlComments(self.session)
        self.tags = SqlTags(self.session)
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with outages_as_domain_errors():
            try:
                super().__exit__(exc_type, exc, traceback)
            finally:
                self.session.close()
        if exc is not None and lost_database(exc):
            raise DatabaseUnavailable() from exc
        if isinstance(exc, IntegrityError):
            translated = translate_integrity_error(exc)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except IntegrityError as error:
            raise translate_integrity_error(error) from error

    def rollback(self) -> None:
        self.session.rollback()
