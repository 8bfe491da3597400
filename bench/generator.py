"""The load generator's command lines: headless Locust, alone or as a master and its workers."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from bench.discovery import PROJECT_ROOT
from bench.floors import floor_user
from bench.gate import REALWORLD
from bench.net import HOST
from bench.options import CompareOptions
from bench.plan import Run

LOCUSTFILE = PROJECT_ROOT / "bench" / "locustfile.py"
FLOOR_LOCUSTFILE = PROJECT_ROOT / "bench" / "floors" / "locustfile.py"
ENDPOINTS_LOCUSTFILE = PROJECT_ROOT / "bench" / "endpoints" / "locustfile.py"


def locust_command(
    options: CompareOptions,
    run: Run,
    url: str,
    prefix: Path,
    master_port: int | None,
    user_classes: Sequence[str] = (),
) -> list[str]:
    """The headless Locust command for one run (the master's, when distributed); naming
    ``user_classes`` loads them from the endpoints' locustfile (or, for a floor, the floor's
    view: ``GET /floor`` unless named)."""
    user_classes = _user_classes(run, user_classes)
    duration = options.floor_duration if run.floor else options.duration
    command = [
        sys.executable, "-m", "locust", "-f", _locustfile(run, user_classes),
        "--headless", "--users", str(run.users), "--spawn-rate", str(run.users),
        "--run-time", f"{round(options.warmup + duration)}s",
        "--host", url, "--csv", str(prefix), "--only-summary",
        "--warmup-seconds", str(options.warmup), "--stop-timeout", "2",
        "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ]  # fmt: skip
    command += _shared_locust_options(options, run)
    if master_port is not None:
        command += [
            "--master", "--expect-workers", str(options.locust_workers),
            "--master-bind-host", HOST, "--master-bind-port", str(master_port),
        ]  # fmt: skip
    return [*command, *user_classes]


def worker_command(
    options: CompareOptions, run: Run, master_port: int, user_classes: Sequence[str] = ()
) -> list[str]:
    """One Locust worker of a distributed run."""
    user_classes = _user_classes(run, user_classes)
    return [
        sys.executable, "-m", "locust", "-f", _locustfile(run, user_classes),
        "--worker", "--master-host", HOST, "--master-port", str(master_port),
        "--loglevel", "WARNING", *_shared_locust_options(options, run), *user_classes,
    ]  # fmt: skip


def _user_classes(run: Run, user_classes: Sequence[str]) -> Sequence[str]:
    return user_classes or ((floor_user(run.impl),) if run.floor else ())


def _locustfile(run: Run, user_classes: Sequence[str]) -> str:
    if run.floor:
        return str(FLOOR_LOCUSTFILE)
    return str(ENDPOINTS_LOCUSTFILE if user_classes else LOCUSTFILE)


def _shared_locust_options(options: CompareOptions, run: Run) -> list[str]:
    shared = []
    if options.scenario != "mixed" and not run.floor:
        shared += ["--tags", options.scenario]
    if options.rate and not run.floor:  # a floor is a ceiling: always as fast as served
        shared += ["--user-rate", f"{options.rate / run.users:.6f}"]
    if options.gate == REALWORLD and run.impl in options.targets:
        shared += ["--answers", REALWORLD]  # held under load as at the gate
    return shared
