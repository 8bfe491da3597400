"""``scripts/sessions.py``, which ``scripts/test`` runs: nox side by side, then the table."""

from __future__ import annotations

import pytest

from tests.conftest import load_script

sessions = load_script("sessions")

# Two sessions as ``nox --parallel 2`` prints them, abridged: each one's output is a block,
# opened by the parent's header; the child's own lines start with "nox > Running session".
PARALLEL_OUTPUT = """\
Starting session contract(flask-sqlite)...
Starting session fuzz(django-postgres)...
========== ✓ contract(flask-sqlite): success, 35 seconds ==========
nox > Running session contract(flask-sqlite)
nox > pytest contract_tests --impl flask --db sqlite
contract suite: 1258 test cases, 8196 assertions passed, target flask/sqlite
============================ 1258 passed in 13.92s =============================
nox > pytest tests/impl_flask --db sqlite
================== 18 passed, 1 skipped, 2 deselected in 3.83s ===================
nox > Session contract(flask-sqlite) was successful in 35 seconds.
========== ✗ fuzz(django-postgres): failed, 54 seconds ==========
nox > Running session fuzz(django-postgres)
\x1b[32m 2298 generated, 2290 passed, 8 failed, 105 skipped\x1b[0m
========================== 8 issues found in 23.16s ===========================
nox > Session fuzz(django-postgres) failed.
"""

REPORT = {
    "result": 0,
    "sessions": [
        {
            "name": "contract",
            "signatures": ["contract(flask-sqlite)"],
            "result": "success",
            "duration": 35.4,
        },
        {
            "name": "fuzz",
            "signatures": ["fuzz(django-postgres)"],
            "result": "failed",
            "duration": 54.2,
        },
    ],
}


def test_each_session_s_tests_are_added_up_from_its_own_lines() -> None:
    tallies = sessions.tally_output(PARALLEL_OUTPUT.splitlines())
    assert tallies["contract(flask-sqlite)"] == sessions.Tally(passed=1276, skipped=1)
    assert tallies["fuzz(django-postgres)"] == sessions.Tally(failed=8, fuzz_cases=2298)


def test_sequential_output_is_read_alike() -> None:
    output = [
        "nox > Running session domain",
        "============================= 652 passed in 3.36s ==============================",
        "nox > Session domain was successful in 17 seconds.",
        "nox > Running session storage(db='sqlite')",
        "======================== 29 passed, 1 skipped in 0.61s =========================",
        "=================== 1 failed, 2 errors in 0.61s (0:00:01) ===================",
    ]
    tallies = sessions.tally_output(output)
    assert tallies["domain"] == sessions.Tally(passed=652)
    assert tallies["storage(db='sqlite')"] == sessions.Tally(passed=29, failed=3, skipped=1)


def test_the_table_has_a_row_per_session_in_the_report_s_order_and_a_total() -> None:
    table = sessions.rows(REPORT, sessions.tally_output(PARALLEL_OUTPUT.splitlines()))
    text = sessions.markdown(table, wall_seconds=61.0, jobs=2)
    lines = text.splitlines()
    assert lines[2] == "| contract(flask-sqlite) | success | 35 | 1,276 | 0 | 1 |  |"
    assert lines[3] == "| fuzz(django-postgres) | failed | 54 | 0 | 8 | 0 | 2,298 |"
    assert lines[4] == "| 2 sessions | 1 succeeded | 90 | 1,276 | 8 | 1 | 2,298 |"
    assert "Wall time: 61 s with 2 session(s) at a time" in text


def test_a_session_that_printed_no_tests_still_has_its_row() -> None:
    report = {"sessions": [{"name": "lint", "signatures": [], "result": "failed", "duration": 3}]}
    (row,) = sessions.rows(report, {})
    assert (row.name, row.result, row.tally) == ("lint", "failed", sessions.Tally())


@pytest.mark.parametrize(
    ("options", "extra", "jobs"),
    [
        (["-s", "lint"], ["--parallel", "4"], 4),
        (["-j", "1", "-s", "lint"], [], 1),
        (["--parallel=4"], [], 4),
    ],
)
def test_a_job_per_core_and_one_more_unless_the_options_say_how_many(
    monkeypatch: pytest.MonkeyPatch, options: list[str], extra: list[str], jobs: int
) -> None:
    monkeypatch.setattr(sessions.os, "sched_getaffinity", lambda _pid: {0, 1, 2})
    assert sessions.jobs_option(options) == (extra, jobs)
