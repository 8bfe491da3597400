"""Tags."""

from __future__ import annotations

from domain.ports import UnitOfWork


def tag_list(*, uow: UnitOfWork) -> list[str]:
    """Every tag in use, each once, sorted by code point (as ``tagList`` is)."""
    with uow.reading():
        return sorted(uow.tags.list_in_use())
