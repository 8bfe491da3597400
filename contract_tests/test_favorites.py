"""Favoriting and unfavoriting articles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]


def favorite(client: httpx.Client, user: User, slug: str) -> httpx.Response:
    return client.post(f"/articles/{slug}/favorite", headers=user.headers)


def unfavorite(client: httpx.Client, user: User, slug: str) -> httpx.Response:
    return client.delete(f"/articles/{slug}/favorite", headers=user.headers)


@pytest.mark.realworld
def test_favorite_answers_the_article_favorited(
    client: httpx.Client, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    article = json_of(favorite(client, other_user, created["slug"]), 200)["article"]
    assert article["favorited"] is True
    assert article["favoritesCount"] == 1
    assert article["body"] == created["body"]
    assert article["slug"] == created["slug"]
    assert article["author"]["username"] == user.username


def test_favorite_twice_answers_the_same_article(
    client: httpx.Client, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    first = json_of(favorite(client, other_user, slug), 200)["article"]
    second = json_of(favorite(client, other_user, slug), 200)["article"]
    assert second == first
    assert second["favoritesCount"] == 1


@pytest.mark.realworld
def test_favorites_count_is_exact_per_reader(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    make_user: Callable[..., User],
    article_by: ArticleFactory,
) -> None:
    slug = article_by(user)["slug"]
    fans = [other_user, make_user(), make_user()]
    for expected, fan in enumerate(fans, start=1):
        assert json_of(favorite(client, fan, slug), 200)["article"]["favoritesCount"] == expected
    assert conduit.article(slug)["favoritesCount"] == 3
    assert conduit.article(slug)["favorited"] is False
    assert conduit.article(slug, reader=fans[1])["favorited"] is True
    assert conduit.article(slug, reader=user)["favorited"] is False


@pytest.mark.realworld
def test_unfavorite_answers_the_article_not_favorited(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    slug = article_by(user)["slug"]
    conduit.favorite(other_user, slug)
    conduit.favorite(user, slug)
    article = json_of(unfavorite(client, other_user, slug), 200)["article"]
    assert article["favorited"] is False
    assert article["favoritesCount"] == 1
    assert conduit.article(slug, reader=user)["favorited"] is True


def test_unfavorite_twice_or_never_favorited_is_not_an_error(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    conduit.favorite(other_user, slug)
    first = json_of(unfavorite(client, other_user, slug), 200)["article"]
    second = json_of(unfavorite(client, other_user, slug), 200)["article"]
    assert second == first
    assert second["favoritesCount"] == 0
    never = json_of(unfavorite(client, user, slug), 200)["article"]
    assert never["favorited"] is False
    assert never["favoritesCount"] == 0


def test_authors_may_favorite_their_own_article(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    article = json_of(favorite(client, user, slug), 200)["article"]
    assert article["favorited"] is True
    assert article["favoritesCount"] == 1


def test_favorite_does_not_change_the_article(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    conduit.favorite(other_user, created["slug"])
    after = conduit.article(created["slug"])
    for field in ("title", "description", "body", "tagList", "createdAt", "slug"):
        assert after[field] == created[field], field


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_favorite_unknown_article_is_404(client: httpx.Client, user: User, method: str) -> None:
    response = client.request(
        method, f"/articles/missing-{naming.token()}/favorite", headers=user.headers
    )
    assert_errors(response, 404, {"article": ["not found"]})


def test_deleting_an_article_drops_its_favorites(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    kept, gone = article_by(user), article_by(user)
    conduit.favorite(other_user, kept["slug"])
    conduit.favorite(other_user, gone["slug"])
    assert conduit.articles(favorited=other_user.username)["articlesCount"] == 2
    assert client.delete(f"/articles/{gone['slug']}", headers=user.headers).status_code == 204
    page = conduit.articles(favorited=other_user.username)
    assert page["articlesCount"] == 1
    assert [item["slug"] for item in page["articles"]] == [kept["slug"]]
