"""Articles, their lists and favorites."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from domain import rules
from domain._async.lookups import require_article, require_user, require_viewer
from domain._async.ports import AsyncUnitOfWork
from domain._async.views import article_views
from domain.errors import (
    BLANK,
    FORBIDDEN,
    TAKEN,
    Conflict,
    DomainError,
    Forbidden,
    SlugTaken,
    ValidationFailed,
)
from domain.model import Article, ArticlePage, ArticleQuery, ArticleView
from domain.rules import Checker
from domain.slugs import is_reserved, slugify, with_suffix
from domain.timestamps import now
from domain.unset import UNSET, Unset

SLUG_ATTEMPTS = 5
T = TypeVar("T")
ONE_MILLISECOND = timedelta(milliseconds=1)


async def article_list(
    *,
    uow: AsyncUnitOfWork,
    viewer_id: int | None,
    tag: str | None = None,
    author: str | None = None,
    favorited: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> ArticlePage:
    """Articles matching every filter given, newest first; unknown names match nothing."""
    async with uow.reading():
        await require_viewer(uow, viewer_id)
        limit, offset = rules.page(limit, offset)
        if not rules.findable(tag, author, favorited):
            return ArticlePage(articles=[], articles_count=0)
        author_id = favorited_by_id = None
        if author is not None:
            author_user = await uow.users.get_by_username(author)
            if author_user is None:
                return ArticlePage(articles=[], articles_count=0)
            author_id = author_user.id
        if favorited is not None:
            fan = await uow.users.get_by_username(favorited)
            if fan is None:
                return ArticlePage(articles=[], articles_count=0)
            favorited_by_id = fan.id
        query = ArticleQuery(tag=tag, author_id=author_id, favorited_by_id=favorited_by_id)
        return await _page(uow, viewer_id, query, limit, offset)


async def article_feed(
    *, uow: AsyncUnitOfWork, user_id: int, limit: int | None = None, offset: int | None = None
) -> ArticlePage:
    """Articles by the authors the caller follows, newest first."""
    async with uow.reading():
        await require_user(uow, user_id)
        limit, offset = rules.page(limit, offset)
        return await _page(uow, user_id, ArticleQuery(followed_by_id=user_id), limit, offset)


async def article_get(*, uow: AsyncUnitOfWork, slug: str, viewer_id: int | None) -> ArticleView:
    """One article."""
    async with uow.reading():
        await require_viewer(uow, viewer_id)
        return await _view(uow, viewer_id, await require_article(uow, slug))


async def article_create(
    *,
    uow: AsyncUnitOfWork,
    user_id: int,
    title: str,
    description: str,
    body: str,
    tag_list: list[str] | None = None,
) -> ArticleView:
    """Publish an article under a slug of its own."""
    async with uow:
        await require_user(uow, user_id)
        check = Checker()
        check.title(title)
        check.present("description", description)
        check.present("body", body)
        tags = check.tags(tag_list or [])
        check.raise_if_any()
        created_at = now()
        article = await _under_free_slug(
            uow,
            slugify(title),
            lambda slug: uow.articles.add(
                slug=slug,
                title=title,
                description=description,
                body=body,
                author_id=user_id,
                tags=tags,
                created_at=created_at,
            ),
        )
        view = await _view(uow, user_id, article)
        await uow.commit()
    return view


async def article_update(
    *,
    uow: AsyncUnitOfWork,
    user_id: int,
    slug: str,
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    body: str | Unset = UNSET,
    tag_list: list[str] | Unset = UNSET,
) -> ArticleView:
    """Change the fields given; a title with another slug than the old title's brings a new
    slug, one that slugifies alike keeps the article's slug (suffix included)."""
    async with uow:
        await require_user(uow, user_id)
        if all(value is UNSET for value in (title, description, body, tag_list)):
            raise ValidationFailed.of("article", BLANK)
        article = await _own_article(uow, user_id, slug)
        check = Checker()
        if title is not UNSET:
            check.title(title)
        if description is not UNSET:
            check.present("description", description)
        if body is not UNSET:
            check.present("body", body)
        tags = check.tags(tag_list) if tag_list is not UNSET else article.tags
        check.raise_if_any()
        article.description = article.description if description is UNSET else description
        article.body = article.body if body is UNSET else body
        article.tags = tags
        article.updated_at = max(now(), article.updated_at + ONE_MILLISECOND)
        if title is UNSET or slugify(title) == slugify(article.title):
            article.title = article.title if title is UNSET else title
            await uow.articles.update(article)
        else:
            article.title = title
            await _save_with_new_slug(uow, article, slugify(title))
        view = await _view(uow, user_id, article)
        await uow.commit()
    return view


async def article_delete(*, uow: AsyncUnitOfWork, user_id: int, slug: str) -> None:
    """Delete one's own article with its comments and favorites."""
    async with uow:
        await require_user(uow, user_id)
        article = await _own_article(uow, user_id, slug)
        await uow.articles.delete(article.id)
        await uow.commit()


async def article_favorite(*, uow: AsyncUnitOfWork, user_id: int, slug: str) -> ArticleView:
    """Favorite an article; twice is the same as once."""
    return await _set_favorite(uow, user_id, slug, favorite=True)


async def article_unfavorite(*, uow: AsyncUnitOfWork, user_id: int, slug: str) -> ArticleView:
    """Take back a favorite; taking back one never given changes nothing."""
    return await _set_favorite(uow, user_id, slug, favorite=False)


async def _set_favorite(
    uow: AsyncUnitOfWork, user_id: int, slug: str, *, favorite: bool
) -> ArticleView:
    async with uow:
        await require_user(uow, user_id)
        article = await require_article(uow, slug)
        change = uow.favorites.add if favorite else uow.favorites.remove
        await change(user_id=user_id, article_id=article.id)
        view = await _view(uow, user_id, article)
        await uow.commit()
    return view


async def _page(
    uow: AsyncUnitOfWork, viewer_id: int | None, query: ArticleQuery, limit: int, offset: int
) -> ArticlePage:
    articles = await uow.articles.find(query, limit=limit, offset=offset)
    return ArticlePage(
        articles=await article_views(uow, viewer_id, articles),
        articles_count=await uow.articles.count(query),
    )


async def _view(uow: AsyncUnitOfWork, viewer_id: int | None, article: Article) -> ArticleView:
    [view] = await article_views(uow, viewer_id, [article])
    return view


async def _own_article(uow: AsyncUnitOfWork, user_id: int, slug: str) -> Article:
    """The article, if it exists (404) and the caller wrote it (403)."""
    article = await require_article(uow, slug)
    if article.author_id != user_id:
        raise Forbidden.of("article", FORBIDDEN)
    return article


async def _slug_candidates(uow: AsyncUnitOfWork, base: str) -> list[str]:
    """The plain slug when it looks free (and is no word of the contract's paths), then
    suffixed ones."""
    first = [] if is_reserved(base) or await uow.articles.slug_exists(base) else [base]
    return first + [with_suffix(base) for _ in range(SLUG_ATTEMPTS)]


async def _save_with_new_slug(uow: AsyncUnitOfWork, article: Article, base: str) -> None:
    async def save(slug: str) -> None:
        article.slug = slug
        await uow.articles.update(article)

    await _under_free_slug(uow, base, save)


async def _under_free_slug(
    uow: AsyncUnitOfWork, base: str, store: Callable[[str], Awaitable[T]]
) -> T:
    """``store`` run with the first candidate slug no other article holds by then."""
    for slug in await _slug_candidates(uow, base):
        try:
            return await store(slug)
        except SlugTaken:
            continue
    raise _slug_exhausted()


def _slug_exhausted() -> DomainError:
    """Every candidate was taken in the meantime: a race lost many times over."""
    return Conflict.of("slug", TAKEN)
