"""Apply the Alembic migrations to the database named by a URL."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from storage_sqlalchemy.engine import make_engine
from storage_sqlalchemy.tables import Base

MIGRATIONS = Path(__file__).with_name("migrations")
SHARED_SCHEMA_REVISION = "0001"  # the schema every implementation creates
SHARED_TABLES = frozenset(Base.metadata.tables)

log = logging.getLogger("triptych")


def alembic_config(database_url: str) -> Config:
    """A configuration built in code: no ``alembic.ini`` to keep in step."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def migrate(database_url: str, revision: str = "head") -> None:
    """Bring the schema up to ``revision``.

    Tables that another implementation created (the shared schema without Alembic's
    bookkeeping) are taken as revision 0001, and only later revisions are applied.
    """
    config = alembic_config(database_url)
    if _shared_schema_without_history(database_url):
        log.info("the shared tables exist: recording them as %s", SHARED_SCHEMA_REVISION)
        command.stamp(config, SHARED_SCHEMA_REVISION)
    command.upgrade(config, revision)


def _shared_schema_without_history(database_url: str) -> bool:
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    return "alembic_version" not in tables and tables >= SHARED_TABLES
