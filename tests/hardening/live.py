"""``python -m impl_<name> serve`` as a process group the tests can stop, kill and restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

from bench.discovery import serve_command
from contract_tests.support.network import free_port, tls
from tests import servers
from tests.conftest import PROJECT_ROOT

STOP_SECONDS = 60


class LiveServer:
    """One implementation served with ``--workers``; its log goes to a file, not a pipe that
    could fill up while nobody reads it."""

    def __init__(
        self, impl: str, env: Mapping[str, str], log_dir: Path, *, workers: int = 2
    ) -> None:
        self.impl = impl
        self.env = dict(env)
        self.log_dir = log_dir
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.starts = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api"

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"{self.impl}-{self.starts}.log"

    def start(self) -> None:
        """Start ``serve`` on a fresh port, in a session of its own, and wait for an answer."""
        self.starts += 1
        self.port = free_port()
        command = [*serve_command(self.impl, sys.executable), "--port", str(self.port)]
        command += ["--workers", str(self.workers)]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed command line
                command,
                env=self.env,
                cwd=PROJECT_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers share its process group
            )
        deadline = time.monotonic() + servers.STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"{self.impl} exited with {self.process.returncode}:\n{self.log()}"
                )
            try:
                httpx.get(f"{self.api_url}/tags", timeout=2, verify=tls())
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"{self.impl} did not answer within {servers.STARTUP_SECONDS} s")

    def signal(self, number: signal.Signals) -> None:
        """Send a signal to the server's main process only."""
        assert self.process is not None
        self.process.send_signal(number)

    def wait(self) -> int:
        """The exit status once the main process has exited."""
        assert self.process is not None
        return self.process.wait(timeout=STOP_SECONDS)

    def kill_all(self) -> None:
        """SIGKILL the main process and every worker (its whole process group)."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_SECONDS)
        deadline = time.monotonic() + STOP_SECONDS
        while _group_alive(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM if still running, and wait; then make sure no worker outlives it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.kill_all()
        if _group_alive(self.process.pid):
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        """What the server wrote so far."""
        return self.log_path.read_text(errors="replace")


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
