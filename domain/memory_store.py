"""The state of the in-memory units of work (``domain.memory``, ``domain.aio``), and the
error a reading one raises on commit: one class each, whichever twin works on them."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.model import Article, Comment, User


@dataclass
class MemoryStore:
    """Committed state, shared by the units of work made over it."""

    users: dict[int, User] = field(default_factory=dict)
    articles: dict[int, Article] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    follows: set[tuple[int, int]] = field(default_factory=set)
    favorites: set[tuple[int, int]] = field(default_factory=set)
    next_id: int = 1

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1


class ReadOnlyUnitOfWork(RuntimeError):
    """A service committed in a unit of work it entered for reading only."""
