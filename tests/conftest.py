"""Options and fixtures shared by the adapter tests: a fresh database on either engine."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from contract_tests.support.targets import DEFAULT_POSTGRES_URL, postgres_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module (the scripts are no package), registered as ``name``."""
    spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="database for adapter tests (postgres uses $POSTGRES_URL); default: sqlite",
    )
    parser.addoption(
        "--impl",
        action="append",
        default=None,
        metavar="VARIANT",
        help="variant tests/hardening and tests/browser serve (fastapi, fastapi-sync, ...; "
        "repeatable); default: every variant",
    )
    parser.addoption(
        "--smoke-report",
        default=None,
        help="folder of a smoke comparison (python -m bench compare) for tests/bench to check",
    )


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database of the kind ``--db`` names."""
    with fresh_database(request.config, tmp_path) as url:
        yield url


@pytest.fixture(scope="module")
def module_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """``database_url``, one for all the tests of a module."""
    with fresh_database(request.config, tmp_path_factory.mktemp("database")) as url:
        yield url


@contextmanager
def fresh_database(config: pytest.Config, folder: Path) -> Iterator[str]:
    """A fresh, empty database of the kind ``--db`` names (SQLite's in ``folder``)."""
    if config.getoption("--db") == "postgres":
        server_url = os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
        with postgres_database(server_url) as url:
            yield url
    else:
        yield f"sqlite:///{folder / 'test.sqlite3'}"
