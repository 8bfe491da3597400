"""One cell of the plan, run: serve (on a copy of the seeded database, through the latency
proxy when asked), gate, load and sample each of its loads, stop."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from bench import dbproxy, gate, processes, profiling
from bench.discovery import PROJECT_ROOT, floor_module, serve_command
from bench.generator import locust_command, worker_command
from bench.net import HOST, free_port, wait_healthy
from bench.plan import Cell, Run
from bench.progress import wait_with
from bench.results import CSV_PREFIX

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bench.cpus import Cpus
    from bench.options import CompareOptions
    from bench.progress import Progress
    from bench.seed import Template

HEALTH_TIMEOUT = 60.0
FLOOR_PATH = "/floor"
CONFIGURATION = "serve configuration:"  # the line each implementation's serve logs


@dataclass
class Served:
    """A server being measured: where it answers, its process, its database copy and the
    proxy in front of that database."""

    url: str = ""
    server: subprocess.Popen[bytes] | None = None
    database_url: str | None = None
    proxy: dbproxy.Proxy | None = None


def describe(run: Run) -> str:
    """How the progress line and problems name a run."""
    text = f"{run.impl}{' floor' if run.floor else ''} round {run.round}, {run.users} users"
    if run.db_latency_ms is not None:
        text += f", database +{run.db_latency_ms:g} ms"
    if run.threads is not None:
        text += f", {run.threads} threads"
    if run.pool_size is not None:
        text += f", pool of {run.pool_size}"
    return text


def server_command(
    name: str, run: Run, port: int, workers: int, python: str = sys.executable
) -> list[str]:
    """``python -m impl_<name> serve ...`` (in the variant's mode, with the run's knob), or the
    framework floor's own server; ``python`` is the variant's interpreter."""
    if run.floor:
        module = floor_module(name)
        assert module is not None
        from importlib import import_module  # noqa: PLC0415

        built: list[str] = import_module(module).command(python, HOST, port, workers)
        return built
    knobs = (["--threads", str(run.threads)] if run.threads is not None else []) + (
        ["--pool-size", str(run.pool_size)] if run.pool_size is not None else []
    )
    return [
        *serve_command(name, python),
        "--host", HOST, "--port", str(port), "--workers", str(workers), *knobs,
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


def _meta(run: Run, sequence: int) -> dict[str, Any]:
    return {**asdict(run), "sequence": sequence, "label": run.label, "problems": []}


class Bench(Protocol):
    """What a cell's runner needs of the invocation it runs for (``bench.matrix.Matrix``)."""

    options: CompareOptions
    out: Path
    template: Template | None
    cpus: Cpus
    progress: Progress

    def environment(self, database_url: str) -> dict[str, str]: ...
    def generator_environment(self) -> dict[str, str]: ...
    def user_classes(self, load: Run) -> Sequence[str]: ...
    def describe_load(self, load: Run) -> str: ...
    def before_load(self, load: Run, url: str, what: str, meta: dict[str, Any]) -> bool: ...
    def database_pids(self) -> list[int]: ...
    def problem(self, meta: dict[str, Any], message: str) -> None: ...


class CellRunner:
    """Runs cells for one bench invocation (``matrix``: its options, template, CPUs, progress,
    problems, and what its kind of run loads)."""

    def __init__(self, matrix: Bench) -> None:
        self.matrix = matrix
        self.options = matrix.options

    def run(self, sequence: int, cell: Cell, first_load: int) -> None:
        """Serve ``cell``'s server once, then put each of its loads on it in turn."""
        folder = self.matrix.out / "runs" / cell.server.label
        folder.mkdir(parents=True, exist_ok=True)
        what = describe(cell.server)
        meta = _meta(cell.server, sequence)
        served = Served()
        progress = self.matrix.progress
        progress.run(first_load)
        try:
            ready = self._serve(cell.server, what, folder, meta, served)
            alone = cell.loads == (cell.server,)
            for offset, load in enumerate(cell.loads):
                progress.run(first_load + offset)
                if ready and self._alive(served, what, meta):
                    if alone:
                        self._load(load, what, served, folder, meta)
                    else:
                        self._one_of_many(sequence, load, served, folder / load.endpoint)
                progress.remaining[first_load + offset] = 0
        finally:
            self._stop(what, folder, meta, served)
            (folder / "run.json").write_text(json.dumps(meta, indent=2) + "\n")

    def _one_of_many(self, sequence: int, load: Run, served: Served, folder: Path) -> None:
        """One of several loads on one server: its own folder and ``run.json``."""
        folder.mkdir(parents=True, exist_ok=True)
        what = self.matrix.describe_load(load)
        meta = _meta(load, sequence)
        try:
            if self.matrix.before_load(load, served.url, what, meta):
                self._load(load, what, served, folder, meta)
        finally:
            (folder / "run.json").write_text(json.dumps(meta, indent=2) + "\n")

    def _alive(self, served: Served, what: str, meta: dict[str, Any]) -> bool:
        if served.server is not None and served.server.poll() is not None:
            self.matrix.problem(meta, f"{what}: the server is gone; the loads left are not run")
            return False
        return True

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
            try:
                self._start(run, what, folder, meta, served)
            except RuntimeError as error:  # the database proxy did not start
                self.matrix.problem(meta, f"{what}: {error}")
                return False
        health = f"{served.url}{FLOOR_PATH if run.floor else '/api/tags'}"
        problem = wait_healthy(health, served.server, HEALTH_TIMEOUT)
        if problem:
            self.matrix.problem(meta, f"{what}: {problem}")
            return False
        if not run.floor:
            self.matrix.progress.show(what, "correctness gate (contract tests)")
            meta["gate"] = gate.run_gate(served.url, self.options.gate, folder / "gate.log")
            if not meta["gate"]["passed"]:
                failed = meta["gate"].get("failed") or []
                self.matrix.problem(
                    meta,
                    f"{what}: the correctness gate failed ({meta['gate']['outcome']}), so it is "
                    f"not measured; failed: {', '.join(failed) or 'see the log'}; "
                    f"see {folder / 'gate.log'}",
                )
                return False
        return True

    def _start(
        self, run: Run, what: str, folder: Path, meta: dict[str, Any], served: Served
    ) -> None:
        matrix = self.matrix
        assert matrix.template is not None
        port = free_port()
        served.url = f"http://{HOST}:{port}"
        workers = self.options.workers_for(run.impl)
        command = server_command(run.impl, run, port, workers, self.options.python_for(run.impl))
        env = None
        if not run.floor:
            matrix.progress.show(what, "copying the seeded database")
            served.database_url = matrix.template.copy(
                run.label.replace("-", "_"), matrix.out / "databases"
            )
            database_url = served.database_url
            if run.db_latency_ms is not None:
                matrix.progress.show(
                    what, f"starting the database proxy (+{run.db_latency_ms:g} ms)"
                )
                served.proxy = dbproxy.start(
                    dbproxy.upstream_of(database_url), run.db_latency_ms, log=folder / "dbproxy.log"
                )
                database_url = dbproxy.proxied_url(
                    database_url, served.proxy.host, served.proxy.port
                )
                meta["proxy"] = {
                    "latency_ms": run.db_latency_ms,
                    "address": f"{served.proxy.host}:{served.proxy.port}",
                }
            env = matrix.environment(database_url)
        meta["server"] = {
            "command": shlex.join(command), "workers": workers, "measured": True,
            "cpus": sorted(matrix.cpus.server),
        }  # fmt: skip
        matrix.progress.show(what, "starting the server")
        served.server = processes.start(
            command, log=folder / "server.log", env=env, cpus=matrix.cpus.server, cwd=PROJECT_ROOT
        )

    def _stop(self, what: str, folder: Path, meta: dict[str, Any], served: Served) -> None:
        """Stop the server (noting a death under load), its proxy, and discard its database
        copy."""
        server = served.server
        if server is not None:
            lost = server.poll() is not None
            code = processes.stop(server)
            meta.setdefault("server", {})["exit_code"] = code
            if lost:
                self.matrix.problem(meta, f"{what}: the server died (exit code {code})")
            configuration = server_configuration(folder / "server.log")
            if configuration:
                meta["server"]["configuration"] = configuration
        if served.proxy is not None:
            served.proxy.stop()
        if served.database_url and self.matrix.template:
            self.matrix.template.discard(served.database_url)

    def _load(
        self, run: Run, what: str, served: Served, folder: Path, meta: dict[str, Any]
    ) -> None:
        """Locust on ``served`` for the warm-up and the measured time, sampling the server,
        the generator, the database (and its proxy) meanwhile."""
        options, matrix, server = self.options, self.matrix, served.server
        duration = options.floor_duration if run.floor else options.duration
        master_port = free_port() if options.locust_workers else None
        classes = matrix.user_classes(run)
        command = locust_command(
            options, run, served.url, folder / CSV_PREFIX, master_port, classes
        )
        env = matrix.generator_environment()
        log = folder / "locust.log"
        cpus = matrix.cpus.generator
        generators = [processes.start(command, log=log, env=env, cpus=cpus, cwd=PROJECT_ROOT)]
        if master_port is not None:
            worker = worker_command(options, run, master_port, classes)
            generators += [
                processes.start(worker, log=log, env=env, cpus=cpus, cwd=PROJECT_ROOT)
                for _ in range(options.locust_workers)
            ]
        meta["locust_command"] = shlex.join(command)
        monitors = {
            "server": processes.Monitor([server.pid] if server else []),
            "generator": processes.Monitor([p.pid for p in generators]),
            "database": processes.Monitor(matrix.database_pids()),
            "proxy": processes.Monitor([served.proxy.process.pid] if served.proxy else []),
        }
        for monitor in monitors.values():
            monitor.start()
        try:
            wait_with(matrix.progress, what, "warming up (not counted)", options.warmup)
            meta["measure_started_epoch"] = time.time()
            profiler = self._start_profile(run, server, folder, duration)
            marks = {name: monitor.mark() for name, monitor in monitors.items()}
            machine_mark = processes.machine_busy_seconds()
            end = time.monotonic() + duration
            while (left := end - time.monotonic()) > 0:
                matrix.progress.show(what, "measuring", left)
                if server is not None and server.poll() is not None:
                    break
                time.sleep(min(1.0, left))
            usage = {name: monitors[name].since(mark) for name, mark in marks.items()}
            if server is not None:
                meta["server_usage"] = {
                    **asdict(usage["server"]),
                    "cpu_percent": usage["server"].cpu_percent,
                }
            for name in ("database", "proxy"):
                if monitors[name].roots:
                    meta[f"{name}_cpu_percent"] = usage[name].cpu_percent
            generator = usage["generator"]
            meta["generator_usage"] = {**asdict(generator), "cpu_percent": generator.cpu_percent}
            meta["generator_busiest_percent"] = monitors["generator"].busiest_percent(
                marks["generator"]
            )
            measured = sum(
                usage[name].cpu_seconds
                for name in ("server", "generator", "database", "proxy")
                if monitors[name].roots
            )
            meta["other_cpu_percent"] = processes.other_cpu_percent(
                machine_mark, measured, generator.wall_seconds
            )
            self._finish_profile(profiler, folder, what, meta)
            matrix.progress.show(what, "collecting Locust's results")
            generators[0].wait(timeout=60)
        except subprocess.TimeoutExpired:
            matrix.problem(meta, f"{what}: Locust did not finish in time")
        finally:
            for monitor in monitors.values():
                monitor.close()
            for process in generators:
                processes.stop(process, timeout=10)

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
        self.matrix.progress.show(what, "writing the profile")
        output = folder / profiling.profile_name(self.options.scenario)
        meta["profile"] = profiling.finish(profiler, output, folder / "py-spy.log")
        if "error" in meta["profile"]:
            self.matrix.problem(meta, f"{what}: no profile: {meta['profile']['error']}")
