"""Only psycopg's connection failures, behind Django's ``OperationalError``, are outages."""

from __future__ import annotations

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
