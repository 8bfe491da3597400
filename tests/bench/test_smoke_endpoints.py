"""A real ``python -m bench endpoints`` run (nox -s bench): one implementation on SQLite, a tiny
dataset and three seconds per load; its table holds the four endpoints and their floor shares."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.discovery import PROJECT_ROOT
from bench.endpoints import ENDPOINTS

pytestmark = pytest.mark.smoke

IMPLEMENTATION = "fastapi"


def test_one_implementation_s_endpoints_are_set_against_its_floor(tmp_path: Path) -> None:
    finished = subprocess.run(  # noqa: S603 - the bench's own command
        [
            sys.executable, "-m", "bench", "endpoints", "--impl", IMPLEMENTATION,
            "--db", "sqlite", "--users", "4", "--duration", "3", "--warmup", "0",
            "--dataset-scale", "0.02", "--out", str(tmp_path),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-2000:]
    rows = [line for line in finished.stdout.splitlines() if line.startswith("| fastapi |")]
    assert [row.split("|")[2].strip(" `") for row in rows] == [
        *(endpoint.route for endpoint in ENDPOINTS),
        "GET /floor",
        "GET /floor/blocking",
    ]
    assert all(row.rstrip(" |").endswith("%") for row in rows)
    result = json.loads((tmp_path / "summary.json").read_text())["results"][IMPLEMENTATION]
    for floor in (result["floor"], result["blocking_floor"]):
        assert floor["measured"]
        assert floor["failures"] == 0
    assert all(gate["passed"] for gate in result["gate"])
    for endpoint in ENDPOINTS:
        figure = result["endpoints"][endpoint.key]
        assert figure["requests"] > 0
        assert figure["failures"] == 0
        assert figure["floor_share"] > 0
        assert figure["blocking_floor_share"] > 0
