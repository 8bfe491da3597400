"""The unit of work: one SQLAlchemy session, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError

from domain._async.ports import AsyncUnitOfWork
from domain.errors import DatabaseUnavailable
from storage_sqlalchemy._async.repositories import (
    AsyncSqlArticles,
    AsyncSqlComments,
    AsyncSqlFavorites,
    AsyncSqlFollows,
    AsyncSqlTags,
    AsyncSqlUsers,
    Database,
)
from storage_sqlalchemy.engine import reading_options
from storage_sqlalchemy.integrity import translate_integrity_error
from storage_sqlalchemy.io_types import AsyncConnection, AsyncEngine, AsyncSession
from storage_sqlalchemy.outages import lost_database, outages_as_domain_errors


class AsyncSqlAlchemyUnitOfWork(AsyncUnitOfWork):
    """Opens a session on entry (or, for a unit of work that only reads, a connection of the
    reading engine) and closes it on exit, rolling back what was not committed.

    A lost or unreachable database, met anywhere in the block or while rolling back, leaves
    it as ``DatabaseUnavailable``; a constraint violation that stands for a domain error (see
    ``translate_integrity_error``) leaves it as that error, wherever the statement ran.

    ``session_factory`` is a ``sessionmaker``, or a ``scoped_session`` whose session a framework
    removes at the end of the request. Given ``reading`` (``engine.reading_engine``), a unit of
    work that only reads runs its statements on a connection of it instead of a session: no
    transaction, and none of the session's bookkeeping around each statement.
    """

    def __init__(
        self, session_factory: Callable[[], AsyncSession], reading: AsyncEngine | None = None
    ) -> None:
        self._session_factory = session_factory
        self._reading = reading
        self._connection: AsyncConnection | None = None
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        """The session of a unit of work that writes (or reads with no reading engine)."""
        if self._session is None:
            raise RuntimeError("this unit of work runs on a reading connection, not a session")
        return self._session

    async def __aenter__(self) -> Self:
        db = await self._database()
        self.users = AsyncSqlUsers(db)
        self.follows = AsyncSqlFollows(db)
        self.articles = AsyncSqlArticles(db)
        self.favorites = AsyncSqlFavorites(db)
        self.comments = AsyncSqlComments(db)
        self.tags = AsyncSqlTags(db)
        return await super().__aenter__()

    async def _database(self) -> Database:
        """What runs the statements: a connection of the reading engine for a unit of work
        that only reads, else a new session (on a connection with the reading options, for
        one that only reads and has no reading engine)."""
        if self.read_only and self._reading is not None:
            with outages_as_domain_errors():
                self._connection = await self._reading.connect()
            return self._connection
        session = self._session = self._session_factory()
        if self.read_only:
            try:
                with outages_as_domain_errors():
                    options = reading_options(session.get_bind())  # type: ignore[arg-type]
                    await session.connection(execution_options=options)
            except BaseException:
                await self._close()
                raise
        return session

    async def _invalidate(self) -> None:
        """Drop the connection lost (or stuck) under this unit of work, rather than send a
        rollback over it: the database rolls back by itself when it notices."""
        if self._session is not None:
            await self._session.invalidate()
        if self._connection is not None:
            await self._connection.invalidate()

    async def _close(self) -> None:
        """Give back the connection or close the session, whichever this unit of work has."""
        connection, session = self._connection, self._session
        self._connection = self._session = None
        try:
            if connection is not None:
                await connection.close()
        finally:
            if session is not None:
                await session.close()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        lost = exc is not None and lost_database(exc)
        with outages_as_domain_errors():
            try:
                if lost:
                    await self._invalidate()
                await super().__aexit__(exc_type, exc, traceback)
            finally:
                await self._close()
        if lost:
            raise DatabaseUnavailable() from exc
        if isinstance(exc, IntegrityError):
            translated = translate_integrity_error(exc)
            if translated is not exc:
                raise translated from exc

    async def commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as error:
            raise translate_integrity_error(error) from error

    async def rollback(self) -> None:
        if self._session is not None:
            await self._session.rollback()
