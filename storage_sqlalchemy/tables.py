"""The tables, as typed ORM classes. Names are the project's shared schema.

Every implementation creates exactly these tables, columns, indexes and constraints, so that
one database serves any of them. Constraint names follow PostgreSQL's own defaults
(``<table>_pkey``, ``<table>_<columns>_key``, ``<table>_<column>_fkey``) and indexes are
``<table>_<columns>_idx``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from domain.timestamps import as_utc

NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "ix": "%(table_name)s_%(column_0_N_name)s_idx",
    "ck": "%(table_name)s_%(constraint_name)s_check",
}

Id = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}


def _id() -> Mapped[int]:
    return mapped_column(Id, Identity(), primary_key=True)


def _fk(target: str) -> Mapped[int]:
    return mapped_column(Id, ForeignKey(target, ondelete="CASCADE"), nullable=False)


_SQLITE: dict[str, Any] = {"sqlite_autoincrement": True}


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("username"),
        UniqueConstraint("email"),
        _SQLITE,
    )

    id: Mapped[int] = _id()
    username: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    bio: Mapped[str | None] = mapped_column(Text)
    image: Mapped[str | None] = mapped_column(Text)


class FollowRow(Base):
    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("follower_id", "followed_id"),
        Index(None, "followed_id"),
        _SQLITE,
    )

    id: Mapped[int] = _id()
    follower_id: Mapped[int] = _fk("users.id")
    followed_id: Mapped[int] = _fk("users.id")


class TagRow(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("name"), _SQLITE)

    id: Mapped[int] = _id()
    name: Mapped[str] = mapped_column(String(64))


article_tags = Table(
    "article_tags",
    Base.metadata,
    Column("id", Id, Identity(), primary_key=True),
    Column("article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("tag_id", Id, ForeignKey("tags.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("article_id", "tag_id"),
    Index(None, "tag_id"),
    sqlite_autoincrement=True,
)


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("slug"),
        Index(None, "author_id"),
        Index(None, "created_at"),
        _SQLITE,
    )

    id: Mapped[int] = _id()
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = _fk("users.id")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class FavoriteRow(Base):
    __tablename__ = "favorites"
    __table_args__ = (
        UniqueConstraint("user_id", "article_id"),
        Index(None, "article_id"),
        _SQLITE,
    )

    id: Mapped[int] = _id()
    user_id: Mapped[int] = _fk("users.id")
    article_id: Mapped[int] = _fk("articles.id")


class CommentRow(Base):
    __tablename__ = "comments"
    __table_args__ = (Index(None, "article_id"), Index(None, "author_id"), _SQLITE)

    id: Mapped[int] = _id()
    body: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int] = _fk("articles.id")
    author_id: Mapped[int] = _fk("users.id")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
