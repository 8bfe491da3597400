"""One migrated database and one configured Django per test session, in the serving mode of the
Django variant ``--impl`` names (``django``: WSGI, the default; ``django-asgi``: ASGI), since
Django is set up once per process; and ways to run ``python -m impl_django`` beside it.

A module is collected in every run but those ``COLLECTED_IN`` names: one whose tests do not
depend on the mode, in the default mode's runs only; one about one mode or one database, in
that one's runs only.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path

import httpx
import pytest

from bench.discovery import variant_parts
from contract_tests.support.targets import CHEAP_HASHING, app_transport
from impl_django import MODE_VARIABLE, MODES, create_app
from tests import servers
from tests.conftest import fresh_database

SECRET = "django-adapter-tests-" + "s" * 32
DATABASES = ("sqlite", "postgres")
DEFAULT_MODE = (MODES[0],)
# The modes and databases whose runs collect a module, by its name; every one for the others.
COLLECTED_IN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "test_fields.py": (DEFAULT_MODE, DATABASES),
    "test_outages.py": (DEFAULT_MODE, DATABASES),
    "test_schema.py": (DEFAULT_MODE, DATABASES),
    "test_settings.py": (DEFAULT_MODE, DATABASES),
    "test_static_files.py": (DEFAULT_MODE, DATABASES),
    "test_lost_connections.py": (MODES, ("postgres",)),
    "test_serve_asgi.py": (("asgi",), DATABASES),
}


def django_variant(config: pytest.Config) -> str:
    """The Django variant ``--impl`` names: ``django`` unless it names another (one at most)."""
    known = [variant for variant in servers.variants() if variant_parts(variant)[0] == "django"]
    chosen: list[str] = config.getoption("--impl") or []
    named = [name for name in chosen if variant_parts(name)[0] == "django"]
    unknown = sorted(set(named) - set(known))
    if unknown:
        raise pytest.UsageError(f"--impl: no variant {unknown[0]} (known: {', '.join(known)})")
    if len(set(named)) > 1:
        raise pytest.UsageError(
            f"--impl: tests/impl_django sets Django up in one mode per run, not {named}"
        )
    return named[0] if named else "django"


def serving_mode(variant: str) -> str:
    """The mode a Django variant is served in: ``wsgi`` for ``django``."""
    return variant_parts(variant)[1] or MODES[0]


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.parent != Path(__file__).parent:
        return None
    modes, databases = COLLECTED_IN.get(collection_path.name, (MODES, DATABASES))
    mode = serving_mode(django_variant(config))
    return True if mode not in modes or config.getoption("--db") not in databases else None


@pytest.fixture(scope="session")
def variant(request: pytest.FixtureRequest) -> str:
    """The Django variant under test: ``django`` or ``django-asgi``."""
    return django_variant(request.config)


@pytest.fixture(scope="session")
def mode(variant: str) -> str:
    """The mode Django is set up in for the session: ``wsgi`` or ``asgi``."""
    return serving_mode(variant)


@pytest.fixture(scope="session")
def session_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh database of the kind ``--db`` names, for the whole session."""
    with fresh_database(request.config, tmp_path_factory.mktemp("django")) as url:
        yield url


@pytest.fixture(scope="session")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``STATIC_ROOT`` of the session's servers, empty at first: the first ``serve``
    collects the static files into it, the others find them there."""
    return tmp_path_factory.mktemp("served") / "static"


def environment(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """What ``python -m impl_django`` runs with here."""
    return servers.environment(database_url, SECRET, STATIC_ROOT=str(static_root), **extra)


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m impl_django <args>``; it must succeed."""
    return servers.run("django", env, *args)


def serving(
    variant: str, env: dict[str, str]
) -> AbstractContextManager[tuple[str, subprocess.Popen[str]]]:
    """``python -m impl_django serve`` in ``variant``'s mode on a free port until the block
    ends."""
    return servers.serving(variant, env)


@pytest.fixture(scope="session")
def django_app(
    session_database_url: str, tmp_path_factory: pytest.TempPathFactory, mode: str
) -> Iterator[object]:
    """The app of the session's mode (WSGI or ASGI) on the migrated session database, built as
    the contract suite builds it."""
    static_root = tmp_path_factory.mktemp("static")
    env = environment(session_database_url, static_root)
    manage(env, "migrate")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DATABASE_URL", "SECRET_KEY", "STATIC_ROOT", *CHEAP_HASHING):
            patch.setenv(name, env[name])
        patch.setenv(MODE_VARIABLE, mode)  # as create_app sets it, restored after the session
        yield create_app(mode=mode)


@pytest.fixture(scope="session")
def transport(django_app: object, mode: str) -> Iterator[httpx.BaseTransport]:
    """How the tests reach the app: the WSGI app called on the test's thread, or the ASGI app
    on an event loop of its own, as the contract suite drives it (``app_transport``)."""
    if mode != "asgi":
        yield httpx.WSGITransport(app=django_app)  # type: ignore[arg-type]
        return
    with ExitStack() as stack:
        yield app_transport(django_app, stack)


@pytest.fixture
def client(transport: httpx.BaseTransport) -> Iterator[httpx.Client]:
    with httpx.Client(transport=transport, base_url="http://testserver") as http:
        yield http
