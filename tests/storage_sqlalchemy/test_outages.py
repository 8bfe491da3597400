"""A database out of reach leaves a unit of work as ``DatabaseUnavailable``; a failed statement
stays what it is."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from domain.errors import DatabaseUnavailable
from domain.outages import ANSWER_TIMEOUT
from storage_sqlalchemy import ASYNC_POOL_SIZE
from storage_sqlalchemy.engine import (
    CONNECT_TIMEOUT_SECONDS,
    AnsweringConnection,
    async_engine_setup,
    async_reading_engine,
    engine_setup,
    make_async_engine,
    make_async_session_factory,
    make_engine,
    make_session_factory,
)
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import AsyncSqlAlchemyUnitOfWork, SqlAlchemyUnitOfWork


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_postgresql_connections_time_out_unless_the_url_says_otherwise() -> None:
    _, options = engine_setup("postgresql://u@db/conduit")
    assert options["connect_args"] == {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    assert "pool_pre_ping" not in options  # replaced by the socket poll at checkout
    _, options = engine_setup("postgresql://u@db/conduit?connect_timeout=2")
    assert options["connect_args"] == {}


def test_a_timeout_bounds_connecting_and_each_answer() -> None:
    _, options = engine_setup("postgresql://u@db/conduit", timeout=2)
    assert options["connect_args"] == {"connect_timeout": 2, ANSWER_TIMEOUT: 2}
    _, options = engine_setup("postgresql://u@db/conduit?connect_timeout=9", timeout=2)
    assert options["connect_args"] == {ANSWER_TIMEOUT: 2}


def test_an_answer_that_does_not_come_in_time_is_database_unavailable(database_url: str) -> None:
    """A statement that keeps PostgreSQL busy past the bound stands for one whose answer was
    lost: the request's unit of work leaves as ``DatabaseUnavailable``, the connection is
    closed and dropped from the pool, and the next unit of work is served."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs in the server's process: nothing to wait for")
    migrate(database_url)
    engine = make_engine(database_url, timeout=1)
    uow = SqlAlchemyUnitOfWork(make_session_factory(engine))
    used: list[object] = []

    def sleep_past_the_bound() -> None:
        with uow:
            used.append(uow.session.connection().connection.dbapi_connection)
            uow.session.execute(text("SELECT pg_sleep(3)"))

    try:
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable):
            sleep_past_the_bound()
        assert time.monotonic() - started < 2.5
        [connection] = used
        assert isinstance(connection, AnsweringConnection)
        assert connection.closed
        with uow:
            assert uow.users.get(1) is None
    finally:
        engine.dispose()


def test_a_refused_connection_is_database_unavailable() -> None:
    engine = make_engine(f"postgresql://postgres@127.0.0.1:{_closed_port()}/conduit")
    uow = SqlAlchemyUnitOfWork(make_session_factory(engine))
    try:
        with pytest.raises(DatabaseUnavailable) as raised, uow:
            uow.users.get(1)
    finally:
        engine.dispose()
    assert raised.value.body() == {"errors": {"database": ["unavailable"]}}
    assert isinstance(raised.value.__cause__, DBAPIError)


def test_a_failing_statement_is_not_an_outage(database_url: str) -> None:
    """A cancelled statement (PostgreSQL) or a missing table (SQLite) is an ``OperationalError``
    of the driver, yet no outage: it stays the driver's error (and a 500)."""
    migrate(database_url)
    engine = make_engine(database_url)
    uow = SqlAlchemyUnitOfWork(make_session_factory(engine))
    if engine.dialect.name == "postgresql":
        failing = "SET LOCAL statement_timeout = 1; SELECT pg_sleep(1)"
    else:
        failing = "SELECT * FROM no_such_table"
    try:
        with pytest.raises(DBAPIError) as raised, uow:
            uow.session.execute(text(failing))
        assert type(raised.value).__name__ == "OperationalError"
        with uow:  # the pool still serves connections
            assert uow.users.get(1) is None
    finally:
        engine.dispose()


def test_asyncpg_takes_the_bounds_by_its_own_names() -> None:
    url, options = async_engine_setup("postgresql://u@db/conduit", timeout=2)
    assert url.drivername == "postgresql+asyncpg"
    assert options["connect_args"] == {"timeout": 2.0, "command_timeout": 2.0}
    url, options = async_engine_setup("postgresql://u@db/conduit?connect_timeout=9")
    assert "connect_timeout" not in url.query
    assert options["connect_args"] == {"timeout": 9.0}
    url, options = async_engine_setup("sqlite:///data/x.sqlite3")
    assert (url.drivername, options["connect_args"]) == ("sqlite+aiosqlite", {})


def test_an_async_engine_s_pool_holds_the_size_asked_for_or_the_default() -> None:
    _, options = async_engine_setup("postgresql://u@db/conduit")
    assert (options["pool_size"], options["max_overflow"]) == (ASYNC_POOL_SIZE, 0)
    _, options = async_engine_setup("postgresql://u@db/conduit", pool_size=3)
    assert (options["pool_size"], options["max_overflow"]) == (3, 0)
    engine = make_async_engine("postgresql://u@db/conduit", pool_size=3)
    reading = async_reading_engine(engine, "postgresql://u@db/conduit", pool_size=3)
    assert (engine.pool.size(), reading.pool.size()) == (3, 3)  # type: ignore[attr-defined]


def test_on_an_event_loop_a_refused_connection_is_database_unavailable() -> None:
    async def read() -> None:
        engine = make_async_engine(f"postgresql://postgres@127.0.0.1:{_closed_port()}/conduit")
        uow = AsyncSqlAlchemyUnitOfWork(make_async_session_factory(engine))
        try:
            async with uow:
                await uow.users.get(1)
        finally:
            await engine.dispose()

    with pytest.raises(DatabaseUnavailable) as raised:
        asyncio.run(read())
    assert isinstance(raised.value.__cause__, OSError)


def test_on_an_event_loop_an_answer_that_does_not_come_in_time_is_database_unavailable(
    database_url: str,
) -> None:
    """As with the blocking storage: ``DatabaseUnavailable`` within the bound, the connection
    dropped, the next unit of work served."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs in the server's process: nothing to wait for")
    migrate(database_url)

    async def sleep_past_the_bound_then_read() -> float:
        engine = make_async_engine(database_url, timeout=1)
        uow = AsyncSqlAlchemyUnitOfWork(make_async_session_factory(engine))
        try:
            started = time.monotonic()
            with pytest.raises(DatabaseUnavailable):
                async with uow:
                    await uow.session.execute(text("SELECT pg_sleep(3)"))
            elapsed = time.monotonic() - started
            async with uow:
                assert await uow.users.get(1) is None
            return elapsed
        finally:
            await engine.dispose()

    assert asyncio.run(sleep_past_the_bound_then_read()) < 2.5
