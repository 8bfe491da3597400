"""``/users``, ``/users/login`` and ``/user``."""

from __future__ import annotations

from fastapi import APIRouter

from domain import services
from impl_fastapi.dependencies import Caller, Passwords, Tokens, Uow
from impl_fastapi.routing import ContractRoute
from impl_fastapi.schemas import (
    LoginRequest,
    NewUserRequest,
    UpdateUserRequest,
    UserResponse,
)

router = APIRouter(tags=["User and Authentication"], route_class=ContractRoute)


@router.post("/users", status_code=201, response_model=UserResponse)
def register(request: NewUserRequest, uow: Uow, passwords: Passwords, tokens: Tokens) -> object:
    user = services.user_register(
        uow=uow,
        passwords=passwords,
        tokens=tokens,
        username=request.user.username,
        email=request.user.email,
        password=request.user.password,
    )
    return {"user": user}


@router.post("/users/login", response_model=UserResponse)
def login(request: LoginRequest, uow: Uow, passwords: Passwords, tokens: Tokens) -> object:
    user = services.user_login(
        uow=uow,
        passwords=passwords,
        tokens=tokens,
        email=request.user.email,
        password=request.user.password,
    )
    return {"user": user}


@router.get("/user", response_model=UserResponse)
def current_user(caller: Caller, uow: Uow) -> object:
    return {"user": services.user_get_current(uow=uow, principal=caller)}


@router.put("/user", response_model=UserResponse)
def update_user(
    request: UpdateUserRequest, caller: Caller, uow: Uow, passwords: Passwords
) -> object:
    patch = request.user
    user = services.user_update(
        uow=uow,
        passwords=passwords,
        principal=caller,
        email=patch.given("email"),
        username=patch.given("username"),
        password=patch.given("password"),
        bio=patch.given("bio"),
        image=patch.given("image"),
    )
    return {"user": user}
