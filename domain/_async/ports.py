"""The ports: what the domain needs from storage, implemented once per ORM."""

from __future__ import annotations

import abc
from collections.abc import Iterable
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from domain.model import Article, ArticleQuery, Comment, User


class AsyncUserRepository(Protocol):
    """Users by id, email and username."""

    async def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        """Store a new user and return it with its id."""
        ...

    async def get(self, user_id: int) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None: ...

    async def get_by_username(self, username: str) -> User | None: ...

    async def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        """The users among ``user_ids`` that exist, by id."""
        ...

    async def update(self, user: User) -> None:
        """Save every field of ``user``."""
        ...


class AsyncFollowRepository(Protocol):
    """Who follows whom."""

    async def add(self, *, follower_id: int, followed_id: int) -> None:
        """Record a follow; recording it twice changes nothing."""
        ...

    async def remove(self, *, follower_id: int, followed_id: int) -> None:
        """Forget a follow, if there is one."""
        ...

    async def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        """Those of ``candidate_ids`` that ``follower_id`` follows."""
        ...


class AsyncArticleRepository(Protocol):
    """Articles with their tags."""

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
        """Store a new article (``updated_at`` equals ``created_at``).

        Raises ``SlugTaken`` when another article has ``slug``; nothing is stored then.
        """
        ...

    async def get_by_slug(self, slug: str) -> Article | None: ...

    async def slug_exists(self, slug: str) -> bool: ...

    async def update(self, article: Article) -> None:
        """Save every field of ``article``, tags included.

        Raises ``SlugTaken`` when another article has its slug.
        """
        ...

    async def delete(self, article_id: int) -> None:
        """Delete the article with its tags links, favorites and comments."""
        ...

    async def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        """A page of matches, newest first (ties: the later-created first)."""
        ...

    async def count(self, query: ArticleQuery) -> int:
        """The number of all matches."""
        ...


class AsyncFavoriteRepository(Protocol):
    """Which user favorited which article."""

    async def add(self, *, user_id: int, article_id: int) -> None:
        """Record a favorite; recording it twice changes nothing."""
        ...

    async def remove(self, *, user_id: int, article_id: int) -> None:
        """Forget a favorite, if there is one."""
        ...

    async def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        """How many users favorited each article (articles with none may be left out)."""
        ...

    async def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        """Those of ``article_ids`` that ``user_id`` favorited."""
        ...


class AsyncCommentRepository(Protocol):
    """Comments on articles."""

    async def add(
        self, *, article_id: int, author_id: int, body: str, created_at: datetime
    ) -> Comment:
        """Store a new comment (``updated_at`` equals ``created_at``)."""
        ...

    async def get(self, comment_id: int) -> Comment | None: ...

    async def list_for_article(self, article_id: int) -> list[Comment]:
        """The article's comments, newest first (ties: the higher id first)."""
        ...

    async def delete(self, comment_id: int) -> None: ...


class AsyncTagRepository(Protocol):
    """Tags as a whole."""

    async def list_in_use(self) -> list[str]:
        """Every tag at least one article has, each once, in any order."""
        ...


class AsyncUnitOfWork(abc.ABC):
    """The transaction boundary: ``async with uow: ...; await uow.commit()``.

    Leaving the block without a commit rolls back whatever was done. A service that only reads
    enters ``async with uow.reading(): ...`` instead (see ``reading``).
    """

    users: AsyncUserRepository
    follows: AsyncFollowRepository
    articles: AsyncArticleRepository
    favorites: AsyncFavoriteRepository
    comments: AsyncCommentRepository
    tags: AsyncTagRepository
    read_only: bool = False

    def reading(self) -> Self:
        """This unit of work, for a service that only reads: ``async with uow.reading(): ...``.

        Storage then runs each statement on its own, with no transaction around them: each sees
        what is committed when it runs, as the statements of a READ COMMITTED transaction do,
        and no BEGIN or ROLLBACK is sent for nothing. Nothing may be committed; leaving the
        block ends the read-only mode.
        """
        self.read_only = True
        return self

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            await self.rollback()
        finally:
            self.read_only = False

    @abc.abstractmethod
    async def commit(self) -> None:
        """Make everything done in this unit of work permanent."""

    @abc.abstractmethod
    async def rollback(self) -> None:
        """Undo everything not yet committed."""
