"""``/tags``."""

from __future__ import annotations

from fastapi import APIRouter

from domain import services
from impl_fastapi.dependencies import Uow
from impl_fastapi.routing import ContractRoute
from impl_fastapi.schemas import TagListResponse

router = APIRouter(tags=["Tags"], route_class=ContractRoute)


@router.get("/tags", response_model=TagListResponse)
def list_tags(uow: Uow) -> object:
    return {"tags": services.tag_list(uow=uow)}
