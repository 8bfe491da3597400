"""``/profiles/{username}`` and following."""

from __future__ import annotations

from fastapi import APIRouter

from domain import services
from impl_fastapi.dependencies import Caller, MaybeCaller, Uow, viewer_id
from impl_fastapi.routing import ContractRoute
from impl_fastapi.schemas import ProfileResponse

router = APIRouter(prefix="/profiles/{username}", tags=["Profile"], route_class=ContractRoute)


@router.get("", response_model=ProfileResponse)
def get_profile(username: str, caller: MaybeCaller, uow: Uow) -> object:
    profile = services.profile_get(uow=uow, username=username, viewer_id=viewer_id(caller))
    return {"profile": profile}


@router.post("/follow", response_model=ProfileResponse)
def follow(username: str, caller: Caller, uow: Uow) -> object:
    return {"profile": services.profile_follow(uow=uow, user_id=caller.user_id, username=username)}


@router.delete("/follow", response_model=ProfileResponse)
def unfollow(username: str, caller: Caller, uow: Uow) -> object:
    profile = services.profile_unfollow(uow=uow, user_id=caller.user_id, username=username)
    return {"profile": profile}
