"""Every operation sends the SQL ``docs/statement-budget.md`` allows, and nothing more."""

from __future__ import annotations

from contextlib import ExitStack

import httpx
import pytest

from contract_tests.support.targets import app_transport
from domain.passwords import Argon2Cost
from domain.settings import Settings
from impl_fastapi import MODES
from impl_fastapi.app import create_app
from storage_sqlalchemy.migrate import migrate
from tests.statement_budget import count_sqlalchemy, measure, over_budget

CHEAP = Argon2Cost(time_cost=1, memory_cost_kib=8, parallelism=1)


@pytest.mark.parametrize("mode", MODES)
def test_every_operation_keeps_to_the_statement_budget(database_url: str, mode: str) -> None:
    """On the event loop (asyncpg, aiosqlite) as in the thread pool (psycopg, sqlite3)."""
    migrate(database_url)
    settings = Settings(database_url=database_url, secret_key="s" * 40, argon2=CHEAP)
    app = create_app(settings, mode=mode)
    log = count_sqlalchemy(app.state.engine, app.state.reading_engine)
    with ExitStack() as stack:
        transport = app_transport(app, stack)
        with httpx.Client(transport=transport, base_url="http://testserver") as client:
            sent = measure(client, log)
    assert over_budget(sent, "sqlalchemy") == []
