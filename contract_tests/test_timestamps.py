"""Timestamps: UTC with milliseconds and `Z`, equal on creation, moving on update."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from contract_tests.support.checks import json_of, parse_timestamp
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
CLOCK_TOLERANCE = timedelta(minutes=5)


def assert_recent(value: str) -> None:
    """A contract timestamp within a few minutes of now, so it is really UTC."""
    assert TIMESTAMP.match(value), value
    moment = parse_timestamp(value)
    assert abs(datetime.now(UTC) - moment) < CLOCK_TOLERANCE, value


def test_new_article_timestamps(user: User, article_by: ArticleFactory) -> None:
    article = article_by(user)
    assert article["createdAt"] == article["updatedAt"]
    assert_recent(article["createdAt"])


def test_new_comment_timestamps(conduit: Conduit, user: User, article_by: ArticleFactory) -> None:
    comment = conduit.comment(user, article_by(user)["slug"])
    assert comment["createdAt"] == comment["updatedAt"]
    assert_recent(comment["createdAt"])


def test_later_articles_have_later_timestamps(user: User, article_by: ArticleFactory) -> None:
    first = article_by(user)
    time.sleep(0.01)
    second = article_by(user)
    assert parse_timestamp(second["createdAt"]) > parse_timestamp(first["createdAt"])


@pytest.mark.parametrize(
    "fields",
    [
        {"body": "Changed body"},
        {"description": "Changed description"},
        {"tagList": ["moved-on"]},
        {"title": "Same"},
    ],
    ids=["body", "description", "tagList", "title"],
)
def test_update_moves_updated_at_only(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    article_by: ArticleFactory,
    fields: dict[str, Any],
) -> None:
    created = article_by(user)
    if fields.get("title") == "Same":
        fields = {"title": created["title"]}
    time.sleep(0.01)
    response = client.put(
        f"/articles/{created['slug']}", json={"article": fields}, headers=user.headers
    )
    updated = json_of(response, 200)["article"]
    assert updated["createdAt"] == created["createdAt"]
    assert parse_timestamp(updated["updatedAt"]) > parse_timestamp(created["updatedAt"])
    assert_recent(updated["updatedAt"])
    assert conduit.article(updated["slug"])["updatedAt"] == updated["updatedAt"]


def test_every_accepted_update_moves_updated_at(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    stamps = []
    for text in ("one", "two", "three"):
        time.sleep(0.01)
        response = client.put(
            f"/articles/{slug}", json={"article": {"body": text}}, headers=user.headers
        )
        stamps.append(json_of(response, 200)["article"]["updatedAt"])
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 3


def test_list_items_carry_the_same_timestamps(
    conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    created = article_by(user)
    item = conduit.articles(author=user.username)["articles"][0]
    assert item["createdAt"] == created["createdAt"]
    assert item["updatedAt"] == created["updatedAt"]
