"""A comparison stopped by SIGTERM stops what it started: no server outlives it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from bench.discovery import PROJECT_ROOT


def test_sigterm_stops_the_servers_the_run_started(tmp_path: Path) -> None:
    command = [
        sys.executable, "-m", "bench", "compare", "--impls", "flask", "--gate", "off",
        "--no-floors", "--no-footprint", "--dataset-scale", "0.02", "--duration", "60",
        "--warmup", "0", "--out", str(tmp_path),
    ]  # fmt: skip
    bench = subprocess.Popen(command, cwd=PROJECT_ROOT, stderr=subprocess.PIPE, text=True)  # noqa: S603
    started: list[psutil.Process] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and bench.poll() is None:
        started = psutil.Process(bench.pid).children(recursive=True)
        running = " ".join(_command_line(child) for child in started)
        if "locust" in running and "impl_flask" in running:
            break
        time.sleep(0.2)
    else:
        raise AssertionError(f"the server and the load never both ran (exit {bench.poll()})")
    bench.send_signal(signal.SIGTERM)
    _, stderr = bench.communicate(timeout=60)
    assert bench.returncode == 128 + signal.SIGTERM, stderr[-2000:]
    _, alive = psutil.wait_procs(started, timeout=10)
    assert not alive, [process.cmdline() for process in alive]


def _command_line(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # gone meanwhile
        return ""


def test_what_a_command_still_runs_at_its_end_is_stopped() -> None:
    # Two children whose handles are lost, as when a signal lands inside ``Popen``: one leads
    # its own session (as the bench starts everything) and ignores SIGTERM, one does not.
    script = (
        "import signal, subprocess, sys\n"
        "from bench import processes\n"
        "stubborn = 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        " print(flush=True); time.sleep(60)'\n"
        "leader = subprocess.Popen([sys.executable, '-c', stubborn], start_new_session=True,"
        " stdout=subprocess.PIPE)\n"
        "leader.stdout.readline()\n"
        "plain = subprocess.Popen(['sleep', '60'])\n"
        "print(leader.pid, plain.pid, flush=True)\n"
        "del leader, plain\n"
        "processes.stop_children(timeout=1)\n"
        "print('stopped', flush=True)\n"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
        timeout=30, check=True,
    )  # fmt: skip
    pids, stopped = done.stdout.splitlines()
    assert stopped == "stopped"
    for pid in map(int, pids.split()):
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
