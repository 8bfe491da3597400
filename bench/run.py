"""``python -m bench compare``: seed once, then for every run copy, serve, check, load, stop."""

from __future__ import annotations

import json
import os
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import gate, processes, profiling
from bench.dataset import DatasetSpec
from bench.discovery import PROJECT_ROOT, floor_module, implementations_of, serve_command
from bench.floors import floor_user
from bench.machine import database_version, machine, versions
from bench.options import CompareOptions
from bench.plan import Run, plan
from bench.progress import Progress, wait_with
from bench.reporting import write_reports
from bench.results import CSV_PREFIX
from bench.seed import Template, build_template
from bench.summary import CONTEXT_FILE
from domain.passwords import Argon2Cost

HOST = "127.0.0.1"
HEALTH_TIMEOUT = 60.0
STARTUP_ESTIMATE = 4.0
LOCUSTFILE = PROJECT_ROOT / "bench" / "locustfile.py"
FLOOR_LOCUSTFILE = PROJECT_ROOT / "bench" / "floors" / "locustfile.py"
ENDPOINTS_LOCUSTFILE = PROJECT_ROOT / "bench" / "endpoints" / "locustfile.py"
FLOOR_PATH = "/floor"
CONFIGURATION = "serve configuration:"  # the line each implementation's serve logs
FOOTPRINT_REPEAT = 1  # start-up runs per figure in a comparison (python -m bench footprint: 3)


@dataclass
class Cpus:
    """Which CPUs the servers and the load generator run on (empty: not pinned)."""

    server: set[int] = field(default_factory=set)
    generator: set[int] = field(default_factory=set)

    def describe(self) -> str:
        if not self.server:
            return "not pinned (fewer than 2 CPUs, or --no-pin)"
        return f"server on CPU {sorted(self.server)}, Locust on CPU {sorted(self.generator)}"


@dataclass
class Served:
    """A server being measured: where it answers, its process and its database copy."""

    url: str = ""
    server: subprocess.Popen[bytes] | None = None
    database_url: str | None = None


def describe(run: Run) -> str:
    """How the progress line and problems name a run."""
    return f"{run.impl}{' floor' if run.floor else ''} round {run.round}, {run.users} users"


def split_cpus(available: list[int], generator_processes: int, pin: bool) -> Cpus:
    """Give the generator as many CPUs as it has processes (at most all but one)."""
    if not pin or len(available) < 2:
        return Cpus()
    count = min(max(1, generator_processes), len(available) - 1)
    return Cpus(server=set(available[count:]), generator=set(available[:count]))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(url: str, server: subprocess.Popen[bytes] | None, timeout: float) -> str | None:
    """None once ``url`` answers 200; otherwise why not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            return f"the server exited with code {server.returncode} before answering"
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our URL
                if answer.status == 200:
                    return None
        except OSError:
            pass
        time.sleep(0.2)
    return f"{url} did not answer 200 within {timeout:.0f} s"


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
    return shared


def worker_command(
    options: CompareOptions, run: Run, master_port: int, user_classes: Sequence[str] = ()
) -> list[str]:
    user_classes = _user_classes(run, user_classes)
    return [
        sys.executable, "-m", "locust", "-f", _locustfile(run, user_classes),
        "--worker", "--master-host", HOST, "--master-port", str(master_port),
        "--loglevel", "WARNING", *_shared_locust_options(options, run), *user_classes,
    ]  # fmt: skip


def server_command(name: str, run: Run, port: int, workers: int) -> list[str]:
    """``python -m impl_<name> serve ...`` (in the variant's mode), or the framework floor's
    own server."""
    if run.floor:
        module = floor_module(name)
        assert module is not None
        from importlib import import_module  # noqa: PLC0415

        built: list[str] = import_module(module).command(sys.executable, HOST, port, workers)
        return built
    return [
        *serve_command(name, sys.executable),
        "--host", HOST, "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip


def server_configuration(log: Path) -> dict[str, Any] | None:
    """What the server says it runs with: the JSON of its ``serve configuration:`` line."""
    if not log.exists():
        return None
    for line in log.read_text(errors="replace").splitlines():
        if CONFIGURATION in line:
            try:
                found: dict[str, Any] = json.loads(line.split(CONFIGURATION, 1)[1])
            except ValueError:
                return None
            return found
    return None


class Comparison:
    """One ``compare`` invocation: its options, template database, CPUs and progress."""

    def __init__(self, options: CompareOptions) -> None:
        self.options = options
        self.out = options.out
        self.secret = secrets.token_hex(32)
        time_cost, memory, lanes = options.argon2
        self.cost = Argon2Cost(time_cost, memory, lanes)
        self.spec = DatasetSpec(seed=options.seed).scaled(options.dataset_scale)
        processes_count = max(1, options.locust_workers)
        self.cpus = split_cpus(sorted(os.sched_getaffinity(0)), processes_count, options.pin)
        names = options.impls + list(options.targets)
        with_floor = {n for n in options.impls if options.floors and floor_module(n)}
        self.runs = plan(names, options.rounds, options.users, with_floor)
        self.progress = Progress(len(self.runs), [self._estimate(run) for run in self.runs])
        self.problems: list[str] = []
        self.template: Template | None = None

    def _estimate(self, run: Run) -> float:
        measured = self.options.floor_duration if run.floor else self.options.duration
        gate_seconds = 0 if run.floor or self.options.gate == "off" else 10
        return STARTUP_ESTIMATE + gate_seconds + self.options.warmup + measured

    def environment(self, database_url: str) -> dict[str, str]:
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
        """Run everything, write the report, print the table; 0 only if all went well."""
        self._prepare()
        try:
            self._measure()
        finally:
            if self.template is not None:
                self.template.drop()
            self.progress.done()
        return self._finish()

    def _prepare(self) -> None:
        """The report folder, the seeded template and ``context.json``."""
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / "runs").mkdir(exist_ok=True)
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
            json.dumps(self._context(), indent=2, default=str) + "\n"
        )

    def _measure(self) -> None:
        for index, run in enumerate(self.runs):
            self.progress.run(index)
            self._one(index, run)
            self.progress.remaining[index] = 0

    def _finish(self) -> int:
        """The footprint, the reports and the printed table; the exit code."""
        if self.options.footprint != "off" and self.options.impls:
            self._footprint()
        summary = write_reports(self.out)
        from bench.report_md import comparison_table  # noqa: PLC0415

        print(comparison_table(summary))
        for warning in summary["warnings"]:
            print(f"warning: {warning}")
        print(f"report: {self.out / 'report.md'} and {self.out / 'report.html'}")
        failures = sum(
            r.get("failures", 0) for t in summary["results"].values() for r in t.values()
        )
        if failures:
            self.problems.append(f"{failures} requests failed")
        return self._exit_code()

    def _exit_code(self) -> int:
        for problem in self.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1 if self.problems else 0

    def _footprint(self) -> None:
        """Code, dependencies, start-up, code side by side and documents: ``footprint.json``."""
        from bench.footprint.collect import measure  # noqa: PLC0415
        from bench.footprint.files import write_footprint  # noqa: PLC0415

        self.progress.note("footprint: measuring what each implementation costs to write and run")
        try:
            found = measure(
                implementations_of(self.options.impls),
                dependency_mode=self.options.footprint,
                repeat=FOOTPRINT_REPEAT,
                say=self.progress.note,
            )
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            self.problems.append(f"the footprint could not be measured: {error}")
            return
        write_footprint(self.out, found)
        self.progress.note(f"footprint: measured in {found['seconds']['total']:.0f} s")

    def _context(self) -> dict[str, Any]:
        """What ``context.json`` holds: machine, versions, database, dataset, options."""
        database_url = "sqlite:///" if self.options.db == "sqlite" else self.options.db
        placement = (
            "SQLite runs inside each server process, on the server's CPUs"
            if self.options.db == "sqlite"
            else f"PostgreSQL server at {database_url.split('@')[-1]}, not pinned: "
            "it shares every CPU with the server and Locust"
        )
        return {
            "machine": machine(),
            "cpus": self.cpus.describe(),
            "versions": {
                name: versions(implementations_of([name])[0]) for name in self.options.impls
            },
            "database": {"version": database_version(database_url), "placement": placement},
            "dataset": {
                "seed": self.spec.seed,
                "spec": self.spec.as_dict(),
                "rows": self.template.counts if self.template else {},
                "seconds": round(self.template.seconds, 2) if self.template else 0,
            },
            "options": {
                **{k: v for k, v in asdict(self.options).items() if k != "out"},
                "out": str(self.out),
            },
            "locust_command": shlex.join(
                locust_command(
                    self.options,
                    Run("NAME", 1, self.options.users[0]),
                    "URL",
                    Path("runs/RUN/locust"),
                    None,
                )
            ),
        }

    def _run_folder(self, sequence: int, run: Run) -> tuple[Path, str, dict[str, Any]]:
        """The run's folder (made), its description, and the start of its ``meta.json``."""
        folder = self.out / "runs" / run.label
        folder.mkdir(parents=True, exist_ok=True)
        meta: dict[str, Any] = {
            **asdict(run), "sequence": sequence, "label": run.label, "problems": [],
        }  # fmt: skip
        return folder, describe(run), meta

    def _one(self, sequence: int, run: Run) -> None:
        folder, what, meta = self._run_folder(sequence, run)
        served = Served()
        try:
            if self._serve(run, what, folder, meta, served):
                self._load(run, what, served.url, folder, served.server, meta)
        finally:
            self._stop(what, folder, meta, served)
            (folder / "run.json").write_text(json.dumps(meta, indent=2) + "\n")

    def _serve(
        self, run: Run, what: str, folder: Path, meta: dict[str, Any], served: Served
    ) -> bool:
        """Start ``run``'s server on its own database copy (or reach its target), wait until it
        answers, then run the correctness gate; True when it is ready to be loaded."""
        target = self.options.targets.get(run.impl)
        if target:
            served.url = target.rstrip("/")
            meta["server"] = {"command": f"(not started: {served.url})", "measured": False}
        else:
            assert self.template is not None
            port = free_port()
            served.url = f"http://{HOST}:{port}"
            workers = self.options.workers_for(run.impl)
            command = server_command(run.impl, run, port, workers)
            env = dict(os.environ)
            if not run.floor:
                self.progress.show(what, "copying the seeded database")
                served.database_url = self.template.copy(
                    run.label.replace("-", "_"), self.out / "databases"
                )
                env = self.environment(served.database_url)
            meta["server"] = {
                "command": shlex.join(command), "workers": workers, "measured": True,
                "cpus": sorted(self.cpus.server),
            }  # fmt: skip
            self.progress.show(what, "starting the server")
            served.server = processes.start(
                command, log=folder / "server.log", env=env, cpus=self.cpus.server,
                cwd=PROJECT_ROOT,
            )  # fmt: skip
        health = f"{served.url}{FLOOR_PATH if run.floor else '/api/tags'}"
        problem = wait_healthy(health, served.server, HEALTH_TIMEOUT)
        if problem:
            self._problem(meta, f"{what}: {problem}")
            return False
        if not run.floor:
            self.progress.show(what, "correctness gate (contract tests)")
            meta["gate"] = gate.run_gate(served.url, self.options.gate, folder / "gate.log")
            if not meta["gate"]["passed"]:
                self._problem(
                    meta,
                    f"{what}: the correctness gate failed "
                    f"({meta['gate']['outcome']}); see {folder / 'gate.log'}",
                )
                return False
        return True

    def _stop(self, what: str, folder: Path, meta: dict[str, Any], served: Served) -> None:
        """Stop the server (noting a death under load) and discard its database copy."""
        server = served.server
        if server is not None:
            lost = server.poll() is not None
            code = processes.stop(server)
            meta.setdefault("server", {})["exit_code"] = code
            if lost:
                self._problem(meta, f"{what}: the server died (exit code {code})")
            configuration = server_configuration(folder / "server.log")
            if configuration:
                meta["server"]["configuration"] = configuration
        if served.database_url and self.template:
            self.template.discard(served.database_url)

    def _load(
        self,
        run: Run,
        what: str,
        url: str,
        folder: Path,
        server: subprocess.Popen[bytes] | None,
        meta: dict[str, Any],
    ) -> None:
        options = self.options
        duration = options.floor_duration if run.floor else options.duration
        master_port = free_port() if options.locust_workers else None
        command = self._locust_command(run, url, folder / CSV_PREFIX, master_port)
        env = self._generator_environment()
        log = folder / "locust.log"
        generators = [processes.start(command, log=log, env=env, cpus=self.cpus.generator,
                                      cwd=PROJECT_ROOT)]  # fmt: skip
        if master_port is not None:
            generators += [
                processes.start(self._worker_command(run, master_port), log=log, env=env,
                                cpus=self.cpus.generator, cwd=PROJECT_ROOT)
                for _ in range(options.locust_workers)
            ]  # fmt: skip
        meta["locust_command"] = shlex.join(command)
        server_monitor = processes.Monitor([server.pid] if server else []).start()
        generator_monitor = processes.Monitor([p.pid for p in generators]).start()
        database_monitor = processes.Monitor(self._database_pids()).start()
        try:
            wait_with(self.progress, what, "warming up (not counted)", options.warmup)
            meta["measure_started_epoch"] = time.time()
            profiler = self._start_profile(run, server, folder, duration)
            server_mark, generator_mark = server_monitor.mark(), generator_monitor.mark()
            database_mark = database_monitor.mark()
            machine_mark = processes.machine_busy_seconds()
            end = time.monotonic() + duration
            while (left := end - time.monotonic()) > 0:
                self.progress.show(what, "measuring", left)
                if server is not None and server.poll() is not None:
                    break
                time.sleep(min(1.0, left))
            if server is not None:
                meta["server_usage"] = asdict(server_monitor.since(server_mark))
                meta["server_usage"]["cpu_percent"] = server_monitor.since(server_mark).cpu_percent
            if database_monitor.roots:
                meta["database_cpu_percent"] = database_monitor.since(database_mark).cpu_percent
            generator_usage = generator_monitor.since(generator_mark)
            meta["generator_usage"] = {**asdict(generator_usage),
                                       "cpu_percent": generator_usage.cpu_percent}  # fmt: skip
            meta["generator_busiest_percent"] = generator_monitor.busiest_percent(generator_mark)
            measured = [
                meta.get("server_usage", {}).get("cpu_seconds", 0.0),
                generator_usage.cpu_seconds,
            ]
            if database_monitor.roots:
                measured.append(database_monitor.since(database_mark).cpu_seconds)
            meta["other_cpu_percent"] = processes.other_cpu_percent(
                machine_mark, sum(measured), generator_usage.wall_seconds
            )
            self._finish_profile(profiler, folder, what, meta)
            self.progress.show(what, "collecting Locust's results")
            generators[0].wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._problem(meta, f"{what}: Locust did not finish in time")
        finally:
            server_monitor.close()
            generator_monitor.close()
            database_monitor.close()
            for process in generators:
                processes.stop(process, timeout=10)

    def _locust_command(
        self, run: Run, url: str, prefix: Path, master_port: int | None
    ) -> list[str]:
        return locust_command(self.options, run, url, prefix, master_port)

    def _worker_command(self, run: Run, master_port: int) -> list[str]:
        return worker_command(self.options, run, master_port)

    def _generator_environment(self) -> dict[str, str]:
        """The load generator's environment (the seeded users' count, the project importable)."""
        return {**self.environment(""), "PYTHONPATH": str(PROJECT_ROOT)}

    def _start_profile(
        self, run: Run, server: subprocess.Popen[bytes] | None, folder: Path, seconds: float
    ) -> subprocess.Popen[bytes] | str | None:
        """py-spy on the server for the measured time, when asked (not floors, not targets)."""
        if not self.options.profile or run.floor or server is None:
            return None
        output = folder / profiling.profile_name(self.options.scenario)
        return profiling.start(server.pid, output, seconds, folder / "py-spy.log")

    def _finish_profile(
        self,
        profiler: subprocess.Popen[bytes] | str | None,
        folder: Path,
        what: str,
        meta: dict[str, Any],
    ) -> None:
        if profiler is None:
            return
        self.progress.show(what, "writing the profile")
        output = folder / profiling.profile_name(self.options.scenario)
        meta["profile"] = profiling.finish(profiler, output, folder / "py-spy.log")
        if "error" in meta["profile"]:
            self._problem(meta, f"{what}: no profile: {meta['profile']['error']}")

    def _database_pids(self) -> list[int]:
        """A PostgreSQL server on this machine: its processes, to report its CPU time."""
        if self.options.db == "sqlite" or not _is_local(self.options.db):
            return []
        return processes.named("postgres")

    def _problem(self, meta: dict[str, Any], message: str) -> None:
        meta["problems"].append(message)
        self.problems.append(message)
        self.progress.note(f"problem: {message}")


def _is_local(database_url: str) -> bool:
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    return make_url(database_url).host in {None, "", "localhost", "127.0.0.1", "::1"}


def compare(options: CompareOptions) -> int:
    return Comparison(options).execute()
