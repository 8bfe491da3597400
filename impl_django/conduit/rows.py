"""What the Django storage shares between its async source and its blocking twin: the
querysets it reads with, the rows as the domain's entities, and the blocking steps that Django
runs in one go (a savepoint around a write, an integrity error as the domain's).

Each entity's columns are set up once, in a queryset kept unevaluated, and each read starts
from a copy of it (``.all()``, as DRF's ``get_queryset`` does with a view's ``queryset``):
Django then resolves the columns once per process instead of once per statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, wraps
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet

from domain.model import Article, ArticleQuery, Comment, User
from domain.references import reference_violation
from domain.unique import unique_violation
from impl_django.conduit import models

# The columns each entity is read from, in the order of its fields: rows come as tuples
# (``values_list``), straight into the domain's entities, with no model instance between.
USER_COLUMNS = ("id", "username", "email", "password_hash", "bio", "image")
ARTICLE_COLUMNS = (
    "id",
    "slug",
    "title",
    "description",
    "body",
    "author_id",
    "created_at",
    "updated_at",
)
COMMENT_COLUMNS = ("id", "article_id", "author_id", "body", "created_at", "updated_at")


def translate_integrity_error(error: IntegrityError) -> Exception:
    """The domain error for a known unique constraint, or for a reference to an article deleted
    meanwhile; ``error`` itself otherwise."""
    cause = error.__cause__
    constraint = getattr(getattr(cause, "diag", None), "constraint_name", None)
    return unique_violation(constraint, str(cause)) or reference_violation(constraint) or error


def saved(save: Callable[[], object]) -> None:
    """Run ``save`` in a savepoint, turning a unique violation into the domain's error."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as error:
        raise translate_integrity_error(error) from error


Q = TypeVar("Q", bound=QuerySet[Any, Any])


def kept(make: Callable[[], Q]) -> Callable[[], Q]:
    """``make``'s queryset, set up on the first call and kept unevaluated; each call a copy."""
    made = cache(make)

    @wraps(make)
    def copy() -> Q:
        return made().all()

    return copy


@kept
def users() -> QuerySet[models.User, tuple[Any, ...]]:
    return models.User.objects.values_list(*USER_COLUMNS)


def user(row: tuple[Any, ...]) -> User:
    return User(*row)


@kept
def articles() -> QuerySet[models.Article, tuple[Any, ...]]:
    """Articles without their tags: ``tag_names`` reads those, for a page at once."""
    return models.Article.objects.values_list(*ARTICLE_COLUMNS)


def article(row: tuple[Any, ...]) -> Article:
    return Article(*row)


def tag_names(article_ids: Iterable[int]) -> QuerySet[models.Tag, tuple[int, str]]:
    """``(article id, tag name)`` for every tag of these articles, in one statement."""
    return models.Tag.objects.filter(articles__in=list(article_ids)).values_list("articles", "name")


@kept
def comments() -> QuerySet[models.Comment, tuple[Any, ...]]:
    return models.Comment.objects.values_list(*COMMENT_COLUMNS)


def comment(row: tuple[Any, ...]) -> Comment:
    return Comment(*row)


Articles = QuerySet[models.Article, Any]


def filtered(rows: Articles, query: ArticleQuery) -> Articles:
    """``rows`` narrowed to the articles that match ``query``."""
    if query.tag is not None:
        tagged = models.ArticleTag.objects.filter(tag__name=query.tag).values("article_id")
        rows = rows.filter(id__in=tagged)
    if query.author_id is not None:
        rows = rows.filter(author_id=query.author_id)
    if query.favorited_by_id is not None:
        favorites = models.Favorite.objects.filter(user_id=query.favorited_by_id)
        rows = rows.filter(id__in=favorites.values("article_id"))
    if query.followed_by_id is not None:
        followed = models.Follow.objects.filter(follower_id=query.followed_by_id)
        rows = rows.filter(author_id__in=followed.values("followed_id"))
    return rows


def favorite_counts(article_ids: set[int]) -> QuerySet[models.Favorite, tuple[int, int]]:
    """``(article id, favorites)`` for those of these articles that have any."""
    return _favorite_counts().filter(article_id__in=article_ids)


@kept
def _favorite_counts() -> QuerySet[models.Favorite, tuple[int, int]]:
    return (
        models.Favorite.objects.values("article_id")
        .annotate(total=Count("id"))
        .values_list("article_id", "total")
    )


@kept
def tags_in_use() -> QuerySet[models.Tag, str]:
    in_use = models.ArticleTag.objects.values("tag_id")
    return models.Tag.objects.filter(id__in=in_use).values_list("name", flat=True)
