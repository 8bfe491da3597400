"""The statements of the repositories (both twins of ``storage_sqlalchemy._async``), and the
rows they read as the domain's entities.

Statements that do not depend on the request are built once, here; their compiled form is
then taken from SQLAlchemy's cache. Rows are read into the domain's entities directly: no ORM
objects, identity map or lazy loaders stand between a statement and its entity.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Row,
    Select,
    Table,
    bindparam,
    func,
    insert,
    select,
    type_coerce,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from domain.model import Article, ArticleQuery, Comment, User
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


def dialect_name(db: Any) -> str:
    """The dialect of a session or a connection, async or not."""
    bind = db.get_bind() if hasattr(db, "get_bind") else db
    return str(bind.dialect.name)


def insert_ignoring(dialect: str, table: Table) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` into ``table``, as ``dialect`` writes it."""
    statement = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return statement(table).on_conflict_do_nothing()


def inserting_id(table: Table, values: dict[str, Any]) -> Any:
    """One row into ``table``, returning its new id."""
    return insert(table).values(values).returning(table.c.id)


def user_of(row: Row[Any]) -> User:
    return User(row.id, row.username, row.email, row.password_hash, row.bio, row.image)


def article_of(row: Row[Any]) -> Article:
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


def comment_of(row: Row[Any]) -> Comment:
    return Comment(row.id, row.article_id, row.author_id, row.body, row.created_at, row.updated_at)


S = TypeVar("S", bound=Select[Any])


def filtered(statement: S, query: ArticleQuery) -> S:
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
