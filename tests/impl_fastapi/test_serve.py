"""``python -m impl_fastapi serve`` migrates, serves, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx

from tests.conftest import PROJECT_ROOT

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_migrates_answers_and_stops_on_sigterm(database_url: str) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "k" * 40,
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "impl_fastapi", "serve", "--port", str(port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        response = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/tags", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None, "the server did not answer"
        assert response.status_code == 200
        assert response.json() == {"tags": []}
    finally:
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=30)
    # uvicorn finishes its shutdown, then re-raises the signal it caught.
    assert server.returncode in {0, -signal.SIGTERM}, stderr
    assert "Application shutdown complete" in stderr
    assert "migrating" in stderr
    assert stdout == ""
