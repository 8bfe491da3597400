"""``/articles``: lists, the feed, single articles and favorites."""

from __future__ import annotations

from typing import Any

from domain import services
from domain.tokens import Principal
from domain.unset import UNSET
from impl_flask.auth import login_optional, login_required, viewer_id
from impl_flask.extensions import unit_of_work
from impl_flask.parsing import ApiBlueprint
from impl_flask.schemas import (
    ArticleListQuery,
    ArticleListResponse,
    ArticleResponse,
    NewArticleRequest,
    PageQuery,
    UpdateArticleRequest,
)

blp = ApiBlueprint("articles", __name__, url_prefix="/articles", description="Articles")


@blp.get("")
@login_optional
@blp.arguments(ArticleListQuery, location="query")
@blp.response(200, ArticleListResponse)
def list_articles(query: dict[str, Any], *, caller: Principal | None) -> object:
    return services.article_list(
        uow=unit_of_work(),
        viewer_id=viewer_id(caller),
        tag=query.get("tag"),
        author=query.get("author"),
        favorited=query.get("favorited"),
        limit=query.get("limit"),
        offset=query.get("offset"),
    )


@blp.get("/feed")
@login_required
@blp.arguments(PageQuery, location="query")
@blp.response(200, ArticleListResponse)
def feed_articles(query: dict[str, Any], *, caller: Principal) -> object:
    return services.article_feed(
        uow=unit_of_work(),
        user_id=caller.user_id,
        limit=query.get("limit"),
        offset=query.get("offset"),
    )


@blp.post("")
@login_required
@blp.arguments(NewArticleRequest)
@blp.response(201, ArticleResponse)
def create_article(body: dict[str, Any], *, caller: Principal) -> object:
    new = body["article"]
    article = services.article_create(
        uow=unit_of_work(),
        user_id=caller.user_id,
        title=new["title"],
        description=new["description"],
        body=new["body"],
        tag_list=new["tag_list"],
    )
    return {"article": article}


@blp.get("/<article_slug:slug>")
@login_optional
@blp.response(200, ArticleResponse)
def get_article(slug: str, *, caller: Principal | None) -> object:
    return {
        "article": services.article_get(uow=unit_of_work(), slug=slug, viewer_id=viewer_id(caller))
    }


@blp.put("/<article_slug:slug>")
@login_required
@blp.arguments(UpdateArticleRequest)
@blp.response(200, ArticleResponse)
def update_article(body: dict[str, Any], slug: str, *, caller: Principal) -> object:
    patch = body["article"]
    article = services.article_update(
        uow=unit_of_work(),
        user_id=caller.user_id,
        slug=slug,
        title=patch.get("title", UNSET),
        description=patch.get("description", UNSET),
        body=patch.get("body", UNSET),
        tag_list=patch.get("tag_list", UNSET),
    )
    return {"article": article}


@blp.delete("/<article_slug:slug>")
@login_required
@blp.response(204)
def delete_article(slug: str, *, caller: Principal) -> None:
    services.article_delete(uow=unit_of_work(), user_id=caller.user_id, slug=slug)


@blp.post("/<slug>/favorite", tags=["favorites"])
@login_required
@blp.response(200, ArticleResponse)
def favorite_article(slug: str, *, caller: Principal) -> object:
    article = services.article_favorite(uow=unit_of_work(), user_id=caller.user_id, slug=slug)
    return {"article": article}


@blp.delete("/<slug>/favorite", tags=["favorites"])
@login_required
@blp.response(200, ArticleResponse)
def unfavorite_article(slug: str, *, caller: Principal) -> object:
    article = services.article_unfavorite(uow=unit_of_work(), user_id=caller.user_id, slug=slug)
    return {"article": article}
