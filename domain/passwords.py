"""Password hashing with argon2id, its cost set by configuration."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import argon2


@dataclass(frozen=True, slots=True)
class Argon2Cost:
    """argon2id parameters; the defaults are RFC 9106's low-memory choice."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 4


class PasswordHasher:
    """Hashes and checks passwords; never stores or logs them."""

    def __init__(self, cost: Argon2Cost | None = None) -> None:
        cost = cost or Argon2Cost()
        self._hasher = argon2.PasswordHasher(
            time_cost=cost.time_cost,
            memory_cost=cost.memory_cost_kib,
            parallelism=cost.parallelism,
            type=argon2.Type.ID,
        )

    @cached_property
    def dummy_hash(self) -> str:
        """A hash of nothing anyone knows, to spend the same time on unknown accounts."""
        return self.hash("\x00 no account has this password \x00")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """Whether ``password`` matches; a malformed hash never matches."""
        try:
            return self._hasher.verify(password_hash, password)
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether the hash was made with another cost than the configured one."""
        return self._hasher.check_needs_rehash(password_hash)
