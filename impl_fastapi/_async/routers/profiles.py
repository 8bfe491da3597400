"""``/profiles/{username}`` and following."""

from __future__ import annotations

from fastapi import Response

from domain._async import services
from impl_fastapi.dependencies import AsyncUow, Caller, MaybeCaller, viewer_id
from impl_fastapi.rendering import render
from impl_fastapi.routing import API_PREFIX, ContractRouter
from impl_fastapi.schemas import ProfileResponse

router = ContractRouter(prefix=f"{API_PREFIX}/profiles/{{username}}", tags=["Profile"])


@router.get("", response_model=ProfileResponse)
async def get_profile(username: str, caller: MaybeCaller, uow: AsyncUow) -> Response:
    profile = await services.profile_get(uow=uow, username=username, viewer_id=viewer_id(caller))
    return render(ProfileResponse, {"profile": profile})


@router.post("/follow", response_model=ProfileResponse)
async def follow(username: str, caller: Caller, uow: AsyncUow) -> Response:
    return render(
        ProfileResponse,
        {
            "profile": await services.profile_follow(
                uow=uow, user_id=caller.user_id, username=username
            )
        },
    )


@router.delete("/follow", response_model=ProfileResponse)
async def unfollow(username: str, caller: Caller, uow: AsyncUow) -> Response:
    profile = await services.profile_unfollow(uow=uow, user_id=caller.user_id, username=username)
    return render(ProfileResponse, {"profile": profile})
