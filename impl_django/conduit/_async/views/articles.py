"""``/articles``: lists, the feed, single articles and favorites."""

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
    ArticleCreateInput,
    ArticleListOutput,
    ArticleListQuery,
    ArticleOutput,
    ArticleUpdateInput,
    FeedQuery,
    given,
    parse_body,
)


class ArticlesApi(AsyncApiView):
    permission_classes = (IsCallerOrReadOnly,)

    @extend_schema(
        operation_id="listArticles",
        tags=["Articles"],
        parameters=[ArticleListQuery],
        responses={200: ArticleListOutput},
    )
    async def get(self, request: Request) -> Response:
        query = ArticleListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = await services.article_list(
            uow=AsyncDjangoUnitOfWork(), viewer_id=viewer_id(request), **query.validated_data
        )
        return Response(render(ArticleListOutput, page))

    @extend_schema(
        operation_id="createArticle",
        tags=["Articles"],
        request=ArticleCreateInput,
        responses={201: ArticleOutput},
    )
    async def post(self, request: Request) -> Response:
        fields = parse_body(ArticleCreateInput, request)["article"]
        article = await services.article_create(
            uow=AsyncDjangoUnitOfWork(),
            user_id=caller(request).user_id,
            title=fields["title"],
            description=fields["description"],
            body=fields["body"],
            tag_list=fields.get("tagList"),
        )
        return Response(render(ArticleOutput, {"article": article}), status=201)


class FeedApi(AsyncApiView):
    permission_classes = (IsCaller,)

    @extend_schema(
        operation_id="feedArticles",
        tags=["Articles"],
        parameters=[FeedQuery],
        responses={200: ArticleListOutput},
    )
    async def get(self, request: Request) -> Response:
        query = FeedQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = await services.article_feed(
            uow=AsyncDjangoUnitOfWork(), user_id=caller(request).user_id, **query.validated_data
        )
        return Response(render(ArticleListOutput, page))


class ArticleApi(AsyncApiView):
    permission_classes = (IsCallerOrReadOnly,)

    @extend_schema(operation_id="getArticle", tags=["Articles"], responses={200: ArticleOutput})
    async def get(self, request: Request, slug: str) -> Response:
        article = await services.article_get(
            uow=AsyncDjangoUnitOfWork(), slug=slug, viewer_id=viewer_id(request)
        )
        return Response(render(ArticleOutput, {"article": article}))

    @extend_schema(
        operation_id="updateArticle",
        tags=["Articles"],
        request=ArticleUpdateInput,
        responses={200: ArticleOutput},
    )
    async def put(self, request: Request, slug: str) -> Response:
        fields = parse_body(ArticleUpdateInput, request)["article"]
        article = await services.article_update(
            uow=AsyncDjangoUnitOfWork(),
            user_id=caller(request).user_id,
            slug=slug,
            title=given(fields, "title"),
            description=given(fields, "description"),
            body=given(fields, "body"),
            tag_list=given(fields, "tagList"),
        )
        return Response(render(ArticleOutput, {"article": article}))

    @extend_schema(operation_id="deleteArticle", tags=["Articles"], responses={204: None})
    async def delete(self, request: Request, slug: str) -> Response:
        await services.article_delete(
            uow=AsyncDjangoUnitOfWork(), user_id=caller(request).user_id, slug=slug
        )
        return Response(status=204)


class FavoriteApi(AsyncApiView):
    permission_classes = (IsCaller,)

    @extend_schema(
        operation_id="favoriteArticle", tags=["Favorites"], request=None, responses=ArticleOutput
    )
    async def post(self, request: Request, slug: str) -> Response:
        article = await services.article_favorite(
            uow=AsyncDjangoUnitOfWork(), user_id=caller(request).user_id, slug=slug
        )
        return Response(render(ArticleOutput, {"article": article}))

    @extend_schema(
        operation_id="unfavoriteArticle", tags=["Favorites"], responses={200: ArticleOutput}
    )
    async def delete(self, request: Request, slug: str) -> Response:
        article = await services.article_unfavorite(
            uow=AsyncDjangoUnitOfWork(), user_id=caller(request).user_id, slug=slug
        )
        return Response(render(ArticleOutput, {"article": article}))
