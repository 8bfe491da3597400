"""Order under a stopped clock: newest first by `createdAt`, ties broken by creation order.

The server handles each request at the instant the test names in `X-Test-Clock` (a test-only
hook, see `docs/contract.md`), so items can share an instant or be created out of time order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import json_of
from contract_tests.support.conduit import Conduit, User

ClockAt = Callable[[str], dict[str, str]]
EARLY = "2030-01-01T00:00:00.000Z"
SAME = "2030-06-15T12:00:00.000Z"
LATE = "2030-12-31T23:59:59.999Z"


def publish(client: httpx.Client, author: User, tag: str, headers: dict[str, str]) -> str:
    """An article with ``tag``, published under these extra headers; its slug."""
    fields = {"title": naming.title(), "description": "d", "body": "b", "tagList": [tag]}
    response = client.post(
        "/articles", json={"article": fields}, headers={**author.headers, **headers}
    )
    article: dict[str, Any] = json_of(response, 201)["article"]
    return str(article["slug"])


def comment(
    client: httpx.Client, author: User, slug: str, headers: dict[str, str]
) -> dict[str, Any]:
    response = client.post(
        f"/articles/{slug}/comments",
        json={"comment": {"body": naming.token()}},
        headers={**author.headers, **headers},
    )
    created: dict[str, Any] = json_of(response, 201)["comment"]
    return created


def test_the_server_takes_the_instant_it_is_given(
    client: httpx.Client, user: User, clock_at: ClockAt
) -> None:
    slug = publish(client, user, naming.tag(), clock_at(SAME))
    article = json_of(client.get(f"/articles/{slug}"), 200)["article"]
    assert article["createdAt"] == article["updatedAt"] == SAME


def test_same_instant_articles_list_the_later_created_first(
    conduit: Conduit, client: httpx.Client, user: User, clock_at: ClockAt
) -> None:
    tag = naming.tag()
    created = [publish(client, user, tag, clock_at(SAME)) for _ in range(4)]
    page = conduit.articles(tag=tag)
    assert [item["slug"] for item in page["articles"]] == list(reversed(created))
    assert {item["createdAt"] for item in page["articles"]} == {SAME}
    second_page = conduit.articles(tag=tag, limit=2, offset=2)
    assert [item["slug"] for item in second_page["articles"]] == [created[1], created[0]]


def test_articles_order_by_creation_time_not_by_creation_order(
    conduit: Conduit, client: httpx.Client, user: User, clock_at: ClockAt
) -> None:
    tag = naming.tag()
    late = publish(client, user, tag, clock_at(LATE))
    early = publish(client, user, tag, clock_at(EARLY))
    middle = publish(client, user, tag, clock_at(SAME))
    page = conduit.articles(tag=tag)
    assert [item["slug"] for item in page["articles"]] == [late, middle, early]


def test_the_feed_breaks_ties_the_same_way(
    conduit: Conduit, client: httpx.Client, make_user: Callable[..., User], clock_at: ClockAt
) -> None:
    reader, first_author, second_author = make_user(), make_user(), make_user()
    conduit.follow(reader, first_author.username)
    conduit.follow(reader, second_author.username)
    tag = naming.tag()
    created = [
        publish(client, author, tag, clock_at(SAME))
        for author in (first_author, second_author, first_author)
    ]
    older = publish(client, second_author, tag, clock_at(EARLY))
    page = conduit.feed(reader)
    assert [item["slug"] for item in page["articles"]] == [*reversed(created), older]


def test_same_instant_comments_list_the_higher_id_first(
    conduit: Conduit,
    client: httpx.Client,
    user: User,
    other_user: User,
    article_by: Callable[..., dict[str, Any]],
    clock_at: ClockAt,
) -> None:
    slug = article_by(user)["slug"]
    same = [comment(client, author, slug, clock_at(SAME)) for author in (user, other_user, user)]
    earliest = comment(client, other_user, slug, clock_at(EARLY))
    latest = comment(client, user, slug, clock_at(LATE))
    listed = conduit.comments(slug)
    expected = [latest, *sorted(same, key=lambda c: c["id"], reverse=True), earliest]
    assert [c["id"] for c in listed] == [c["id"] for c in expected]
    assert [c["createdAt"] for c in listed] == [LATE, SAME, SAME, SAME, EARLY]


@pytest.mark.parametrize("instant", [SAME, EARLY])
def test_an_update_at_or_before_the_last_change_still_moves_updated_at(
    client: httpx.Client, user: User, clock_at: ClockAt, instant: str
) -> None:
    slug = publish(client, user, naming.tag(), clock_at(SAME))
    response = client.put(
        f"/articles/{slug}",
        json={"article": {"body": "changed"}},
        headers={**user.headers, **clock_at(instant)},
    )
    article = json_of(response, 200)["article"]
    assert article["createdAt"] == SAME
    assert article["updatedAt"] == "2030-06-15T12:00:00.001Z"
