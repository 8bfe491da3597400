"""Build the seeded template database once, then copy it for every measured run.

The template is migrated through the shared schema, then filled with SQLAlchemy Core bulk
inserts. Passwords are hashed once per distinct password with the run's argon2 cost. A copy is a
file copy on SQLite and ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, func, select, text
from sqlalchemy.engine import make_url

from bench import credentials
from bench.dataset import DatasetSpec, Rows, generate
from domain.passwords import Argon2Cost, PasswordHasher

log = logging.getLogger("bench.seed")
INSERT_BATCH = 5000


def password_hashes(cost: Argon2Cost) -> dict[str, str]:
    """One argon2 hash per distinct dataset password."""
    hasher = PasswordHasher(cost)
    passwords = {credentials.password(n) for n in range(credentials.PASSWORD_VARIANTS)}
    return {password: hasher.hash(password) for password in sorted(passwords)}


def fill(database_url: str, rows: Rows) -> None:
    """Insert ``rows`` into the migrated, empty database at ``database_url``."""
    from storage_sqlalchemy import tables  # noqa: PLC0415
    from storage_sqlalchemy.engine import make_engine  # noqa: PLC0415

    order: list[tuple[Table, list[dict[str, object]]]] = [
        (tables.UserRow.__table__, rows.users),  # type: ignore[list-item]
        (tables.FollowRow.__table__, rows.follows),  # type: ignore[list-item]
        (tables.TagRow.__table__, rows.tags),  # type: ignore[list-item]
        (tables.ArticleRow.__table__, rows.articles),  # type: ignore[list-item]
        (tables.article_tags, rows.article_tags),
        (tables.FavoriteRow.__table__, rows.favorites),  # type: ignore[list-item]
        (tables.CommentRow.__table__, rows.comments),  # type: ignore[list-item]
    ]
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for table, table_rows in order:
                for start in range(0, len(table_rows), INSERT_BATCH):
                    connection.execute(table.insert(), table_rows[start : start + INSERT_BATCH])
        _restart_identities(engine, [table for table, _ in order])
        if engine.dialect.name == "postgresql":
            # As autovacuum would leave a table loaded long ago: statistics for the planner,
            # and a visibility map that lets counts read an index alone.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def _restart_identities(engine: Engine, tables: list[Table]) -> None:
    """Explicit ids leave PostgreSQL's identity sequences behind; move them past the rows."""
    if engine.dialect.name != "postgresql":
        return  # SQLite's AUTOINCREMENT follows explicit ids by itself
    with engine.begin() as connection:
        for table in tables:
            highest = connection.execute(select(func.max(table.c.id))).scalar() or 0
            connection.execute(
                text(f"ALTER TABLE {table.name} ALTER COLUMN id RESTART WITH {highest + 1}")
            )


@dataclass(frozen=True, slots=True)
class Template:
    """A seeded database that copies are made from."""

    kind: str  # "sqlite" or "postgresql"
    location: str  # a file path, or the template database's name
    server_url: str  # PostgreSQL: the maintenance database's URL; SQLite: ""
    seconds: float
    counts: dict[str, int]

    @property
    def url(self) -> str:
        """The template's own database URL (to read it: a PostgreSQL template copied while a
        connection is open to it refuses to be copied)."""
        if self.kind == "sqlite":
            return f"sqlite:///{self.location}"
        return _with_database(self.server_url, self.location)

    def copy(self, name: str, directory: Path) -> str:
        """A fresh copy named ``name``; returns its database URL."""
        if self.kind == "sqlite":
            target = directory / f"{name}.sqlite3"
            shutil.copyfile(self.location, target)
            return f"sqlite:///{target}"
        database = f"{self.location.removesuffix('_template')}_{name}"
        _admin(self.server_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _admin(self.server_url, f'CREATE DATABASE "{database}" TEMPLATE "{self.location}"')
        return _with_database(self.server_url, database)

    def discard(self, database_url: str) -> None:
        """Drop or delete a copy made by :meth:`copy`."""
        url = make_url(database_url)
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{url.database}{suffix}").unlink(missing_ok=True)
        else:
            _admin(self.server_url, f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')

    def drop(self) -> None:
        """Remove the template itself."""
        if self.kind == "sqlite":
            Path(self.location).unlink(missing_ok=True)
        else:
            _admin(self.server_url, f'DROP DATABASE IF EXISTS "{self.location}" WITH (FORCE)')


def build_template(
    spec: DatasetSpec, cost: Argon2Cost, *, server_url: str | None, directory: Path
) -> Template:
    """Migrate and fill a template: a SQLite file in ``directory``, or a PostgreSQL database
    on ``server_url``."""
    from storage_sqlalchemy.migrate import migrate  # noqa: PLC0415

    started = time.perf_counter()
    rows = generate(spec, password_hashes(cost))
    if server_url is None:
        path = directory / "template.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
        migrate(url)
        fill(url, rows)
        _single_file(path)
        template = Template("sqlite", str(path), "", 0.0, rows.counts())
    else:
        name = f"triptych_bench_{secrets.token_hex(4)}_template"
        _admin(server_url, f'CREATE DATABASE "{name}"')
        url = _with_database(server_url, name)
        migrate(url)
        fill(url, rows)
        template = Template("postgresql", name, server_url, 0.0, rows.counts())
    seconds = time.perf_counter() - started
    log.info("seeded %s in %.1f s: %s", template.kind, seconds, template.counts)
    return Template(template.kind, template.location, server_url or "", seconds, template.counts)


def seed_database(database_url: str, spec: DatasetSpec, cost: Argon2Cost) -> bool:
    """Migrate and fill an existing database unless it already holds users (containers)."""
    from storage_sqlalchemy.engine import make_engine  # noqa: PLC0415
    from storage_sqlalchemy.migrate import migrate  # noqa: PLC0415

    migrate(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            if connection.execute(text("SELECT count(*) FROM users")).scalar():
                return False
    finally:
        engine.dispose()
    fill(database_url, generate(spec, password_hashes(cost)))
    return True


def _single_file(path: Path) -> None:
    """Fold the write-ahead log into the file, so that copying the one file copies it all."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("ANALYZE")
    finally:
        connection.close()


def _with_database(server_url: str, database: str) -> str:
    url = make_url(server_url).set(database=database)
    return url.render_as_string(hide_password=False)


def postgres_connection(database_url: str, *, autocommit: bool = False) -> Any:
    """A psycopg connection to the PostgreSQL server and database that ``database_url`` names."""
    import psycopg  # noqa: PLC0415

    url = make_url(database_url)
    return psycopg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=autocommit,
    )


def _admin(server_url: str, statement: str) -> None:
    """Run one statement outside a transaction on the server's maintenance database."""
    with postgres_connection(server_url, autocommit=True) as connection:
        connection.execute(statement.encode())
