"""``ENGINE: impl_django.postgresql``: Django's PostgreSQL backend, checked without a query.

With ``CONN_HEALTH_CHECKS`` on, Django asks ``is_usable()`` of a persistent connection before a
request's first statement; the stock backend sends ``SELECT 1``. Here a poll of the socket
answers instead (``domain.outages.closed_by_server``), so a connection the server closed
between requests (a restart, a terminated backend) is replaced, and a healthy one costs nothing.
"""

from __future__ import annotations

from django.db.backends.postgresql import base

from domain.outages import closed_by_server


class DatabaseWrapper(base.DatabaseWrapper):
    """The stock wrapper, with a health check by socket poll."""

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        return not closed_by_server(connection.fileno())
