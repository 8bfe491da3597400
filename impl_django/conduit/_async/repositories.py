"""The domain's repositories over Django's ORM, through its async API (``aexists``,
``abulk_create``, ``async for``, ...); a write that needs a savepoint runs as one blocking step
(``sync_to_async``), since Django opens no transaction from async code. The blocking twin in
``_sync`` is generated from this module (``scripts/unasync.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.db.models import QuerySet

from domain.model import Article, ArticleQuery, Comment, User
from impl_django.conduit import models, rows

T = TypeVar("T")


async def _one(found: QuerySet[Any, T]) -> T | None:
    """The row a lookup by a unique key finds, if any: no ``ORDER BY`` for it to compile, as
    ``first()`` would add."""
    async for row in found[:1]:
        return row
    return None


class AsyncDjangoUsers:
    async def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        row = models.User(
            username=username, email=email, password_hash=password_hash, bio=bio, image=image
        )
        await sync_to_async(rows.saved)(row.save)
        return User(row.id, username, email, password_hash, bio, image)

    async def get(self, user_id: int) -> User | None:
        row = await _one(rows.users().filter(id=user_id))
        return rows.user(row) if row else None

    async def get_by_email(self, email: str) -> User | None:
        row = await _one(rows.users().filter(email=email))
        return rows.user(row) if row else None

    async def get_by_username(self, username: str) -> User | None:
        row = await _one(rows.users().filter(username=username))
        return rows.user(row) if row else None

    async def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        ids = set(user_ids)
        if not ids:
            return {}
        return {row[0]: rows.user(row) async for row in rows.users().filter(id__in=ids)}

    async def update(self, user: User) -> None:
        row = models.User(
            id=user.id,
            username=user.username,
            email=user.email,
            password_hash=user.password_hash,
            bio=user.bio,
            image=user.image,
        )
        await sync_to_async(rows.saved)(lambda: row.save(force_update=True))


class AsyncDjangoFollows:
    async def add(self, *, follower_id: int, followed_id: int) -> None:
        follow = models.Follow(follower_id=follower_id, followed_id=followed_id)
        await models.Follow.objects.abulk_create([follow], ignore_conflicts=True)

    async def remove(self, *, follower_id: int, followed_id: int) -> None:
        await models.Follow.objects.filter(
            follower_id=follower_id, followed_id=followed_id
        ).adelete()

    async def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        ids = set(candidate_ids)
        if not ids:
            return set()
        follows = models.Follow.objects.filter(follower_id=follower_id, followed_id__in=ids)
        return {followed async for followed in follows.values_list("followed_id", flat=True)}


async def _with_tags(articles: list[Article]) -> list[Article]:
    """``articles`` with their tags, sorted, read in one statement for them all."""
    if articles:
        by_id = {article.id: article for article in articles}
        async for article_id, name in rows.tag_names(by_id):
            by_id[article_id].tags.append(name)
        for article in articles:
            article.tags.sort()
    return articles


class AsyncDjangoArticles:
    async def add(
        self,
        *,
        slug: str,
        title: str,
        description: str,
        body: str,
        author_id: int,
        tags: list[str],
        created_at: datetime,
    ) -> Article:
        row = models.Article(
            slug=slug,
            title=title,
            description=description,
            body=body,
            author_id=author_id,
            created_at=created_at,
            updated_at=created_at,
        )
        await sync_to_async(rows.saved)(row.save)
        await _link_tags(row.id, tags)
        return Article(
            id=row.id,
            slug=slug,
            title=title,
            description=description,
            body=body,
            author_id=author_id,
            created_at=created_at,
            updated_at=created_at,
            tags=sorted(tags),
        )

    async def get_by_slug(self, slug: str) -> Article | None:
        row = await _one(rows.articles().filter(slug=slug))
        return (await _with_tags([rows.article(row)]))[0] if row else None

    async def slug_exists(self, slug: str) -> bool:
        return await models.Article.objects.filter(slug=slug).aexists()

    async def update(self, article: Article) -> None:
        fields = {
            "slug": article.slug,
            "title": article.title,
            "description": article.description,
            "body": article.body,
            "updated_at": article.updated_at,
        }
        changed = models.Article.objects.filter(id=article.id)
        await sync_to_async(rows.saved)(lambda: changed.update(**fields))
        links = models.ArticleTag.objects.filter(article_id=article.id)
        linked = {name async for name in links.values_list("tag__name", flat=True)}
        if linked != set(article.tags):
            await links.adelete()
            await _link_tags(article.id, article.tags)

    async def delete(self, article_id: int) -> None:
        await models.Article.objects.filter(id=article_id).adelete()

    async def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        matches = rows.filtered(rows.articles(), query).order_by("-created_at", "-id")
        return await _with_tags(
            [rows.article(row) async for row in matches[offset : offset + limit]]
        )

    async def count(self, query: ArticleQuery) -> int:
        return await rows.filtered(models.Article.objects.all(), query).acount()


async def _link_tags(article_id: int, names: list[str]) -> None:
    """Link the article to these tags, creating the tags that do not exist yet."""
    if not names:
        return
    await models.Tag.objects.abulk_create(
        [models.Tag(name=name) for name in names], ignore_conflicts=True
    )
    tag_ids = models.Tag.objects.filter(name__in=names).values_list("id", flat=True)
    await models.ArticleTag.objects.abulk_create(
        [models.ArticleTag(article_id=article_id, tag_id=tag_id) async for tag_id in tag_ids],
        ignore_conflicts=True,
    )


class AsyncDjangoFavorites:
    async def add(self, *, user_id: int, article_id: int) -> None:
        favorite = models.Favorite(user_id=user_id, article_id=article_id)
        await models.Favorite.objects.abulk_create([favorite], ignore_conflicts=True)

    async def remove(self, *, user_id: int, article_id: int) -> None:
        await models.Favorite.objects.filter(user_id=user_id, article_id=article_id).adelete()

    async def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        ids = set(article_ids)
        if not ids:
            return {}
        return {article_id: total async for article_id, total in rows.favorite_counts(ids)}

    async def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        ids = set(article_ids)
        if not ids:
            return set()
        favorites = models.Favorite.objects.filter(user_id=user_id, article_id__in=ids)
        return {article_id async for article_id in favorites.values_list("article_id", flat=True)}


class AsyncDjangoComments:
    async def add(
        self, *, article_id: int, author_id: int, body: str, created_at: datetime
    ) -> Comment:
        row = await models.Comment.objects.acreate(
            article_id=article_id,
            author_id=author_id,
            body=body,
            created_at=created_at,
            updated_at=created_at,
        )
        return Comment(row.id, article_id, author_id, body, created_at, created_at)

    async def get(self, comment_id: int) -> Comment | None:
        row = await _one(rows.comments().filter(id=comment_id))
        return rows.comment(row) if row else None

    async def list_for_article(self, article_id: int) -> list[Comment]:
        found = rows.comments().filter(article_id=article_id).order_by("-created_at", "-id")
        return [rows.comment(row) async for row in found]

    async def delete(self, comment_id: int) -> None:
        await models.Comment.objects.filter(id=comment_id).adelete()


class AsyncDjangoTags:
    async def list_in_use(self) -> list[str]:
        return [name async for name in rows.tags_in_use()]
