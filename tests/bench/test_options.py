"""``python -m bench compare`` options: defaults, sweeps, targets, workers and refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.options import DEFAULT_POSTGRES_URL, parse_compare

AVAILABLE = ["django", "fastapi", "flask"]
NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_defaults_compare_everything_on_sqlite_cheaply() -> None:
    options = parse_compare([], AVAILABLE, NOW)
    assert options.impls == AVAILABLE
    assert options.db == "sqlite"
    assert options.scenario == "mixed"
    assert options.users == [16]
    assert options.rounds == 1
    assert options.workers_for("fastapi") == 1
    assert options.rate is None
    assert options.gate == "quick"
    assert options.floors
    assert options.out.parts[-3:] == ("bench", "results", "20260304T050607Z")
    assert options.warmup + options.duration + options.floor_duration <= 40


def test_a_sweep_and_a_subset() -> None:
    options = parse_compare(
        ["--impls", "flask,fastapi", "--users", "8,32,128", "--rounds", "3"], AVAILABLE, NOW
    )
    assert options.impls == ["flask", "fastapi"]
    assert options.users == [8, 32, 128]
    assert options.rounds == 3


def test_targets_workers_rate_and_database() -> None:
    options = parse_compare(
        [
            "--target", "go=http://127.0.0.1:9000", "--target", "rails=http://127.0.0.1:9001",
            "--workers", "2", "--workers", "django=3", "--rate", "50", "--db", "postgres",
            "--out", "out/x", "--locust-workers", "2", "--duration", "30s",
        ],
        AVAILABLE,
        NOW,
    )  # fmt: skip
    assert options.targets == {"go": "http://127.0.0.1:9000", "rails": "http://127.0.0.1:9001"}
    assert options.workers_for("django") == 3
    assert options.workers_for("flask") == 2
    assert options.rate == 50
    assert options.db == DEFAULT_POSTGRES_URL
    assert options.out == Path("out/x")
    assert options.locust_workers == 2
    assert options.duration == 30
    assert options.floor_duration == 15


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--impls", "rails"], "no implementation"),
        (["--target", "fastapi=http://x"], "implementations' names"),
        (["--target", "nourl"], "NAME=VALUE"),
        (["--db", "mysql://x"], "--db must be"),
        (["--rate", "-1"], "--rate must be positive"),
    ],
)
def test_refusals_say_why(argv: list[str], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_compare(argv, AVAILABLE, NOW)


def test_nothing_to_compare_is_refused() -> None:
    with pytest.raises(ValueError, match="nothing to compare"):
        parse_compare([], [], NOW)


@pytest.mark.parametrize("argv", [["--users", "8,x"], ["--users", "0"], ["--rounds", "0"]])
def test_malformed_numbers_stop_the_parser(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_compare(argv, AVAILABLE, NOW)
