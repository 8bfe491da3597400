"""Only connection-level SQLSTATEs (or none, the client's own failures) mean an outage; a
driver's wait for an answer is bounded, and one that runs out closes its connection."""

from __future__ import annotations

import time

import pytest

from domain.outages import bounded_wait, is_outage


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


class Connection:
    """What ``bounded_wait`` is handed: a driver's wait that answers, fails or times out."""

    def __init__(self, *, answer_after: float | None = None, error: Exception | None = None):
        self.answer_after, self.error = answer_after, error
        self.limits: list[float] = []
        self.closed = False

    def wait(self, limit: float) -> str:
        self.limits.append(limit)
        if self.error is not None:
            raise self.error
        if self.answer_after is None or self.answer_after > limit:
            time.sleep(limit)
            raise TimeoutError("wait timeout expired")
        return "answer"

    def close(self) -> None:
        self.closed = True


def test_an_answer_within_the_bound_is_returned() -> None:
    connection = Connection(answer_after=0.0)
    assert bounded_wait(connection.wait, connection.close, None, 5.0) == "answer"
    assert (connection.limits, connection.closed) == ([5.0], False)


def test_a_wait_that_runs_out_its_bound_closes_the_connection() -> None:
    connection = Connection()
    with pytest.raises(TimeoutError):
        bounded_wait(connection.wait, connection.close, None, 0.05)
    assert (connection.limits, connection.closed) == ([0.05], True)


def test_an_error_before_the_bound_leaves_the_connection_open() -> None:
    connection = Connection(error=ValueError("duplicate key"))
    with pytest.raises(ValueError, match="duplicate key"):
        bounded_wait(connection.wait, connection.close, None, 5.0)
    assert connection.closed is False


def test_the_driver_s_own_timeout_is_kept() -> None:
    connection = Connection(answer_after=0.0)
    assert bounded_wait(connection.wait, connection.close, 30.0, 5.0) == "answer"
    assert connection.limits == [30.0]
