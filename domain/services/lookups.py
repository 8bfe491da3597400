"""Look-ups the services share: each raises the contract's error when nothing is found."""

from __future__ import annotations

from domain.errors import NOT_FOUND, NotFound, Unauthorized
from domain.model import Article, User
from domain.ports import UnitOfWork
from domain.rules import findable


def require_user(uow: UnitOfWork, user_id: int) -> User:
    """The caller; a token whose user no longer exists is not a valid token."""
    user = uow.users.get(user_id)
    if user is None:
        raise Unauthorized.token()
    return user


def require_viewer(uow: UnitOfWork, viewer_id: int | None) -> None:
    """An optional caller: anonymous is fine, a token of no existing user is not."""
    if viewer_id is not None:
        require_user(uow, viewer_id)


def require_article(uow: UnitOfWork, slug: str) -> Article:
    article = uow.articles.get_by_slug(slug) if findable(slug) else None
    if article is None:
        raise NotFound.of("article", NOT_FOUND)
    return article


def require_profile(uow: UnitOfWork, username: str) -> User:
    user = uow.users.get_by_username(username) if findable(username) else None
    if user is None:
        raise NotFound.of("profile", NOT_FOUND)
    return user
