"""Which database errors mean the database is out of reach, not that a statement failed.

Both storages run PostgreSQL through psycopg, which reports the failures of the client's own
connection (refused, timed out, closed under it) with no SQLSTATE; the server reports a broken
connection with class 08 and its own shutdown with 57P01-57P03. Each storage asks this of its
driver's ``OperationalError`` and raises ``DatabaseUnavailable`` for it. Deadlocks (40P01),
serialization failures (40001), cancelled statements (57014) and every other SQLSTATE are
faults of the request or of the code, and stay errors.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import Any, TypeVar

from domain.settings import DEFAULT_DATABASE_TIMEOUT_SECONDS

T = TypeVar("T")
WAIT_INTERVAL = 0.1  # how often psycopg's wait looks up from the socket: psycopg's own default

_CONNECTION_EXCEPTION_CLASS = "08"
_SHUTDOWNS = frozenset({"57P01", "57P02", "57P03"})  # admin, crash, cannot connect now


def is_outage(sqlstate: str | None) -> bool:
    """True when a connection-level error with this SQLSTATE (or none) means "unreachable"."""
    if sqlstate is None:
        return True
    return sqlstate.startswith(_CONNECTION_EXCEPTION_CLASS) or sqlstate in _SHUTDOWNS


def closed_by_server(fileno: int) -> bool:
    """Whether an idle connection's socket has something to read: the server has ended it.

    A connection between requests has nothing to read unless the server closed it (a restart,
    a terminated backend), so a zero-timeout ``poll`` tells without a round trip. Both storages
    use it to replace such a connection before a request's first statement.
    """
    poller = select.poll()
    poller.register(fileno, select.POLLIN)
    return bool(poller.poll(0))


def bounded_wait(
    wait: Callable[[float], T], close: Callable[[], object], timeout: float | None, bound: float
) -> T:
    """``wait(limit)``, a driver's wait for the server's next answer, given ``bound`` seconds
    unless the driver names a ``timeout`` of its own (psycopg does, while cancelling).

    A database that stops answering in the middle of a statement (a host frozen, a network
    that holds the bytes) would otherwise hold the request, its thread and its connection for
    good; no server-side setting helps when the answers never arrive. A wait that runs out its
    bound leaves the connection in the middle of an exchange: it is closed, so that the storage
    reads the driver's error as a lost connection (503), and the connection is never used
    again. Both storages' psycopg connections wait through this.
    """
    if timeout is not None:
        return wait(timeout)
    started = time.monotonic()
    try:
        return wait(bound)
    except Exception:
        if time.monotonic() - started >= bound:
            close()
        raise


# The connection option, beside the driver's own, that names ``answer_timeout``: taken out by
# ``BoundedAnswers.connect_answering`` before the driver sees the rest.
ANSWER_TIMEOUT = "answer_timeout"


class BoundedAnswers:
    """A psycopg connection class's ``wait`` through ``bounded_wait``, for both storages:
    ``class AnsweringConnection(BoundedAnswers, psycopg.Connection[Any])``. Each wait for an
    answer lasts ``answer_timeout`` seconds at most; one that runs out closes the connection.
    """

    answer_timeout: float = DEFAULT_DATABASE_TIMEOUT_SECONDS

    @classmethod
    def connect_answering(cls, args: Any, options: dict[str, Any]) -> Any:
        """A connection of this class from the driver's ``args`` and ``options``, bounded by
        ``options[ANSWER_TIMEOUT]`` (taken out); ``None`` when the options name no bound."""
        seconds = options.pop(ANSWER_TIMEOUT, None)
        if seconds is None:
            return None
        connection = cls.connect(*args, **options)  # type: ignore[attr-defined]  # psycopg's
        connection.answer_timeout = float(seconds)
        return connection

    def wait(self, gen: Any, interval: float = WAIT_INTERVAL, timeout: float | None = None) -> Any:
        driver_wait = super().wait  # type: ignore[misc]  # psycopg's, next in the class's order
        close = self.close  # type: ignore[attr-defined]
        return bounded_wait(
            lambda limit: driver_wait(gen, interval, limit), close, timeout, self.answer_timeout
        )
