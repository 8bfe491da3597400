"""Unique violations the database reports, as the domain's errors."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from domain.errors import TAKEN, Conflict, SlugTaken

# PostgreSQL names the constraint; SQLite names the table and column.
_UNIQUE: dict[tuple[str, str], Callable[[], Exception]] = {
    ("users_username_key", "users.username"): lambda: Conflict.of("username", TAKEN),
    ("users_email_key", "users.email"): lambda: Conflict.of("email", TAKEN),
    ("articles_slug_key", "articles.slug"): SlugTaken,
}


def translate_integrity_error(error: IntegrityError) -> Exception:
    """The domain error for a known unique constraint; ``error`` itself otherwise."""
    constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    message = str(error.orig)
    for (name, column), make in _UNIQUE.items():
        if constraint == name or message == f"UNIQUE constraint failed: {column}":
            return make()
    return error
