"""`GET /articles`: filters, pagination, ordering, counts and the list item shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]
LIMIT_ERROR = {"limit": ["must be an integer from 1 to 100"]}
OFFSET_ERROR = {"offset": ["must be a non-negative integer"]}
# Digits that are not ASCII (superscript, Arabic-Indic, full-width, Bengali) are not numbers here.
NON_ASCII_DIGITS = ["\u00b2", "\u0665", "\u0661\u0660", "\uff15", "\u09e8"]
BAD_LIMITS = [
    "0",
    "-1",
    "101",
    "1000",
    "abc",
    "1.5",
    "2e1",
    "ten",
    "0x10",
    "1_0",
    *NON_ASCII_DIGITS,
]
BAD_OFFSETS = ["-1", "-100", "abc", "1.5", "1e2", "zero", "1_0", " 1", "+1", *NON_ASCII_DIGITS]


def slugs_of(page: dict[str, Any]) -> list[str]:
    return [article["slug"] for article in page["articles"]]


@pytest.fixture
def tagged_articles(user: User, article_by: ArticleFactory) -> tuple[str, list[dict[str, Any]]]:
    """A fresh tag on three articles, oldest first."""
    tag = naming.tag()
    return tag, [article_by(user, tags=[tag]) for _ in range(3)]


def test_list_items_leave_out_body(
    client: httpx.Client, tagged_articles: tuple[str, list[dict[str, Any]]]
) -> None:
    tag, created = tagged_articles
    page = json_of(client.get("/articles", params={"tag": tag}), 200)
    assert page["articlesCount"] == 3
    for item in page["articles"]:
        assert "body" not in item
        original = next(article for article in created if article["slug"] == item["slug"])
        assert item == {key: value for key, value in original.items() if key != "body"}


def test_newest_first(conduit: Conduit, tagged_articles: tuple[str, list[dict[str, Any]]]) -> None:
    tag, created = tagged_articles
    page = conduit.articles(tag=tag)
    assert slugs_of(page) == [article["slug"] for article in reversed(created)]
    stamps = [article["createdAt"] for article in page["articles"]]
    assert stamps == sorted(stamps, reverse=True)


def test_count_is_the_total_not_the_page_length(
    conduit: Conduit, tagged_articles: tuple[str, list[dict[str, Any]]]
) -> None:
    tag, created = tagged_articles
    page = conduit.articles(tag=tag, limit=2)
    assert page["articlesCount"] == 3
    assert slugs_of(page) == [created[2]["slug"], created[1]["slug"]]


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        (1, 0, [2]),
        (1, 1, [1]),
        (1, 2, [0]),
        (2, 1, [1, 0]),
        (100, 0, [2, 1, 0]),
        (3, 3, []),
        (5, 100, []),
    ],
)
def test_limit_and_offset_page_through(
    conduit: Conduit,
    tagged_articles: tuple[str, list[dict[str, Any]]],
    limit: int,
    offset: int,
    expected: list[int],
) -> None:
    tag, created = tagged_articles
    page = conduit.articles(tag=tag, limit=limit, offset=offset)
    assert slugs_of(page) == [created[index]["slug"] for index in expected]
    assert page["articlesCount"] == 3


def test_offset_alone_defaults_the_limit(
    conduit: Conduit, tagged_articles: tuple[str, list[dict[str, Any]]]
) -> None:
    tag, created = tagged_articles
    page = conduit.articles(tag=tag, offset=1)
    assert slugs_of(page) == [created[1]["slug"], created[0]["slug"]]


def test_default_limit_is_20(conduit: Conduit, user: User, article_by: ArticleFactory) -> None:
    tag = naming.tag()
    created = [article_by(user, tags=[tag]) for _ in range(21)]
    page = conduit.articles(tag=tag)
    assert page["articlesCount"] == 21
    assert slugs_of(page) == [article["slug"] for article in reversed(created[1:])]
    rest = conduit.articles(tag=tag, offset=20)
    assert slugs_of(rest) == [created[0]["slug"]]
    everything = conduit.articles(tag=tag, limit=100)
    assert len(everything["articles"]) == 21


@pytest.mark.parametrize("value", BAD_LIMITS)
def test_bad_limit_is_422(client: httpx.Client, value: str) -> None:
    assert_errors(client.get("/articles", params={"limit": value}), 422, LIMIT_ERROR)


@pytest.mark.parametrize("value", BAD_OFFSETS)
def test_bad_offset_is_422(client: httpx.Client, value: str) -> None:
    assert_errors(client.get("/articles", params={"offset": value}), 422, OFFSET_ERROR)


@pytest.mark.parametrize("limit", [1, 100])
def test_limit_bounds_are_accepted(conduit: Conduit, limit: int) -> None:
    page = conduit.articles(limit=limit, author=naming.username())
    assert page == {"articles": [], "articlesCount": 0}


def test_filter_by_author(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    mine = [article_by(user), article_by(user)]
    article_by(other_user)
    page = conduit.articles(author=user.username)
    assert slugs_of(page) == [mine[1]["slug"], mine[0]["slug"]]
    assert page["articlesCount"] == 2
    assert all(item["author"]["username"] == user.username for item in page["articles"])


def test_filter_by_favorited(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    first, second, unliked = article_by(user), article_by(user), article_by(user)
    conduit.favorite(other_user, first["slug"])
    conduit.favorite(other_user, second["slug"])
    page = conduit.articles(favorited=other_user.username)
    assert slugs_of(page) == [second["slug"], first["slug"]]
    assert page["articlesCount"] == 2
    assert unliked["slug"] not in slugs_of(page)
    assert all(item["favoritesCount"] == 1 for item in page["articles"])


def test_filters_combine_with_and(
    conduit: Conduit,
    user: User,
    other_user: User,
    make_user: Callable[..., User],
    article_by: ArticleFactory,
) -> None:
    fan = make_user()
    tag = naming.tag()
    wanted = article_by(user, tags=[tag])
    untagged = article_by(user)
    by_other = article_by(other_user, tags=[tag])
    not_favorited = article_by(user, tags=[tag])
    for article in (wanted, untagged, by_other):
        conduit.favorite(fan, article["slug"])
    page = conduit.articles(tag=tag, author=user.username, favorited=fan.username)
    assert slugs_of(page) == [wanted["slug"]]
    assert page["articlesCount"] == 1
    by_tag_and_author = conduit.articles(tag=tag, author=user.username)
    assert slugs_of(by_tag_and_author) == [not_favorited["slug"], wanted["slug"]]
    by_tag_and_fan = conduit.articles(tag=tag, favorited=fan.username)
    assert slugs_of(by_tag_and_fan) == [by_other["slug"], wanted["slug"]]


@pytest.mark.parametrize("parameter", ["tag", "author", "favorited"])
def test_unknown_filter_value_matches_nothing(conduit: Conduit, parameter: str) -> None:
    response = conduit.client.get("/articles", params={parameter: f"nothing{naming.token()}"})
    page = json_of(response, 200)
    assert page == {"articles": [], "articlesCount": 0}


def test_list_shows_the_readers_favorite_and_follow_state(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    tag = naming.tag()
    liked = article_by(user, tags=[tag])
    plain = article_by(user, tags=[tag])
    conduit.favorite(other_user, liked["slug"])
    conduit.follow(other_user, user.username)
    seen = {item["slug"]: item for item in conduit.articles(other_user, tag=tag)["articles"]}
    assert seen[liked["slug"]]["favorited"] is True
    assert seen[liked["slug"]]["favoritesCount"] == 1
    assert seen[plain["slug"]]["favorited"] is False
    assert seen[plain["slug"]]["favoritesCount"] == 0
    assert all(item["author"]["following"] is True for item in seen.values())
    anonymous = conduit.articles(tag=tag)["articles"]
    assert [item["favorited"] for item in anonymous] == [False, False]
    assert [item["author"]["following"] for item in anonymous] == [False, False]


def test_global_list_includes_new_articles(
    conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    page = conduit.articles(limit=100)
    assert page["articlesCount"] >= 1
    assert len(page["articles"]) == min(page["articlesCount"], 100)
    assert created["slug"] in slugs_of(page)
    stamps = [item["createdAt"] for item in page["articles"]]
    assert stamps == sorted(stamps, reverse=True)
