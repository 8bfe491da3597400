"""Each implementation served live on a fresh PostgreSQL database: ``--impl NAME`` (repeatable)
picks the implementations, every ``impl_<name>`` by default."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.support.conduit import Conduit
from contract_tests.support.targets import DEFAULT_POSTGRES_URL, postgres_database
from tests import servers
from tests.hardening.live import LiveServer
from tests.hardening.storm import conduit

SECRET = "hardening-tests-" + "s" * 32
RACE_WORKERS = 4


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "impl" not in metafunc.fixturenames:
        return
    known = servers.implementations()
    chosen: list[str] = metafunc.config.getoption("--impl") or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise pytest.UsageError(f"--impl: no impl_{unknown[0]} (known: {', '.join(known)})")
    metafunc.parametrize("impl", chosen, scope="session")


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The PostgreSQL server on which each test module creates (and drops) its database."""
    return os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)


def environment(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """What ``serve`` runs with: cheap hashing unless ``extra`` says otherwise."""
    return servers.environment(database_url, SECRET, STATIC_ROOT=str(static_root), **extra)


@pytest.fixture(scope="module")
def race_server(
    impl: str, postgres_server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """``serve --workers 4`` on a fresh database, shared by a module's tests."""
    folder = tmp_path_factory.mktemp(f"race-{impl}")
    with postgres_database(postgres_server_url) as url:
        server = LiveServer(impl, environment(url, folder), folder, workers=RACE_WORKERS)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def api(race_server: LiveServer) -> Iterator[Conduit]:
    """A contract-checking client of the race server, for arranging and checking."""
    client = conduit(race_server.base_url)
    with client.client:
        yield client
