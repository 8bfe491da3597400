"""``--gate realworld``: another Conduit API is gated, loaded and reported at the level of the
RealWorld specification, while the project's variants keep their whole contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench import gate
from bench.discovery import PROJECT_ROOT
from bench.generator import locust_command
from bench.options import parse_compare
from bench.plan import Run
from bench.report_md import comparison_table

AVAILABLE = ["fastapi", "flask"]


def test_the_realworld_gate_runs_the_suite_at_its_realworld_level() -> None:
    built = gate.command("http://127.0.0.1:9", "realworld")
    assert built[built.index("--level") + 1] == "realworld"
    assert "contract_tests" in built
    assert "--level" not in gate.command("http://127.0.0.1:9", "full")


def test_the_gate_names_the_tests_that_failed() -> None:
    output = (
        "F.\n=== short test summary info ===\n"
        "FAILED contract_tests/test_tags.py::test_tags_need_no_authentication - assert 1 == 2\n"
        "ERROR contract_tests/test_users.py::test_get_current_user - fixture\n"
        "1 failed, 1 passed, 1 error in 0.5s\n"
    )
    assert gate.failed_tests(output) == [
        "contract_tests/test_tags.py::test_tags_need_no_authentication",
        "contract_tests/test_users.py::test_get_current_user",
    ]


def test_a_target_under_the_realworld_gate_is_loaded_with_relaxed_answer_checks() -> None:
    options = parse_compare(
        ["--impls", "flask", "--target", "theirs=http://127.0.0.1:9", "--gate", "realworld"],
        AVAILABLE,
    )
    theirs = locust_command(options, Run("theirs", 1, 16), "http://x", Path("p"), None)
    ours = locust_command(options, Run("flask", 1, 16), "http://x", Path("p"), None)
    assert theirs[theirs.index("--answers") + 1] == "realworld"
    assert "--answers" not in ours  # the project's own variants keep the whole contract
    quick = parse_compare(["--target", "theirs=http://127.0.0.1:9"], AVAILABLE)
    assert "--answers" not in locust_command(quick, Run("theirs", 1, 16), "u", Path("p"), None)


AUTHOR = {"username": "u", "bio": None, "image": None, "following": False}
ARTICLE: dict[str, Any] = {
    "slug": "s",
    "title": "t",
    "description": "d",
    "body": "b",
    "tagList": [],
    "createdAt": "2026-01-01T00:00:00.000Z",
    "updatedAt": "2026-01-01T00:00:00.000Z",
    "favorited": False,
    "favoritesCount": 0,
    "author": AUTHOR,
}
# Locust patches the standard library when imported: its checks are judged in a process of
# their own, exact then relaxed.
JUDGE = """
import json, sys
from bench import locustfile
answers = json.loads(sys.argv[1])
verdicts = {}
for exact in (True, False):
    locustfile.Answers.exact = exact
    verdicts[str(exact)] = {name: locustfile._article(body) for name, body in answers.items()}
print(json.dumps(verdicts))
"""


def test_relaxed_answers_may_carry_more_fields_but_not_fewer() -> None:
    answers = {
        "contract": ARTICLE,
        "extra": {**ARTICLE, "id": 7},
        "extra in author": {**ARTICLE, "author": {**AUTHOR, "email": "u@x.org"}},
        "missing": {key: value for key, value in ARTICLE.items() if key != "slug"},
    }
    judged = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", JUDGE, json.dumps(answers)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    verdicts = json.loads(judged.stdout)
    exact, relaxed = verdicts["True"], verdicts["False"]
    assert exact["contract"] is None
    assert exact["extra"] == f"article has keys {sorted([*ARTICLE, 'id'])}"
    assert exact["extra in author"] == "article.author is not a profile"
    assert relaxed["contract"] is None
    assert relaxed["extra"] is None
    assert relaxed["extra in author"] is None
    assert relaxed["missing"] is not None


def _row(name: str, started: bool, level: str) -> dict[str, Any]:
    spread = {"median": 10.0, "min": 9.0, "max": 11.0}
    return {
        "measured": True,
        "server": {"measured": started},
        "gate": [{"passed": True, "level": level}],
        "requests_per_second": spread,
        "relative_to_fastest": 1.0,
        "p50_ms": spread,
        "p90_ms": spread,
        "p99_ms": spread,
        "failures": 0,
        "server_cpu_percent": spread if started else None,
        "server_peak_rss_mb": spread if started else None,
    }


def test_the_report_names_a_target_s_gate_level_beside_its_numbers() -> None:
    summary = {
        "conditions": {"16": {"users": 16, "db_latency_ms": None}},
        "results": {
            "16": {
                "flask": _row("flask", True, "realworld"),
                "theirs": _row("x", False, "realworld"),
            }
        },
    }
    table = comparison_table(summary)
    assert "| theirs (gate: realworld) | 10.0" in table
    assert "| flask | 10.0" in table
