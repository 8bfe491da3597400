"""``/users``, ``/users/login`` and ``/user``."""

from __future__ import annotations

from typing import Any

from domain import services
from domain.tokens import Principal
from domain.unset import UNSET
from impl_flask.auth import login_required
from impl_flask.extensions import conduit, unit_of_work
from impl_flask.parsing import ApiBlueprint
from impl_flask.schemas import LoginRequest, NewUserRequest, UpdateUserRequest, UserResponse

blp = ApiBlueprint("users", __name__, description="User and Authentication")


@blp.post("/users")
@blp.arguments(NewUserRequest)
@blp.response(201, UserResponse)
def register_user(body: dict[str, Any]) -> object:
    new = body["user"]
    user = services.user_register(
        uow=unit_of_work(),
        passwords=conduit().passwords,
        tokens=conduit().tokens,
        username=new["username"],
        email=new["email"],
        password=new["password"],
    )
    return {"user": user}


@blp.post("/users/login")
@blp.arguments(LoginRequest)
@blp.response(200, UserResponse)
def log_in(body: dict[str, Any]) -> object:
    user = services.user_login(
        uow=unit_of_work(),
        passwords=conduit().passwords,
        tokens=conduit().tokens,
        email=body["user"]["email"],
        password=body["user"]["password"],
    )
    return {"user": user}


@blp.get("/user")
@login_required
@blp.response(200, UserResponse)
def get_current_user(*, caller: Principal) -> object:
    return {"user": services.user_get_current(uow=unit_of_work(), principal=caller)}


@blp.put("/user")
@login_required
@blp.arguments(UpdateUserRequest)
@blp.response(200, UserResponse)
def update_current_user(body: dict[str, Any], *, caller: Principal) -> object:
    patch = body["user"]
    user = services.user_update(
        uow=unit_of_work(),
        passwords=conduit().passwords,
        principal=caller,
        email=patch.get("email", UNSET),
        username=patch.get("username", UNSET),
        password=patch.get("password", UNSET),
        bio=patch.get("bio", UNSET),
        image=patch.get("image", UNSET),
    )
    return {"user": user}
