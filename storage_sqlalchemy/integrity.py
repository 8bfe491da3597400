"""Unique violations the database reports, as the domain's errors."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from domain.references import reference_violation
from domain.unique import unique_violation


def constraint_name(error: IntegrityError) -> str | None:
    """The constraint PostgreSQL names: psycopg carries it in its diagnostics, asyncpg on its
    own error, which SQLAlchemy's adapter keeps as the cause; SQLite names none."""
    diagnostics = getattr(error.orig, "diag", None)
    if diagnostics is not None:
        name: str | None = diagnostics.constraint_name
        return name
    return getattr(getattr(error.orig, "__cause__", None), "constraint_name", None)


def translate_integrity_error(error: IntegrityError) -> Exception:
    """The domain error for a known unique constraint, or for a reference to an article deleted
    meanwhile; ``error`` itself otherwise."""
    constraint = constraint_name(error)
    return unique_violation(constraint, str(error.orig)) or reference_violation(constraint) or error
