"""Who the seeded users are: each name, email and password follows from the user's number.

Standard library only, so that the locustfile can use it wherever Locust runs.
"""

from __future__ import annotations

PASSWORD_VARIANTS = 16
"""Distinct passwords in a dataset: user ``i`` shares its password with ``i + 16``, ``i + 32``
... so that seeding hashes 16 passwords, not one per user."""


def username(number: int) -> str:
    """The username of seeded user ``number`` (counted from 1)."""
    return f"reader{number}"


def email(number: int) -> str:
    return f"reader{number}@bench.example"


def password(number: int) -> str:
    return f"bench-password-{number % PASSWORD_VARIANTS:02d}"
