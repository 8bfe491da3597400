"""Look-ups the services share: each raises the contract's error when nothing is found."""

from __future__ import annotations

from domain._async.ports import AsyncUnitOfWork
from domain.errors import NOT_FOUND, NotFound, Unauthorized
from domain.model import Article, User
from domain.rules import findable


async def require_user(uow: AsyncUnitOfWork, user_id: int) -> User:
    """The caller; a token whose user no longer exists is not a valid token."""
    user = await uow.users.get(user_id)
    if user is None:
        raise Unauthorized.token()
    return user


async def require_viewer(uow: AsyncUnitOfWork, viewer_id: int | None) -> None:
    """An optional caller: anonymous is fine, a token of no existing user is not."""
    if viewer_id is not None:
        await require_user(uow, viewer_id)


async def require_article(uow: AsyncUnitOfWork, slug: str) -> Article:
    article = await uow.articles.get_by_slug(slug) if findable(slug) else None
    if article is None:
        raise NotFound.of("article", NOT_FOUND)
    return article


async def require_profile(uow: AsyncUnitOfWork, username: str) -> User:
    user = await uow.users.get_by_username(username) if findable(username) else None
    if user is None:
        raise NotFound.of("profile", NOT_FOUND)
    return user
