"""Second pass of ``nox -s mutation``: every mutant mutmut left alive meets the whole suite.

mutmut runs each mutant against the tests that reached its function while it took stats, and
code that runs once while the app is built (error handlers, wiring) is reached only by the first
test of a session. Here each survivor runs against the whole contract suite (``-x``: the first
failing test kills it); what still survives is listed with its diff in ``mutants/survivors.md``
and the kill rate is printed.

    python scripts/mutation_survivors.py [pytest arguments, e.g. --impl fastapi --db sqlite]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MUTANTS = Path("mutants")
PER_MUTANT_SECONDS = 300


def mutmut(*args: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "mutmut", *args], capture_output=True, text=True, check=True
    )
    return result.stdout


def statuses() -> dict[str, str]:
    """Every mutant mutmut knows, with its status (``killed``, ``survived``, ``no tests``...)."""
    found = {}
    for line in mutmut("results", "--all", "true").splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep:
            found[name] = status
    return found


def killed_by_the_whole_suite(name: str, pytest_args: list[str]) -> bool:
    env = {**os.environ, "MUTANT_UNDER_TEST": name}
    try:
        result = subprocess.run(  # noqa: S603 - fixed command line
            [
                sys.executable,
                "-m",
                "pytest",
                "contract_tests",
                "-x",
                "-q",
                "-p",
                "no:warnings",
                *pytest_args,
            ],
            cwd=MUTANTS,
            env=env,
            capture_output=True,
            text=True,
            timeout=PER_MUTANT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return True  # a mutant that hangs the suite is caught by its time limit
    return result.returncode != 0


def main(pytest_args: list[str]) -> int:
    found = statuses()
    checked = {name: status for name, status in found.items() if status != "not checked"}
    alive = [name for name, status in checked.items() if status in {"survived", "no tests"}]
    print(f"{len(checked)} mutants checked by mutmut, {len(alive)} alive", file=sys.stderr)
    survivors = []
    for number, name in enumerate(alive, 1):
        killed = killed_by_the_whole_suite(name, pytest_args)
        print(
            f"[{number}/{len(alive)}] {name}: {'killed' if killed else 'survived'}", file=sys.stderr
        )
        if not killed:
            survivors.append(name)
    report = ["# Surviving mutants", ""]
    for name in survivors:
        report += [f"## {name}", "", "```diff", mutmut("show", name).strip(), "```", ""]
    (MUTANTS / "survivors.md").write_text("\n".join(report))
    total = len(checked)
    rate = (total - len(survivors)) / total if total else 0.0
    print(f"mutation: {total} mutants, {total - len(survivors)} killed, {len(survivors)} survived")
    print(f"kill rate {rate:.1%}; survivors with their diffs in {MUTANTS / 'survivors.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
