"""``python -m bench endpoints``: the plan, the options, the commands, and the table built from
raw files, without any load."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bench.__main__ import main
from bench.discovery import PROJECT_ROOT
from bench.endpoints import BLOCKING_FLOOR, ENDPOINTS, FLOOR, KIND
from bench.endpoints.plan import plan
from bench.endpoints.run import EndpointBench
from bench.generator import locust_command, worker_command
from bench.options import parse_endpoints
from bench.plan import Run, conditions
from bench.report_endpoints import endpoints_table, share_table, write_endpoint_reports

AVAILABLE = ["django", "fastapi", "flask"]
NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
TO = "\N{EN DASH}"  # between a minimum and a maximum
KEYS = [endpoint.key for endpoint in ENDPOINTS]
HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)


# -- plan ------------------------------------------------------------------------------------


def test_each_serving_loads_the_four_endpoints_then_the_floor_is_served_alone_on_both_views() -> (
    None
):
    servings = plan(["a", "b"], 2, conditions([32]), with_floor={"a", "b"})
    assert [(s.server.impl, s.server.round, s.server.floor) for s in servings] == [
        ("a", 1, False), ("a", 1, True), ("b", 1, False), ("b", 1, True),
        ("b", 2, False), ("b", 2, True), ("a", 2, False), ("a", 2, True),
    ]  # fmt: skip
    api, floor = servings[0], servings[1]
    assert [load.endpoint for load in api.loads] == KEYS
    assert [load.endpoint for load in floor.loads] == [FLOOR, BLOCKING_FLOOR]
    assert all(load.users == 32 and load.impl == "a" for load in api.loads + floor.loads)


def test_a_framework_without_a_floor_is_served_once_per_round() -> None:
    servings = plan(["a", "target"], 1, conditions([8]), with_floor={"a"})
    assert [(s.server.impl, s.server.floor) for s in servings] == [
        ("a", False), ("a", True), ("target", False),
    ]  # fmt: skip


def test_every_load_has_its_own_folder_name() -> None:
    servings = plan(["a", "b"], 2, conditions([8]), with_floor={"a", "b"})
    labels = [load.label for serving in servings for load in serving.loads]
    assert len(set(labels)) == len(labels)
    assert Run("a", 1, 8, endpoint="tags").label == "u0008-r1-a-api-tags"
    assert Run("a", 1, 8).label == "u0008-r1-a-api"  # compare's labels stay as they were


# -- options ---------------------------------------------------------------------------------


def test_defaults_load_32_users_and_measure_the_floor_as_long_as_an_endpoint() -> None:
    options = parse_endpoints([], AVAILABLE, NOW)
    assert options.impls == AVAILABLE
    assert options.users == [32]
    assert options.floors
    assert options.floor_duration == options.duration
    assert options.footprint == "off"
    assert not options.profile
    assert options.rate is None
    assert options.out.parts[-3:] == ("bench", "results", "20260304T050607Z-endpoints")


def test_compare_s_options_apply() -> None:
    options = parse_endpoints(
        [
            "--impl", "flask", "--db", "postgres", "--users", "16", "--duration", "30",
            "--rounds", "3", "--workers", "2", "--dataset-scale", "0.5", "--out", "x",
        ],
        AVAILABLE,
        NOW,
    )  # fmt: skip
    assert options.impls == ["flask"]
    assert options.database_kind == "postgresql"
    assert (options.users, options.duration, options.floor_duration) == ([16], 30, 30)
    assert options.rounds == 3
    assert options.workers_for("flask") == 2
    assert options.dataset_scale == 0.5
    assert options.out == Path("x")


@pytest.mark.parametrize(
    "argv", [["--users", "8,32"], ["--scenario", "read"], ["--rate", "5"], ["--profile"]]
)
def test_what_makes_no_sense_for_single_endpoints_is_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_endpoints(argv, AVAILABLE, NOW)


def test_an_unknown_implementation_is_refused() -> None:
    with pytest.raises(ValueError, match="no implementation"):
        parse_endpoints(["--impl", "rails"], AVAILABLE, NOW)


# -- the Locust commands ---------------------------------------------------------------------


def test_each_endpoint_runs_its_own_user_class_and_the_floor_its_locustfile() -> None:
    options = parse_endpoints(["--out", "x"], AVAILABLE, NOW)
    bench = EndpointBench(options)

    def command(run: Run) -> list[str]:
        return locust_command(options, run, "http://h", Path("p"), None, bench.user_classes(run))

    def worker(run: Run) -> list[str]:
        return worker_command(options, run, 5557, bench.user_classes(run))

    for endpoint in ENDPOINTS:
        run = Run("fastapi", 1, 32, endpoint=endpoint.key)
        built = command(run)
        assert built[built.index("-f") + 1].endswith("bench/endpoints/locustfile.py")
        assert built[-1] == endpoint.user_class
        assert "--tags" not in built
        assert "--user-rate" not in built
        assert built[built.index("--users") + 1] == "32"
        assert worker(run)[-1] == endpoint.user_class
    floor = command(Run("fastapi", 1, 32, True, FLOOR))
    assert floor[floor.index("-f") + 1].endswith("bench/floors/locustfile.py")
    assert floor[floor.index("--run-time") + 1] == "20s"
    assert floor[-1] == "FloorUser"
    blocking = Run("fastapi", 1, 32, True, BLOCKING_FLOOR)
    built = command(blocking)
    assert built[built.index("-f") + 1].endswith("bench/floors/locustfile.py")
    assert built[-1] == "BlockingFloorUser"
    assert worker(blocking)[-1] == "BlockingFloorUser"


def test_the_generator_is_told_the_slugs_and_the_token() -> None:
    bench = EndpointBench(parse_endpoints(["--out", "x"], AVAILABLE, NOW))
    bench.token = "signed"
    env = bench.generator_environment()
    assert env["BENCH_TOKEN"] == "signed"
    assert env["BENCH_SLUGS_FILE"] == str(Path("x") / "slugs.txt")
    assert env["BENCH_USERNAME"] == "reader1"


def test_the_locustfile_defines_one_user_class_per_endpoint() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "locust", "-f", "bench/endpoints/locustfile.py", "--list"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    names = {line.strip() for line in listed.stdout.splitlines()[1:] if line.strip()}
    assert names == {endpoint.user_class for endpoint in ENDPOINTS}


# -- summary and table from raw files --------------------------------------------------------


def _stats(folder: Path, name: str, rps: float, p50: int, p99: int, failures: int = 0) -> None:
    requests = int(rps * 10)
    row = (
        f"{{type}},{{name}},{requests},{failures},{p50},{p50 + 0.5},1,{p99 + 5},100,{rps},0.0,"
        f"{p50},1,1,1,{p99 - 1},1,1,{p99},1,1,{p99 + 5}"
    )
    text = "\n".join(
        [HEADER, row.format(type="GET", name=name), row.format(type="", name="Aggregated")]
    )
    (folder / "locust_stats.csv").write_text(text + "\n")


def _serving(root: Path, sequence: int, impl: str, number: int, rps: dict[str, float]) -> None:
    """A serving of ``impl`` in round ``number`` whose loads reached ``rps`` (key: endpoint)."""
    floor = FLOOR in rps
    server = Run(impl, number, 8, floor=floor)
    folder = root / "runs" / server.label
    folder.mkdir(parents=True)
    meta: dict[str, Any] = {
        "impl": impl, "round": number, "users": 8, "floor": floor, "endpoint": "",
        "sequence": sequence, "label": server.label, "problems": [],
        "server": {"command": f"python -m impl_{impl} serve", "measured": True},
    }  # fmt: skip
    if not floor:
        meta["gate"] = {"passed": True}
    (folder / "run.json").write_text(json.dumps(meta))
    for key, value in rps.items():
        load = folder / key
        load.mkdir()
        busy = 95.0 if impl == "b" and key == "tags" else 40.0
        load_meta = {
            **meta, "endpoint": key, "label": f"{server.label}-{key}",
            "generator_busiest_percent": busy, "other_cpu_percent": 3.0,
            "server_usage": {"cpu_percent": 99.0, "peak_rss_bytes": 2**20},
        }  # fmt: skip
        (load / "run.json").write_text(json.dumps(load_meta))
        failures = 3 if impl == "b" and key == "user" else 0
        p50, p99 = int(8000 / value), int(20000 / value) + 1
        _stats(load, f"/{key}", value, p50, p99, failures)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    context = {
        "kind": KIND,
        "machine": {"cpu_model": "Test CPU", "cores": 2, "memory_bytes": 2**34, "python": "3.11"},
        "cpus": "server on CPU [1], Locust on CPU [0]",
        "versions": {"a": {"fastapi": "1.0"}, "b": {"flask": "2.0"}},
        "database": {"version": "PostgreSQL 16", "placement": "local"},
        "dataset": {"seed": 1, "rows": {"users": 10}, "seconds": 0.5},
        "options": {"duration": 10, "warmup": 2, "rounds": 2, "users": [8],
                    "argon2": [2, 19456, 1]},
        "signed_in_user": "reader1",
        "locust_command": "locust -f bench/endpoints/locustfile.py OneArticle",
    }  # fmt: skip
    (tmp_path / "context.json").write_text(json.dumps(context))
    a1 = {"article": 300.0, "articles": 100.0, "tags": 500.0, "user": 400.0}
    a2 = {"article": 340.0, "articles": 120.0, "tags": 520.0, "user": 440.0}
    b1 = {"article": 200.0, "articles": 50.0, "tags": 300.0, "user": 250.0}
    _serving(tmp_path, 0, "a", 1, a1)
    _serving(tmp_path, 1, "a", 1, {FLOOR: 1000.0, BLOCKING_FLOOR: 450.0})
    _serving(tmp_path, 2, "b", 1, b1)
    _serving(tmp_path, 3, "b", 1, {FLOOR: 500.0, BLOCKING_FLOOR: 500.0})
    _serving(tmp_path, 4, "b", 2, {k: v for k, v in b1.items() if k != "articles"})
    _serving(tmp_path, 5, "b", 2, {FLOOR: 500.0, BLOCKING_FLOOR: 500.0})
    _serving(tmp_path, 6, "a", 2, a2)
    _serving(tmp_path, 7, "a", 2, {FLOOR: 800.0, BLOCKING_FLOOR: 400.0})
    return tmp_path


def test_the_share_is_the_median_over_the_floor_s_median(raw: Path) -> None:
    summary = write_endpoint_reports(raw)
    a = summary["results"]["a"]
    assert a["floor"]["requests_per_second"] == {"median": 900.0, "min": 800.0, "max": 1000.0}
    article = a["endpoints"]["article"]
    assert article["requests_per_second"] == {"median": 320.0, "min": 300.0, "max": 340.0}
    assert article["floor_share"] == pytest.approx(320 / 900, abs=1e-4)
    assert article["floor_share_by_round"] == {
        "median": pytest.approx((0.3 + 0.425) / 2, abs=1e-4),
        "min": 0.3,
        "max": 0.425,
    }
    assert article["rounds"] == 2
    assert article["blocking_floor_share"] == pytest.approx(320 / 425, abs=1e-4)
    assert article["blocking_floor_share_by_round"]["min"] == pytest.approx(300 / 450, abs=1e-4)
    assert article["blocking_floor_share_by_round"]["max"] == pytest.approx(340 / 400, abs=1e-4)
    assert a["blocking_floor"]["requests_per_second"]["median"] == 425.0
    assert a["endpoints"]["articles"]["p50_ms"]["median"] == 73.0  # (80 + 66) / 2
    assert json.loads((raw / "summary.json").read_text())["results"]["a"]["floor"]["rounds"] == 2


def test_failures_and_warnings_are_counted(raw: Path) -> None:
    summary = write_endpoint_reports(raw)
    b = summary["results"]["b"]
    assert b["endpoints"]["user"]["failures"] == 6
    assert summary["failures"] == 6
    assert b["endpoints"]["articles"]["rounds"] == 1  # round 2 left no load of it
    warnings = summary["warnings"]
    assert "b, GET /api/user: 6 failed requests" in warnings
    assert any(w.startswith("b, GET /api/tags: the load generator used 95%") for w in warnings)
    assert not any(w.startswith("a,") for w in warnings)


def test_the_table_has_every_endpoint_and_the_floor_of_each_implementation(raw: Path) -> None:
    summary = write_endpoint_reports(raw)
    rows = [line for line in endpoints_table(summary).splitlines() if line.startswith("| a |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "`GET /api/articles/:slug`", "`GET /api/articles`", "`GET /api/tags`", "`GET /api/user`",
        "`GET /floor`", "`GET /floor/blocking`",
    ]  # fmt: skip
    assert rows[0] == (
        f"| a | `GET /api/articles/:slug` | 320.0 (300.0{TO}340.0) | 24 (23{TO}26) "
        f"| 63 (59{TO}67) | 0 | 99 | 36% (30%{TO}42%) | 75% (67%{TO}85%) |"
    )
    assert rows[-2].endswith("| 100% | 212% |")  # the floor over the blocking floor
    assert rows[-1].endswith("| 47% | 100% |")
    shares = share_table(summary).splitlines()
    assert shares[0] == "| endpoint | a | b |"
    assert shares[2] == f"| `GET /api/articles/:slug` | 36% (30%{TO}42%) | 40% |"
    assert shares[-2] == f"| floor requests/s (`GET /floor`) | 900.0 (800.0{TO}1000.0) | 500.0 |"
    assert shares[-1] == (
        f"| blocking floor requests/s (`GET /floor/blocking`) | 425.0 (400.0{TO}450.0) | 500.0 |"
    )
    blocking = share_table(summary, "blocking_floor_share").splitlines()
    assert blocking[2] == f"| `GET /api/articles/:slug` | 75% (67%{TO}85%) | 40% |"


def test_a_run_without_blocking_floors_still_reports(raw: Path) -> None:
    """Folders written before the blocking floor was loaded are still summarized."""
    for folder in raw.glob(f"runs/*/{BLOCKING_FLOOR}"):
        for path in sorted(folder.iterdir()):
            path.unlink()
        folder.rmdir()
    summary = write_endpoint_reports(raw)
    a = summary["results"]["a"]
    assert a["blocking_floor"] is None
    assert a["endpoints"]["article"]["blocking_floor_share"] is None
    rows = [line for line in endpoints_table(summary).splitlines() if line.startswith("| a |")]
    assert rows[-1].endswith("| 100% | — |")


def test_report_rebuilds_an_endpoints_folder_from_its_raw_files(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(raw)]) == 0
    printed = capsys.readouterr().out
    assert "| b | `GET /api/user` |" in printed
    text = (raw / "report.md").read_text()
    assert text.startswith("# Triptych endpoints")
    assert "## Share of the floor" in text
    assert "## Share of the blocking floor" in text
    assert "- b, GET /api/user: 6 failed requests" in text
    assert "Share of the framework" in (raw / "report.html").read_text()


def test_failed_requests_make_the_run_fail(raw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = EndpointBench(parse_endpoints(["--out", str(raw)], AVAILABLE, NOW))
    assert bench.finish() == 1
    assert "error: 6 requests failed" in capsys.readouterr().err


def test_a_clean_run_exits_zero(raw: Path) -> None:
    for stats in raw.glob("runs/*-b-api/user/locust_stats.csv"):
        stats.write_text(stats.read_text().replace(",3,", ",0,"))
    bench = EndpointBench(parse_endpoints(["--out", str(raw)], AVAILABLE, NOW))
    assert bench.finish() == 0
