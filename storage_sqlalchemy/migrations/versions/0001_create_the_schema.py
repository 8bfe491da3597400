"""Create the shared schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", ID, sa.Identity(always=False), nullable=False)


def _fk(table: str, column: str, target: str) -> tuple[sa.Column[int], sa.ForeignKeyConstraint]:
    return (
        sa.Column(column, ID, nullable=False),
        sa.ForeignKeyConstraint(
            [column], [f"{target}.id"], name=f"{table}_{column}_fkey", ondelete="CASCADE"
        ),
    )


def _table(name: str, *items: sa.Column[Any] | sa.Constraint) -> None:
    op.create_table(
        name,
        _id(),
        *items,
        sa.PrimaryKeyConstraint("id", name=f"{name}_pkey"),
        sqlite_autoincrement=True,
    )


def _index(table: str, *columns: str) -> None:
    op.create_index(f"{table}_{'_'.join(columns)}_idx", table, list(columns))


def upgrade() -> None:
    _table(
        "users",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("image", sa.Text(), nullable=True),
        sa.UniqueConstraint("username", name="users_username_key"),
        sa.UniqueConstraint("email", name="users_email_key"),
    )
    _table(
        "follows",
        *_fk("follows", "follower_id", "users"),
        *_fk("follows", "followed_id", "users"),
        sa.UniqueConstraint(
            "follower_id", "followed_id", name="follows_follower_id_followed_id_key"
        ),
    )
    _index("follows", "followed_id")
    _table(
        "tags",
        sa.Column("name", sa.String(64), nullable=False),
        sa.UniqueConstraint("name", name="tags_name_key"),
    )
    _table(
        "articles",
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        *_fk("articles", "author_id", "users"),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.UniqueConstraint("slug", name="articles_slug_key"),
    )
    _index("articles", "author_id")
    _index("articles", "created_at")
    _table(
        "article_tags",
        *_fk("article_tags", "article_id", "articles"),
        *_fk("article_tags", "tag_id", "tags"),
        sa.UniqueConstraint("article_id", "tag_id", name="article_tags_article_id_tag_id_key"),
    )
    _index("article_tags", "tag_id")
    _table(
        "favorites",
        *_fk("favorites", "user_id", "users"),
        *_fk("favorites", "article_id", "articles"),
        sa.UniqueConstraint("user_id", "article_id", name="favorites_user_id_article_id_key"),
    )
    _index("favorites", "article_id")
    _table(
        "comments",
        sa.Column("body", sa.Text(), nullable=False),
        *_fk("comments", "article_id", "articles"),
        *_fk("comments", "author_id", "users"),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )
    _index("comments", "article_id")
    _index("comments", "author_id")


def downgrade() -> None:
    for table in ("comments", "favorites", "article_tags", "articles", "tags", "follows", "users"):
        op.drop_table(table)
