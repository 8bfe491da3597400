"""Alembic's entry point: migrate the database the caller's configuration names."""

from __future__ import annotations

from alembic import context

from storage_sqlalchemy.engine import make_engine
from storage_sqlalchemy.tables import Base

config = context.config


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported: give a database URL")
run_migrations_online()
