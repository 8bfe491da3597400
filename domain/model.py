"""Entities as the domain stores them, and the read models services return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class User:
    """A registered user; ``password_hash`` never leaves the domain."""

    id: int
    username: str
    email: str
    password_hash: str
    bio: str | None = None
    image: str | None = None


@dataclass(slots=True)
class Article:
    """An article; ``tags`` is kept sorted and free of duplicates."""

    id: int
    slug: str
    title: str
    description: str
    body: str
    author_id: int
    created_at: datetime
    updated_at: datetime
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Comment:
    """A comment on an article."""

    id: int
    article_id: int
    author_id: int
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles a list shows; every filter that is set must match."""

    tag: str | None = None
    author_id: int | None = None
    favorited_by_id: int | None = None
    followed_by_id: int | None = None


@dataclass(frozen=True, slots=True)
class UserView:
    """The current user as the contract shows it."""

    email: str
    token: str
    username: str
    bio: str | None
    image: str | None


@dataclass(frozen=True, slots=True)
class ProfileView:
    """A user as someone else sees them."""

    username: str
    bio: str | None
    image: str | None
    following: bool


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its author and the reader's favorite state."""

    slug: str
    title: str
    description: str
    body: str
    tag_list: list[str]
    created_at: datetime
    updated_at: datetime
    favorited: bool
    favorites_count: int
    author: ProfileView


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of a list and the total number of matches."""

    articles: list[ArticleView]
    articles_count: int


@dataclass(frozen=True, slots=True)
class CommentView:
    """A comment with its author."""

    id: int
    created_at: datetime
    updated_at: datetime
    body: str
    author: ProfileView
