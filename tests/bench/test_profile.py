"""``python -m bench profile``: py-spy samples each server under load; the report links it."""

from __future__ import annotations

import json
from pathlib import Path

from bench.__main__ import main
from bench.cell import server_configuration
from bench.flamegraph import WIDTH, render_svg
from bench.profiling import (
    OTHER_LAYER,
    layer,
    layers,
    profiler_command,
    read_profile,
    top_frames,
)


def _speedscope(path: Path) -> None:
    frames = [
        {"name": "handle", "file": "/venv/lib/python3.11/site-packages/app/views.py", "line": 3},
        {"name": "query", "file": "/venv/lib/python3.11/site-packages/db/cursor.py", "line": 9},
    ]
    samples = [[0, 1], [0, 1], [0, 1], [0]]
    path.write_text(
        json.dumps(
            {
                "shared": {"frames": frames},
                "profiles": [{"samples": samples, "weights": [0.01] * len(samples)}],
            }
        )
    )


def test_top_frames_share_own_and_total_time(tmp_path: Path) -> None:
    _speedscope(tmp_path / "profile.json")
    found = top_frames(read_profile(tmp_path / "profile.json"))
    assert found["seconds"] == 0.04
    assert found["top"] == [
        {"function": "query", "where": "db/cursor.py:9", "self_percent": 75.0,
         "total_percent": 75.0},
        {"function": "handle", "where": "app/views.py:3", "self_percent": 25.0,
         "total_percent": 100.0},
    ]  # fmt: skip


def test_layers_sum_own_time_by_where_the_function_lies(tmp_path: Path) -> None:
    _speedscope(tmp_path / "profile.json")
    assert layers(read_profile(tmp_path / "profile.json")) == [
        {"layer": OTHER_LAYER, "percent": 100.0},
    ]
    assert layer("fastapi/routing.py") == "FastAPI and Starlette"
    assert layer("django/db/models/query.py") == "Django's ORM"
    assert layer("django/core/handlers/base.py") == "Django"
    assert layer("sqlalchemy/engine/base.py") == "SQLAlchemy"
    assert layer("storage_sqlalchemy/_async/repositories.py") == "the project's code"
    assert layer("impl_flask/views.py") == "the project's code"


def test_the_flame_graph_draws_each_function_as_wide_as_its_share(tmp_path: Path) -> None:
    _speedscope(tmp_path / "profile.json")
    svg = render_svg(read_profile(tmp_path / "profile.json"), "a <run>")
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "a &lt;run&gt;" in svg
    assert f'width="{WIDTH:.1f}"' in svg  # handle: every sample
    assert f'width="{0.75 * WIDTH:.1f}"' in svg  # query, above it: three in four
    assert "handle (/venv/lib/python3.11/site-packages/app/views.py:3): 100.0%" in svg
    assert "query (/venv/lib/python3.11/site-packages/db/cursor.py:9): 75.0%" in svg
    handle_y = int(svg.split('width="1200.0"')[0].rsplit('y="', 1)[1].split('"')[0])
    query_y = int(svg.split('width="900.0"')[0].rsplit('y="', 1)[1].split('"')[0])
    assert query_y < handle_y  # a callee is drawn above its caller


def test_py_spy_follows_every_worker_without_pausing_it(tmp_path: Path) -> None:
    command = profiler_command("py-spy", 42, tmp_path / "p.json", 9.6)
    assert command[:4] == ["py-spy", "record", "--pid", "42"]
    assert {"--subprocesses", "--nonblocking", "--gil"} <= set(command)
    assert command[command.index("--format") + 1] == "speedscope"
    assert command[command.index("--duration") + 1] == "10"


def test_the_server_configuration_is_read_from_its_log(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text(
        "INFO migrating\n"
        'INFO triptych serve configuration: {"server": "uvicorn", "loop": "uvloop"}\n'
    )
    assert server_configuration(log) == {"server": "uvicorn", "loop": "uvloop"}
    assert server_configuration(tmp_path / "missing.log") is None


def test_a_short_profile_writes_a_flame_graph_the_report_links(tmp_path: Path) -> None:
    out = tmp_path / "profile"
    code = main([
        "profile", "--impls", "fastapi", "--users", "2", "--duration", "3", "--warmup", "1",
        "--dataset-scale", "0.01", "--gate", "off", "--scenario", "read", "--out", str(out),
    ])  # fmt: skip
    assert code == 0
    [flame_graph] = out.glob("runs/*-fastapi-api/profile-read.speedscope.json")
    profile = json.loads(flame_graph.read_text())
    assert profile["shared"]["frames"]
    assert any(p["samples"] for p in profile["profiles"])
    link = flame_graph.relative_to(out).as_posix()
    assert f"[{link}]({link})" in (out / "report.md").read_text()
    report = (out / "report.html").read_text()
    assert f'href="{link}"' in report
    drawn = flame_graph.with_name("profile-read.svg")
    assert drawn.read_text().startswith("<svg")
    assert drawn.read_text() in report  # shown inline, not only linked
    assert f"Flame graph: [{drawn.relative_to(out).as_posix()}]" in (out / "report.md").read_text()
    assert '"loop": "uvloop"' in json.dumps(json.loads((out / "summary.json").read_text()))
