"""The commands around the app: ``python -m impl_flask serve`` (gunicorn, SIGTERM) and
``flask --app impl_flask routes``."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx

from contract_tests.support.network import tls
from tests import servers
from tests.secrets_in_logs import assert_no_secrets_in_the_logs


def _env(database_url: str) -> dict[str, str]:
    return servers.environment(database_url, "k" * 40)


def test_serve_migrates_answers_and_stops_on_sigterm(database_url: str) -> None:
    with servers.serving("flask", _env(database_url), "--workers", "2") as (base_url, server):
        response = httpx.get(f"{base_url}/api/tags", timeout=5, verify=tls())
        assert response.status_code == 200
        assert response.json() == {"tags": []}
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=60)
    assert server.returncode == 0, stderr
    assert "migrating" in stderr
    assert "Using worker: gthread" in stderr
    assert '"server": "gunicorn", "threads": 8, "worker_class": "gthread", "workers": 2' in stderr
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


def test_no_password_or_token_reaches_the_logs(database_url: str) -> None:
    assert_no_secrets_in_the_logs("flask", database_url)
