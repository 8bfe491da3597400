"""``DATABASE_URL`` as Django's ``DATABASES`` entry, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from domain.outages import ANSWER_TIMEOUT
from domain.settings import DEFAULT_DATABASE_TIMEOUT_SECONDS, SettingsError

SQLITE_BUSY_TIMEOUT_SECONDS = 10
# Each server thread keeps its connection across requests. Before a request's first statement
# the connection is checked by a poll of its socket, not a query (``impl_django.postgresql``):
# one the server closed meanwhile is replaced; one that breaks during a request is closed at
# its end, and the next request connects afresh.
PERSISTENT_CONNECTIONS = {"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}
# On ASGI each request's blocking steps run on a thread of their own (asgiref's thread-sensitive
# mode), which ends with the request: a connection kept by it would be lost, so each request's
# connection is closed at its end. On PostgreSQL it is taken from, and given back to, a pool of
# open connections (``impl_django.postgresql.pool``), checked as it is handed out by the same
# socket poll. At most 20 are in use at once, as many as the async SQLAlchemy storage's two
# engines hold together; a request finding them all taken waits up to 30 seconds for one, as
# SQLAlchemy's pool does (``DATABASE_TIMEOUT`` bounds the database, not this queue).
POOL_SIZE = 20
POOL_WAIT_SECONDS = 30
POOL = {"max_size": POOL_SIZE, "timeout": POOL_WAIT_SECONDS}
PER_REQUEST_CONNECTIONS = {"CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False}


class UnsupportedDatabaseURL(SettingsError):
    """A URL of a database engine the project does not run on."""


def database_settings(
    url: str,
    *,
    timeout: int = DEFAULT_DATABASE_TIMEOUT_SECONDS,
    pooled: bool = False,
    pool_size: int | None = None,
) -> dict[str, Any]:
    """``sqlite:///relative/path``, ``sqlite:////absolute/path`` or ``postgresql://...``;
    ``pooled``: for ASGI, a connection per request (from a pool of ``pool_size``, default
    ``POOL_SIZE``, on PostgreSQL).

    A PostgreSQL connection may take ``timeout`` seconds to be made (a URL's own
    ``?connect_timeout=N`` wins) and as long for each answer, after which the request is
    answered 503: the same bounds as storage_sqlalchemy's (``DATABASE_TIMEOUT``).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme == "sqlite":
        database = _sqlite(unquote(url.split(":///", 1)[1]) if ":///" in url else ":memory:")
        return {**database, "CONN_MAX_AGE": 0} if pooled else database
    if scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "impl_django.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": {
                "connect_timeout": timeout,
                ANSWER_TIMEOUT: timeout,
                **dict(parse_qsl(parts.query)),
                **(
                    {"pool": {"max_size": pool_size or POOL_SIZE, "timeout": POOL_WAIT_SECONDS}}
                    if pooled
                    else {}
                ),
            },
            **(PER_REQUEST_CONNECTIONS if pooled else PERSISTENT_CONNECTIONS),
        }
    raise UnsupportedDatabaseURL(f"DATABASE_URL must be sqlite:// or postgresql://, not {scheme}")


def _sqlite(path: str) -> dict[str, Any]:
    """WAL, a busy timeout, and write transactions that take the lock up front."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path or ":memory:",
        "CONN_MAX_AGE": 60,
        "OPTIONS": {
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode = WAL;",
        },
    }
