"""The drivers' connection failures, as the domain's ``DatabaseUnavailable``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from domain.errors import DatabaseUnavailable
from domain.outages import is_outage

# What asyncpg raises itself, unwrapped: a bound run out (connecting, or waiting for an
# answer: ``command_timeout``), a connection refused or broken under it.
_RAW_OUTAGES = (TimeoutError, OSError)


def lost_database(error: BaseException) -> bool:
    """True for an error of the connection to the database, not of a statement.

    SQLAlchemy marks an error that closed or broke its connection ``connection_invalidated``;
    a connection that could not be made at all (refused, timed out, database gone) is a
    driver's ``OperationalError`` (or ``InterfaceError``) that ``domain.outages`` classifies by
    its SQLSTATE (psycopg's and asyncpg's alike); asyncpg raises timeouts and socket errors
    as they are.
    """
    if isinstance(error, _RAW_OUTAGES):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if not hasattr(error.orig, "sqlstate"):  # SQLite's, which has no connection to lose
        return False
    sqlstate: str | None = getattr(error.orig, "sqlstate", None)
    return isinstance(error, OperationalError | InterfaceError) and is_outage(sqlstate)


@contextmanager
def outages_as_domain_errors() -> Iterator[None]:
    """Raise ``DatabaseUnavailable`` in place of a connection failure inside the block."""
    try:
        yield
    except (DBAPIError, *_RAW_OUTAGES) as error:
        if lost_database(error):
            raise DatabaseUnavailable() from error
        raise
