"""Tags."""

from __future__ import annotations

from domain.ports import UnitOfWork


def tag_list(*, uow: UnitOfWork) -> list[str]:
    """Every tag in use, sorted, each once."""
    with uow:
        return uow.tags.list_in_use()
