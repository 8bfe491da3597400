"""``/tags``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain import services
from impl_django.conduit.serializers import TagListOutput
from impl_django.conduit.unit_of_work import DjangoUnitOfWork
from impl_django.conduit.views.base import ApiView


class TagsApi(ApiView):
    authentication_classes = ()

    @extend_schema(operation_id="listTags", tags=["Tags"], responses={200: TagListOutput}, auth=[])
    def get(self, request: Request) -> Response:
        return Response(TagListOutput({"tags": services.tag_list(uow=DjangoUnitOfWork())}).data)
