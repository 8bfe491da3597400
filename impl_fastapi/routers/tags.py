"""``/tags``."""

from __future__ import annotations

from fastapi import Response

from domain import services
from impl_fastapi.dependencies import Uow
from impl_fastapi.rendering import render
from impl_fastapi.routing import API_PREFIX, ContractRouter
from impl_fastapi.schemas import TagListResponse

router = ContractRouter(prefix=API_PREFIX, tags=["Tags"])


@router.get("/tags", response_model=TagListResponse)
def list_tags(uow: Uow) -> Response:
    return render(TagListResponse, {"tags": services.tag_list(uow=uow)})
