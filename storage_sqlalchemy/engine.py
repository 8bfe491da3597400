"""Engines from the database URLs users write, set up alike on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker

from domain.outages import ANSWER_TIMEOUT, BoundedAnswers, closed_by_server
from domain.settings import DEFAULT_DATABASE_TIMEOUT_SECONDS
from storage_sqlalchemy import ASYNC_POOL_SIZE

if TYPE_CHECKING:  # the blocking stack runs without SQLAlchemy's asyncio extension and greenlet
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A pooled PostgreSQL connection older than this is closed and replaced when next checked out.
POOL_RECYCLE_SECONDS = 1800
# Set on a connection that runs a read-only unit of work's statements with no transaction.
READING = "triptych_reading"
# How long a new PostgreSQL connection may take before the request is answered 503, unless the
# engine is given a timeout; a URL's own ``?connect_timeout=N`` wins.
CONNECT_TIMEOUT_SECONDS = DEFAULT_DATABASE_TIMEOUT_SECONDS


def sqlalchemy_url(database_url: str) -> URL:
    """``postgres://`` and ``postgresql://`` become psycopg 3 URLs; SQLite stays as it is."""
    url = make_url(database_url)
    if url.drivername in {"postgres", "postgresql"}:
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(database_url: str, *, timeout: int | None = None) -> Engine:
    """An engine for ``database_url``; SQLite gets foreign keys, WAL and write-ahead locking.
    ``timeout``: see ``engine_setup``."""
    url, options = engine_setup(database_url, timeout=timeout)
    engine = create_engine(url, **options)
    configure_engine(engine)
    return engine


def engine_setup(database_url: str, *, timeout: int | None = None) -> tuple[URL, dict[str, Any]]:
    """The URL and the ``create_engine`` options for ``database_url``, for any engine factory.

    A SQLite file's path is made absolute (the same file, whatever reads the URL later) and its
    directory is created. A PostgreSQL connection gives up after ``timeout`` seconds, or
    ``CONNECT_TIMEOUT_SECONDS`` (unless the URL says otherwise), and pooled connections are
    checked before use, so a lost database is noticed on the next request and a returning one
    without a restart. Given a ``timeout`` (the servers pass ``DATABASE_TIMEOUT``), each answer
    to a statement is awaited that long at most (``AnsweringConnection``); without one, as for
    migrations and seeding, answers may take as long as they take.
    """
    url = sqlalchemy_url(database_url)
    if url.get_backend_name() != "sqlite":
        # No pre-ping (a round trip on every checkout): a connection the server closed is
        # noticed locally at checkout (``configure_postgresql``), and old ones are recycled.
        connect_args: dict[str, Any] = {}
        if "connect_timeout" not in url.query:
            connect_args["connect_timeout"] = timeout or CONNECT_TIMEOUT_SECONDS
        if timeout is not None:
            connect_args[ANSWER_TIMEOUT] = timeout
        return url, {
            "pool_size": 10,
            "max_overflow": 20,
            "pool_recycle": POOL_RECYCLE_SECONDS,
            "connect_args": connect_args,
        }
    if url.database and url.database != ":memory:":
        path = Path(url.database).absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = url.set(database=str(path))
    return url, {"connect_args": {"check_same_thread": False}}


# The drivers of the async engines: SQLAlchemy's asyncio extension over asyncpg (measured the
# faster of PostgreSQL's async drivers here) and aiosqlite.
ASYNC_DRIVERS = {"postgresql": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}


def make_async_engine(
    database_url: str, *, timeout: int | None = None, pool_size: int | None = None
) -> AsyncEngine:
    """An engine on an event loop for ``database_url``, set up as ``make_engine``'s, with a
    pool of ``pool_size`` connections (default ``ASYNC_POOL_SIZE``) on PostgreSQL."""
    from sqlalchemy.ext.asyncio import create_async_engine  # noqa: PLC0415 - see TYPE_CHECKING

    url, options = async_engine_setup(database_url, timeout=timeout, pool_size=pool_size)
    engine = create_async_engine(url, **options)
    configure_engine(engine.sync_engine)
    return engine


def async_engine_setup(
    database_url: str, *, timeout: int | None = None, pool_size: int | None = None
) -> tuple[URL, dict[str, Any]]:
    """``engine_setup`` for an async driver. asyncpg names its bounds itself: ``timeout`` for
    connecting, ``command_timeout`` for each statement's answer (a URL's own
    ``?connect_timeout=N`` still wins for connecting)."""
    url, options = engine_setup(database_url, timeout=timeout)
    backend = url.get_backend_name()
    url = url.set(drivername=ASYNC_DRIVERS[backend])
    if backend != "postgresql":
        return url, {**options, "connect_args": {}}
    # On an event loop nothing bounds how many requests wait on the database at once (in the
    # thread pool, its threads do): a fixed pool, with no overflow connections made and closed
    # again under every burst, keeps the connections few and open; requests beyond it wait
    # their turn for one.
    options = {**options, "pool_size": pool_size or ASYNC_POOL_SIZE, "max_overflow": 0}
    own = url.query.get("connect_timeout")
    url = url.difference_update_query(["connect_timeout"])
    connect = own if isinstance(own, str) else timeout or CONNECT_TIMEOUT_SECONDS
    connect_args: dict[str, Any] = {"timeout": float(connect)}
    if timeout is not None:
        connect_args["command_timeout"] = float(timeout)
    return url, {**options, "connect_args": connect_args}


def async_reading_engine(
    engine: AsyncEngine,
    database_url: str,
    *,
    timeout: int | None = None,
    pool_size: int | None = None,
) -> AsyncEngine:
    """``reading_engine`` of the async engine made for ``database_url`` (set up from the URL
    as the user wrote it: the engine's own has lost its ``connect_timeout`` to the driver's
    arguments), with a pool of its own of ``pool_size`` connections, as the engine's."""
    from sqlalchemy.ext.asyncio import create_async_engine  # noqa: PLC0415 - see TYPE_CHECKING

    if engine.dialect.name != "postgresql":
        return engine.execution_options(**reading_options(engine.sync_engine))
    async_url, options = async_engine_setup(database_url, timeout=timeout, pool_size=pool_size)
    reading = create_async_engine(
        async_url, **options, isolation_level="AUTOCOMMIT", pool_reset_on_return=None
    )
    configure_engine(reading.sync_engine)
    return reading.execution_options(**{READING: True})


def configure_engine(engine: Engine) -> None:
    """Set up a new engine's connections: see ``configure_sqlite``, ``configure_postgresql``."""
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        configure_postgresql(engine)


def reading_options(engine: Engine) -> dict[str, Any]:
    """Execution options of a connection whose statements run with no transaction around them.

    PostgreSQL's driver then sends no BEGIN (autocommit); on SQLite, where the driver never
    begins by itself, ``configure_sqlite`` sends no ``BEGIN IMMEDIATE`` (which would also take
    the write lock for a read).
    """
    if engine.dialect.name == "sqlite":
        return {READING: True}
    return {READING: True, "isolation_level": "AUTOCOMMIT"}


def reading_engine(engine: Engine, *, timeout: int | None = None) -> Engine:
    """The engine on which units of work that only read run their statements, with no
    transaction around them (``reading_options``). Make it once per engine, and dispose of it
    with the engine.

    On PostgreSQL it has a pool of its own, of connections in autocommit from the moment they
    are made. The engine's own connections, switched to autocommit at every checkout and back
    at every return, cost several driver calls each way; a connection that never holds a
    transaction also needs no rollback when it is returned. On SQLite the driver begins
    nothing by itself, so the reading engine shares the engine's pool (and so an in-memory
    database) and only leaves out ``configure_sqlite``'s ``BEGIN IMMEDIATE``. ``timeout``: as
    the engine's (see ``engine_setup``).
    """
    if engine.dialect.name != "postgresql":
        return engine.execution_options(**reading_options(engine))
    url, options = engine_setup(engine.url.render_as_string(hide_password=False), timeout=timeout)
    reading = create_engine(url, **options, isolation_level="AUTOCOMMIT", pool_reset_on_return=None)
    configure_engine(reading)
    return reading.execution_options(**{READING: True})


def configure_postgresql(engine: Engine) -> None:
    """Replace, at checkout, a pooled connection that the server has closed meanwhile.

    An idle connection has nothing to read unless the server ended it (a restart, a
    terminated backend): a zero-timeout poll of its socket tells, without a round trip.
    SQLAlchemy then connects afresh; errors during a request invalidate the whole pool.
    """

    if engine.dialect.driver == "asyncpg":
        configure_asyncpg(engine)
        return

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: object, _proxy: object) -> None:
        if dbapi_connection.closed or closed_by_server(dbapi_connection.fileno()):
            raise exc.DisconnectionError("the server closed this pooled connection")

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: object, _record: object, cargs: Any, cparams: dict[str, Any]) -> Any:
        # With no bound named, None: SQLAlchemy connects as it does by default.
        return AnsweringConnection.connect_answering(cargs, cparams)


def configure_asyncpg(engine: Engine) -> None:
    """``configure_postgresql`` for asyncpg: its connection reads its socket all the time on
    the event loop, so it knows, with no round trip, when the server has closed it."""

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: object, _proxy: object) -> None:
        if dbapi_connection.driver_connection.is_closed():
            raise exc.DisconnectionError("the server closed this pooled connection")

    @event.listens_for(engine, "handle_error")
    def _answer_timed_out(context: ExceptionContext) -> None:
        """A statement whose answer did not come in time (``command_timeout``) leaves its
        connection in the middle of an exchange: it is closed at once (SQLAlchemy would first
        wait two seconds for a polite close that no silent server answers), and SQLAlchemy
        drops it as it does a lost one, instead of sending a rollback over it."""
        if not isinstance(context.original_exception, TimeoutError):
            return
        context.is_disconnect = True
        driver = context.connection.connection.driver_connection if context.connection else None
        if driver is not None:
            driver.terminate()


class AnsweringConnection(BoundedAnswers, psycopg.Connection[Any]):
    """psycopg's connection, waiting ``answer_timeout`` seconds at most for each answer, then
    closed (``domain.outages.bounded_wait``): SQLAlchemy then sees a closed connection, drops
    it from the pool, and the request is answered 503."""


def configure_sqlite(engine: Engine) -> None:
    """Let SQLAlchemy own transactions (savepoints work) and take the write lock up front.

    pysqlite starts transactions itself and only before writes; a transaction that reads and
    then writes could then fail at once under concurrent writers. ``BEGIN IMMEDIATE`` waits
    for the lock instead.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if not connection.get_execution_options().get(READING):
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after their commit, as the views read them."""
    return sessionmaker(engine, expire_on_commit=False)


def make_async_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """``make_session_factory`` for an async engine."""
    from sqlalchemy.ext.asyncio import async_sessionmaker  # noqa: PLC0415 - see TYPE_CHECKING

    return async_sessionmaker(engine, expire_on_commit=False)
