"""A bench invocation as a matrix: seed one template database, run the plan's cells in order
(``bench.cell``), keep each cell's raw results in its folder, then report.

``compare`` (and ``profile``) and ``endpoints`` are plans over this one runner: they differ in
their cells, in what a load runs (the scenario's mix, or one endpoint's user class), and in
their report.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from bench import processes
from bench.cell import CellRunner, describe
from bench.cpus import split_cpus
from bench.dataset import DatasetSpec
from bench.discovery import PROJECT_ROOT, implementations_of
from bench.generator import locust_command
from bench.machine import database_version, machine, versions
from bench.options import CompareOptions
from bench.plan import Cell, Run
from bench.progress import Progress
from bench.seed import Template, build_template
from bench.summary import CONTEXT_FILE
from domain.passwords import Argon2Cost

STARTUP_ESTIMATE = 4.0  # seconds from starting a server to its first answer, about
GATE_ESTIMATE = 10.0


class Matrix:
    """One invocation: its options, cells, template database, CPUs, progress and problems.
    Subclasses give the cells and the report; the hooks below say what a load runs."""

    def __init__(self, options: CompareOptions, cells: list[Cell]) -> None:
        self.options = options
        self.out = options.out
        self.cells = cells
        self.secret = secrets.token_hex(32)
        self.cost = Argon2Cost(*options.argon2)
        self.spec = DatasetSpec(seed=options.seed).scaled(options.dataset_scale)
        generator_processes = max(1, options.locust_workers)
        self.cpus = split_cpus(sorted(os.sched_getaffinity(0)), generator_processes, options.pin)
        self.progress = Progress(
            sum(len(cell.loads) for cell in cells),
            [seconds for cell in cells for seconds in self.estimates(cell)],
        )
        self.problems: list[str] = []
        self.template: Template | None = None

    # -- what a kind of run says about its loads (overridden by endpoints) -------------------

    def estimates(self, cell: Cell) -> list[float]:
        """Seconds each of ``cell``'s loads will take, start-up and gate in the first."""
        options = self.options
        gate = 0.0 if cell.server.floor or options.gate == "off" else GATE_ESTIMATE
        return [
            (STARTUP_ESTIMATE + gate if index == 0 else 0.0)
            + options.warmup
            + (options.floor_duration if load.floor else options.duration)
            for index, load in enumerate(cell.loads)
        ]

    def user_classes(self, load: Run) -> Sequence[str]:
        """The Locust user classes ``load`` runs (none: the scenario's own)."""
        return ()

    def describe_load(self, load: Run) -> str:
        return describe(load)

    def before_load(self, load: Run, url: str, what: str, meta: dict[str, Any]) -> bool:
        """Anything a load needs first (signing in, say); False when it cannot run."""
        return True

    def generator_environment(self) -> dict[str, str]:
        """The load generator's environment (the seeded users' count, the project importable)."""
        return {**self.environment(""), "PYTHONPATH": str(PROJECT_ROOT)}

    def finish(self) -> int:
        """Write the report and print its table; the exit code."""
        raise NotImplementedError

    # -- the run ---------------------------------------------------------------------------

    def environment(self, database_url: str) -> dict[str, str]:
        """A server's environment: its database, the run's secret, hashing cost and dataset."""
        time_cost, memory, lanes = self.options.argon2
        return {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": self.secret,
            "ARGON2_TIME_COST": str(time_cost),
            "ARGON2_MEMORY_COST": str(memory),
            "ARGON2_PARALLELISM": str(lanes),
            "BENCH_DATASET_USERS": str(self.spec.users),
        }

    def execute(self) -> int:
        """Run every cell, write the report, print the table; 0 only if all went well."""
        self.prepare()
        try:
            runner = CellRunner(self)
            first_load = 0
            for sequence, cell in enumerate(self.cells):
                runner.run(sequence, cell, first_load)
                first_load += len(cell.loads)
        finally:
            if self.template is not None:
                self.template.drop()
            self.progress.done()
        return self.finish()

    def prepare(self) -> None:
        """The report folder, the seeded template and ``context.json``."""
        (self.out / "runs").mkdir(parents=True, exist_ok=True)
        databases = self.out / "databases"
        databases.mkdir(exist_ok=True)
        self.progress.note(f"seeding the template database ({self.options.database_kind}) ...")
        server_url = None if self.options.db == "sqlite" else self.options.db
        self.template = build_template(
            self.spec, self.cost, server_url=server_url, directory=databases
        )
        self.progress.note(
            f"seeded in {self.template.seconds:.1f} s: "
            + ", ".join(f"{count} {name}" for name, count in self.template.counts.items())
        )
        (self.out / CONTEXT_FILE).write_text(
            json.dumps(self.context(), indent=2, default=str) + "\n"
        )

    def context(self) -> dict[str, Any]:
        """What ``context.json`` holds: machine, versions, database, dataset, options."""
        options = self.options
        database_url = "sqlite:///" if options.db == "sqlite" else options.db
        placement = (
            "SQLite runs inside each server process, on the server's CPUs"
            if options.db == "sqlite"
            else f"PostgreSQL server at {database_url.split('@')[-1]}, not pinned: "
            "it shares every CPU with the server and Locust"
        )
        if options.db_latencies != [None]:
            placement += (
                "; reached through the bench's latency proxy (python -m bench dbproxy), "
                "not pinned either, which adds each cell's round-trip time"
            )
        example = replace(self.cells[0].loads[0] if self.cells else Run("", 1, 1), impl="NAME")
        return {
            "started": options.started,
            "command": options.command,
            "machine": machine(),
            "cpus": self.cpus.describe(),
            "versions": {
                name: options.pinned_versions.get(name) or versions(implementations_of([name])[0])
                for name in options.impls
            },
            "database": {"version": database_version(database_url), "placement": placement},
            "dataset": {
                "seed": self.spec.seed,
                "spec": self.spec.as_dict(),
                "rows": self.template.counts if self.template else {},
                "seconds": round(self.template.seconds, 2) if self.template else 0,
            },
            "options": {
                **{
                    k: v
                    for k, v in asdict(options).items()
                    if k not in {"out", "started", "command"}
                },
                "out": str(self.out),
            },
            "locust_command": shlex.join(
                locust_command(
                    options,
                    example,
                    "URL",
                    Path("runs/RUN/locust"),
                    None,
                    self.user_classes(example),
                )
            ),
        }

    def database_pids(self) -> list[int]:
        """A PostgreSQL server on this machine: its processes, to report its CPU time."""
        if self.options.db == "sqlite" or not _is_local(self.options.db):
            return []
        return processes.named("postgres")

    def problem(self, meta: dict[str, Any], message: str) -> None:
        meta["problems"].append(message)
        self.problems.append(message)
        self.progress.note(f"problem: {message}")

    def exit_code(self) -> int:
        for problem in self.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1 if self.problems else 0


def _is_local(database_url: str) -> bool:
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    return make_url(database_url).host in {None, "", "localhost", "127.0.0.1", "::1"}
