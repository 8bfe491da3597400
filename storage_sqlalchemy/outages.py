"""The drivers' connection failures, as the domain's ``DatabaseUnavailable``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.exc import DBAPIError

from domain.errors import DatabaseUnavailable
from domain.outages import is_outage


def lost_database(error: BaseException) -> bool:
    """True for an error of the connection to the database, not of a statement.

    SQLAlchemy marks an error that closed or broke its connection ``connection_invalidated``;
    a connection that could not be made at all (refused, timed out, database gone) is a
    psycopg ``OperationalError`` that ``domain.outages`` classifies.
    """
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    cause = error.orig
    return isinstance(cause, psycopg.OperationalError) and is_outage(cause.sqlstate)


@contextmanager
def outages_as_domain_errors() -> Iterator[None]:
    """Raise ``DatabaseUnavailable`` in place of a connection failure inside the block."""
    try:
        yield
    except DBAPIError as error:
        if lost_database(error):
            raise DatabaseUnavailable() from error
        raise
