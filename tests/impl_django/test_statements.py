"""Every operation sends the SQL ``docs/statement-budget.md`` allows, and nothing more."""

from __future__ import annotations

import httpx

from tests.statement_budget import count_django, measure, over_budget


def test_every_operation_keeps_to_the_statement_budget(django_app: object) -> None:
    transport = httpx.WSGITransport(app=django_app)  # type: ignore[arg-type]
    with (
        httpx.Client(transport=transport, base_url="http://testserver") as client,
        count_django() as log,
    ):
        sent = measure(client, log)
    assert over_budget(sent, "django") == []
