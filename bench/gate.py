"""The correctness gate: part of the contract suite against the live server, before load."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.discovery import PROJECT_ROOT

# About ten seconds: articles, lists, favorites, profiles, follows and tags, end to end.
QUICK = (
    "contract_tests/test_favorites.py",
    "contract_tests/test_profiles.py",
    "contract_tests/test_tags.py",
)


MAX_FAILURES = 20  # enough to say what a server gets wrong, without running all of it


REALWORLD = "realworld"  # the suite's tests of what the RealWorld specification fixes
LEVELS = ("quick", "full", REALWORLD, "off")


def command(base_url: str, level: str) -> list[str]:
    """``pytest`` on the quick subset, the whole suite, or its realworld level (for any
    Conduit API), stopping after a few failures."""
    files = list(QUICK) if level == "quick" else ["contract_tests"]
    return [
        sys.executable, "-m", "pytest", *files, "--base-url", base_url, "-q",
        f"--maxfail={MAX_FAILURES}", "-p", "no:cacheprovider",
        *(["--level", REALWORLD] if level == REALWORLD else []),
    ]  # fmt: skip


def failed_tests(output: str) -> list[str]:
    """The tests pytest's summary names as failed (``FAILED path::test - reason``)."""
    return [
        line.split(" ", 1)[1].split(" - ", 1)[0]
        for line in output.splitlines()
        if line.startswith(("FAILED ", "ERROR "))
    ]


def run_gate(base_url: str, level: str, log: Path) -> dict[str, Any]:
    """Run the gate; its output goes to ``log``. Returns what the report shows of it."""
    if level == "off":
        return {"passed": True, "skipped": True}
    started = time.perf_counter()
    with log.open("w") as sink:
        finished = subprocess.run(  # noqa: S603 - the bench's own command
            command(base_url, level),
            cwd=PROJECT_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=600,
        )
    output = log.read_text()
    lines = output.strip().splitlines()
    return {
        "passed": finished.returncode == 0,
        "level": level,
        "seconds": round(time.perf_counter() - started, 1),
        "outcome": lines[-1] if lines else "",
        "failed": failed_tests(output),
    }
