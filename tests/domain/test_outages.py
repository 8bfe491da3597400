"""Only connection-level SQLSTATEs (or none, the client's own failures) mean an outage."""

from __future__ import annotations

import pytest

from domain.outages import is_outage


@pytest.mark.parametrize(
    "sqlstate",
    [None, "08000", "08001", "08003", "08006", "57P01", "57P02", "57P03"],
)
def test_connection_failures_are_outages(sqlstate: str | None) -> None:
    assert is_outage(sqlstate)


@pytest.mark.parametrize(
    "sqlstate",
    ["40P01", "40001", "57014", "23505", "42P01", "XX000", "0A000", "80000"],
)
def test_statement_failures_are_not(sqlstate: str) -> None:
    assert not is_outage(sqlstate)
