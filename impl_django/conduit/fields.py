"""Model fields that store values exactly as the SQLAlchemy implementations do."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from domain.timestamps import as_utc


class IdField(models.BigAutoField[int, int]):
    """``bigint`` identity on PostgreSQL; SQLite's ``integer`` autoincrement, referenced as
    ``integer`` too (Django would reference it as ``bigint`` there)."""

    def rel_db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "sqlite":
            return models.IntegerField().db_type(connection)
        return super().rel_db_type(connection)


class TimestampField(models.DateTimeField[datetime, datetime]):
    """``timestamp with time zone``; on SQLite, naive UTC text with six fractional digits.

    SQLite compares timestamps as text, so every writer must write one format: SQLAlchemy's
    ``2026-01-31 12:00:00.000000``, where Django would leave out a zero fraction.
    """

    def get_db_prep_value(
        self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> Any:
        if connection.vendor == "sqlite" and isinstance(value, datetime):
            return as_utc(value).replace(tzinfo=None).isoformat(" ", timespec="microseconds")
        return super().get_db_prep_value(value, connection, prepared)
