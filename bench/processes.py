"""Child processes: started on chosen CPUs, watched for CPU time and memory, stopped cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.25


def start(
    command: Sequence[str],
    *,
    log: Path,
    env: dict[str, str] | None = None,
    cpus: set[int] | None = None,
    cwd: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``command`` with stdout and stderr in ``log``, pinned to ``cpus`` if given.

    The affinity is set in the child before it runs, so every process it forks inherits it.
    """

    def pin() -> None:  # pragma: no cover - runs in the child
        if cpus:
            os.sched_setaffinity(0, cpus)

    with log.open("ab") as sink:
        return subprocess.Popen(  # noqa: S603 - commands are built by the bench, not a shell
            list(command),
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            preexec_fn=pin if cpus else None,  # noqa: PLW1509 - only sets the CPU affinity
            start_new_session=True,
        )


def stop(process: subprocess.Popen[bytes], timeout: float = 20.0) -> int | None:
    """SIGTERM, then wait; SIGKILL the whole group if it does not stop. Returns the exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    return process.returncode


def stop_children(timeout: float = 10.0) -> None:
    """Stop every process this one started that still runs, each with its session.

    The last line of defence when a run is interrupted: a signal that lands while a child is
    being started (after its fork, before ``Popen`` returns) leaves no handle to stop it by.
    """
    children = psutil.Process().children()
    for child in children:
        _signal_session(child.pid, signal.SIGTERM)
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:
        _signal_session(child.pid, signal.SIGKILL)
    psutil.wait_procs(alive, timeout=5)


def _signal_session(pid: int, signum: int) -> None:
    """``signum`` to the group ``pid`` leads (every child is started in a session of its own),
    or to ``pid`` alone if it leads none."""
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)
    except ProcessLookupError:  # gone meanwhile
        pass


def named(name: str) -> list[int]:
    """The ids of this machine's processes called ``name`` (a database server, say)."""
    return [
        process.pid for process in psutil.process_iter(["name"]) if process.info["name"] == name
    ]


@dataclass
class Usage:
    """CPU seconds and memory of a process tree over a window."""

    cpu_seconds: float
    wall_seconds: float
    peak_rss_bytes: int
    processes: int
    last_rss_bytes: int = 0  # at the last sample: the end of the window

    @property
    def cpu_percent(self) -> float:
        """CPU time as a percentage of one core over the window."""
        return 100 * self.cpu_seconds / self.wall_seconds if self.wall_seconds else 0.0


@dataclass
class Monitor:
    """Samples a set of process trees (CPU time per process, summed RSS) on a thread."""

    roots: list[int]
    _cpu: dict[int, float] = field(default_factory=dict)
    _processes: dict[int, psutil.Process] = field(default_factory=dict)
    _peak_rss: int = 0
    _last_rss: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None

    def start(self) -> Monitor:
        self.sample()
        self._thread = threading.Thread(target=self._run, name="monitor", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.sample()

    def sample(self) -> None:
        """Read every process of the trees once."""
        rss = 0
        with self._lock:
            for process in self._tree():
                try:
                    times = process.cpu_times()
                    rss += process.memory_info().rss
                except psutil.Error:
                    continue
                self._cpu[process.pid] = times.user + times.system
            self._peak_rss = max(self._peak_rss, rss)
            self._last_rss = rss

    def _tree(self) -> list[psutil.Process]:
        found: list[psutil.Process] = []
        for pid in self.roots:
            try:
                root = self._processes.setdefault(pid, psutil.Process(pid))
                found.append(root)
                for child in root.children(recursive=True):
                    found.append(self._processes.setdefault(child.pid, child))
            except psutil.Error:
                continue
        return found

    def mark(self) -> tuple[float, dict[int, float]]:
        """A point to measure from: the time, and each process's CPU seconds so far."""
        self.sample()
        with self._lock:
            self._peak_rss = 0
            return time.monotonic(), dict(self._cpu)

    def since(self, mark: tuple[float, dict[int, float]]) -> Usage:
        """Usage from ``mark`` until now (processes started since count from zero)."""
        self.sample()
        started, before = mark
        with self._lock:
            cpu = sum(now - before.get(pid, 0.0) for pid, now in self._cpu.items())
            wall = time.monotonic() - started
            return Usage(cpu, wall, self._peak_rss, len(self._cpu), self._last_rss)

    def busiest_percent(self, mark: tuple[float, dict[int, float]]) -> float:
        """The highest share of one core any one process used since ``mark``."""
        self.sample()
        started, before = mark
        wall = time.monotonic() - started
        with self._lock:
            shares = [now - before.get(pid, 0.0) for pid, now in self._cpu.items()]
        return 100 * max(shares, default=0.0) / wall if wall else 0.0


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has spent on any work so far."""
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def other_cpu_percent(busy_mark: float, measured_seconds: float, wall_seconds: float) -> float:
    """The share of one core that work outside the measured processes took since the mark."""
    if wall_seconds <= 0:
        return 0.0
    other = machine_busy_seconds() - busy_mark - measured_seconds
    return max(0.0, 100 * other / wall_seconds)
