"""``python -m bench compare`` options: defaults, sweeps, targets, workers and refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.cell import server_command
from bench.options import DEFAULT_POSTGRES_URL, parse_compare
from bench.plan import Condition, Run

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
        (["--db-latency", "1"], "--db-latency needs PostgreSQL"),
    ],
)
def test_refusals_say_why(argv: list[str], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_compare(argv, AVAILABLE, NOW)


def test_nothing_to_compare_is_refused() -> None:
    with pytest.raises(ValueError, match="nothing to compare"):
        parse_compare([], [], NOW)


@pytest.mark.parametrize(
    "argv",
    [
        ["--users", "8,x"], ["--users", "0"], ["--rounds", "0"], ["--db-latency", "-1"],
        ["--db-latency", "1,x"], ["--threads", "0"], ["--pool-size", "x"],
    ],
)  # fmt: skip
def test_malformed_numbers_stop_the_parser(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_compare(argv, AVAILABLE, NOW)


def test_latency_threads_and_pool_sizes_are_axes_of_the_sweep() -> None:
    argv = ["--db", "postgres", "--db-latency", "0,0.5ms,2", "--users", "16,128",
            "--threads", "8,32", "--pool-size", "20"]  # fmt: skip
    options = parse_compare(argv, AVAILABLE, NOW)
    assert options.db_latencies == [0.0, 0.5, 2.0]
    assert options.threads == [8, 32]
    assert options.pool_sizes == [20]
    assert len(options.sweep) == 2 * 3 * 2 * 1
    assert options.sweep[0] == Condition(16, 0.0, 8, 20)
    assert options.sweep[-1] == Condition(128, 2.0, 32, 20)


def test_direct_names_the_database_without_the_proxy_beside_latencies() -> None:
    options = parse_compare(["--db", "postgres", "--db-latency", "direct,0"], AVAILABLE, NOW)
    assert options.db_latencies == [None, 0.0]
    assert [condition.db_latency_ms for condition in options.sweep] == [None, 0.0]


def test_without_the_axes_every_server_runs_as_served_on_the_database_itself() -> None:
    options = parse_compare(["--db", "postgres"], AVAILABLE, NOW)
    assert options.sweep == [Condition(16)]
    assert options.sweep[0].db_latency_ms is None


def test_a_run_s_knob_reaches_its_serve_command() -> None:
    threaded = server_command("flask", Run("flask", 1, 16, threads=32), 8000, 1)
    assert threaded[-2:] == ["--threads", "32"]
    looped = server_command("django-asgi", Run("django-asgi", 1, 16, pool_size=40), 8000, 1)
    assert looped[-2:] == ["--pool-size", "40"]
    assert "--mode" in looped
    plain = server_command("flask", Run("flask", 1, 16), 8000, 1)
    assert "--threads" not in plain
    assert "--pool-size" not in plain
