"""A sweep over users and database latency: one table per condition, the charts, and where each
variant stops scaling, read from the run's own figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import scaling
from bench.palette import colours
from bench.report_html import _sweep
from bench.reporting import write_reports
from bench.summary import condition_title
from tests.bench.test_report import HEADER, _stats_row

# (variant, users, latency, requests/s, server CPU %): flask computes all the time when the
# database is near and waits on its 8 threads when it is 2 ms away; fastapi keeps scaling.
FIGURES = [
    ("flask", 16, 0.0, 300.0, 97.0), ("flask", 128, 0.0, 310.0, 99.0),
    ("flask", 16, 2.0, 150.0, 40.0), ("flask", 128, 2.0, 155.0, 42.0),
    ("fastapi", 16, 0.0, 280.0, 90.0), ("fastapi", 128, 0.0, 290.0, 98.0),
    ("fastapi", 16, 2.0, 200.0, 60.0), ("fastapi", 128, 2.0, 260.0, 80.0),
]  # fmt: skip


def _run(root: Path, sequence: int, impl: str, users: int, latency: float, rps: float,
         cpu: float) -> None:  # fmt: skip
    label = f"u{users:04d}-l{latency:g}ms-r1-{impl}-api"
    folder = root / "runs" / label
    folder.mkdir(parents=True)
    rows = [HEADER, _stats_row("GET", "/api/tags", int(rps * 10), rps, 5.0, 40)]
    rows.append(_stats_row("", "Aggregated", int(rps * 10), rps, 5.0, int(users * 4 + latency)))
    (folder / "locust_stats.csv").write_text("\n".join(rows) + "\n")
    configuration = {"threads": 8} if impl == "flask" else {"mode": "async", "threads": 8}
    meta: dict[str, Any] = {
        "impl": impl, "round": 1, "users": users, "floor": False, "sequence": sequence,
        "label": label, "problems": [], "db_latency_ms": latency, "threads": None,
        "pool_size": None, "gate": {"passed": True}, "generator_busiest_percent": 30.0,
        "server": {"command": "serve", "measured": True, "workers": 1, "cpus": [1],
                   "configuration": configuration},
        "server_usage": {"cpu_percent": cpu, "peak_rss_bytes": 80 * 2**20},
        "other_cpu_percent": 1.0,
    }  # fmt: skip
    (folder / "run.json").write_text(json.dumps(meta))


@pytest.fixture
def summary(tmp_path: Path) -> dict[str, Any]:
    context = {
        "machine": {"cpu_model": "Test CPU", "cores": 2, "memory_bytes": 2**34, "python": "3.11"},
        "cpus": "server on CPU [1], Locust on CPU [0]",
        "versions": {}, "database": {"version": "PostgreSQL 15", "placement": "local"},
        "dataset": {"seed": 1, "rows": {"users": 10}, "seconds": 0.5},
        "options": {"scenario": "read", "duration": 10, "warmup": 2, "rounds": 1,
                    "users": [16, 128], "rate": None, "argon2": [2, 19456, 1],
                    "db_latencies": [0.0, 2.0]},
        "locust_command": "locust -f bench/locustfile.py",
    }  # fmt: skip
    (tmp_path / "context.json").write_text(json.dumps(context))
    for sequence, figures in enumerate(FIGURES):
        _run(tmp_path, sequence, *figures)
    found = write_reports(tmp_path)
    found["folder"] = tmp_path
    return found


def test_one_table_per_users_and_latency(summary: dict[str, Any]) -> None:
    assert list(summary["results"]) == ["16@0ms", "16@2ms", "128@0ms", "128@2ms"]
    assert condition_title(summary, "128@2ms") == "128 users, database +2 ms per round trip"
    assert summary["results"]["16@2ms"]["flask"]["requests_per_second"]["median"] == 150.0
    assert summary["results"]["16@2ms"]["flask"]["event_loop"] is False
    assert summary["results"]["16@2ms"]["fastapi"]["event_loop"] is True
    text = (summary["folder"] / "report.md").read_text()
    assert "### 128 users, database +2 ms per round trip" in text


def test_what_caps_each_variant_is_read_from_its_figures(summary: dict[str, Any]) -> None:
    found = scaling.findings(summary)
    assert len(found) == 4
    flask_near, flask_far, fastapi_near, fastapi_far = (
        next(s for s in found if s.startswith(f"**{name}**, {where}"))
        for name, where in [("flask", "+0 ms"), ("flask", "+2 ms"),
                            ("fastapi", "+0 ms"), ("fastapi", "+2 ms")]
    )  # fmt: skip
    assert "stops scaling at 16 users" in flask_near
    assert "capped by CPU" in flask_near
    assert "capped by its 8 threads" in flask_far
    assert "42% CPU of 100%" in flask_far
    assert "capped by CPU" in fastapi_near
    assert "still scaling at 128 users" in fastapi_far
    report = (summary["folder"] / "report.md").read_text()
    assert "## Where each variant stops scaling" in report
    assert "capped by its 8 threads" in (summary["folder"] / "report.html").read_text()


def test_the_sweep_draws_one_column_per_latency_with_one_colour_per_variant(
    summary: dict[str, Any],
) -> None:
    figure = _sweep(summary)
    assert figure is not None
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == [
        "requests/s, database +0 ms", "requests/s, database +2 ms",
        "p99 ms, database +0 ms", "p99 ms, database +2 ms",
    ]  # fmt: skip
    palette = colours(summary)
    for trace in figure.data:
        assert trace.line.color == palette[trace.name]
    flask = [trace for trace in figure.data if trace.name == "flask"]
    assert len(flask) == 4
    assert sum(bool(trace.showlegend) for trace in flask) == 1
    requests = [list(trace.y) for trace in flask][::2]  # each column's top chart
    assert requests == [[300.0, 310.0], [150.0, 155.0]]


def test_a_run_without_a_sweep_has_no_scaling_section() -> None:
    assert scaling.markdown({"conditions": {"16": {"users": 16, "db_latency_ms": None}},
                             "results": {"16": {}}}) == ""  # fmt: skip


def test_a_server_waiting_on_a_busy_machine_is_capped_by_the_machine_not_its_threads() -> None:
    crowded = scaling.Point(
        users=128, rps=200.0, p99_ms=900.0, server_cpu=78.0, capacity=100.0,
        generator_cpu=40.0, threads=8, pool_size=None, others_cpu=100.0, machine=200.0,
    )  # fmt: skip
    assert scaling._cause(crowded).startswith("the machine's CPUs")
    assert "178% of 200% busy" in scaling._cause(crowded)
    quiet = scaling.Point(
        users=128, rps=200.0, p99_ms=900.0, server_cpu=40.0, capacity=100.0,
        generator_cpu=40.0, threads=8, pool_size=None, others_cpu=60.0, machine=200.0,
    )  # fmt: skip
    assert scaling._cause(quiet).startswith("its 8 threads")
