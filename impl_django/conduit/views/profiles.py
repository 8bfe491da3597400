"""``/profiles/{username}`` and following."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain import services
from impl_django.conduit.authentication import IsCaller, caller, viewer_id
from impl_django.conduit.serializers import ProfileOutput
from impl_django.conduit.unit_of_work import DjangoUnitOfWork
from impl_django.conduit.views.base import ApiView

TAGS = ["Profiles"]


class ProfileApi(ApiView):
    @extend_schema(operation_id="getProfile", tags=TAGS, responses={200: ProfileOutput})
    def get(self, request: Request, username: str) -> Response:
        profile = services.profile_get(
            uow=DjangoUnitOfWork(), username=username, viewer_id=viewer_id(request)
        )
        return Response(ProfileOutput({"profile": profile}).data)


class FollowApi(ApiView):
    permission_classes = (IsCaller,)

    @extend_schema(operation_id="followUser", tags=TAGS, request=None, responses=ProfileOutput)
    def post(self, request: Request, username: str) -> Response:
        profile = services.profile_follow(
            uow=DjangoUnitOfWork(), user_id=caller(request).user_id, username=username
        )
        return Response(ProfileOutput({"profile": profile}).data)

    @extend_schema(operation_id="unfollowUser", tags=TAGS, responses={200: ProfileOutput})
    def delete(self, request: Request, username: str) -> Response:
        profile = services.profile_unfollow(
            uow=DjangoUnitOfWork(), user_id=caller(request).user_id, username=username
        )
        return Response(ProfileOutput({"profile": profile}).data)
