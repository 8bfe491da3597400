"""``ENGINE: impl_django.postgresql``: Django's PostgreSQL backend, checked without a query, its
answers awaited for a bounded time.

With ``CONN_HEALTH_CHECKS`` on, Django asks ``is_usable()`` of a persistent connection before a
request's first statement; the stock backend sends ``SELECT 1``. Here a poll of the socket
answers instead (``domain.outages.closed_by_server``), so a connection the server closed
between requests (a restart, a terminated backend) is replaced, and a healthy one costs nothing.

The option ``answer_timeout`` (``impl_django.database_url``) makes each connection an
``AnsweringConnection``: a statement whose answer does not come within that many seconds fails
as a lost connection, and the connection is closed, so Django drops it after the request.

With the option ``pool`` (on ASGI), a request's connection comes from a pool of bounded
connections, checked by the same poll as they are handed out (``impl_django.postgresql.pool``).
"""

from __future__ import annotations

import types
from typing import Any

import psycopg
from django.db.backends.postgresql import base

from domain.outages import BoundedAnswers, closed_by_server


class AnsweringConnection(BoundedAnswers, psycopg.Connection[Any]):
    """psycopg's connection, waiting ``answer_timeout`` seconds at most for each answer, then
    closed (``domain.outages.bounded_wait``)."""


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
        """The pool of ``OPTIONS["pool"]`` (on ASGI): a ``RequestPool``
        (``impl_django.postgresql.pool``) where Django would make psycopg's."""
        options = self.settings_dict["OPTIONS"].get("pool")
        pools: dict[str, Any] = self._connection_pools  # type: ignore[attr-defined]  # Django's
        if options and self.alias not in pools:
            from impl_django.postgresql.pool import RequestPool  # noqa: PLC0415 - ASGI only

            connect = {**self.get_connection_params(), "autocommit": True}  # as Django's
            pool = RequestPool(
                kwargs=connect,
                configure=self._configure_connection,  # type: ignore[attr-defined]
                **options,
            )
            pools.setdefault(self.alias, pool)
        return super().pool

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        return not closed_by_server(connection.fileno())
