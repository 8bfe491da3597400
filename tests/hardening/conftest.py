"""Each implementation served live on a fresh PostgreSQL database: ``--impl NAME`` (repeatable)
picks the variants (``fastapi``, ``fastapi-sync``, ...), every one by default."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from contract_tests.support.conduit import Conduit
from contract_tests.support.targets import DEFAULT_POSTGRES_URL, postgres_database
from tests import servers
from tests.hardening.live import LiveServer
from tests.hardening.proxy import TcpProxy
from tests.hardening.storm import conduit

SECRET = "hardening-tests-" + "s" * 32
# How long the servers here wait for PostgreSQL to accept a connection or answer a statement.
DATABASE_TIMEOUT_SECONDS = 3


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    servers.parametrize_variants(metafunc)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The PostgreSQL server on which each test module creates (and drops) its database."""
    return os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """What ``serve`` runs with: cheap hashing unless ``extra`` says otherwise, and a
    ``DATABASE_TIMEOUT`` of ``DATABASE_TIMEOUT_SECONDS``."""
    return servers.environment(
        database_url, SECRET, DATABASE_TIMEOUT=str(DATABASE_TIMEOUT_SECONDS), **extra
    )


@pytest.fixture(scope="session")
def proxy(postgres_server_url: str) -> Iterator[TcpProxy]:
    """The proxy between the live server and PostgreSQL, forwarding unless a test says not."""
    parts = urlsplit(postgres_server_url)
    with TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432).running() as running:
        yield running


@pytest.fixture(scope="session")
def live_server(
    impl: str,
    proxy: TcpProxy,
    postgres_server_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveServer]:
    """``serve --workers 4`` on a fresh database that it reaches through ``proxy``; the races
    and the database faults share it."""
    folder = tmp_path_factory.mktemp(f"live-{impl}")
    with postgres_database(postgres_server_url) as direct:
        server = LiveServer(impl, environment(via(direct, proxy)), folder, workers=4)
        server.start()
        try:
            yield server
        finally:
            proxy.start()
            server.stop()


def via(database_url: str, proxy: TcpProxy) -> str:
    """``database_url`` with the proxy's address in place of the server's."""
    parts = urlsplit(database_url)
    netloc = f"{parts.username}@127.0.0.1:{proxy.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


@pytest.fixture
def api(live_server: LiveServer, proxy: TcpProxy) -> Iterator[Conduit]:
    """A contract-checking client of the live server, for arranging and checking; the proxy
    forwards before and after each test."""
    proxy.start()
    client = conduit(live_server.base_url)
    with client.client:
        yield client
    proxy.start()
