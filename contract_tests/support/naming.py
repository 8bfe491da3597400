"""Random, collision-free values so tests never depend on each other or on a clean database."""

from __future__ import annotations

import uuid


def token(length: int = 12) -> str:
    """A random run of lower-case hex digits."""
    return uuid.uuid4().hex[:length]


def username() -> str:
    """A fresh valid username."""
    return f"user_{token()}"


def email(name: str | None = None) -> str:
    """A fresh valid email address."""
    return f"{name or token()}@example.com"


def password() -> str:
    """A valid password."""
    return f"pw-{token(16)}"


def tag() -> str:
    """A fresh tag (lower-case, so alphabetical order is the same for every collation)."""
    return f"tag{token()}"


def title() -> str:
    """A fresh article title whose slug is free."""
    return f"Title {token()}"
