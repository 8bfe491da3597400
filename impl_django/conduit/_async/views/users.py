"""``/users``, ``/users/login`` and ``/user``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain._async import services
from impl_django.conduit._async.unit_of_work import AsyncDjangoUnitOfWork
from impl_django.conduit.api_view import AsyncApiView
from impl_django.conduit.authentication import IsCaller, caller
from impl_django.conduit.rendering import render
from impl_django.conduit.serializers import (
    UserLoginInput,
    UserOutput,
    UserRegisterInput,
    UserUpdateInput,
    given,
    parse_body,
)
from impl_django.conduit.wiring import passwords, tokens

TAGS = ["Users"]


class UserRegisterApi(AsyncApiView):
    authentication_classes = ()

    @extend_schema(
        operation_id="registerUser",
        tags=TAGS,
        request=UserRegisterInput,
        responses={201: UserOutput},
        auth=[],
    )
    async def post(self, request: Request) -> Response:
        fields = parse_body(UserRegisterInput, request)["user"]
        user = await services.user_register(
            uow=AsyncDjangoUnitOfWork(),
            passwords=passwords(),
            tokens=tokens(),
            username=fields["username"],
            email=fields["email"],
            password=fields["password"],
        )
        return Response(render(UserOutput, {"user": user}), status=201)


class UserLoginApi(AsyncApiView):
    authentication_classes = ()

    @extend_schema(
        operation_id="logIn",
        tags=TAGS,
        request=UserLoginInput,
        responses={200: UserOutput},
        auth=[],
    )
    async def post(self, request: Request) -> Response:
        fields = parse_body(UserLoginInput, request)["user"]
        user = await services.user_login(
            uow=AsyncDjangoUnitOfWork(),
            passwords=passwords(),
            tokens=tokens(),
            email=fields["email"],
            password=fields["password"],
        )
        return Response(render(UserOutput, {"user": user}))


class CurrentUserApi(AsyncApiView):
    permission_classes = (IsCaller,)

    @extend_schema(operation_id="getCurrentUser", tags=TAGS, responses={200: UserOutput})
    async def get(self, request: Request) -> Response:
        user = await services.user_get_current(
            uow=AsyncDjangoUnitOfWork(), principal=caller(request)
        )
        return Response(render(UserOutput, {"user": user}))

    @extend_schema(
        operation_id="updateCurrentUser",
        tags=TAGS,
        request=UserUpdateInput,
        responses={200: UserOutput},
    )
    async def put(self, request: Request) -> Response:
        fields = parse_body(UserUpdateInput, request)["user"]
        user = await services.user_update(
            uow=AsyncDjangoUnitOfWork(),
            passwords=passwords(),
            principal=caller(request),
            email=given(fields, "email"),
            username=given(fields, "username"),
            password=given(fields, "password"),
            bio=given(fields, "bio"),
            image=given(fields, "image"),
        )
        return Response(render(UserOutput, {"user": user}))
