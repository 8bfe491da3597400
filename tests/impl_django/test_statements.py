"""Every operation sends the SQL ``docs/statement-budget.md`` allows, and nothing more: in
either mode, to the same budget (on ASGI each request's statements go through a connection of
its own, made on the request's own thread)."""

from __future__ import annotations

import httpx

from tests.statement_budget import count_django, measure, over_budget


def test_every_operation_keeps_to_the_statement_budget(client: httpx.Client) -> None:
    with count_django() as log:
        sent = measure(client, log)
    assert over_budget(sent, "django") == []
