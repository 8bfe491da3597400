"""Article lists and the feed (docs/contract.md, "Articles")."""

from __future__ import annotations

from typing import Any

import pytest

from domain import services
from domain.errors import Unauthorized, ValidationFailed
from domain.model import ArticlePage
from tests.domain.support import Member, ServiceClock, World, expect_error


def listed(world: World, *, viewer: Member | None = None, **filters: Any) -> ArticlePage:
    return services.article_list(uow=world.uow, viewer_id=viewer.id if viewer else None, **filters)


def titles(page: ArticlePage) -> list[str]:
    return [article.title for article in page.articles]


def feed(world: World, member: Member, **paging: Any) -> ArticlePage:
    return services.article_feed(uow=world.uow, user_id=member.id, **paging)


@pytest.fixture
def library(
    world: World, alice: Member, bob: Member, carol: Member, service_clock: ServiceClock
) -> World:
    """Five articles a second apart; bob favorites two, carol one."""
    for title, author, tags in [
        ("A1", alice, ["dragons", "training"]),
        ("B1", bob, ["dragons"]),
        ("A2", alice, ["training"]),
        ("C1", carol, []),
        ("A3", alice, ["dragons"]),
    ]:
        world.publish(author, title, tags=tags)
        service_clock.advance(seconds=1)
    for slug in ("a1", "a3"):
        services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    services.article_favorite(uow=world.uow, user_id=carol.id, slug="a1")
    return world


def test_empty_list(world: World) -> None:
    assert listed(world) == ArticlePage(articles=[], articles_count=0)


def test_all_articles_newest_first(library: World) -> None:
    page = listed(library)
    assert titles(page) == ["A3", "C1", "A2", "B1", "A1"]
    assert page.articles_count == 5


def test_ties_list_the_later_created_first(
    world: World, alice: Member, bob: Member, service_clock: ServiceClock
) -> None:
    for title in ("first", "second", "third"):
        world.publish(alice if title != "second" else bob, title)
    service_clock.advance(seconds=1)
    world.publish(alice, "newest")
    assert titles(listed(world)) == ["newest", "third", "second", "first"]
    assert titles(listed(world, limit=2, offset=1)) == ["third", "second"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"tag": "dragons"}, ["A3", "B1", "A1"]),
        ({"tag": "training"}, ["A2", "A1"]),
        ({"author": "alice"}, ["A3", "A2", "A1"]),
        ({"author": "carol"}, ["C1"]),
        ({"favorited": "bob"}, ["A3", "A1"]),
        ({"favorited": "carol"}, ["A1"]),
        ({"favorited": "alice"}, []),
        ({"tag": "dragons", "author": "alice"}, ["A3", "A1"]),
        ({"tag": "training", "favorited": "bob"}, ["A1"]),
        ({"author": "bob", "favorited": "bob"}, []),
        ({"tag": "dragons", "author": "alice", "favorited": "carol"}, ["A1"]),
        ({"tag": "training", "author": "alice", "favorited": "carol"}, ["A1"]),
        ({"tag": "training", "author": "bob"}, []),
    ],
)
def test_filters_combine_with_and(
    library: World, filters: dict[str, Any], expected: list[str]
) -> None:
    page = listed(library, **filters)
    assert titles(page) == expected
    assert page.articles_count == len(expected)


@pytest.mark.parametrize(
    "filters",
    [
        {"tag": "unknown"},
        {"tag": "Dragons"},
        {"author": "nobody"},
        {"favorited": "nobody"},
        {"author": "Alice"},
        {"tag": "dragons", "author": "nobody"},
        {"author": "alice", "favorited": "nobody"},
    ],
)
def test_unknown_names_match_nothing(library: World, filters: dict[str, Any]) -> None:
    assert listed(library, **filters) == ArticlePage(articles=[], articles_count=0)


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        (None, None, ["A3", "C1", "A2", "B1", "A1"]),
        (2, None, ["A3", "C1"]),
        (2, 2, ["A2", "B1"]),
        (2, 4, ["A1"]),
        (2, 5, []),
        (100, 3, ["B1", "A1"]),
        (1, 0, ["A3"]),
        (None, 1000, []),
    ],
)
def test_pagination_keeps_the_total_count(
    library: World, limit: int | None, offset: int | None, expected: list[str]
) -> None:
    page = listed(library, limit=limit, offset=offset)
    assert titles(page) == expected
    assert page.articles_count == 5


def test_filtered_pagination_counts_all_matches(library: World) -> None:
    page = listed(library, author="alice", limit=1, offset=1)
    assert titles(page) == ["A2"]
    assert page.articles_count == 3


def test_limit_defaults_to_twenty(world: World, alice: Member) -> None:
    for number in range(25):
        world.publish(alice, f"Article {number}")
    page = listed(world)
    assert len(page.articles) == 20
    assert page.articles_count == 25
    assert len(listed(world, offset=20).articles) == 5


LIMIT = {"limit": ["must be an integer from 1 to 100"]}
OFFSET = {"offset": ["must be a non-negative integer"]}


@pytest.mark.parametrize(
    ("paging", "errors"),
    [
        ({"limit": 0}, LIMIT),
        ({"limit": 101}, LIMIT),
        ({"offset": -1}, OFFSET),
        ({"limit": -5, "offset": -5}, LIMIT | OFFSET),
    ],
)
def test_bad_paging_is_refused(
    library: World, alice: Member, paging: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    with expect_error(ValidationFailed, 422, errors):
        listed(library, **paging)
    with expect_error(ValidationFailed, 422, errors):
        feed(library, alice, **paging)


def test_list_shows_the_viewers_favorites_and_follows(
    library: World, bob: Member, carol: Member
) -> None:
    services.profile_follow(uow=library.uow, user_id=bob.id, username="alice")
    as_bob = {
        a.title: (a.favorited, a.favorites_count, a.author.following)
        for a in listed(library, viewer=bob).articles
    }
    assert as_bob == {
        "A3": (True, 1, True),
        "C1": (False, 0, False),
        "A2": (False, 0, True),
        "B1": (False, 0, False),
        "A1": (True, 2, True),
    }
    anonymous = listed(library).articles
    assert [(a.favorited, a.author.following) for a in anonymous] == [(False, False)] * 5
    assert [a.favorites_count for a in anonymous] == [1, 0, 0, 0, 2]
    assert [a.author.username for a in listed(library, viewer=carol).articles] == [
        "alice",
        "carol",
        "alice",
        "bob",
        "alice",
    ]


def test_listed_articles_carry_their_tags(library: World) -> None:
    assert [a.tag_list for a in listed(library).articles] == [
        ["dragons"],
        [],
        ["training"],
        ["dragons"],
        ["dragons", "training"],
    ]


def test_feed_lists_articles_by_followed_authors(
    library: World, alice: Member, bob: Member, carol: Member
) -> None:
    assert feed(library, bob) == ArticlePage(articles=[], articles_count=0)
    services.profile_follow(uow=library.uow, user_id=bob.id, username="alice")
    page = feed(library, bob)
    assert titles(page) == ["A3", "A2", "A1"]
    assert page.articles_count == 3
    assert all(a.author.following for a in page.articles)
    assert [a.favorited for a in page.articles] == [True, False, True]
    services.profile_follow(uow=library.uow, user_id=bob.id, username="carol")
    assert titles(feed(library, bob)) == ["A3", "C1", "A2", "A1"]
    assert titles(feed(library, carol)) == []
    services.profile_unfollow(uow=library.uow, user_id=bob.id, username="alice")
    assert titles(feed(library, bob)) == ["C1"]


def test_feed_pagination(library: World, bob: Member) -> None:
    services.profile_follow(uow=library.uow, user_id=bob.id, username="alice")
    page = feed(library, bob, limit=2, offset=1)
    assert titles(page) == ["A2", "A1"]
    assert page.articles_count == 3


def test_feed_of_a_user_that_no_longer_exists(library: World) -> None:
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.article_feed(uow=library.uow, user_id=404)
