"""Describe a migrated database as plain data, to compare implementations with one file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Dialect, create_engine, inspect

EXPECTED = Path(__file__).parent
BOOKKEEPING = frozenset({"alembic_version", "django_migrations"})
FRAMEWORK_TABLES = ("auth_", "django_")  # Django's own (admin, auth, sessions), not shared


def describe(sqlalchemy_url: str) -> dict[str, Any]:
    """Tables with their columns, primary key, unique constraints, foreign keys and indexes."""
    engine = create_engine(sqlalchemy_url)
    try:
        inspector = inspect(engine)
        return {
            table: _table(inspector, engine.dialect, table)
            for table in sorted(inspector.get_table_names())
            if table not in BOOKKEEPING and not table.startswith(FRAMEWORK_TABLES)
        }
    finally:
        engine.dispose()


def _table(inspector: Any, dialect: Dialect, table: str) -> dict[str, Any]:
    primary_key = inspector.get_pk_constraint(table)
    return {
        "columns": {
            column["name"]: {
                "type": column["type"].compile(dialect=dialect),
                "nullable": column["nullable"],
                "identity": bool(column.get("identity")),
            }
            for column in inspector.get_columns(table)
        },
        "primary_key": {
            "name": primary_key.get("name"),
            "columns": primary_key["constrained_columns"],
        },
        "unique": sorted(
            [unique["name"], unique["column_names"]]
            for unique in inspector.get_unique_constraints(table)
        ),
        "foreign_keys": sorted(
            [
                key["name"],
                key["constrained_columns"],
                key["referred_table"],
                key["referred_columns"],
                key.get("options", {}).get("ondelete"),
            ]
            for key in inspector.get_foreign_keys(table)
        ),
        "indexes": sorted(
            [index["name"], index["column_names"], bool(index["unique"])]
            for index in inspector.get_indexes(table)
            if not index.get("duplicates_constraint")
        ),
    }


def expected(dialect: str) -> dict[str, Any]:
    """The schema every implementation must create on ``dialect`` (sqlite or postgresql)."""
    loaded: dict[str, Any] = json.loads((EXPECTED / f"expected_{dialect}.json").read_text())
    return loaded
