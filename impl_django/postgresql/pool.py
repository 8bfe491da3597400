"""A pool of connections for Django on ASGI, in the shape Django's ``OPTIONS["pool"]`` uses
(``open``, ``getconn``, ``putconn``, ``close``) but making each connection in the request that
needs one, as SQLAlchemy's pool does.

psycopg's own pool makes connections in the background: while the database refuses them, a
request waits out the whole timeout, and once it is back, the pool tries again only after a
growing pause. Here a request finds an idle connection (checked by a socket poll, no query), or
connects itself at once: a refused database is a prompt 503 and its return is served by the
next request. At most ``max_size`` connections are in use at once; a request that finds them
all taken waits ``timeout`` seconds for one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from domain.outages import ANSWER_TIMEOUT, BoundedAnswers, closed_by_server


class PooledConnection(BoundedAnswers, psycopg.Connection[Any]):
    """A connection of the pool, waiting ``answer_timeout`` seconds at most for each answer."""


class PoolTimeout(psycopg.OperationalError):
    """Every connection stayed in use for as long as a request may wait for one."""


class RequestPool:
    """Idle connections kept for the next request, up to ``max_size`` in use at once."""

    def __init__(
        self,
        *,
        kwargs: dict[str, Any],
        configure: Callable[[psycopg.Connection[Any]], object],
        max_size: int,
        timeout: float,
    ) -> None:
        self.kwargs = dict(kwargs)
        self.answer_timeout = float(self.kwargs.pop(ANSWER_TIMEOUT, BoundedAnswers.answer_timeout))
        self.configure = configure
        self.max_size = max_size
        self.timeout = timeout
        self._idle: list[PooledConnection] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_size)

    def open(self) -> None:
        """Nothing to open: connections are made as requests need them."""

    def getconn(self) -> PooledConnection:
        if not self._slots.acquire(timeout=self.timeout):
            raise PoolTimeout(f"all {self.max_size} connections stayed in use")
        try:
            return self._idle_connection() or self._connect()
        except BaseException:
            self._slots.release()
            raise

    def putconn(self, connection: PooledConnection) -> None:
        """Take back a connection: kept if it is idle and open, closed otherwise."""
        try:
            if connection.closed or connection.info.transaction_status != TransactionStatus.IDLE:
                connection.close()
            else:
                with self._lock:
                    self._idle.append(connection)
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _idle_connection(self) -> PooledConnection | None:
        """The most recently used idle connection that the server has not closed."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                connection = self._idle.pop()
            if not connection.closed and not closed_by_server(connection.fileno()):
                return connection
            connection.close()

    def _connect(self) -> PooledConnection:
        connection = PooledConnection.connect(**self.kwargs)
        connection.answer_timeout = self.answer_timeout
        self.configure(connection)
        connection._pool = self  # type: ignore[assignment, unused-ignore]  # where Django gives it back
        return connection
