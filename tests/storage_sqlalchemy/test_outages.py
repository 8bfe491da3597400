"""A database out of reach leaves a unit of work as ``DatabaseUnavailable``; a failed statement
stays what it is."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from domain.errors import DatabaseUnavailable
from storage_sqlalchemy.engine import (
    CONNECT_TIMEOUT_SECONDS,
    engine_setup,
    make_engine,
    make_session_factory,
)
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork


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
