"""``/articles``: lists, the feed, single articles and favorites."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response
from pydantic import BeforeValidator

from domain import rules
from domain._async import services
from impl_fastapi.dependencies import AsyncUow, Caller, MaybeCaller, viewer_id
from impl_fastapi.rendering import render
from impl_fastapi.routing import API_PREFIX, ContractRouter
from impl_fastapi.schemas import (
    ArticleListResponse,
    ArticleResponse,
    NewArticleRequest,
    UpdateArticleRequest,
)

router = ContractRouter(prefix=f"{API_PREFIX}/articles", tags=["Articles"])


def _whole_number(value: object) -> object:
    """Query integers as ``domain.rules.whole_number`` reads them (``1.0`` or ``1e3`` are not)."""
    if not isinstance(value, str):
        return value
    number = rules.whole_number(value)
    if number is None:
        raise ValueError("not a whole number")
    return number


Limit = Annotated[
    int | None,
    BeforeValidator(_whole_number),
    Query(description="Page size, 1 to 100 (default 20)."),
]
Offset = Annotated[
    int | None, BeforeValidator(_whole_number), Query(description="Matches to skip (default 0).")
]


@router.get("", response_model=ArticleListResponse)
async def list_articles(
    caller: MaybeCaller,
    uow: AsyncUow,
    tag: str | None = None,
    author: str | None = None,
    favorited: str | None = None,
    limit: Limit = None,
    offset: Offset = None,
) -> Response:
    return render(
        ArticleListResponse,
        await services.article_list(
            uow=uow,
            viewer_id=viewer_id(caller),
            tag=tag,
            author=author,
            favorited=favorited,
            limit=limit,
            offset=offset,
        ),
    )


@router.get("/feed", response_model=ArticleListResponse)
async def feed(
    caller: Caller, uow: AsyncUow, limit: Limit = None, offset: Offset = None
) -> Response:
    return render(
        ArticleListResponse,
        await services.article_feed(uow=uow, user_id=caller.user_id, limit=limit, offset=offset),
    )


@router.post("", status_code=201, response_model=ArticleResponse)
async def create_article(request: NewArticleRequest, caller: Caller, uow: AsyncUow) -> Response:
    new = request.article
    article = await services.article_create(
        uow=uow,
        user_id=caller.user_id,
        title=new.title,
        description=new.description,
        body=new.body,
        tag_list=new.tag_list,
    )
    return render(ArticleResponse, {"article": article}, status_code=201)


@router.get("/{slug:article_slug}", response_model=ArticleResponse)
async def get_article(slug: str, caller: MaybeCaller, uow: AsyncUow) -> Response:
    return render(
        ArticleResponse,
        {"article": await services.article_get(uow=uow, slug=slug, viewer_id=viewer_id(caller))},
    )


@router.put("/{slug:article_slug}", response_model=ArticleResponse)
async def update_article(
    slug: str, request: UpdateArticleRequest, caller: Caller, uow: AsyncUow
) -> Response:
    patch = request.article
    article = await services.article_update(
        uow=uow,
        user_id=caller.user_id,
        slug=slug,
        title=patch.given("title"),
        description=patch.given("description"),
        body=patch.given("body"),
        tag_list=patch.given("tag_list"),
    )
    return render(ArticleResponse, {"article": article})


@router.delete("/{slug:article_slug}", status_code=204, response_class=Response)
async def delete_article(slug: str, caller: Caller, uow: AsyncUow) -> None:
    await services.article_delete(uow=uow, user_id=caller.user_id, slug=slug)


@router.post("/{slug}/favorite", response_model=ArticleResponse, tags=["Favorites"])
async def favorite(slug: str, caller: Caller, uow: AsyncUow) -> Response:
    return render(
        ArticleResponse,
        {"article": await services.article_favorite(uow=uow, user_id=caller.user_id, slug=slug)},
    )


@router.delete("/{slug}/favorite", response_model=ArticleResponse, tags=["Favorites"])
async def unfavorite(slug: str, caller: Caller, uow: AsyncUow) -> Response:
    return render(
        ArticleResponse,
        {"article": await services.article_unfavorite(uow=uow, user_id=caller.user_id, slug=slug)},
    )
