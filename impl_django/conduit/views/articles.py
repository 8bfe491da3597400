"""``/articles``: lists, the feed, single articles and favorites."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from domain import services
from impl_django.conduit.authentication import IsCaller, IsCallerOrReadOnly, caller, viewer_id
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
from impl_django.conduit.unit_of_work import DjangoUnitOfWork
from impl_django.conduit.views.base import ApiView


class ArticlesApi(ApiView):
    permission_classes = (IsCallerOrReadOnly,)

    @extend_schema(
        operation_id="listArticles",
        tags=["Articles"],
        parameters=[ArticleListQuery],
        responses={200: ArticleListOutput},
    )
    def get(self, request: Request) -> Response:
        query = ArticleListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = services.article_list(
            uow=DjangoUnitOfWork(), viewer_id=viewer_id(request), **query.validated_data
        )
        return Response(ArticleListOutput(page).data)

    @extend_schema(
        operation_id="createArticle",
        tags=["Articles"],
        request=ArticleCreateInput,
        responses={201: ArticleOutput},
    )
    def post(self, request: Request) -> Response:
        fields = parse_body(ArticleCreateInput, request)["article"]
        article = services.article_create(
            uow=DjangoUnitOfWork(),
            user_id=caller(request).user_id,
            title=fields["title"],
            description=fields["description"],
            body=fields["body"],
            tag_list=fields.get("tagList"),
        )
        return Response(ArticleOutput({"article": article}).data, status=201)


class FeedApi(ApiView):
    permission_classes = (IsCaller,)

    @extend_schema(
        operation_id="feedArticles",
        tags=["Articles"],
        parameters=[FeedQuery],
        responses={200: ArticleListOutput},
    )
    def get(self, request: Request) -> Response:
        query = FeedQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = services.article_feed(
            uow=DjangoUnitOfWork(), user_id=caller(request).user_id, **query.validated_data
        )
        return Response(ArticleListOutput(page).data)


class ArticleApi(ApiView):
    permission_classes = (IsCallerOrReadOnly,)

    @extend_schema(operation_id="getArticle", tags=["Articles"], responses={200: ArticleOutput})
    def get(self, request: Request, slug: str) -> Response:
        article = services.article_get(
            uow=DjangoUnitOfWork(), slug=slug, viewer_id=viewer_id(request)
        )
        return Response(ArticleOutput({"article": article}).data)

    @extend_schema(
        operation_id="updateArticle",
        tags=["Articles"],
        request=ArticleUpdateInput,
        responses={200: ArticleOutput},
    )
    def put(self, request: Request, slug: str) -> Response:
        fields = parse_body(ArticleUpdateInput, request)["article"]
        article = services.article_update(
            uow=DjangoUnitOfWork(),
            user_id=caller(request).user_id,
            slug=slug,
            title=given(fields, "title"),
            description=given(fields, "description"),
            body=given(fields, "body"),
            tag_list=given(fields, "tagList"),
        )
        return Response(ArticleOutput({"article": article}).data)

    @extend_schema(operation_id="deleteArticle", tags=["Articles"], responses={204: None})
    def delete(self, request: Request, slug: str) -> Response:
        services.article_delete(uow=DjangoUnitOfWork(), user_id=caller(request).user_id, slug=slug)
        return Response(status=204)


class FavoriteApi(ApiView):
    permission_classes = (IsCaller,)

    @extend_schema(
        operation_id="favoriteArticle", tags=["Favorites"], request=None, responses=ArticleOutput
    )
    def post(self, request: Request, slug: str) -> Response:
        article = services.article_favorite(
            uow=DjangoUnitOfWork(), user_id=caller(request).user_id, slug=slug
        )
        return Response(ArticleOutput({"article": article}).data)

    @extend_schema(
        operation_id="unfavoriteArticle", tags=["Favorites"], responses={200: ArticleOutput}
    )
    def delete(self, request: Request, slug: str) -> Response:
        article = services.article_unfavorite(
            uow=DjangoUnitOfWork(), user_id=caller(request).user_id, slug=slug
        )
        return Response(ArticleOutput({"article": article}).data)
