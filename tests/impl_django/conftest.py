"""One migrated database and one configured Django per test session (Django is set up once
per process), and ways to run ``python -m impl_django`` beside it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from contract_tests.support.targets import (
    CHEAP_HASHING,
    DEFAULT_POSTGRES_URL,
    postgres_database,
)
from tests.conftest import PROJECT_ROOT

SECRET = "django-adapter-tests-" + "s" * 32
STARTUP_SECONDS = 60


@pytest.fixture(scope="session")
def session_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh database of the kind ``--db`` names, for the whole session."""
    if request.config.getoption("--db") == "postgres":
        with postgres_database(os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('django') / 'adapter.sqlite3'}"


def environment(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """What ``python -m impl_django`` runs with here."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "STATIC_ROOT": str(static_root),
        "PYTHONPATH": str(PROJECT_ROOT),
        **CHEAP_HASHING,
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m impl_django <args>``; it must succeed."""
    result = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "impl_django", *args],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m impl_django serve`` on a free port, until SIGTERM; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "impl_django", "serve", "--port", str(port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            try:
                httpx.get(f"{base_url}/api/tags", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base_url, server
    finally:
        if server.poll() is None:
            server.terminate()
            server.communicate(timeout=30)


@pytest.fixture(scope="session")
def django_app(
    session_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    """The WSGI app on the migrated session database, built as the contract suite builds it."""
    static_root = tmp_path_factory.mktemp("static")
    env = environment(session_database_url, static_root)
    manage(env, "migrate")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DATABASE_URL", "SECRET_KEY", "STATIC_ROOT", *CHEAP_HASHING):
            patch.setenv(name, env[name])
        import impl_django  # noqa: PLC0415

        yield impl_django.create_app()


@pytest.fixture
def client(django_app: object) -> Iterator[httpx.Client]:
    transport = httpx.WSGITransport(app=django_app)  # type: ignore[arg-type]
    with httpx.Client(transport=transport, base_url="http://testserver") as http:
        yield http
