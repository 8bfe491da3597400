"""The report is rebuilt from raw files alone: Locust CSVs, run.json and context.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import processes
from bench.__main__ import main
from bench.reporting import write_reports
from bench.summary import spread

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
HISTORY_HEADER = (
    "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,"
    "99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,"
    "Total Average Response Time,Total Min Response Time,Total Max Response Time,"
    "Total Average Content Size"
)
STARTED = 1_800_000_000


def _stats_row(method: str, name: str, requests: int, rps: float, average: float, p99: int) -> str:
    return (
        f"{method},{name},{requests},0,{average:.0f},{average},1,{p99 + 5},100,{rps},0.0,"
        f"{average:.0f},1,1,1,{p99 - 1},1,1,{p99},1,1,{p99 + 5}"
    )


def _run(
    root: Path, sequence: int, impl: str, round_: int, rps: float, *, floor: bool = False
) -> None:
    label = f"u0008-r{round_}-{impl}-{'floor' if floor else 'api'}"
    folder = root / "runs" / label
    folder.mkdir(parents=True)
    average = 8000 / rps  # 8 users back to back
    rows = [HEADER]
    if floor:
        rows.append(_stats_row("GET", "/floor", int(rps * 10), rps, average, 20))
    else:
        rows.append(_stats_row("GET", "/api/articles", int(rps * 6), rps * 0.6, average, 90))
        rows.append(_stats_row("GET", "/api/tags", int(rps * 4), rps * 0.4, average / 2, 40))
    rows.append(_stats_row("", "Aggregated", int(rps * 10), rps, average, 80))
    (folder / "locust_stats.csv").write_text("\n".join(rows) + "\n")
    history = [HISTORY_HEADER]
    for second in range(-2, 10):
        history.append(
            f"{STARTED + second},8,,Aggregated,{rps if second >= 0 else 0},0,1,1,1,1,1,1,1,1,1,"
            f"1,1,{second * 10},0,1,1,1,1,1"
        )
    (folder / "locust_stats_history.csv").write_text("\n".join(history) + "\n")
    meta: dict[str, Any] = {
        "impl": impl, "round": round_, "users": 8, "floor": floor, "sequence": sequence,
        "label": label, "problems": [], "measure_started_epoch": STARTED,
        "server": {"command": f"python -m impl_{impl} serve", "measured": True},
        "gate": {"passed": True}, "generator_busiest_percent": 40.0 if impl == "a" else 95.0,
        "server_usage": {"cpu_percent": 90.0, "peak_rss_bytes": 100 * 2**20},
        "other_cpu_percent": 5.0 if impl == "a" else 60.0,
    }  # fmt: skip
    (folder / "run.json").write_text(json.dumps(meta))


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    context = {
        "machine": {"cpu_model": "Test CPU", "cores": 2, "memory_bytes": 2**34, "python": "3.11"},
        "cpus": "server on CPU [1], Locust on CPU [0]",
        "versions": {"a": {"fastapi": "1.0"}, "b": {"flask": "2.0"}},
        "database": {"version": "SQLite 3", "placement": "inside the server"},
        "dataset": {"seed": 1, "rows": {"users": 10}, "seconds": 0.5},
        "options": {"scenario": "mixed", "duration": 10, "warmup": 2, "rounds": 2,
                    "users": [8], "rate": None, "argon2": [2, 19456, 1]},
        "locust_command": "locust -f bench/locustfile.py",
    }  # fmt: skip
    (tmp_path / "context.json").write_text(json.dumps(context))
    _run(tmp_path, 0, "a", 1, 100.0)
    _run(tmp_path, 1, "a", 1, 1000.0, floor=True)
    _run(tmp_path, 2, "b", 1, 50.0)
    _run(tmp_path, 3, "b", 2, 70.0)
    _run(tmp_path, 4, "a", 2, 120.0)
    return tmp_path


def test_spread_is_median_min_max() -> None:
    assert spread([3.0, 1.0, 2.0, 10.0]) == {"median": 2.5, "min": 1.0, "max": 10.0}


def test_summary_takes_medians_across_rounds_and_compares_to_the_fastest(raw: Path) -> None:
    summary = write_reports(raw)
    table = summary["results"]["8"]
    assert table["a"]["requests_per_second"] == {"median": 110.0, "min": 100.0, "max": 120.0}
    assert table["b"]["requests_per_second"] == {"median": 60.0, "min": 50.0, "max": 70.0}
    assert table["a"]["relative_to_fastest"] == 1.0
    assert table["b"]["relative_to_fastest"] == pytest.approx(60 / 110, abs=1e-4)
    assert table["a"]["floor"]["requests_per_second"] == 1000.0
    assert table["a"]["floor_share"] == pytest.approx(0.11)
    assert "floor" not in table["b"]
    assert table["a"]["failures"] == 0
    assert set(table["a"]["endpoints"]) == {"GET /api/articles", "GET /api/tags"}
    assert json.loads((raw / "summary.json").read_text())["results"]["8"]["b"]["rounds"] == 2


def test_a_busy_generator_is_warned_about(raw: Path) -> None:
    warnings = write_reports(raw)["warnings"]
    assert any("b at 8 users" in w and "generator" in w for w in warnings)
    assert not any(w.startswith("a at") for w in warnings)


def test_other_work_on_the_machine_is_warned_about(raw: Path) -> None:
    warnings = write_reports(raw)["warnings"]
    assert any("b at 8 users" in w and "60% of a core beside" in w for w in warnings)
    assert not any("a at" in w and "beside" in w for w in warnings)


def test_other_cpu_is_what_the_machine_did_beyond_the_measured_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(processes, "machine_busy_seconds", lambda: 130.0)
    assert processes.other_cpu_percent(100.0, 25.0, 10.0) == pytest.approx(50.0)
    assert processes.other_cpu_percent(100.0, 40.0, 10.0) == 0.0
    assert processes.other_cpu_percent(100.0, 25.0, 0.0) == 0.0


def test_markdown_ranks_the_implementations(raw: Path) -> None:
    write_reports(raw)
    text = (raw / "report.md").read_text()
    rows = [line for line in text.splitlines() if line.startswith(("| a |", "| b |"))]
    assert rows[0].startswith("| a | 110.0 (100.0–120.0) | 1.00× |")
    assert rows[1].startswith("| b | 60.0 (50.0–70.0) | 0.55× |")
    assert "`GET /api/tags` | a" in text
    assert "python -m impl_a serve" in text


def test_html_is_one_self_contained_file(raw: Path) -> None:
    write_reports(raw)
    page = (raw / "report.html").read_text()
    assert "<script src=" not in page
    assert page.count("Plotly.newPlot") >= 3
    assert "Requests per second over the measured time" in page


def test_a_failed_gate_gives_no_numbers(raw: Path) -> None:
    meta_file = raw / "runs" / "u0008-r1-b-api" / "run.json"
    meta = json.loads(meta_file.read_text())
    meta["gate"] = {"passed": False, "outcome": "1 failed"}
    meta_file.write_text(json.dumps(meta))
    meta_file = raw / "runs" / "u0008-r2-b-api" / "run.json"
    meta_file.write_text(json.dumps({**meta, "round": 2, "sequence": 3}))
    summary = write_reports(raw)
    assert summary["results"]["8"]["b"]["measured"] is False
    assert "| b | gate failed: no numbers |" in (raw / "report.md").read_text()


def test_report_command_rebuilds_from_the_folder(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(raw)]) == 0
    assert "| a | 110.0" in capsys.readouterr().out
    assert (raw / "report.html").is_file()


def test_a_floor_that_recorded_no_request_gives_no_share(raw: Path) -> None:
    stats = raw / "runs" / "u0008-r1-a-floor" / "locust_stats.csv"
    stats.write_text(
        "\n".join(
            [
                HEADER,
                _stats_row("GET", "/floor", 0, 0.0, 0.0, 0),
                _stats_row("", "Aggregated", 0, 0.0, 0.0, 0),
            ]
        )
        + "\n"
    )
    table = write_reports(raw)["results"]["8"]
    assert "floor" not in table["a"]
    assert table["a"]["requests_per_second"]["median"] == 110.0


def test_runs_that_recorded_no_request_give_no_numbers_and_no_crash(raw: Path) -> None:
    empty = [HEADER, _stats_row("", "Aggregated", 0, 0.0, 0.0, 0)]
    for round_ in (1, 2):
        stats = raw / "runs" / f"u0008-r{round_}-b-api" / "locust_stats.csv"
        stats.write_text("\n".join(empty) + "\n")
    summary = write_reports(raw)
    assert summary["results"]["8"]["b"]["measured"] is False
    assert any("b at 8 users: not measured" in warning for warning in summary["warnings"])
    assert "| b | no request recorded: no numbers |" in (raw / "report.md").read_text()


def test_the_page_opens_with_what_was_compared_and_the_headline_table(raw: Path) -> None:
    write_reports(raw)
    page = (raw / "report.html").read_text()
    headline = page.index("<table>")
    assert page.index("<h1>Triptych comparison</h1>") < headline
    assert headline < page.index("Plotly.newPlot")  # the table before any chart
    assert "<td>a</td>" in page[headline : page.index("</table>", headline)]
    assert page.index("<h2>Per endpoint</h2>") > page.index("Plotly.newPlot")
    assert "| a | 110.0" not in page  # no Markdown table left as text


def test_every_chart_gives_a_variant_one_colour(raw: Path) -> None:
    from bench.palette import colours  # noqa: PLC0415
    from bench.report_html import (  # noqa: PLC0415
        _floors,
        _latencies,
        _over_time,
        _throughput,
    )
    from bench.results import read_runs  # noqa: PLC0415

    summary = write_reports(raw)
    palette = colours(summary)
    assert len(set(palette.values())) == len(palette) == 2
    figures = [_throughput(summary), _floors(summary), _latencies(summary)]
    figures.append(_over_time(summary, read_runs(raw)))
    for figure in figures:
        for trace in figure.data:
            name = trace.legendgroup or trace.name
            colour = trace.marker.color if trace.type == "bar" else trace.line.color
            assert colour == palette[name], (figure.layout.title.text, trace.name)


def test_a_target_s_server_is_named_as_unmeasured_not_as_other_work(raw: Path) -> None:
    for round_ in (1, 2):
        meta_file = raw / "runs" / f"u0008-r{round_}-b-api" / "run.json"
        meta = json.loads(meta_file.read_text())
        meta["server"] = {"command": "(not started: http://127.0.0.1:9)", "measured": False}
        meta.pop("server_usage")
        meta_file.write_text(json.dumps(meta))
    warnings = write_reports(raw)["warnings"]
    assert any("b at 8 users: its server is not the bench's" in w for w in warnings)
    assert not any("b at 8 users: the machine was busy" in w for w in warnings)
    assert "| b (gate: off) |" in (raw / "report.md").read_text()
