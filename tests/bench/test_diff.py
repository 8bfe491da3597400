"""``python -m bench diff``: changes outside the rounds' noise are marked, the rest are not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.__main__ import main
from bench.diff import Change, diff
from bench.endpoints import KIND
from bench.summary import spread

MACHINE = {"cpu_model": "Example CPU", "cores": 2, "memory_bytes": 2**34, "python": "3.11.7"}


def _row(rps: list[float], p99: list[float]) -> dict[str, Any]:
    return {
        "measured": True,
        "rounds": len(rps),
        "requests_per_second": spread(rps),
        "p99_ms": spread(p99),
    }


def _run(
    folder: Path,
    rows: dict[str, dict[str, Any]],
    machine: dict[str, Any] = MACHINE,
    versions: dict[str, dict[str, str]] | None = None,
) -> Path:
    summary = {
        "machine": machine,
        "options": {"scenario": "read", "duration": 30.0, "out": str(folder)},
        "versions": versions or {},
        "conditions": {"16": {"users": 16, "db_latency_ms": None}},
        "results": {"16": rows},
    }
    folder.mkdir(parents=True)
    (folder / "summary.json").write_text(json.dumps(summary))
    return folder


def test_a_slowdown_beyond_every_round_is_marked_and_fails_the_threshold(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"flask": _row([200, 205, 198], [40, 42, 41])})
    new = _run(tmp_path / "new", {"flask": _row([150, 152, 149], [60, 58, 61])})
    throughput, p99 = diff(old, new).changes
    assert throughput.verdict == "worse"
    assert throughput.percent == pytest.approx((150 - 200) / 200 * 100)
    assert throughput.chance == pytest.approx(1 / 20)
    assert p99.verdict == "worse"  # a longer tail is worse
    assert main(["diff", str(old), str(new), "--fail-over", "10%"]) == 1
    assert main(["diff", str(old), str(new), "--fail-over", "50%"]) == 0  # -25%, +46%: within it
    text = (new / "diff.md").read_text()
    dash = "\u2013"
    row = f"| flask | 16 users | requests/s | 200 (198{dash}205) | 150 (149{dash}152) | -25.0% |"
    assert row in text
    assert "1 in 20" in text
    page = (new / "diff.html").read_text()
    assert "<li>flask, 16 users: requests/s -25.0% (worse)</li>" in page
    assert "Plotly.newPlot" in page


def test_a_change_inside_the_rounds_noise_is_not_marked(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"flask": _row([200, 170, 230], [40, 55, 45])})
    new = _run(tmp_path / "new", {"flask": _row([185, 160, 215], [44, 50, 47])})
    found = diff(old, new)
    assert [change.verdict for change in found.changes] == ["within noise", "within noise"]
    assert main(["diff", str(old), str(new), "--fail-over", "1%"]) == 0


def test_an_improvement_is_marked_better_and_fails_nothing(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"fastapi": _row([100, 101, 99], [80, 82, 81])})
    new = _run(tmp_path / "new", {"fastapi": _row([130, 131, 129], [50, 52, 51])})
    assert [c.verdict for c in diff(old, new).changes] == ["better", "better"]
    assert main(["diff", str(old), str(new), "--fail-over", "5%"]) == 0


def test_one_round_shows_no_spread_and_marks_nothing(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"flask": _row([200], [40])})
    new = _run(tmp_path / "new", {"flask": _row([100], [90])})
    assert {c.verdict for c in diff(old, new).changes} == {"no spread"}
    assert main(["diff", str(old), str(new), "--fail-over", "10%"]) == 0


def test_differing_machines_and_options_are_listed_first(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"flask": _row([200, 201], [40, 41])})
    other = {**MACHINE, "cpu_model": "Another CPU", "python": "3.12.1"}
    new = _run(tmp_path / "new", {"flask": _row([200, 202], [40, 41])}, machine=other)
    found = diff(old, new)
    assert "machine cpu_model: Example CPU → Another CPU" in found.incomparable
    assert "machine python: 3.11.7 → 3.12.1" in found.incomparable
    assert not any(item.startswith("database") for item in found.incomparable)
    assert not any("option out" in item for item in found.incomparable)  # where it was written
    main(["diff", str(old), str(new), "--out", str(tmp_path)])
    report = (tmp_path / "diff.md").read_text()
    assert report.index("Another CPU") < report.index("| variant |")


def test_a_different_database_is_listed(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"flask": _row([1, 2], [1, 2])})
    new = _run(tmp_path / "new", {"flask": _row([1, 2], [1, 2])})
    summary = json.loads((new / "summary.json").read_text())
    summary["database"] = {"version": "PostgreSQL 16.4", "placement": "local"}
    (new / "summary.json").write_text(json.dumps(summary))
    assert diff(old, new).incomparable == [
        "database: None → PostgreSQL 16.4",
        "database placement: None → local",
    ]


def test_the_software_that_changed_is_named(tmp_path: Path) -> None:
    old = _run(
        tmp_path / "old", {"fastapi": _row([1, 2], [1, 2])}, versions={"fastapi": {"fastapi": "1"}}
    )
    new = _run(
        tmp_path / "new", {"fastapi": _row([1, 2], [1, 2])}, versions={"fastapi": {"fastapi": "2"}}
    )
    assert diff(old, new).software == ["fastapi: fastapi 1 → 2"]


def test_an_endpoints_run_is_compared_endpoint_by_endpoint(tmp_path: Path) -> None:
    def endpoints(folder: Path, tags: list[float]) -> Path:
        figure = {"route": "GET /api/tags", "measured": True, "rounds": len(tags)}
        figure |= {"requests_per_second": spread(tags), "p99_ms": spread([5, 6, 7])}
        floor = {"route": "GET /floor", "measured": True, "rounds": 3}
        floor |= {"requests_per_second": spread([900, 910, 905]), "p99_ms": spread([2, 2, 3])}
        summary = {
            "kind": KIND,
            "results": {"flask": {"endpoints": {"tags": figure}, "floor": floor}},
        }
        folder.mkdir()
        (folder / "summary.json").write_text(json.dumps(summary))
        return folder

    found = diff(
        endpoints(tmp_path / "a", [500, 510, 505]), endpoints(tmp_path / "b", [300, 310, 305])
    )
    by_place = {(c.where, c.metric): c.verdict for c in found.changes}
    assert by_place["GET /api/tags", "requests/s"] == "worse"
    assert by_place["GET /floor", "requests/s"] == "within noise"


def test_an_endpoint_s_share_of_its_floor_is_held_too(tmp_path: Path) -> None:
    # The machine ran slower in the second run: the endpoint and its floor alike lost a third,
    # so its share of the floor, round by round, did not move.
    def endpoints(folder: Path, tags: list[float], shares: list[float]) -> Path:
        figure = {"route": "GET /api/tags", "measured": True, "rounds": len(tags)}
        figure |= {"requests_per_second": spread(tags), "p99_ms": spread([5, 6, 7])}
        figure |= {"floor_share_by_round": spread(shares)}
        summary = {"kind": KIND, "results": {"flask": {"endpoints": {"tags": figure}}}}
        folder.mkdir()
        (folder / "summary.json").write_text(json.dumps(summary))
        return folder

    old = endpoints(tmp_path / "a", [600, 610, 605], [0.30, 0.31, 0.305])
    new = endpoints(tmp_path / "b", [400, 407, 403], [0.30, 0.31, 0.305])
    verdicts = {c.metric: c.verdict for c in diff(old, new).changes}
    assert verdicts == {
        "requests/s": "worse",
        "p99 ms": "within noise",
        "share of floor": "within noise",
    }
    assert main(["diff", str(old), str(new)]) == 0
    assert "| share of floor | 30% (30%\u201331%) |" in (new / "diff.md").read_text()


def test_runs_of_two_kinds_are_refused(tmp_path: Path) -> None:
    compare_run = _run(tmp_path / "old", {"flask": _row([1, 2], [1, 2])})
    endpoints_run = tmp_path / "new"
    endpoints_run.mkdir()
    (endpoints_run / "summary.json").write_text(json.dumps({"kind": KIND, "results": {}}))
    assert main(["diff", str(compare_run), str(endpoints_run)]) == 2
    assert main(["diff", str(compare_run), str(tmp_path / "missing")]) == 2


def test_a_variant_in_one_run_only_is_listed_not_compared(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", {"flask": _row([1, 2], [1, 2])})
    new = _run(tmp_path / "new", {"flask": _row([1, 2], [1, 2]), "django": _row([1, 2], [1, 2])})
    found = diff(old, new)
    assert {change.variant for change in found.changes} == {"flask"}
    assert found.only_in_one == ["only in the new run: django, 16 users"]


def test_the_chance_of_ranges_parting_by_chance() -> None:
    def change(rounds: int) -> Change:
        values = spread([1.0] * rounds)
        return Change("x", "y", "requests/s", values, values, rounds, rounds)

    assert change(2).chance == pytest.approx(1 / 6)
    assert change(3).chance == pytest.approx(1 / 20)
    assert change(1).chance is None


def test_the_fail_over_option_takes_a_percentage() -> None:
    with pytest.raises(SystemExit):
        main(["diff", "a", "b", "--fail-over", "ten"])


def test_ranges_that_part_by_less_than_a_run_s_own_range_are_within_noise(tmp_path: Path) -> None:
    # Two runs of the same code an hour apart: tight rounds in the first, a wide spread in the
    # second, and every round of it lower: the drift is smaller than the second run's range.
    old = _run(tmp_path / "old", {"fastapi": _row([310, 301, 311], [160, 160, 160])})
    new = _run(tmp_path / "new", {"fastapi": _row([260, 211, 274], [180, 170, 200])})
    throughput, p99 = diff(old, new).changes
    assert throughput.percent == pytest.approx(-16.1, abs=0.1)
    assert throughput.noise_percent == pytest.approx((274 - 211) / 260 * 100)
    assert throughput.verdict == "within noise"
    assert p99.verdict == "within noise"  # +12.5% against a range of 17% of its median


def test_other_work_on_the_machine_during_one_run_is_listed(tmp_path: Path) -> None:
    busy = {**_row([200, 201], [40, 41]), "other_cpu_percent": 35.0}
    quiet = {**_row([200, 202], [40, 41]), "other_cpu_percent": 6.0}
    found = diff(_run(tmp_path / "old", {"flask": quiet}), _run(tmp_path / "new", {"flask": busy}))
    assert found.incomparable == [
        "other work on the machine (beside the servers, Locust and the database): up to 6% of "
        "a core in the old run, 35% in the new"
    ]
