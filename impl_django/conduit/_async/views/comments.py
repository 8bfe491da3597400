"""``/articles/{slug}/comments``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain._async import services
from impl_django.conduit._async.unit_of_work import AsyncDjangoUnitOfWork
from impl_django.conduit.api_view import AsyncApiView
from impl_django.conduit.authentication import IsCaller, IsCallerOrReadOnly, caller, viewer_id
from impl_django.conduit.rendering import render
from impl_django.conduit.serializers import (
    CommentAddInput,
    CommentListOutput,
    CommentOutput,
    parse_body,
)

TAGS = ["Comments"]


class CommentsApi(AsyncApiView):
    permission_classes = (IsCallerOrReadOnly,)

    @extend_schema(operation_id="listComments", tags=TAGS, responses={200: CommentListOutput})
    async def get(self, request: Request, slug: str) -> Response:
        comments = await services.comment_list(
            uow=AsyncDjangoUnitOfWork(), slug=slug, viewer_id=viewer_id(request)
        )
        return Response(render(CommentListOutput, {"comments": comments}))

    @extend_schema(
        operation_id="addComment",
        tags=TAGS,
        request=CommentAddInput,
        responses={201: CommentOutput},
    )
    async def post(self, request: Request, slug: str) -> Response:
        fields = parse_body(CommentAddInput, request)["comment"]
        comment = await services.comment_add(
            uow=AsyncDjangoUnitOfWork(),
            user_id=caller(request).user_id,
            slug=slug,
            body=fields["body"],
        )
        return Response(render(CommentOutput, {"comment": comment}), status=201)


class CommentApi(AsyncApiView):
    permission_classes = (IsCaller,)

    @extend_schema(operation_id="deleteComment", tags=TAGS, responses={204: None})
    async def delete(self, request: Request, slug: str, id: str) -> Response:  # the contract's name
        await services.comment_delete(
            uow=AsyncDjangoUnitOfWork(),
            user_id=caller(request).user_id,
            slug=slug,
            comment_id=id,
        )
        return Response(status=204)
