"""`GET /tags`: every tag in use, sorted, each once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]


def mine(tags: list[str], prefix: str) -> list[str]:
    return [tag for tag in tags if tag.startswith(prefix)]


def test_tags_in_use_are_listed_sorted_and_once(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    prefix = naming.tag()
    article_by(user, tags=[f"{prefix}-b", f"{prefix}-a"])
    article_by(other_user, tags=[f"{prefix}-a", f"{prefix}-c"])
    tags = conduit.tags()
    assert mine(tags, prefix) == [f"{prefix}-a", f"{prefix}-b", f"{prefix}-c"]
    assert len(tags) == len(set(tags))


def test_tags_are_listed_trimmed(conduit: Conduit, user: User, article_by: ArticleFactory) -> None:
    prefix = naming.tag()
    article_by(user, tags=[f"  {prefix}  "])
    tags = conduit.tags()
    assert prefix in tags
    assert f"  {prefix}  " not in tags


@pytest.mark.realworld
def test_tags_need_no_authentication(client: httpx.Client) -> None:
    body = json_of(client.get("/tags"), 200)
    assert isinstance(body["tags"], list)


def test_unused_tags_vanish_when_their_article_is_deleted(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    only_here, shared = naming.tag(), naming.tag()
    gone = article_by(user, tags=[only_here, shared])
    article_by(user, tags=[shared])
    assert {only_here, shared} <= set(conduit.tags())
    assert client.delete(f"/articles/{gone['slug']}", headers=user.headers).status_code == 204
    tags = conduit.tags()
    assert only_here not in tags
    assert shared in tags


def test_cleared_tags_vanish(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    tag = naming.tag()
    slug = article_by(user, tags=[tag])["slug"]
    assert tag in conduit.tags()
    response = client.put(
        f"/articles/{slug}", json={"article": {"tagList": []}}, headers=user.headers
    )
    assert json_of(response, 200)["article"]["tagList"] == []
    assert tag not in conduit.tags()


def test_replaced_tags_are_listed(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    old, new = naming.tag(), naming.tag()
    slug = article_by(user, tags=[old])["slug"]
    response = client.put(
        f"/articles/{slug}", json={"article": {"tagList": [new]}}, headers=user.headers
    )
    assert json_of(response, 200)["article"]["tagList"] == [new]
    tags = conduit.tags()
    assert new in tags
    assert old not in tags


def test_refused_tag_update_keeps_the_tags_listed(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    tag = naming.tag()
    slug = article_by(user, tags=[tag])["slug"]
    response = client.put(
        f"/articles/{slug}", json={"article": {"tagList": None}}, headers=user.headers
    )
    assert response.status_code == 422
    assert tag in conduit.tags()
    assert conduit.article(slug)["tagList"] == [tag]


def test_filtering_by_a_listed_tag_finds_its_articles(
    conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    tag = naming.tag()
    created = article_by(user, tags=[f" {tag} "])
    assert tag in conduit.tags()
    page = conduit.articles(tag=tag)
    assert [item["slug"] for item in page["articles"]] == [created["slug"]]


def test_an_article_s_tags_are_in_code_point_order_whatever_order_they_were_made_in(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    """The tags exist before the article, made one by one by other articles in the reverse of
    code-point order (and so stored in that order), mixing cases that a linguistic collation
    would interleave: neither the order tags were stored in nor the database's sorting gives
    code-point order by accident."""
    suffix = naming.token()
    tags = sorted([f"b{suffix}", f"B{suffix}", f"a{suffix}", f"A{suffix}", f"\u00e9{suffix}"])
    first_made = {tag: article_by(other_user, tags=[tag])["slug"] for tag in reversed(tags)}
    mixed = [tags[2], tags[4], tags[0], tags[3], tags[1]]
    created = article_by(user, tags=mixed)
    assert created["tagList"] == tags
    assert conduit.article(created["slug"])["tagList"] == tags
    by_author = conduit.articles(author=user.username)["articles"]
    assert [article["tagList"] for article in by_author] == [tags]
    by_tag = conduit.articles(tag=tags[0])["articles"]
    assert [(article["slug"], article["tagList"]) for article in by_tag] == [
        (created["slug"], tags),
        (first_made[tags[0]], [tags[0]]),
    ]
