"""``/tags``."""

from __future__ import annotations

from fastapi import Response

from domain._async import services
from impl_fastapi.dependencies import AsyncUow
from impl_fastapi.rendering import render
from impl_fastapi.routing import API_PREFIX, ContractRouter
from impl_fastapi.schemas import TagListResponse

router = ContractRouter(prefix=API_PREFIX, tags=["Tags"])


@router.get("/tags", response_model=TagListResponse)
async def list_tags(uow: AsyncUow) -> Response:
    return render(TagListResponse, {"tags": await services.tag_list(uow=uow)})
