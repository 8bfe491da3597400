"""The domain's repositories over the Django ORM."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet

from domain.model import Article, ArticleQuery, Comment, User
from domain.references import reference_violation
from domain.unique import unique_violation
from impl_django.conduit import models


def translate_integrity_error(error: IntegrityError) -> Exception:
    """The domain error for a known unique constraint, or for a reference to an article deleted
    meanwhile; ``error`` itself otherwise."""
    cause = error.__cause__
    constraint = getattr(getattr(cause, "diag", None), "constraint_name", None)
    return unique_violation(constraint, str(cause)) or reference_violation(constraint) or error


def _saved(save: Callable[[], object]) -> None:
    """Run ``save`` in a savepoint, turning a unique violation into the domain's error."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as error:
        raise translate_integrity_error(error) from error


def _user(row: models.User) -> User:
    return User(row.id, row.username, row.email, row.password_hash, row.bio, row.image)


class DjangoUsers:
    def add(
        self, *, username: str, email: str, password_hash: str, bio: str | None, image: str | None
    ) -> User:
        row = models.User(
            username=username, email=email, password_hash=password_hash, bio=bio, image=image
        )
        _saved(row.save)
        return _user(row)

    def get(self, user_id: int) -> User | None:
        row = models.User.objects.filter(id=user_id).first()
        return _user(row) if row else None

    def get_by_email(self, email: str) -> User | None:
        row = models.User.objects.filter(email=email).first()
        return _user(row) if row else None

    def get_by_username(self, username: str) -> User | None:
        row = models.User.objects.filter(username=username).first()
        return _user(row) if row else None

    def get_many(self, user_ids: Iterable[int]) -> dict[int, User]:
        ids = set(user_ids)
        if not ids:
            return {}
        return {row.id: _user(row) for row in models.User.objects.filter(id__in=ids)}

    def update(self, user: User) -> None:
        row = models.User(
            id=user.id,
            username=user.username,
            email=user.email,
            password_hash=user.password_hash,
            bio=user.bio,
            image=user.image,
        )
        _saved(lambda: row.save(force_update=True))


class DjangoFollows:
    def add(self, *, follower_id: int, followed_id: int) -> None:
        follow = models.Follow(follower_id=follower_id, followed_id=followed_id)
        models.Follow.objects.bulk_create([follow], ignore_conflicts=True)

    def remove(self, *, follower_id: int, followed_id: int) -> None:
        models.Follow.objects.filter(follower_id=follower_id, followed_id=followed_id).delete()

    def followed_among(self, follower_id: int, candidate_ids: Iterable[int]) -> set[int]:
        ids = set(candidate_ids)
        if not ids:
            return set()
        follows = models.Follow.objects.filter(follower_id=follower_id, followed_id__in=ids)
        return set(follows.values_list("followed_id", flat=True))


def _article(row: models.Article) -> Article:
    return Article(
        id=row.id,
        slug=row.slug,
        title=row.title,
        description=row.description,
        body=row.body,
        author_id=row.author_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        tags=sorted(tag.name for tag in row.tags.all()),
    )


def _articles() -> QuerySet[models.Article]:
    return models.Article.objects.prefetch_related("tags")


class DjangoArticles:
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
        row = models.Article(
            slug=slug,
            title=title,
            description=description,
            body=body,
            author_id=author_id,
            created_at=created_at,
            updated_at=created_at,
        )
        _saved(row.save)
        _link_tags(row.id, tags)
        return Article(
            id=row.id,
            slug=slug,
            title=title,
            description=description,
            body=body,
            author_id=author_id,
            created_at=created_at,
            updated_at=created_at,
            tags=sorted(tags),
        )

    def get_by_slug(self, slug: str) -> Article | None:
        row = _articles().filter(slug=slug).first()
        return _article(row) if row else None

    def slug_exists(self, slug: str) -> bool:
        return models.Article.objects.filter(slug=slug).exists()

    def update(self, article: Article) -> None:
        fields = {
            "slug": article.slug,
            "title": article.title,
            "description": article.description,
            "body": article.body,
            "updated_at": article.updated_at,
        }
        _saved(lambda: models.Article.objects.filter(id=article.id).update(**fields))
        linked = set(
            models.ArticleTag.objects.filter(article_id=article.id).values_list(
                "tag__name", flat=True
            )
        )
        if linked != set(article.tags):
            models.ArticleTag.objects.filter(article_id=article.id).delete()
            _link_tags(article.id, article.tags)

    def delete(self, article_id: int) -> None:
        models.Article.objects.filter(id=article_id).delete()

    def find(self, query: ArticleQuery, *, limit: int, offset: int) -> list[Article]:
        rows = _filtered(_articles(), query).order_by("-created_at", "-id")
        return [_article(row) for row in rows[offset : offset + limit]]

    def count(self, query: ArticleQuery) -> int:
        return _filtered(models.Article.objects.all(), query).count()


def _link_tags(article_id: int, names: list[str]) -> None:
    """Link the article to these tags, creating the tags that do not exist yet."""
    if not names:
        return
    models.Tag.objects.bulk_create([models.Tag(name=name) for name in names], ignore_conflicts=True)
    tag_ids = models.Tag.objects.filter(name__in=names).values_list("id", flat=True)
    models.ArticleTag.objects.bulk_create(
        [models.ArticleTag(article_id=article_id, tag_id=tag_id) for tag_id in tag_ids],
        ignore_conflicts=True,
    )


def _filtered(rows: QuerySet[models.Article], query: ArticleQuery) -> QuerySet[models.Article]:
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


class DjangoFavorites:
    def add(self, *, user_id: int, article_id: int) -> None:
        favorite = models.Favorite(user_id=user_id, article_id=article_id)
        models.Favorite.objects.bulk_create([favorite], ignore_conflicts=True)

    def remove(self, *, user_id: int, article_id: int) -> None:
        models.Favorite.objects.filter(user_id=user_id, article_id=article_id).delete()

    def counts(self, article_ids: Iterable[int]) -> dict[int, int]:
        ids = set(article_ids)
        if not ids:
            return {}
        totals = (
            models.Favorite.objects.filter(article_id__in=ids)
            .values("article_id")
            .annotate(total=Count("id"))
            .values_list("article_id", "total")
        )
        return dict(totals)

    def favorited_among(self, user_id: int, article_ids: Iterable[int]) -> set[int]:
        ids = set(article_ids)
        if not ids:
            return set()
        favorites = models.Favorite.objects.filter(user_id=user_id, article_id__in=ids)
        return set(favorites.values_list("article_id", flat=True))


def _comment(row: models.Comment) -> Comment:
    return Comment(row.id, row.article_id, row.author_id, row.body, row.created_at, row.updated_at)


class DjangoComments:
    def add(self, *, article_id: int, author_id: int, body: str, created_at: datetime) -> Comment:
        row = models.Comment.objects.create(
            article_id=article_id,
            author_id=author_id,
            body=body,
            created_at=created_at,
            updated_at=created_at,
        )
        return _comment(row)

    def get(self, comment_id: int) -> Comment | None:
        row = models.Comment.objects.filter(id=comment_id).first()
        return _comment(row) if row else None

    def list_for_article(self, article_id: int) -> list[Comment]:
        rows = models.Comment.objects.filter(article_id=article_id).order_by("-created_at", "-id")
        return [_comment(row) for row in rows]

    def delete(self, comment_id: int) -> None:
        models.Comment.objects.filter(id=comment_id).delete()


class DjangoTags:
    def list_in_use(self) -> list[str]:
        in_use = models.ArticleTag.objects.values("tag_id")
        return list(models.Tag.objects.filter(id__in=in_use).values_list("name", flat=True))
