"""The unique constraints of the shared schema, and the domain errors they stand for.

Every storage creates the same schema, so every storage turns a unique violation into the same
error: PostgreSQL names the violated constraint, SQLite names the table and column.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.errors import TAKEN, Conflict, SlugTaken

_UNIQUE: dict[tuple[str, str], Callable[[], Exception]] = {
    ("users_username_key", "users.username"): lambda: Conflict.of("username", TAKEN),
    ("users_email_key", "users.email"): lambda: Conflict.of("email", TAKEN),
    ("articles_slug_key", "articles.slug"): SlugTaken,
}


def unique_violation(constraint: str | None, message: str) -> Exception | None:
    """The domain error for a violated unique constraint of the shared schema, if it is one.

    ``constraint`` is the name PostgreSQL reports; ``message`` is the driver's text, which on
    SQLite reads ``UNIQUE constraint failed: <table>.<column>``.
    """
    for (name, column), make in _UNIQUE.items():
        if constraint == name or message == f"UNIQUE constraint failed: {column}":
            return make()
    return None
