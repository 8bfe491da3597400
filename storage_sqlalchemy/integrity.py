"""Unique violations the database reports, as the domain's errors."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from domain.references import reference_violation
from domain.unique import unique_violation


def translate_integrity_error(error: IntegrityError) -> Exception:
    """The domain error for a known unique constraint, or for a reference to an article deleted
    meanwhile; ``error`` itself otherwise."""
    constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    return unique_violation(constraint, str(error.orig)) or reference_violation(constraint) or error
