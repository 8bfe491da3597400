"""`GET /articles/feed`: articles by the authors the caller follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]


def slugs_of(page: dict[str, Any]) -> list[str]:
    return [article["slug"] for article in page["articles"]]


def test_feed_of_someone_who_follows_nobody_is_empty(conduit: Conduit, user: User) -> None:
    assert conduit.feed(user) == {"articles": [], "articlesCount": 0}


def test_feed_lists_followed_authors_only_newest_first(
    conduit: Conduit,
    user: User,
    other_user: User,
    make_user: Callable[..., User],
    article_by: ArticleFactory,
) -> None:
    stranger = make_user()
    first = article_by(other_user)
    article_by(stranger)
    article_by(user)
    second = article_by(other_user)
    conduit.follow(user, other_user.username)
    page = conduit.feed(user)
    assert slugs_of(page) == [second["slug"], first["slug"]]
    assert page["articlesCount"] == 2
    for item in page["articles"]:
        assert "body" not in item
        assert item["author"]["username"] == other_user.username
        assert item["author"]["following"] is True


def test_feed_merges_several_followed_authors(
    conduit: Conduit,
    user: User,
    other_user: User,
    make_user: Callable[..., User],
    article_by: ArticleFactory,
) -> None:
    third = make_user()
    conduit.follow(user, other_user.username)
    conduit.follow(user, third.username)
    a = article_by(other_user)
    b = article_by(third)
    c = article_by(other_user)
    page = conduit.feed(user)
    assert slugs_of(page) == [c["slug"], b["slug"], a["slug"]]
    assert page["articlesCount"] == 3


def test_feed_counts_all_and_pages(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    created = [article_by(other_user) for _ in range(3)]
    conduit.follow(user, other_user.username)
    page = conduit.feed(user, limit=1, offset=1)
    assert slugs_of(page) == [created[1]["slug"]]
    assert page["articlesCount"] == 3
    tail = conduit.feed(user, limit=20, offset=2)
    assert slugs_of(tail) == [created[0]["slug"]]
    beyond = conduit.feed(user, offset=3)
    assert beyond == {"articles": [], "articlesCount": 3}


def test_unfollow_empties_the_feed(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    article_by(other_user)
    conduit.follow(user, other_user.username)
    assert conduit.feed(user)["articlesCount"] == 1
    json_of(client.delete(f"/profiles/{other_user.username}/follow", headers=user.headers), 200)
    assert conduit.feed(user) == {"articles": [], "articlesCount": 0}


def test_feed_shows_the_readers_favorites(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    liked = article_by(other_user)
    other = article_by(other_user)
    conduit.follow(user, other_user.username)
    conduit.favorite(user, liked["slug"])
    seen = {item["slug"]: item for item in conduit.feed(user)["articles"]}
    assert seen[liked["slug"]]["favorited"] is True
    assert seen[liked["slug"]]["favoritesCount"] == 1
    assert seen[other["slug"]]["favorited"] is False


def test_feed_drops_deleted_articles(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    kept = article_by(other_user)
    gone = article_by(other_user)
    conduit.follow(user, other_user.username)
    response = client.delete(f"/articles/{gone['slug']}", headers=other_user.headers)
    assert response.status_code == 204
    page = conduit.feed(user)
    assert slugs_of(page) == [kept["slug"]]
    assert page["articlesCount"] == 1


@pytest.mark.parametrize("value", ["0", "101", "-5", "many", "2.5", "\u0665", "\uff12"])
def test_feed_bad_limit_is_422(client: httpx.Client, user: User, value: str) -> None:
    response = client.get("/articles/feed", params={"limit": value}, headers=user.headers)
    assert_errors(response, 422, {"limit": ["must be an integer from 1 to 100"]})


@pytest.mark.parametrize("value", ["-1", "none", "0.5", "\u00b2", "\u0663"])
def test_feed_bad_offset_is_422(client: httpx.Client, user: User, value: str) -> None:
    response = client.get("/articles/feed", params={"offset": value}, headers=user.headers)
    assert_errors(response, 422, {"offset": ["must be a non-negative integer"]})


def test_feed_needs_a_token(client: httpx.Client) -> None:
    assert_errors(client.get("/articles/feed"), 401, {"token": ["is missing"]})
