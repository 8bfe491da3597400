"""The domain's repositories over a SQLAlchemy session."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.model import Article, ArticleQuery, Comment, User
from storage_sqlalchemy.integrity import translate_integrity_error
from storage_sqlalchemy.tables import (
    ArticleRow,
    CommentRow,
    FavoriteRow,
    FollowRow,
    TagRow,
    UserRow,
    article_tags,
)


def insert_ignoring_duplicates(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any that a unique constraint already holds (race-free)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).on_conflict_do_nothing(), rows)


def flush(session: Session) -> None:
    """Flush, turning a unique violation into the domain's error for it."""
    try:
        session.flush()
    except IntegrityError as error:
        raise translate_integrity_error(error) from error


KEPT_ROWS = "triptych_kept_rows"
R = TypeVar("R")


def kept(session: Session, row: R) -> R:
    """``row``, held until the unit of work ends: the session's identity map holds rows only
    weakly, so saving an entity read earlier in the same unit of work would load it again."""
    if row is not None:
        session.info.setdefault(KEPT_ROWS, []).append(row)
    return row


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.email, row.password_hash, row.bio, row.image)


class SqlUsers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        row = UserRow(
            username=username, email=email, password_hash=password_hash, bio=bio, image=image
        )
        self.session.add(row)
        flush(self.session)
        return _user(row)

    def get(self, user_id: int) -> User | None:
        row = kept(self.session, self.session.get(UserRow, user_id))
        return _user(row) if row else None

    def get_by_email(self, email: str) -> User | None:
        query = select(UserRow).where(UserRow.email == email)
        row = kept(self.session, self.session.scalars(query).one_or_none())
        return _user(row) if row else None

    def get_by_username(self, username: str) -> User | None:
        query = select(UserRow).where(UserRow.username == username)
        row = kept(self.session, self.session.scalars(query).one_or_none())
        return _user(row) if row else None

    def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        ids = set(user_ids)
        if not ids:
            return {}
        rows = self.session.scalars(select(UserRow).where(UserRow.id.in_(ids)))
        return {row.id: _user(row) for row in rows}

    def update(self, user: User) -> None:
        row = self.session.get_one(UserRow, user.id)
        row.username, row.email, row.password_hash = user.username, user.email, user.password_hash
        row.bio, row.image = user.bio, user.image
        flush(self.session)


class SqlFollows:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, follower_id: int, followed_id: int) -> None:
        row = {"follower_id": follower_id, "followed_id": followed_id}
        insert_ignoring_duplicates(self.session, FollowRow.__table__, [row])  # type: ignore[arg-type]

    def remove(self, *, follower_id: int, followed_id: int) -> None:
        self.session.execute(
            delete(FollowRow).where(
                FollowRow.follower_id == follower_id, FollowRow.followed_id == followed_id
            )
        )

    def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        ids = set(candidate_ids)
        if not ids:
            return set()
        query = select(FollowRow.followed_id).where(
            FollowRow.follower_id == follower_id, FollowRow.followed_id.in_(ids)
        )
        return set(self.session.scalars(query))


def _article(row: ArticleRow) -> Article:
    return Article(
        id=row.id,
        slug=row.slug,
        title=row.title,
        description=row.description,
        body=row.body,
        author_id=row.author_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        tags=sorted(tag.name for tag in row.tags),
    )


class SqlArticles:
    def __init__(self, session: Session) -> None:
        self.session = session

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
        row = ArticleRow(
            slug=slug,
            title=title,
            description=description,
            body=body,
            author_id=author_id,
            created_at=created_at,
            updated_at=created_at,
            tags=self._tag_rows(tags),
        )
        with self.session.begin_nested():
            self.session.add(row)
            flush(self.session)
        return _article(row)

    def get_by_slug(self, slug: str) -> Article | None:
        row = self._row_by_slug(slug)
        return _article(row) if row else None

    def slug_exists(self, slug: str) -> bool:
        query = select(ArticleRow.id).where(ArticleRow.slug == slug)
        return self.session.scalar(query) is not None

    def update(self, article: Article) -> None:
        row = self.session.get_one(ArticleRow, article.id)
        row.title, row.description, row.body = article.title, article.description, article.body
        row.updated_at = article.updated_at
        if {tag.name for tag in row.tags} != set(article.tags):
            row.tags = self._tag_rows(article.tags)
        if row.slug == article.slug:
            flush(self.session)
            return
        with self.session.begin_nested():
            row.slug = article.slug
            flush(self.session)

    def delete(self, article_id: int) -> None:
        self.session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))

    def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        statement = (
            _filtered(select(ArticleRow), query)
            .order_by(ArticleRow.created_at.desc(), ArticleRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [_article(row) for row in self.session.scalars(statement)]

    def count(self, query: ArticleQuery) -> int:
        return self.session.scalar(_filtered(select(func.count(ArticleRow.id)), query)) or 0

    def _row_by_slug(self, slug: str) -> ArticleRow | None:
        query = select(ArticleRow).where(ArticleRow.slug == slug)
        return kept(self.session, self.session.scalars(query).one_or_none())

    def _tag_rows(self, names: list[str]) -> list[TagRow]:
        """The rows of these tags, created where missing, in the order of ``names``."""
        if not names:
            return []
        insert_ignoring_duplicates(
            self.session,
            TagRow.__table__,  # type: ignore[arg-type]
            [{"name": name} for name in names],
        )
        rows = self.session.scalars(select(TagRow).where(TagRow.name.in_(names)))
        by_name = {row.name: row for row in rows}
        return [by_name[name] for name in names]


S = TypeVar("S", bound=Select[Any])


def _filtered(statement: S, query: ArticleQuery) -> S:
    """``statement`` narrowed to the articles that match ``query``."""
    if query.tag is not None:
        tagged = (
            select(article_tags.c.article_id)
            .join(TagRow, TagRow.id == article_tags.c.tag_id)
            .where(TagRow.name == query.tag)
        )
        statement = statement.where(ArticleRow.id.in_(tagged))
    if query.author_id is not None:
        statement = statement.where(ArticleRow.author_id == query.author_id)
    if query.favorited_by_id is not None:
        favorites = select(FavoriteRow.article_id).where(
            FavoriteRow.user_id == query.favorited_by_id
        )
        statement = statement.where(ArticleRow.id.in_(favorites))
    if query.followed_by_id is not None:
        followed = select(FollowRow.followed_id).where(
            FollowRow.follower_id == query.followed_by_id
        )
        statement = statement.where(ArticleRow.author_id.in_(followed))
    return statement


class SqlFavorites:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, user_id: int, article_id: int) -> None:
        row = {"user_id": user_id, "article_id": article_id}
        insert_ignoring_duplicates(self.session, FavoriteRow.__table__, [row])  # type: ignore[arg-type]

    def remove(self, *, user_id: int, article_id: int) -> None:
        self.session.execute(
            delete(FavoriteRow).where(
                FavoriteRow.user_id == user_id, FavoriteRow.article_id == article_id
            )
        )

    def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        ids = set(article_ids)
        if not ids:
            return {}
        query = (
            select(FavoriteRow.article_id, func.count().label("total"))
            .where(FavoriteRow.article_id.in_(ids))
            .group_by(FavoriteRow.article_id)
        )
        return {row.article_id: row.total for row in self.session.execute(query)}

    def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        ids = set(article_ids)
        if not ids:
            return set()
        query = select(FavoriteRow.article_id).where(
            FavoriteRow.user_id == user_id, FavoriteRow.article_id.in_(ids)
        )
        return set(self.session.scalars(query))


def _comment(row: CommentRow) -> Comment:
    return Comment(row.id, row.article_id, row.author_id, row.body, row.created_at, row.updated_at)


class SqlComments:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, article_id: int, author_id: int, body: str, created_at: datetime) -> Comment:
        row = CommentRow(
            article_id=article_id,
            author_id=author_id,
            body=body,
            created_at=created_at,
            updated_at=created_at,
        )
        self.session.add(row)
        flush(self.session)
        return _comment(row)

    def get(self, comment_id: int) -> Comment | None:
        row = self.session.get(CommentRow, comment_id)
        return _comment(row) if row else None

    def list_for_article(self, article_id: int) -> list[Comment]:
        query = (
            select(CommentRow)
            .where(CommentRow.article_id == article_id)
            .order_by(CommentRow.created_at.desc(), CommentRow.id.desc())
        )
        return [_comment(row) for row in self.session.scalars(query)]

    def delete(self, comment_id: int) -> None:
        self.session.execute(delete(CommentRow).where(CommentRow.id == comment_id))


class SqlTags:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list_in_use(self) -> list[str]:
        query = select(TagRow.name).where(TagRow.id.in_(select(article_tags.c.tag_id)))
        return list(self.session.scalars(query))
