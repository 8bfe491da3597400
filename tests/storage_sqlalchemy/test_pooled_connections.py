"""Pooled PostgreSQL connections: no liveness query per checkout, yet a closed one is replaced."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage_sqlalchemy.engine import engine_setup, make_engine


def test_no_pre_ping_and_old_connections_are_recycled() -> None:
    _url, options = engine_setup("postgresql://postgres@127.0.0.1:5432/triptych")
    assert "pool_pre_ping" not in options
    assert options["pool_recycle"] > 0


def test_a_connection_the_server_closed_is_replaced_at_checkout(
    request: pytest.FixtureRequest, database_url: str
) -> None:
    if request.config.getoption("--db") != "postgres":
        pytest.skip("pooled server connections are PostgreSQL's")
    engine, admin = make_engine(database_url), make_engine(database_url)
    try:
        with engine.connect() as connection:
            first = connection.scalar(text("SELECT pg_backend_pid()"))
        with admin.connect() as other:  # terminate it, and wait until its backend has gone
            other.execute(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": first})
        with engine.connect() as connection:  # the pooled one is closed: a new one, no error
            second = connection.scalar(text("SELECT pg_backend_pid()"))
        assert second != first
    finally:
        engine.dispose()
        admin.dispose()
