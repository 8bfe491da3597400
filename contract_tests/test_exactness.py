"""Filters and removals touch exactly what they name, with a near-miss neighbour in the data.

Each test arranges look-alikes next to the thing it acts on (a tag that contains the filtered
tag, a second followed author, another reader's favorite) and checks they are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, assert_no_content, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]
UserFactory = Callable[..., User]


def slugs(page: dict[str, Any]) -> list[str]:
    return [article["slug"] for article in page["articles"]]


def near_misses(name: str) -> list[str]:
    """Values a sloppy match (substring, prefix, case, LIKE wildcard) confuses with ``name``."""
    return [f"{name}x", f"x{name}", name[:-1], name.upper(), f"{name[:-1]}_", f"{name[:-1]}%"]


# --- filters ---------------------------------------------------------------------------------


def test_tag_filter_matches_the_whole_tag_only(
    conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    tag = naming.tag()
    wanted = article_by(user, tags=[tag])
    for neighbour in near_misses(tag):
        article_by(user, tags=[neighbour])
    page = conduit.articles(tag=tag)
    assert slugs(page) == [wanted["slug"]]
    assert page["articlesCount"] == 1


@pytest.mark.parametrize("query", ["prefix", "wildcard", "upper"])
def test_tag_filter_with_a_near_miss_finds_nothing(
    conduit: Conduit, user: User, article_by: ArticleFactory, query: str
) -> None:
    tag = naming.tag()
    article_by(user, tags=[tag])
    value = {"prefix": tag[:-1], "wildcard": f"{tag[:-1]}_", "upper": tag.upper()}[query]
    assert conduit.articles(tag=value) == {"articles": [], "articlesCount": 0}


def test_author_filter_matches_the_whole_username_only(
    conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    name = naming.username()
    author = make_user(username=name)
    wanted = article_by(author)
    for neighbour in (f"{name}x", f"{name}.x", name[:-1]):
        article_by(make_user(username=neighbour))
    page = conduit.articles(author=name)
    assert slugs(page) == [wanted["slug"]]
    assert page["articlesCount"] == 1
    assert conduit.articles(author=f"{name[:-1]}_") == {"articles": [], "articlesCount": 0}


def test_favorited_filter_lists_that_readers_favorites_only(
    conduit: Conduit, make_user: UserFactory, user: User, article_by: ArticleFactory
) -> None:
    name = naming.username()
    reader = make_user(username=name)
    look_alike = make_user(username=f"{name}x")
    other_reader = make_user()
    tag = naming.tag()
    mine, theirs, both, nobodys = (article_by(user, tags=[tag]) for _ in range(4))
    for fan, article in [(reader, mine), (look_alike, theirs), (other_reader, theirs)]:
        conduit.favorite(fan, article["slug"])
    for fan in (reader, other_reader):
        conduit.favorite(fan, both["slug"])
    page = conduit.articles(favorited=name)
    assert slugs(page) == [both["slug"], mine["slug"]]
    assert page["articlesCount"] == 2
    assert nobodys["slug"] not in slugs(conduit.articles(favorited=other_reader.username))


def test_filters_combine_with_and(
    conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    author, other_author, reader = make_user(), make_user(), make_user()
    tag, other_tag = naming.tag(), naming.tag()
    wanted = article_by(author, tags=[tag, other_tag])
    decoys = [
        article_by(author, tags=[other_tag]),
        article_by(other_author, tags=[tag]),
        article_by(author, tags=[tag]),
    ]
    for article in [wanted, *decoys[:2]]:
        conduit.favorite(reader, article["slug"])
    page = conduit.articles(tag=tag, author=author.username, favorited=reader.username)
    assert slugs(page) == [wanted["slug"]]
    assert page["articlesCount"] == 1


# --- follows ---------------------------------------------------------------------------------


def test_unfollow_removes_only_that_follow(
    client: httpx.Client, conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    reader, other_reader = make_user(), make_user()
    dropped, kept = make_user(), make_user()
    for follower, followed in [(reader, dropped), (reader, kept), (other_reader, dropped)]:
        conduit.follow(follower, followed.username)
    kept_article = article_by(kept)
    dropped_article = article_by(dropped)
    response = client.delete(f"/profiles/{dropped.username}/follow", headers=reader.headers)
    assert json_of(response, 200)["profile"]["following"] is False

    def following(follower: User, followed: User) -> bool:
        response = client.get(f"/profiles/{followed.username}", headers=follower.headers)
        return bool(json_of(response, 200)["profile"]["following"])

    assert following(reader, kept) is True
    assert following(other_reader, dropped) is True
    assert following(reader, dropped) is False
    assert slugs(conduit.feed(reader)) == [kept_article["slug"]]
    assert slugs(conduit.feed(other_reader)) == [dropped_article["slug"]]


def test_follow_flags_are_per_author_and_per_reader(
    conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    reader, other_reader, followed, not_followed = (make_user() for _ in range(4))
    conduit.follow(reader, followed.username)
    conduit.follow(other_reader, not_followed.username)
    tag = naming.tag()
    article_by(followed, tags=[tag])
    article_by(not_followed, tags=[tag])
    flags = {
        item["author"]["username"]: item["author"]["following"]
        for item in conduit.articles(reader, tag=tag)["articles"]
    }
    assert flags == {followed.username: True, not_followed.username: False}


def test_feed_leaves_out_authors_followed_by_someone_else(
    conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    reader, other_reader, followed, followed_by_other = (make_user() for _ in range(4))
    conduit.follow(reader, followed.username)
    conduit.follow(other_reader, followed_by_other.username)
    mine = article_by(followed)
    article_by(followed_by_other)
    article_by(reader)
    page = conduit.feed(reader)
    assert slugs(page) == [mine["slug"]]
    assert page["articlesCount"] == 1


# --- favorites -------------------------------------------------------------------------------


def test_unfavorite_removes_only_that_favorite(
    client: httpx.Client, conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    author, reader, other_reader = make_user(), make_user(), make_user()
    shared, other = article_by(author), article_by(author)
    conduit.favorite(reader, shared["slug"])
    conduit.favorite(other_reader, shared["slug"])
    conduit.favorite(reader, other["slug"])
    response = client.delete(f"/articles/{shared['slug']}/favorite", headers=reader.headers)
    answered = json_of(response, 200)["article"]
    assert (answered["favorited"], answered["favoritesCount"]) == (False, 1)
    assert conduit.article(shared["slug"], other_reader)["favorited"] is True
    kept = conduit.article(other["slug"], reader)
    assert (kept["favorited"], kept["favoritesCount"]) == (True, 1)


def test_favorite_flags_and_counts_are_per_article_and_per_reader(
    conduit: Conduit, make_user: UserFactory, article_by: ArticleFactory
) -> None:
    author, reader, other_reader, third_reader = (make_user() for _ in range(4))
    tag = naming.tag()
    first, second, third = (article_by(author, tags=[tag]) for _ in range(3))
    for fan, article in [
        (reader, first),
        (other_reader, first),
        (third_reader, first),
        (other_reader, second),
    ]:
        conduit.favorite(fan, article["slug"])
    seen = {
        item["slug"]: (item["favorited"], item["favoritesCount"])
        for item in conduit.articles(reader, tag=tag)["articles"]
    }
    assert seen == {
        first["slug"]: (True, 3),
        second["slug"]: (False, 1),
        third["slug"]: (False, 0),
    }


# --- deletions -------------------------------------------------------------------------------


def test_deleting_a_comment_leaves_its_neighbours(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    article, neighbour = article_by(user), article_by(user)
    doomed = conduit.comment(user, article["slug"])
    kept = [conduit.comment(other_user, article["slug"]), conduit.comment(user, article["slug"])]
    elsewhere = conduit.comment(user, neighbour["slug"])
    response = client.delete(
        f"/articles/{article['slug']}/comments/{doomed['id']}", headers=user.headers
    )
    assert_no_content(response)
    assert [c["id"] for c in conduit.comments(article["slug"])] == [kept[1]["id"], kept[0]["id"]]
    assert [c["id"] for c in conduit.comments(neighbour["slug"])] == [elsewhere["id"]]


def test_deleting_an_article_leaves_its_neighbours(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    tag = naming.tag()
    doomed, kept = article_by(user, tags=[tag]), article_by(user, tags=[tag])
    for article in (doomed, kept):
        conduit.favorite(other_user, article["slug"])
    kept_comment = conduit.comment(other_user, kept["slug"])
    conduit.comment(other_user, doomed["slug"])
    assert_no_content(client.delete(f"/articles/{doomed['slug']}", headers=user.headers))
    assert_errors(client.get(f"/articles/{doomed['slug']}"), 404, {"article": ["not found"]})
    after = conduit.article(kept["slug"], other_user)
    assert (after["favorited"], after["favoritesCount"], after["tagList"]) == (True, 1, [tag])
    assert [c["id"] for c in conduit.comments(kept["slug"])] == [kept_comment["id"]]
    assert tag in conduit.tags()
    assert slugs(conduit.articles(tag=tag)) == [kept["slug"]]
