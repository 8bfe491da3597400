"""Run nox sessions, several side by side, and end with a table of each one's time and tests.

    scripts/test [nox options] [-- arguments for the sessions]

With more than one session selected (with no options: every default session, as CI runs them),
nox runs them side by side (``--parallel``, one job more than the CPUs this process may use,
unless ``-j``/``--parallel`` is given: sessions spend part of their time waiting on servers,
timeouts and PostgreSQL, so one more job keeps every core busy: README, Testing, has the
figures) and prints each one's output as a block when it ends. Then
comes a table of every session's result, wall time and tests, kept with the whole output in
``.nox/sessions.md`` and ``.nox/sessions.log``. With one session selected this is plain
``nox``, its output as it comes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / ".nox"
NOX = Path(sys.executable).with_name("nox")

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_SESSION_STARTS = re.compile(r"^nox > Running session (?P<name>\S.*?)\s*$")
_PYTEST_SUMMARY = re.compile(r"^=+ (?P<counts>.+?) in [0-9.]+s(?: \([^)]*\))? =+$")
_SCHEMATHESIS_CASES = re.compile(r"^\s*(?P<generated>\d+) generated(?P<rest>(?:, \d+ \w+)*)\s*$")
_COUNT = re.compile(r"(?P<number>\d+) (?P<what>passed|failed|skipped|errors?)\b")
_NOT_SELECTING = {"-l", "--list", "-h", "--help", "--version", "--usage"}


@dataclass
class Tally:
    """What one session's runs reported: pytest's tests, and the cases schemathesis generated
    (which count as failed when they fail, and nowhere else)."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    fuzz_cases: int = 0

    @classmethod
    def of(cls, counts: str) -> Tally:
        """The counts of a summary such as ``1 failed, 29 passed, 1 skipped, 2 errors``."""
        tally = cls()
        tally.add(counts)
        return tally

    def add(self, counts: str) -> None:
        for match in _COUNT.finditer(counts):
            number, what = int(match["number"]), match["what"]
            if what == "passed":
                self.passed += number
            elif what == "skipped":
                self.skipped += number
            else:
                self.failed += number


@dataclass
class SessionRow:
    """One session in the table."""

    name: str
    result: str
    seconds: float
    tally: Tally = field(default_factory=Tally)


def tally_output(lines: Iterable[str]) -> dict[str, Tally]:
    """Each session's tally, from nox's output (sequential, or parallel blocks alike): a
    session's lines follow its ``nox > Running session NAME``."""
    tallies: dict[str, Tally] = {}
    current: Tally | None = None
    for raw in lines:
        line = _ANSI.sub("", raw).rstrip("\n")
        if started := _SESSION_STARTS.match(line):
            current = tallies.setdefault(started["name"], Tally())
        elif current is None:
            continue
        elif pytest_summary := _PYTEST_SUMMARY.match(line):
            current.add(pytest_summary["counts"])
        elif cases := _SCHEMATHESIS_CASES.match(line):
            current.fuzz_cases += int(cases["generated"])
            current.failed += Tally.of(cases["rest"]).failed
    return tallies


def rows(report: dict[str, Any], tallies: dict[str, Tally]) -> list[SessionRow]:
    """The table's rows: nox's ``--report`` gives each session's result and time, in order."""
    table: list[SessionRow] = []
    for entry in report.get("sessions", []):
        signatures = entry.get("signatures") or [entry["name"]]
        name = next((s for s in signatures if s in tallies), signatures[0])
        table.append(
            SessionRow(
                name=name,
                result=entry["result"],
                seconds=float(entry["duration"]),
                tally=tallies.get(name, Tally()),
            )
        )
    return table


def markdown(table: Sequence[SessionRow], wall_seconds: float, jobs: int) -> str:
    """The table, a total row, and how long the whole run took on how many jobs."""
    lines = [
        "| session | result | wall s | tests passed | failed | skipped | fuzz cases |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in table:
        t = row.tally
        cases = f"{t.fuzz_cases:,}" if t.fuzz_cases else ""
        lines.append(
            f"| {row.name} | {row.result} | {row.seconds:.0f} | {t.passed:,} | {t.failed:,} "
            f"| {t.skipped:,} | {cases} |"
        )
    total = Tally(
        passed=sum(row.tally.passed for row in table),
        failed=sum(row.tally.failed for row in table),
        skipped=sum(row.tally.skipped for row in table),
        fuzz_cases=sum(row.tally.fuzz_cases for row in table),
    )
    session_seconds = sum(row.seconds for row in table)
    succeeded = sum(row.result == "success" for row in table)
    lines.append(
        f"| {len(table)} sessions | {succeeded} succeeded | {session_seconds:.0f} "
        f"| {total.passed:,} | {total.failed:,} | {total.skipped:,} | {total.fuzz_cases:,} |"
    )
    lines += [
        "",
        f"Wall time: {wall_seconds:.0f} s with {jobs} session(s) at a time "
        f"(the sessions' own times add up to {session_seconds:.0f} s).",
    ]
    return "\n".join(lines) + "\n"


def selected_sessions(nox_options: Sequence[str]) -> list[str]:
    """The sessions these options select (``nox --list --json``); none if nox refuses them."""
    listing = subprocess.run(  # noqa: S603 - nox from this environment
        [str(NOX), "--list", "--json", *nox_options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode != 0:
        return []
    return [entry["session"] for entry in json.loads(listing.stdout or "[]")]


def jobs_option(nox_options: Sequence[str]) -> tuple[list[str], int]:
    """``--parallel N`` (a job per CPU, and one more) unless the options name one; and how many
    jobs that is."""
    for index, option in enumerate(nox_options):
        if option in {"-j", "--parallel"} and index + 1 < len(nox_options):
            value = nox_options[index + 1]
            return [], _jobs(value)
        if option.startswith("--parallel="):
            return [], _jobs(option.partition("=")[2])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = (cores or 1) + 1
    return ["--parallel", str(jobs)], jobs


def _jobs(value: str) -> int:
    return (os.cpu_count() or 1) if value.strip().lower() == "auto" else int(value)


def run(arguments: Sequence[str]) -> int:
    """Run nox with ``arguments``; the table after it when more than one session ran."""
    split = arguments.index("--") if "--" in arguments else len(arguments)
    nox_options = list(arguments[:split])
    if _NOT_SELECTING.intersection(nox_options) or len(selected_sessions(nox_options)) < 2:
        os.execv(NOX, [str(NOX), *arguments])  # noqa: S606 - nox from this environment
    parallel, jobs = jobs_option(nox_options)
    OUTPUT.mkdir(exist_ok=True)
    report_path, log_path, table_path = (
        OUTPUT / "sessions.json",
        OUTPUT / "sessions.log",
        OUTPUT / "sessions.md",
    )
    report_path.unlink(missing_ok=True)
    colour = ["--forcecolor"] if sys.stdout.isatty() else []
    command = [str(NOX), *parallel, *colour, "--report", str(report_path), *arguments]
    started = time.monotonic()
    with (
        log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(  # noqa: S603 - nox from this environment
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="backslashreplace",
        ) as nox,
    ):
        assert nox.stdout is not None
        try:
            for line in nox.stdout:
                sys.stdout.write(line)
                log.write(_ANSI.sub("", line))
            code = nox.wait()
        except KeyboardInterrupt:
            nox.wait()
            return 130
    wall_seconds = time.monotonic() - started
    if not report_path.exists():
        return code
    report = json.loads(report_path.read_text(encoding="utf-8"))
    tallies = tally_output(log_path.read_text(encoding="utf-8").splitlines())
    table = markdown(rows(report, tallies), wall_seconds, jobs)
    table_path.write_text(table, encoding="utf-8")
    print(
        f"\n{table}\n(this table: {table_path.relative_to(ROOT)}; the output: "
        f"{log_path.relative_to(ROOT)})",
        flush=True,
    )
    return code


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
