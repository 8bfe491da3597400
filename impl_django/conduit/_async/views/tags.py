"""``/tags``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain._async import services
from impl_django.conduit._async.unit_of_work import AsyncDjangoUnitOfWork
from impl_django.conduit.api_view import AsyncApiView
from impl_django.conduit.rendering import render
from impl_django.conduit.serializers import TagListOutput


class TagsApi(AsyncApiView):
    authentication_classes = ()

    @extend_schema(operation_id="listTags", tags=["Tags"], responses={200: TagListOutput}, auth=[])
    async def get(self, request: Request) -> Response:
        tags = await services.tag_list(uow=AsyncDjangoUnitOfWork())
        return Response(render(TagListOutput, {"tags": tags}))
