"""An in-memory unit of work, so that the domain's own tests need no database.

It keeps the real semantics that matter to the services: ids, unique slugs, ordering,
cascades, and nothing kept unless committed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from types import TracebackType

from domain._async.ports import AsyncUnitOfWork
from domain.errors import SlugTaken
from domain.memory_store import MemoryStore, ReadOnlyUnitOfWork
from domain.model import Article, ArticleQuery, Comment, User


class AsyncMemoryUsers:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    async def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        user = User(self._store.new_id(), username, email, password_hash, bio, image)
        self._store.users[user.id] = user
        return replace(user)

    async def get(self, user_id: int) -> User | None:
        user = self._store.users.get(user_id)
        return replace(user) if user else None

    async def get_by_email(self, email: str) -> User | None:
        return next((replace(u) for u in self._store.users.values() if u.email == email), None)

    async def get_by_username(self, username: str) -> User | None:
        return next(
            (replace(u) for u in self._store.users.values() if u.username == username), None
        )

    async def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        return {i: replace(self._store.users[i]) for i in user_ids if i in self._store.users}

    async def update(self, user: User) -> None:
        self._store.users[user.id] = replace(user)


class AsyncMemoryFollows:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    async def add(self, *, follower_id: int, followed_id: int) -> None:
        self._store.follows.add((follower_id, followed_id))

    async def remove(self, *, follower_id: int, followed_id: int) -> None:
        self._store.follows.discard((follower_id, followed_id))

    async def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        return {c for c in candidate_ids if (follower_id, c) in self._store.follows}


class AsyncMemoryArticles:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

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
        if await self.slug_exists(slug):
            raise SlugTaken(slug)
        article = Article(
            self._store.new_id(),
            slug,
            title,
            description,
            body,
            author_id,
            created_at,
            created_at,
            sorted(set(tags)),
        )
        self._store.articles[article.id] = article
        return copy.deepcopy(article)

    async def get_by_slug(self, slug: str) -> Article | None:
        found = next((a for a in self._store.articles.values() if a.slug == slug), None)
        return copy.deepcopy(found)

    async def slug_exists(self, slug: str) -> bool:
        return any(a.slug == slug for a in self._store.articles.values())

    async def update(self, article: Article) -> None:
        articles = self._store.articles.values()
        if any(a.slug == article.slug and a.id != article.id for a in articles):
            raise SlugTaken(article.slug)
        stored = copy.deepcopy(article)
        stored.tags = sorted(set(stored.tags))
        self._store.articles[article.id] = stored

    async def delete(self, article_id: int) -> None:
        self._store.articles.pop(article_id, None)
        self._store.favorites = {f for f in self._store.favorites if f[1] != article_id}
        self._store.comments = {
            i: c for i, c in self._store.comments.items() if c.article_id != article_id
        }

    def _matches(self, query: ArticleQuery) -> list[Article]:
        favorites, follows = self._store.favorites, self._store.follows
        found = [
            a
            for a in self._store.articles.values()
            if (query.tag is None or query.tag in a.tags)
            and (query.author_id is None or a.author_id == query.author_id)
            and (query.favorited_by_id is None or (query.favorited_by_id, a.id) in favorites)
            and (query.followed_by_id is None or (query.followed_by_id, a.author_id) in follows)
        ]
        return sorted(found, key=lambda a: (a.created_at, a.id), reverse=True)

    async def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        return copy.deepcopy(self._matches(query)[offset : offset + limit])

    async def count(self, query: ArticleQuery) -> int:
        return len(self._matches(query))


class AsyncMemoryFavorites:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    async def add(self, *, user_id: int, article_id: int) -> None:
        self._store.favorites.add((user_id, article_id))

    async def remove(self, *, user_id: int, article_id: int) -> None:
        self._store.favorites.discard((user_id, article_id))

    async def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        wanted = set(article_ids)
        counts: dict[int, int] = {}
        for _, article_id in self._store.favorites:
            if article_id in wanted:
                counts[article_id] = counts.get(article_id, 0) + 1
        return counts

    async def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        return {a for a in article_ids if (user_id, a) in self._store.favorites}


class AsyncMemoryComments:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    async def add(
        self, *, article_id: int, author_id: int, body: str, created_at: datetime
    ) -> Comment:
        comment = Comment(self._store.new_id(), article_id, author_id, body, created_at, created_at)
        self._store.comments[comment.id] = comment
        return replace(comment)

    async def get(self, comment_id: int) -> Comment | None:
        comment = self._store.comments.get(comment_id)
        return replace(comment) if comment else None

    async def list_for_article(self, article_id: int) -> list[Comment]:
        found = [replace(c) for c in self._store.comments.values() if c.article_id == article_id]
        return sorted(found, key=lambda c: (c.created_at, c.id), reverse=True)

    async def delete(self, comment_id: int) -> None:
        self._store.comments.pop(comment_id, None)


class AsyncMemoryTags:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    async def list_in_use(self) -> list[str]:
        return sorted({tag for a in self._store.articles.values() for tag in a.tags})


class AsyncMemoryUnitOfWork(AsyncUnitOfWork):
    """Works on a copy of the store; ``commit`` puts the copy in its place."""

    def __init__(self, store: MemoryStore | None = None) -> None:
        self.store = store if store is not None else MemoryStore()
        self.commits = 0
        self._begin()

    def _begin(self) -> None:
        """Repositories over a working copy; when reading, over the committed store itself,
        as a database runs each statement of a read on its own."""
        self._working = self.store if self.read_only else copy.deepcopy(self.store)
        self.users = AsyncMemoryUsers(self._working)
        self.follows = AsyncMemoryFollows(self._working)
        self.articles = AsyncMemoryArticles(self._working)
        self.favorites = AsyncMemoryFavorites(self._working)
        self.comments = AsyncMemoryComments(self._working)
        self.tags = AsyncMemoryTags(self._working)

    async def __aenter__(self) -> AsyncMemoryUnitOfWork:
        self._begin()
        return self

    async def commit(self) -> None:
        if self.read_only:
            raise ReadOnlyUnitOfWork("a unit of work entered with reading() cannot commit")
        self.store.__dict__.update(copy.deepcopy(self._working).__dict__)
        self.commits += 1

    async def rollback(self) -> None:
        if not self.read_only:
            self._begin()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        was_reading = self.read_only
        await super().__aexit__(exc_type, exc, traceback)
        if was_reading:
            self._begin()  # outside a block, the repositories work on a copy again
