"""Engines from the database URLs users write, set up alike on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long a new PostgreSQL connection may take before the request is answered 503; a URL's
# own ``?connect_timeout=N`` wins.
CONNECT_TIMEOUT_SECONDS = 5


def sqlalchemy_url(database_url: str) -> URL:
    """``postgres://`` and ``postgresql://`` become psycopg 3 URLs; SQLite stays as it is."""
    url = make_url(database_url)
    if url.drivername in {"postgres", "postgresql"}:
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(database_url: str) -> Engine:
    """An engine for ``database_url``; SQLite gets foreign keys, WAL and write-ahead locking."""
    url, options = engine_setup(database_url)
    engine = create_engine(url, **options)
    configure_engine(engine)
    return engine


def engine_setup(database_url: str) -> tuple[URL, dict[str, Any]]:
    """The URL and the ``create_engine`` options for ``database_url``, for any engine factory.

    A SQLite file's path is made absolute (the same file, whatever reads the URL later) and its
    directory is created. A PostgreSQL connection gives up after ``CONNECT_TIMEOUT_SECONDS``
    (unless the URL says otherwise), and pooled connections are checked before use, so a lost
    database is noticed on the next request and a returning one without a restart.
    """
    url = sqlalchemy_url(database_url)
    if url.get_backend_name() != "sqlite":
        own_timeout = "connect_timeout" in url.query
        timeout = {} if own_timeout else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
        return url, {
            "pool_size": 10,
            "max_overflow": 20,
            "pool_pre_ping": True,
            "connect_args": timeout,
        }
    if url.database and url.database != ":memory:":
        path = Path(url.database).absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = url.set(database=str(path))
    return url, {"connect_args": {"check_same_thread": False}}


def configure_engine(engine: Engine) -> None:
    """Set up a new engine's connections; on SQLite, see ``configure_sqlite``."""
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)


def configure_sqlite(engine: Engine) -> None:
    """Let SQLAlchemy own transactions (savepoints work) and take the write lock up front.

    pysqlite starts transactions itself and only before writes; a transaction that reads and
    then writes could then fail at once under concurrent writers. ``BEGIN IMMEDIATE`` waits
    for the lock instead.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
