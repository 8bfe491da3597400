"""Options and fixtures shared by the adapter tests: a fresh database on either engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.support.targets import DEFAULT_POSTGRES_URL, postgres_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
        metavar="NAME",
        help="implementation tests/hardening serves (repeatable); default: every impl_NAME",
    )
    parser.addoption(
        "--smoke-report",
        default=None,
        help="folder of a smoke comparison (python -m bench compare) for tests/bench to check",
    )


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database of the kind ``--db`` names."""
    if request.config.getoption("--db") == "postgres":
        server_url = os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
        with postgres_database(server_url) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
