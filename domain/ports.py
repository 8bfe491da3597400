"""The ports: what the domain needs from storage, implemented once per ORM."""

from __future__ import annotations

import abc
from collections.abc import Iterable
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from domain.model import Article, ArticleQuery, Comment, User


class UserRepository(Protocol):
    """Users by id, email and username."""

    def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        """Store a new user and return it with its id."""
        ...

    def get(self, user_id: int) -> User | None: ...

    def get_by_email(self, email: str) -> User | None: ...

    def get_by_username(self, username: str) -> User | None: ...

    def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        """The users among ``user_ids`` that exist, by id."""
        ...

    def update(self, user: User) -> None:
        """Save every field of ``user``."""
        ...


class FollowRepository(Protocol):
    """Who follows whom."""

    def add(self, *, follower_id: int, followed_id: int) -> None:
        """Record a follow; recording it twice changes nothing."""
        ...

    def remove(self, *, follower_id: int, followed_id: int) -> None:
        """Forget a follow, if there is one."""
        ...

    def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        """Those of ``candidate_ids`` that ``follower_id`` follows."""
        ...


class ArticleRepository(Protocol):
    """Articles with their tags."""

    def add(
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
        """Store a new article (``updated_at`` equals ``created_at``).

        Raises ``SlugTaken`` when another article has ``slug``; nothing is stored then.
        """
        ...

    def get_by_slug(self, slug: str) -> Article | None: ...

    def slug_exists(self, slug: str) -> bool: ...

    def update(self, article: Article) -> None:
        """Save every field of ``article``, tags included.

        Raises ``SlugTaken`` when another article has its slug.
        """
        ...

    def delete(self, article_id: int) -> None:
        """Delete the article with its tags links, favorites and comments."""
        ...

    def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        """A page of matches, newest first (ties: the later-created first)."""
        ...

    def count(self, query: ArticleQuery) -> int:
        """The number of all matches."""
        ...


class FavoriteRepository(Protocol):
    """Which user favorited which article."""

    def add(self, *, user_id: int, article_id: int) -> None:
        """Record a favorite; recording it twice changes nothing."""
        ...

    def remove(self, *, user_id: int, article_id: int) -> None:
        """Forget a favorite, if there is one."""
        ...

    def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        """How many users favorited each article (articles with none may be left out)."""
        ...

    def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        """Those of ``article_ids`` that ``user_id`` favorited."""
        ...


class CommentRepository(Protocol):
    """Comments on articles."""

    def add(self, *, article_id: int, author_id: int, body: str, created_at: datetime) -> Comment:
        """Store a new comment (``updated_at`` equals ``created_at``)."""
        ...

    def get(self, comment_id: int) -> Comment | None: ...

    def list_for_article(self, article_id: int) -> list[Comment]:
        """The article's comments, newest first (ties: the higher id first)."""
        ...

    def delete(self, comment_id: int) -> None: ...


class TagRepository(Protocol):
    """Tags as a whole."""

    def list_in_use(self) -> list[str]:
        """Every tag at least one article has, each once, in any order."""
        ...


class UnitOfWork(abc.ABC):
    """The transaction boundary: ``with uow: ...; uow.commit()``.

    Leaving the block without a commit rolls back whatever was done. A service that only reads
    enters ``with uow.reading(): ...`` instead (see ``reading``).
    """

    users: UserRepository
    follows: FollowRepository
    articles: ArticleRepository
    favorites: FavoriteRepository
    comments: CommentRepository
    tags: TagRepository
    read_only: bool = False

    def reading(self) -> Self:
        """This unit of work, for a service that only reads: ``with uow.reading(): ...``.

        Storage then runs each statement on its own, with no transaction around them: each sees
        what is committed when it runs, as the statements of a READ COMMITTED transaction do,
        and no BEGIN or ROLLBACK is sent for nothing. Nothing may be committed; leaving the
        block ends the read-only mode.
        """
        self.read_only = True
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            self.read_only = False

    @abc.abstractmethod
    def commit(self) -> None:
        """Make everything done in this unit of work permanent."""

    @abc.abstractmethod
    def rollback(self) -> None:
        """Undo everything not yet committed."""
