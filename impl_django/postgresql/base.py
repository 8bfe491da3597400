"""``ENGINE: impl_django.postgresql``: Django's PostgreSQL backend, checked without a query, its
answers awaited for a bounded time.

With ``CONN_HEALTH_CHECKS`` on, Django asks ``is_usable()`` of a persistent connection before a
request's first statement; the stock backend sends ``SELECT 1``. Here a poll of the socket
answers instead (``domain.outages.closed_by_server``), so a connection the server closed
between requests (a restart, a terminated backend) is replaced, and a healthy one costs nothing.

The option ``answer_timeout`` (``impl_django.database_url``) makes each connection an
``AnsweringConnection``: a statement whose answer does not come within that many seconds fails
as a lost connection, and the connection is closed, so Django drops it after the request.

With the option ``pool`` (on ASGI), psycopg's pool makes the connections, of the same class,
and checks each by the same poll as it hands it out.
"""

from __future__ import annotations

import types
from typing import Any

import psycopg
from django.db.backends.postgresql import base

from domain.outages import ANSWER_TIMEOUT, BoundedAnswers, closed_by_server


class AnsweringConnection(BoundedAnswers, psycopg.Connection[Any]):
    """psycopg's connection, waiting ``answer_timeout`` seconds at most for each answer, then
    closed (``domain.outages.bounded_wait``)."""


class PooledConnection(AnsweringConnection):
    """An ``AnsweringConnection`` as psycopg's pool makes it: the pool hands ``connect`` every
    option, ``answer_timeout`` among them."""

    @classmethod
    def connect(cls, *args: Any, **kwargs: Any) -> PooledConnection:
        seconds = kwargs.pop(ANSWER_TIMEOUT, None)
        connection = super().connect(*args, **kwargs)
        if seconds is not None:
            connection.answer_timeout = float(seconds)
        return connection


def still_open(connection: psycopg.Connection[Any]) -> None:
    """The pool's check of a connection it hands out: one the server closed is replaced."""
    if connection.closed or closed_by_server(connection.fileno()):
        raise psycopg.OperationalError("the server closed the connection")


class _Psycopg(types.ModuleType):
    """psycopg as Django's wrapper calls it, with ``connect`` making an ``AnsweringConnection``
    when the options name an ``answer_timeout``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(psycopg, name)

    @staticmethod
    def connect(*args: Any, **kwargs: Any) -> psycopg.Connection[Any]:
        bounded = AnsweringConnection.connect_answering(args, kwargs)
        return bounded if bounded is not None else psycopg.connect(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    """The stock wrapper, with a health check by socket poll and bounded answers."""

    Database = _Psycopg("psycopg")

    @property
    def pool(self) -> Any:
        """Django's pool of connections (``OPTIONS["pool"]``), of ``PooledConnection``s checked
        by ``still_open`` as they are handed out, where Django's would send a query."""
        options = self.settings_dict["OPTIONS"].get("pool")
        pools: dict[str, Any] = self._connection_pools  # type: ignore[attr-defined]  # Django's
        if options and self.alias not in pools:
            from psycopg_pool import ConnectionPool  # noqa: PLC0415 - ASGI only

            connect = {**self.get_connection_params(), "autocommit": True}  # as Django's
            pool = ConnectionPool(
                kwargs=connect,
                open=False,
                configure=self._configure_connection,  # type: ignore[attr-defined]
                check=still_open,
                connection_class=PooledConnection,
                **({} if options is True else options),
            )
            pools.setdefault(self.alias, pool)
        return super().pool

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        return not closed_by_server(connection.fileno())
