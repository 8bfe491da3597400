"""Read models assembled from entities with a few batched look-ups."""

from __future__ import annotations

from collections.abc import Iterable

from domain._async.ports import AsyncUnitOfWork
from domain.model import Article, ArticleView, Comment, CommentView, ProfileView, User


async def profile_views(
    uow: AsyncUnitOfWork, viewer_id: int | None, users: Iterable[User]
) -> dict[int, ProfileView]:
    """Each user as ``viewer_id`` sees them, by user id."""
    users = list(users)
    followed = (
        await uow.follows.followed_among(viewer_id, {user.id for user in users})
        if viewer_id is not None and users
        else set()
    )
    return {
        user.id: ProfileView(
            username=user.username, bio=user.bio, image=user.image, following=user.id in followed
        )
        for user in users
    }


async def article_views(
    uow: AsyncUnitOfWork, viewer_id: int | None, articles: list[Article]
) -> list[ArticleView]:
    """The articles with authors and favorite state, in the order given."""
    ids = [article.id for article in articles]
    authors = await uow.users.get_many({article.author_id for article in articles})
    profiles = await profile_views(uow, viewer_id, authors.values())
    counts = await uow.favorites.counts(ids) if ids else {}
    favorited = (
        await uow.favorites.favorited_among(viewer_id, ids)
        if viewer_id is not None and ids
        else set()
    )
    return [
        ArticleView(
            slug=article.slug,
            title=article.title,
            description=article.description,
            body=article.body,
            tag_list=list(article.tags),
            created_at=article.created_at,
            updated_at=article.updated_at,
            favorited=article.id in favorited,
            favorites_count=counts.get(article.id, 0),
            author=profiles[article.author_id],
        )
        for article in articles
    ]


async def comment_views(
    uow: AsyncUnitOfWork, viewer_id: int | None, comments: list[Comment]
) -> list[CommentView]:
    """The comments with their authors, in the order given."""
    authors = await uow.users.get_many({comment.author_id for comment in comments})
    profiles = await profile_views(uow, viewer_id, authors.values())
    return [
        CommentView(
            id=comment.id,
            created_at=comment.created_at,
            updated_at=comment.updated_at,
            body=comment.body,
            author=profiles[comment.author_id],
        )
        for comment in comments
    ]
