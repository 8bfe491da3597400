"""``python -m impl_fastapi serve`` migrates, serves, and stops cleanly on SIGTERM."""

from __future__ import annotations

import signal

import httpx
import pytest

from contract_tests.support.network import tls
from impl_fastapi.__main__ import main
from tests import servers
from tests.secrets_in_logs import assert_no_secrets_in_the_logs


def test_serve_migrates_answers_and_stops_on_sigterm(database_url: str) -> None:
    env = servers.environment(database_url, "k" * 40)
    with servers.serving("fastapi", env) as (base_url, server):
        response = httpx.get(f"{base_url}/api/tags", timeout=5, verify=tls())
        assert response.status_code == 200
        assert response.json() == {"tags": []}
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert "Application shutdown complete" in stderr
    assert "migrating" in stderr
    assert (
        'serve configuration: {"access_log": false, "head_bytes": 65536, "http": "httptools", '
        '"loop": "uvloop", "mode": "async", "pool_size": 10, "server": "uvicorn", "threads": 8, '
        '"workers": 1}' in stderr
    )
    assert stdout == ""


def test_a_pool_size_is_refused_in_the_thread_pool(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["serve", "--mode", "sync", "--pool-size", "4"])
    assert refused.value.code == 2
    error = capsys.readouterr().err
    assert error.splitlines()[-1] == (
        "python -m impl_fastapi serve: error: --pool-size applies to --mode async: in the "
        "thread pool each request holds at most one connection, and --threads bounds them"
    )
    assert "migrating" not in error


def test_no_password_or_token_reaches_the_logs(database_url: str) -> None:
    assert_no_secrets_in_the_logs("fastapi", database_url)
