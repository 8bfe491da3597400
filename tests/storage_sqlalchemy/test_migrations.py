"""Alembic builds exactly the shared schema, and the ORM models agree with it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from storage_sqlalchemy.engine import make_engine, sqlalchemy_url
from storage_sqlalchemy.migrate import SHARED_SCHEMA_REVISION, alembic_config, migrate
from tests.schema.describe import describe, expected


def test_migrations_create_the_shared_schema(database_url: str) -> None:
    migrate(database_url)
    url = sqlalchemy_url(database_url)
    assert describe(url.render_as_string(hide_password=False)) == expected(url.get_backend_name())


def test_models_need_no_further_migration(database_url: str) -> None:
    migrate(database_url)
    command.check(alembic_config(database_url))  # raises if the models drifted


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    migrate(database_url)
    first = describe(sqlalchemy_url(database_url).render_as_string(hide_password=False))
    migrate(database_url)
    second = describe(sqlalchemy_url(database_url).render_as_string(hide_password=False))
    assert first == second


def test_downgrade_removes_every_table(database_url: str) -> None:
    migrate(database_url)
    command.downgrade(alembic_config(database_url), "base")
    engine = make_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_tables_another_implementation_created_are_recorded_not_recreated(
    database_url: str,
) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE alembic_version"))
        migrate(database_url)
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one() == SHARED_SCHEMA_REVISION
    finally:
        engine.dispose()
    url = sqlalchemy_url(database_url)
    assert describe(url.render_as_string(hide_password=False)) == expected(url.get_backend_name())
