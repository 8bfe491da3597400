"""psycopg's connection failures, as the domain's ``DatabaseUnavailable``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.db import OperationalError

from domain.errors import DatabaseUnavailable
from domain.outages import is_outage


def lost_database(error: BaseException) -> bool:
    """True for an error of the connection to the database (refused, timed out, closed under
    the request), not of a statement; Django keeps the driver's error as the cause."""
    cause = error.__cause__
    return (
        isinstance(error, OperationalError)
        and isinstance(cause, psycopg.OperationalError)
        and is_outage(cause.sqlstate)
    )


@contextmanager
def outages_as_domain_errors() -> Iterator[None]:
    """Raise ``DatabaseUnavailable`` in place of a connection failure inside the block."""
    try:
        yield
    except OperationalError as error:
        if lost_database(error):
            raise DatabaseUnavailable() from error
        raise
