"""Django's migrations build exactly the shared schema, and the models agree with them."""

from __future__ import annotations

from pathlib import Path

from tests.impl_django.conftest import environment, manage
from tests.schema.describe import describe, expected


def _described(database_url: str) -> dict[str, object]:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    return describe(url)


def _dialect(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


def test_migrations_create_the_shared_schema(database_url: str, tmp_path: Path) -> None:
    manage(environment(database_url, tmp_path), "migrate")
    assert _described(database_url) == expected(_dialect(database_url))


def test_models_need_no_further_migration(database_url: str, tmp_path: Path) -> None:
    env = environment(database_url, tmp_path)
    manage(env, "makemigrations", "--check", "--dry-run")


def test_migrating_twice_changes_nothing(database_url: str, tmp_path: Path) -> None:
    env = environment(database_url, tmp_path)
    manage(env, "migrate")
    first = _described(database_url)
    manage(env, "migrate")
    assert _described(database_url) == first


def test_the_initial_migration_is_recorded(database_url: str, tmp_path: Path) -> None:
    env = environment(database_url, tmp_path)
    manage(env, "migrate")
    assert "[X] 0001_initial" in manage(env, "showmigrations", "conduit").stdout
