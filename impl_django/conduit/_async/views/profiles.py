"""``/profiles/{username}`` and following."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain._async import services
from impl_django.conduit._async.unit_of_work import AsyncDjangoUnitOfWork
from impl_django.conduit.api_view import AsyncApiView
from impl_django.conduit.authentication import IsCaller, caller, viewer_id
from impl_django.conduit.rendering import render
from impl_django.conduit.serializers import ProfileOutput

TAGS = ["Profiles"]


class ProfileApi(AsyncApiView):
    @extend_schema(operation_id="getProfile", tags=TAGS, responses={200: ProfileOutput})
    async def get(self, request: Request, username: str) -> Response:
        profile = await services.profile_get(
            uow=AsyncDjangoUnitOfWork(), username=username, viewer_id=viewer_id(request)
        )
        return Response(render(ProfileOutput, {"profile": profile}))


class FollowApi(AsyncApiView):
    permission_classes = (IsCaller,)

    @extend_schema(operation_id="followUser", tags=TAGS, request=None, responses=ProfileOutput)
    async def post(self, request: Request, username: str) -> Response:
        profile = await services.profile_follow(
            uow=AsyncDjangoUnitOfWork(), user_id=caller(request).user_id, username=username
        )
        return Response(render(ProfileOutput, {"profile": profile}))

    @extend_schema(operation_id="unfollowUser", tags=TAGS, responses={200: ProfileOutput})
    async def delete(self, request: Request, username: str) -> Response:
        profile = await services.profile_unfollow(
            uow=AsyncDjangoUnitOfWork(), user_id=caller(request).user_id, username=username
        )
        return Response(render(ProfileOutput, {"profile": profile}))
