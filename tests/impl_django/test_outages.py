"""Only psycopg's connection failures, behind Django's ``OperationalError``, are outages."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import DatabaseError, OperationalError
from psycopg import errors as pg

from domain.errors import DatabaseUnavailable
from impl_django.conduit.outages import lost_database, outages_as_domain_errors


def _wrapped(cause: Exception, kind: type[DatabaseError] = OperationalError) -> DatabaseError:
    """``cause`` as Django raises it: its own class, the driver's error as the cause."""
    try:
        raise kind(str(cause)) from cause
    except DatabaseError as error:
        return error


@pytest.mark.parametrize(
    "cause",
    [
        psycopg.OperationalError("connection failed: Connection refused"),
        pg.ConnectionTimeout("connection timeout expired"),
        pg.AdminShutdown("terminating connection due to administrator command"),
    ],
)
def test_connection_failures_are_outages(cause: Exception) -> None:
    error = _wrapped(cause)
    assert lost_database(error)
    with pytest.raises(DatabaseUnavailable) as raised, outages_as_domain_errors():
        raise error
    assert raised.value.__cause__ is error


@pytest.mark.parametrize(
    "error",
    [
        _wrapped(pg.DeadlockDetected("deadlock detected")),
        _wrapped(pg.QueryCanceled("canceling statement due to statement timeout")),
        _wrapped(psycopg.DatabaseError("other"), DatabaseError),
        OperationalError("no driver error behind it"),
    ],
)
def test_statement_failures_stay_what_they_are(error: Exception) -> None:
    assert not lost_database(error)
    with pytest.raises(type(error)), outages_as_domain_errors():
        raise error


def test_an_answer_that_does_not_come_in_time_closes_the_connection(database_url: str) -> None:
    """The backend's psycopg, given ``answer_timeout``, makes connections that give up on an
    answer after that long (a statement keeping PostgreSQL busy stands for one whose answer was
    lost): a connection-level error, the connection closed."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs in the server's process: nothing to wait for")
    from impl_django.postgresql.base import AnsweringConnection, DatabaseWrapper  # noqa: PLC0415

    connection = DatabaseWrapper.Database.connect(database_url, answer_timeout=1)
    try:
        assert isinstance(connection, AnsweringConnection)
        started = time.monotonic()
        with pytest.raises(psycopg.OperationalError) as raised:
            connection.execute("SELECT pg_sleep(3)")
        assert time.monotonic() - started < 2.5
        assert connection.closed
        assert lost_database(_wrapped(raised.value))
    finally:
        connection.close()
    plain = DatabaseWrapper.Database.connect(database_url)
    with plain:
        assert not isinstance(plain, AnsweringConnection)
