"""The domain's repositories over a SQLAlchemy session or connection, in SQLAlchemy Core.

Rows are read into the domain's entities directly: no ORM objects, identity map or lazy
loaders stand between a statement and its entity. Statements that do not depend on the
request are built once, here; their compiled form is then taken from SQLAlchemy's cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Row,
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

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

ARTICLE_TAGS: Table = article_tags
USERS: Table = UserRow.__table__  # type: ignore[assignment]
FOLLOWS: Table = FollowRow.__table__  # type: ignore[assignment]
TAGS: Table = TagRow.__table__  # type: ignore[assignment]
ARTICLES: Table = ArticleRow.__table__  # type: ignore[assignment]
FAVORITES: Table = FavoriteRow.__table__  # type: ignore[assignment]
COMMENTS: Table = CommentRow.__table__  # type: ignore[assignment]


# What the repositories run statements on: a unit of work's session, or, for one that only
# reads, a connection with no transaction (``storage_sqlalchemy.unit_of_work``).
Database = Session | Connection


def _ids(name: str = "ids") -> Any:
    return bindparam(name, expanding=True)


class json_array_of(FunctionElement[Any]):  # noqa: N801 - an SQL function, named as one
    """The aggregate of a column's values as a JSON array: ``json_agg`` on PostgreSQL (NULL
    over no rows), ``json_group_array`` on SQLite (``[]`` over no rows)."""

    inherit_cache = True
    name = "json_array_of"


@compiles(json_array_of, "postgresql")
def _json_agg(element: json_array_of, compiler: Any, **options: Any) -> str:
    return f"json_agg({compiler.process(element.clauses, **options)})"


@compiles(json_array_of, "sqlite")
def _json_group_array(element: json_array_of, compiler: Any, **options: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **options)})"


USER_BY_ID = select(USERS).where(USERS.c.id == bindparam("id"))
USER_BY_EMAIL = select(USERS).where(USERS.c.email == bindparam("email"))
USER_BY_USERNAME = select(USERS).where(USERS.c.username == bindparam("username"))
USERS_AMONG = select(USERS).where(USERS.c.id.in_(_ids()))
FOLLOWED_AMONG = select(FOLLOWS.c.followed_id).where(
    FOLLOWS.c.follower_id == bindparam("follower_id"), FOLLOWS.c.followed_id.in_(_ids())
)
TAG_NAMES = type_coerce(
    select(json_array_of(TAGS.c.name))
    .select_from(ARTICLE_TAGS.join(TAGS, TAGS.c.id == ARTICLE_TAGS.c.tag_id))
    .where(ARTICLE_TAGS.c.article_id == ARTICLES.c.id)
    .scalar_subquery(),
    JSON(none_as_null=True),
).label("tag_names")
ARTICLE_WITH_TAGS = select(ARTICLES, TAG_NAMES)
ARTICLE_BY_SLUG = ARTICLE_WITH_TAGS.where(ARTICLES.c.slug == bindparam("slug"))
ARTICLE_ID_BY_SLUG = select(ARTICLES.c.id).where(ARTICLES.c.slug == bindparam("slug"))
ARTICLE_BY_ID = ARTICLE_WITH_TAGS.where(ARTICLES.c.id == bindparam("id"))
TAGS_NAMED = select(TAGS.c.id, TAGS.c.name).where(TAGS.c.name.in_(_ids("names")))
TAGS_IN_USE = select(TAGS.c.name).where(TAGS.c.id.in_(select(ARTICLE_TAGS.c.tag_id)))
FAVORITE_COUNTS = (
    select(FAVORITES.c.article_id, func.count())
    .where(FAVORITES.c.article_id.in_(_ids()))
    .group_by(FAVORITES.c.article_id)
)
FAVORITED_AMONG = select(FAVORITES.c.article_id).where(
    FAVORITES.c.user_id == bindparam("user_id"), FAVORITES.c.article_id.in_(_ids())
)
COMMENT_BY_ID = select(COMMENTS).where(COMMENTS.c.id == bindparam("id"))
COMMENTS_OF_ARTICLE = (
    select(COMMENTS)
    .where(COMMENTS.c.article_id == bindparam("article_id"))
    .order_by(COMMENTS.c.created_at.desc(), COMMENTS.c.id.desc())
)


def insert_ignoring_duplicates(db: Database, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any that a unique constraint already holds (race-free)."""
    if not rows:
        return
    dialect = (db.get_bind() if isinstance(db, Session) else db).dialect.name
    statement = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.execute(statement(table).on_conflict_do_nothing(), rows)


def execute_checked(db: Database, statement: Any, parameters: Any = None) -> Any:
    """Execute, turning a unique violation into the domain's error for it."""
    try:
        return db.execute(statement, parameters)
    except IntegrityError as error:
        raise translate_integrity_error(error) from error


def insert_returning_id(db: Database, table: Table, values: dict[str, Any]) -> int:
    """Insert one row and return its new id; a unique violation is the domain's error."""
    statement = insert(table).values(values).returning(table.c.id)
    new_id: int = execute_checked(db, statement).scalar_one()
    return new_id


def _user(row: Row[Any]) -> User:
    return User(row.id, row.username, row.email, row.password_hash, row.bio, row.image)


def _one_user(db: Database, statement: Select[Any], parameters: dict[str, Any]) -> User | None:
    row = db.execute(statement, parameters).one_or_none()
    return _user(row) if row else None


class SqlUsers:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        values = {
            "username": username, "email": email, "password_hash": password_hash,
            "bio": bio, "image": image,
        }  # fmt: skip
        user_id = insert_returning_id(self.db, USERS, values)
        return User(user_id, username, email, password_hash, bio, image)

    def get(self, user_id: int) -> User | None:
        return _one_user(self.db, USER_BY_ID, {"id": user_id})

    def get_by_email(self, email: str) -> User | None:
        return _one_user(self.db, USER_BY_EMAIL, {"email": email})

    def get_by_username(self, username: str) -> User | None:
        return _one_user(self.db, USER_BY_USERNAME, {"username": username})

    def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        return {row.id: _user(row) for row in self.db.execute(USERS_AMONG, {"ids": ids}).all()}

    def update(self, user: User) -> None:
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
        execute_checked(self.db, statement)


class SqlFollows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, follower_id: int, followed_id: int) -> None:
        row = {"follower_id": follower_id, "followed_id": followed_id}
        insert_ignoring_duplicates(self.db, FOLLOWS, [row])

    def remove(self, *, follower_id: int, followed_id: int) -> None:
        self.db.execute(
            delete(FOLLOWS).where(
                FOLLOWS.c.follower_id == follower_id, FOLLOWS.c.followed_id == followed_id
            )
        )

    def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        ids = list(set(candidate_ids))
        if not ids:
            return set()
        parameters = {"follower_id": follower_id, "ids": ids}
        return set(self.db.scalars(FOLLOWED_AMONG, parameters).all())


def _article(row: Row[Any]) -> Article:
    """The article of a row of ``ARTICLE_WITH_TAGS``."""
    return Article(
        id=row.id,
        slug=row.slug,
        title=row.title,
        description=row.description,
        body=row.body,
        author_id=row.author_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        tags=sorted(row.tag_names or ()),
    )


class SqlArticles:
    """Articles and their tags. The slug and tags of each article a unit of work looked up (or
    added, or updated) are remembered, so that an update writes only what changed: a new slug
    under a savepoint (its unique constraint may refuse it), and the tags only if they differ.
    Lists are not remembered: the domain updates only an article it looked up by slug, and an
    update of any other reads it first."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._read: dict[int, tuple[str, list[str]]] = {}

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
        tag_ids = self._tag_ids(tags)
        values = {
            "slug": slug, "title": title, "description": description, "body": body,
            "author_id": author_id, "created_at": created_at, "updated_at": created_at,
        }  # fmt: skip
        with self.db.begin_nested():
            article_id = insert_returning_id(self.db, ARTICLES, values)
            self._link(article_id, tag_ids.values())
        article = Article(id=article_id, **values, tags=sorted(tags))  # type: ignore[arg-type]
        self._remember(article)
        return article

    def get_by_slug(self, slug: str) -> Article | None:
        row = self.db.execute(ARTICLE_BY_SLUG, {"slug": slug}).one_or_none()
        if row is None:
            return None
        article = _article(row)
        self._remember(article)
        return article

    def slug_exists(self, slug: str) -> bool:
        return self.db.scalar(ARTICLE_ID_BY_SLUG, {"slug": slug}) is not None

    def update(self, article: Article) -> None:
        slug, tags = self._read.get(article.id) or self._load(article.id)
        values = {
            "title": article.title, "description": article.description, "body": article.body,
            "updated_at": article.updated_at,
        }  # fmt: skip
        statement = update(ARTICLES).where(ARTICLES.c.id == article.id)
        if slug == article.slug:
            execute_checked(self.db, statement.values(values))
        else:
            with self.db.begin_nested():
                execute_checked(self.db, statement.values({**values, "slug": article.slug}))
        if set(tags) != set(article.tags):
            self._retag(article.id, tags, article.tags)
        self._remember(article)

    def delete(self, article_id: int) -> None:
        self.db.execute(delete(ARTICLES).where(ARTICLES.c.id == article_id))

    def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        statement = (
            _filtered(ARTICLE_WITH_TAGS, query)
            .order_by(ARTICLES.c.created_at.desc(), ARTICLES.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [_article(row) for row in self.db.execute(statement).all()]

    def count(self, query: ArticleQuery) -> int:
        return self.db.scalar(_filtered(select(func.count(ARTICLES.c.id)), query)) or 0

    def _load(self, article_id: int) -> tuple[str, list[str]]:
        article = _article(self.db.execute(ARTICLE_BY_ID, {"id": article_id}).one())
        return article.slug, article.tags

    def _remember(self, article: Article) -> None:
        self._read[article.id] = (article.slug, list(article.tags))

    def _tag_ids(self, names: list[str]) -> dict[str, int]:
        """The ids of these tags, created where missing."""
        if not names:
            return {}
        insert_ignoring_duplicates(self.db, TAGS, [{"name": name} for name in names])
        return {row.name: row.id for row in self.db.execute(TAGS_NAMED, {"names": names}).all()}

    def _link(self, article_id: int, tag_ids: Iterable[int]) -> None:
        rows = [{"article_id": article_id, "tag_id": tag_id} for tag_id in tag_ids]
        if rows:
            self.db.execute(insert(ARTICLE_TAGS), rows)

    def _retag(self, article_id: int, before: list[str], after: list[str]) -> None:
        """Link the article to ``after``'s tags instead of ``before``'s."""
        added = [name for name in after if name not in before]
        removed = [name for name in before if name not in after]
        tag_ids = self._tag_ids(added)
        if removed:
            named = select(TAGS.c.id).where(TAGS.c.name.in_(removed))
            self.db.execute(
                delete(ARTICLE_TAGS).where(
                    ARTICLE_TAGS.c.article_id == article_id, ARTICLE_TAGS.c.tag_id.in_(named)
                )
            )
        self._link(article_id, tag_ids.values())


S = TypeVar("S", bound=Select[Any])


def _filtered(statement: S, query: ArticleQuery) -> S:
    """``statement`` narrowed to the articles that match ``query``."""
    if query.tag is not None:
        tagged = (
            select(ARTICLE_TAGS.c.article_id)
            .join(TAGS, TAGS.c.id == ARTICLE_TAGS.c.tag_id)
            .where(TAGS.c.name == query.tag)
        )
        statement = statement.where(ARTICLES.c.id.in_(tagged))
    if query.author_id is not None:
        statement = statement.where(ARTICLES.c.author_id == query.author_id)
    if query.favorited_by_id is not None:
        favorited = select(FAVORITES.c.article_id).where(
            FAVORITES.c.user_id == query.favorited_by_id
        )
        statement = statement.where(ARTICLES.c.id.in_(favorited))
    if query.followed_by_id is not None:
        followed = select(FOLLOWS.c.followed_id).where(
            FOLLOWS.c.follower_id == query.followed_by_id
        )
        statement = statement.where(ARTICLES.c.author_id.in_(followed))
    return statement


class SqlFavorites:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, user_id: int, article_id: int) -> None:
        row = {"user_id": user_id, "article_id": article_id}
        insert_ignoring_duplicates(self.db, FAVORITES, [row])

    def remove(self, *, user_id: int, article_id: int) -> None:
        self.db.execute(
            delete(FAVORITES).where(
                FAVORITES.c.user_id == user_id, FAVORITES.c.article_id == article_id
            )
        )

    def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        ids = list(set(article_ids))
        if not ids:
            return {}
        return dict(self.db.execute(FAVORITE_COUNTS, {"ids": ids}).all())

    def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        ids = list(set(article_ids))
        if not ids:
            return set()
        return set(self.db.scalars(FAVORITED_AMONG, {"user_id": user_id, "ids": ids}).all())


def _comment(row: Row[Any]) -> Comment:
    return Comment(row.id, row.article_id, row.author_id, row.body, row.created_at, row.updated_at)


class SqlComments:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, article_id: int, author_id: int, body: str, created_at: datetime) -> Comment:
        values = {
            "article_id": article_id, "author_id": author_id, "body": body,
            "created_at": created_at, "updated_at": created_at,
        }  # fmt: skip
        comment_id = insert_returning_id(self.db, COMMENTS, values)
        return Comment(comment_id, article_id, author_id, body, created_at, created_at)

    def get(self, comment_id: int) -> Comment | None:
        row = self.db.execute(COMMENT_BY_ID, {"id": comment_id}).one_or_none()
        return _comment(row) if row else None

    def list_for_article(self, article_id: int) -> list[Comment]:
        rows = self.db.execute(COMMENTS_OF_ARTICLE, {"article_id": article_id}).all()
        return [_comment(row) for row in rows]

    def delete(self, comment_id: int) -> None:
        self.db.execute(delete(COMMENTS).where(COMMENTS.c.id == comment_id))


class SqlTags:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list_in_use(self) -> list[str]:
        return self.db.scalars(TAGS_IN_USE).all()  # type: ignore[return-value]
