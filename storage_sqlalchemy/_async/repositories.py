"""The domain's async repositories over a SQLAlchemy session or connection, in SQLAlchemy
Core; the statements and the rows' entities are ``storage_sqlalchemy.statements``'."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Table, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from domain.model import Article, ArticleQuery, Comment, User
from storage_sqlalchemy.integrity import translate_integrity_error
from storage_sqlalchemy.io_types import AsyncConnection, AsyncSession
from storage_sqlalchemy.statements import (
    ARTICLE_BY_ID,
    ARTICLE_BY_SLUG,
    ARTICLE_ID_BY_SLUG,
    ARTICLE_TAGS,
    ARTICLE_WITH_TAGS,
    ARTICLES,
    COMMENT_BY_ID,
    COMMENTS,
    COMMENTS_OF_ARTICLE,
    FAVORITE_COUNTS,
    FAVORITED_AMONG,
    FAVORITES,
    FOLLOWED_AMONG,
    FOLLOWS,
    TAGS,
    TAGS_IN_USE,
    TAGS_NAMED,
    USER_BY_EMAIL,
    USER_BY_ID,
    USER_BY_USERNAME,
    USERS,
    USERS_AMONG,
    article_of,
    comment_of,
    dialect_name,
    filtered,
    insert_ignoring,
    inserting_id,
    user_of,
)

# What the repositories run statements on: a unit of work's session, or, for one that only
# reads, a connection with no transaction (``unit_of_work``).
Database = AsyncSession | AsyncConnection


async def insert_ignoring_duplicates(
    db: Database, table: Table, rows: list[dict[str, Any]]
) -> None:
    """Insert rows, skipping any that a unique constraint already holds (race-free)."""
    if rows:
        await db.execute(insert_ignoring(dialect_name(db), table), rows)


async def execute_checked(db: Database, statement: Any, parameters: Any = None) -> Any:
    """Execute, turning a unique violation into the domain's error for it."""
    try:
        return await db.execute(statement, parameters)
    except IntegrityError as error:
        raise translate_integrity_error(error) from error


async def insert_returning_id(db: Database, table: Table, values: dict[str, Any]) -> int:
    """Insert one row and return its new id; a unique violation is the domain's error."""
    inserted = await execute_checked(db, inserting_id(table, values))
    new_id: int = inserted.scalar_one()
    return new_id


async def _one_user(
    db: Database, statement: Select[Any], parameters: dict[str, Any]
) -> User | None:
    found = await db.execute(statement, parameters)
    row = found.one_or_none()
    return user_of(row) if row else None


class AsyncSqlUsers:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        values = {
            "username": username, "email": email, "password_hash": password_hash,
            "bio": bio, "image": image,
        }  # fmt: skip
        user_id = await insert_returning_id(self.db, USERS, values)
        return User(user_id, username, email, password_hash, bio, image)

    async def get(self, user_id: int) -> User | None:
        return await _one_user(self.db, USER_BY_ID, {"id": user_id})

    async def get_by_email(self, email: str) -> User | None:
        return await _one_user(self.db, USER_BY_EMAIL, {"email": email})

    async def get_by_username(self, username: str) -> User | None:
        return await _one_user(self.db, USER_BY_USERNAME, {"username": username})

    async def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        found = await self.db.execute(USERS_AMONG, {"ids": ids})
        return {row.id: user_of(row) for row in found.all()}

    async def update(self, user: User) -> None:
        statement = (
            update(USERS)
            .where(USERS.c.id == user.id)
            .values(
                username=user.username,
                email=user.email,
                password_hash=user.password_hash,
                bio=user.bio,
                image=user.image,
            )
        )
        await execute_checked(self.db, statement)


class AsyncSqlFollows:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, *, follower_id: int, followed_id: int) -> None:
        row = {"follower_id": follower_id, "followed_id": followed_id}
        await insert_ignoring_duplicates(self.db, FOLLOWS, [row])

    async def remove(self, *, follower_id: int, followed_id: int) -> None:
        await self.db.execute(
            delete(FOLLOWS).where(
                FOLLOWS.c.follower_id == follower_id, FOLLOWS.c.followed_id == followed_id
            )
        )

    async def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        ids = list(set(candidate_ids))
        if not ids:
            return set()
        parameters = {"follower_id": follower_id, "ids": ids}
        found = await self.db.scalars(FOLLOWED_AMONG, parameters)
        return set(found.all())


class AsyncSqlArticles:
    """Articles and their tags. The slug and tags of each article a unit of work looked up (or
    added, or updated) are remembered, so that an update writes only what changed: a new slug
    under a savepoint (its unique constraint may refuse it), and the tags only if they differ.
    Lists are not remembered: the domain updates only an article it looked up by slug, and an
    update of any other reads it first."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._read: dict[int, tuple[str, list[str]]] = {}

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
        tag_ids = await self._tag_ids(tags)
        values = {
            "slug": slug, "title": title, "description": description, "body": body,
            "author_id": author_id, "created_at": created_at, "updated_at": created_at,
        }  # fmt: skip
        async with self.db.begin_nested():
            article_id = await insert_returning_id(self.db, ARTICLES, values)
            await self._link(article_id, tag_ids.values())
        article = Article(id=article_id, **values, tags=sorted(tags))  # type: ignore[arg-type]
        self._remember(article)
        return article

    async def get_by_slug(self, slug: str) -> Article | None:
        found = await self.db.execute(ARTICLE_BY_SLUG, {"slug": slug})
        row = found.one_or_none()
        if row is None:
            return None
        article = article_of(row)
        self._remember(article)
        return article

    async def slug_exists(self, slug: str) -> bool:
        return await self.db.scalar(ARTICLE_ID_BY_SLUG, {"slug": slug}) is not None

    async def update(self, article: Article) -> None:
        slug, tags = self._read.get(article.id) or await self._load(article.id)
        values = {
            "title": article.title, "description": article.description, "body": article.body,
            "updated_at": article.updated_at,
        }  # fmt: skip
        statement = update(ARTICLES).where(ARTICLES.c.id == article.id)
        if slug == article.slug:
            await execute_checked(self.db, statement.values(values))
        else:
            async with self.db.begin_nested():
                moved = statement.values({**values, "slug": article.slug})
                await execute_checked(self.db, moved)
        if set(tags) != set(article.tags):
            await self._retag(article.id, tags, article.tags)
        self._remember(article)

    async def delete(self, article_id: int) -> None:
        await self.db.execute(delete(ARTICLES).where(ARTICLES.c.id == article_id))

    async def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        statement = (
            filtered(ARTICLE_WITH_TAGS, query)
            .order_by(ARTICLES.c.created_at.desc(), ARTICLES.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        found = await self.db.execute(statement)
        return [article_of(row) for row in found.all()]

    async def count(self, query: ArticleQuery) -> int:
        return await self.db.scalar(filtered(select(func.count(ARTICLES.c.id)), query)) or 0

    async def _load(self, article_id: int) -> tuple[str, list[str]]:
        found = await self.db.execute(ARTICLE_BY_ID, {"id": article_id})
        article = article_of(found.one())
        return article.slug, article.tags

    def _remember(self, article: Article) -> None:
        self._read[article.id] = (article.slug, list(article.tags))

    async def _tag_ids(self, names: list[str]) -> dict[str, int]:
        """The ids of these tags, created where missing."""
        if not names:
            return {}
        await insert_ignoring_duplicates(self.db, TAGS, [{"name": name} for name in names])
        found = await self.db.execute(TAGS_NAMED, {"names": names})
        return {row.name: row.id for row in found.all()}

    async def _link(self, article_id: int, tag_ids: Iterable[int]) -> None:
        rows = [{"article_id": article_id, "tag_id": tag_id} for tag_id in tag_ids]
        if rows:
            await self.db.execute(insert(ARTICLE_TAGS), rows)

    async def _retag(self, article_id: int, before: list[str], after: list[str]) -> None:
        """Link the article to ``after``'s tags instead of ``before``'s."""
        added = [name for name in after if name not in before]
        removed = [name for name in before if name not in after]
        tag_ids = await self._tag_ids(added)
        if removed:
            named = select(TAGS.c.id).where(TAGS.c.name.in_(removed))
            await self.db.execute(
                delete(ARTICLE_TAGS).where(
                    ARTICLE_TAGS.c.article_id == article_id, ARTICLE_TAGS.c.tag_id.in_(named)
                )
            )
        await self._link(article_id, tag_ids.values())


class AsyncSqlFavorites:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, *, user_id: int, article_id: int) -> None:
        row = {"user_id": user_id, "article_id": article_id}
        await insert_ignoring_duplicates(self.db, FAVORITES, [row])

    async def remove(self, *, user_id: int, article_id: int) -> None:
        await self.db.execute(
            delete(FAVORITES).where(
                FAVORITES.c.user_id == user_id, FAVORITES.c.article_id == article_id
            )
        )

    async def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        ids = list(set(article_ids))
        if not ids:
            return {}
        found = await self.db.execute(FAVORITE_COUNTS, {"ids": ids})
        return {row[0]: row[1] for row in found.all()}

    async def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        ids = list(set(article_ids))
        if not ids:
            return set()
        found = await self.db.scalars(FAVORITED_AMONG, {"user_id": user_id, "ids": ids})
        return set(found.all())


class AsyncSqlComments:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, *, article_id: int, author_id: int, body: str, created_at: datetime
    ) -> Comment:
        values = {
            "article_id": article_id, "author_id": author_id, "body": body,
            "created_at": created_at, "updated_at": created_at,
        }  # fmt: skip
        comment_id = await insert_returning_id(self.db, COMMENTS, values)
        return Comment(comment_id, article_id, author_id, body, created_at, created_at)

    async def get(self, comment_id: int) -> Comment | None:
        found = await self.db.execute(COMMENT_BY_ID, {"id": comment_id})
        row = found.one_or_none()
        return comment_of(row) if row else None

    async def list_for_article(self, article_id: int) -> list[Comment]:
        found = await self.db.execute(COMMENTS_OF_ARTICLE, {"article_id": article_id})
        rows = found.all()
        return [comment_of(row) for row in rows]

    async def delete(self, comment_id: int) -> None:
        await self.db.execute(delete(COMMENTS).where(COMMENTS.c.id == comment_id))


class AsyncSqlTags:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def list_in_use(self) -> list[str]:
        found = await self.db.scalars(TAGS_IN_USE)
        return list(found.all())
