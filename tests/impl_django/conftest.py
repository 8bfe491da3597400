"""One migrated database and one configured Django per test session (Django is set up once
per process), and ways to run ``python -m impl_django`` beside it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from contract_tests.support.targets import (
    CHEAP_HASHING,
)
from tests import servers
from tests.conftest import fresh_database

SECRET = "django-adapter-tests-" + "s" * 32


@pytest.fixture(scope="session")
def session_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh database of the kind ``--db`` names, for the whole session."""
    with fresh_database(request.config, tmp_path_factory.mktemp("django")) as url:
        yield url


def environment(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """What ``python -m impl_django`` runs with here."""
    return servers.environment(database_url, SECRET, STATIC_ROOT=str(static_root), **extra)


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m impl_django <args>``; it must succeed."""
    return servers.run("django", env, *args)


def serving(env: dict[str, str]) -> AbstractContextManager[tuple[str, subprocess.Popen[str]]]:
    """``python -m impl_django serve`` on a free port until the block ends."""
    return servers.serving("django", env)


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
