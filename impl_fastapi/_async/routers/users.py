"""``/users``, ``/users/login`` and ``/user``."""

from __future__ import annotations

from fastapi import Response

from domain._async import services
from impl_fastapi.dependencies import AsyncUow, Caller, Passwords, Tokens
from impl_fastapi.rendering import render
from impl_fastapi.routing import API_PREFIX, ContractRouter
from impl_fastapi.schemas import (
    LoginRequest,
    NewUserRequest,
    UpdateUserRequest,
    UserResponse,
)

router = ContractRouter(prefix=API_PREFIX, tags=["User and Authentication"])


@router.post("/users", status_code=201, response_model=UserResponse)
async def register(
    request: NewUserRequest, uow: AsyncUow, passwords: Passwords, tokens: Tokens
) -> Response:
    user = await services.user_register(
        uow=uow,
        passwords=passwords,
        tokens=tokens,
        username=request.user.username,
        email=request.user.email,
        password=request.user.password,
    )
    return render(UserResponse, {"user": user}, status_code=201)


@router.post("/users/login", response_model=UserResponse)
async def login(
    request: LoginRequest, uow: AsyncUow, passwords: Passwords, tokens: Tokens
) -> Response:
    user = await services.user_login(
        uow=uow,
        passwords=passwords,
        tokens=tokens,
        email=request.user.email,
        password=request.user.password,
    )
    return render(UserResponse, {"user": user})


@router.get("/user", response_model=UserResponse)
async def current_user(caller: Caller, uow: AsyncUow) -> Response:
    return render(
        UserResponse, {"user": await services.user_get_current(uow=uow, principal=caller)}
    )


@router.put("/user", response_model=UserResponse)
async def update_user(
    request: UpdateUserRequest, caller: Caller, uow: AsyncUow, passwords: Passwords
) -> Response:
    patch = request.user
    user = await services.user_update(
        uow=uow,
        passwords=passwords,
        principal=caller,
        email=patch.given("email"),
        username=patch.given("username"),
        password=patch.given("password"),
        bio=patch.given("bio"),
        image=patch.given("image"),
    )
    return render(UserResponse, {"user": user})
