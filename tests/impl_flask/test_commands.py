"""The commands around the app: ``python -m impl_flask serve`` (gunicorn, SIGTERM) and
``flask --app impl_flask routes``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import PROJECT_ROOT

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "k" * 40,
        "PYTHONPATH": str(PROJECT_ROOT),
    }


def test_serve_migrates_answers_and_stops_on_sigterm(database_url: str) -> None:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "impl_flask", "serve", "--port", str(port), "--workers", "2"],
        env=_env(database_url),
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
        stdout, stderr = server.communicate(timeout=60)
    assert server.returncode == 0, stderr
    assert "migrating" in stderr
    assert "Using worker: sync" in stderr
    assert stderr.count("Booting worker") == 2
    assert "Shutting down: Master" in stderr
    assert stdout == ""


def test_flask_cli_lists_the_routes(database_url: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "impl_flask", "routes"],
        env=_env(database_url),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for rule in ("/api/users/login", "/api/articles/<slug>/favorite", "/api/openapi.json"):
        assert rule in result.stdout
    assert "articles.delete_article" in result.stdout
    assert "/static" not in result.stdout
