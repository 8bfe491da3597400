"""The shared tables as Django models.

Table, column, constraint and index names are the project's shared schema (see
``tests/schema``), so a database migrated by any implementation serves every other. Foreign
keys are declared twice on purpose: a ``ForeignKey`` for the ORM (no constraint, no index of
its own) and a ``CascadingForeignKey`` for the database, which deletes dependent rows itself.
"""

from __future__ import annotations

from django.db import models

from impl_django.conduit.constraints import CascadingForeignKey
from impl_django.conduit.fields import IdField, TimestampField


def _reference(to: str, related_name: str) -> models.ForeignKey:  # type: ignore[type-arg]
    """A reference whose constraint, cascade and index the model declares by name."""
    return models.ForeignKey(
        to,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name=related_name,
    )


def _unique(name: str, *fields: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=list(fields), name=name)


def _index(name: str, field: str) -> models.Index:
    return models.Index(fields=[field], name=name)


class User(models.Model):
    """A user of the API (Django's own ``auth_user`` holds the admin's staff accounts)."""

    id = IdField(primary_key=True)
    username = models.CharField(max_length=64)
    email = models.CharField(max_length=254)
    password_hash = models.CharField(max_length=255)
    bio = models.TextField(null=True, blank=True)
    image = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "users"
        verbose_name = "Conduit user"
        constraints = [
            _unique("users_username_key", "username"),
            _unique("users_email_key", "email"),
        ]

    def __str__(self) -> str:
        return self.username


class Follow(models.Model):
    id = IdField(primary_key=True)
    follower = _reference("User", "+")
    followed = _reference("User", "+")

    class Meta:
        db_table = "follows"
        constraints = [
            _unique("follows_follower_id_followed_id_key", "follower", "followed"),
            CascadingForeignKey(field="follower", name="follows_follower_id_fkey"),
            CascadingForeignKey(field="followed", name="follows_followed_id_fkey"),
        ]
        indexes = [_index("follows_followed_id_idx", "followed")]


class Tag(models.Model):
    id = IdField(primary_key=True)
    name = models.CharField(max_length=64)

    class Meta:
        db_table = "tags"
        constraints = [_unique("tags_name_key", "name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    id = IdField(primary_key=True)
    slug = models.CharField(max_length=120)
    title = models.CharField(max_length=255)
    description = models.TextField()
    body = models.TextField()
    author = _reference("User", "articles")
    created_at = TimestampField()
    updated_at = TimestampField()
    tags = models.ManyToManyField(Tag, through="ArticleTag", related_name="articles")

    class Meta:
        db_table = "articles"
        constraints = [
            _unique("articles_slug_key", "slug"),
            CascadingForeignKey(field="author", name="articles_author_id_fkey"),
        ]
        indexes = [
            _index("articles_author_id_idx", "author"),
            _index("articles_created_at_idx", "created_at"),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleTag(models.Model):
    id = IdField(primary_key=True)
    article = _reference("Article", "+")
    tag = _reference("Tag", "+")

    class Meta:
        db_table = "article_tags"
        constraints = [
            _unique("article_tags_article_id_tag_id_key", "article", "tag"),
            CascadingForeignKey(field="article", name="article_tags_article_id_fkey"),
            CascadingForeignKey(field="tag", name="article_tags_tag_id_fkey"),
        ]
        indexes = [_index("article_tags_tag_id_idx", "tag")]


class Favorite(models.Model):
    id = IdField(primary_key=True)
    user = _reference("User", "+")
    article = _reference("Article", "+")

    class Meta:
        db_table = "favorites"
        constraints = [
            _unique("favorites_user_id_article_id_key", "user", "article"),
            CascadingForeignKey(field="user", name="favorites_user_id_fkey"),
            CascadingForeignKey(field="article", name="favorites_article_id_fkey"),
        ]
        indexes = [_index("favorites_article_id_idx", "article")]


class Comment(models.Model):
    id = IdField(primary_key=True)
    body = models.TextField()
    article = _reference("Article", "comments")
    author = _reference("User", "comments")
    created_at = TimestampField()
    updated_at = TimestampField()

    class Meta:
        db_table = "comments"
        constraints = [
            CascadingForeignKey(field="article", name="comments_article_id_fkey"),
            CascadingForeignKey(field="author", name="comments_author_id_fkey"),
        ]
        indexes = [
            _index("comments_article_id_idx", "article"),
            _index("comments_author_id_idx", "author"),
        ]

    def __str__(self) -> str:
        return f"comment {self.id}"
