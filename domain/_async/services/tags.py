"""Tags."""

from __future__ import annotations

from domain._async.ports import AsyncUnitOfWork


async def tag_list(*, uow: AsyncUnitOfWork) -> list[str]:
    """Every tag in use, each once, sorted by code point (as ``tagList`` is)."""
    async with uow.reading():
        return sorted(await uow.tags.list_in_use())
