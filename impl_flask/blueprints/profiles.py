"""``/profiles/<username>`` and following."""

from __future__ import annotations

from domain import services
from domain.tokens import Principal
from impl_flask.auth import login_optional, login_required, viewer_id
from impl_flask.extensions import unit_of_work
from impl_flask.parsing import ApiBlueprint
from impl_flask.schemas import ProfileResponse

blp = ApiBlueprint("profiles", __name__, url_prefix="/profiles/<username>", description="Profile")


@blp.get("")
@login_optional
@blp.response(200, ProfileResponse)
def get_profile(username: str, *, caller: Principal | None) -> object:
    profile = services.profile_get(
        uow=unit_of_work(), username=username, viewer_id=viewer_id(caller)
    )
    return {"profile": profile}


@blp.post("/follow")
@login_required
@blp.response(200, ProfileResponse)
def follow_user(username: str, *, caller: Principal) -> object:
    profile = services.profile_follow(uow=unit_of_work(), user_id=caller.user_id, username=username)
    return {"profile": profile}


@blp.delete("/follow")
@login_required
@blp.response(200, ProfileResponse)
def unfollow_user(username: str, *, caller: Principal) -> object:
    profile = services.profile_unfollow(
        uow=unit_of_work(), user_id=caller.user_id, username=username
    )
    return {"profile": profile}
