"""Comments on articles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, assert_no_content, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]
ARTICLE_NOT_FOUND = {"article": ["not found"]}
COMMENT_NOT_FOUND = {"comment": ["not found"]}
COMMENT_FORBIDDEN = {"comment": ["forbidden"]}


def add(client: httpx.Client, user: User, slug: str, body: object) -> httpx.Response:
    return client.post(f"/articles/{slug}/comments", json=body, headers=user.headers)


def test_add_comment_answers_201(
    client: httpx.Client, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    comment = json_of(add(client, other_user, slug, {"comment": {"body": "Nice!"}}), 201)["comment"]
    assert comment["body"] == "Nice!"
    assert isinstance(comment["id"], int)
    assert comment["createdAt"] == comment["updatedAt"]
    assert comment["author"] == {
        "username": other_user.username,
        "bio": None,
        "image": None,
        "following": False,
    }


def test_comment_body_is_stored_as_sent(
    conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    created = conduit.comment(user, slug, body="  padded\n")
    assert created["body"] == "  padded\n"
    assert conduit.comments(slug) == [created]


def test_comments_are_listed_newest_first(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    created = [conduit.comment(other_user, slug), conduit.comment(user, slug)]
    created.append(conduit.comment(other_user, slug))
    listed = conduit.comments(slug)
    assert listed == list(reversed(created))
    ids = [comment["id"] for comment in listed]
    assert ids == sorted(ids, reverse=True)


def test_comment_ids_are_unique(conduit: Conduit, user: User, article_by: ArticleFactory) -> None:
    first, second = article_by(user)["slug"], article_by(user)["slug"]
    ids = {conduit.comment(user, first)["id"], conduit.comment(user, second)["id"]}
    ids.add(conduit.comment(user, first)["id"])
    assert len(ids) == 3


@pytest.mark.realworld
def test_comments_belong_to_their_article(
    conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    first, second = article_by(user)["slug"], article_by(user)["slug"]
    on_first = conduit.comment(user, first)
    assert conduit.comments(second) == []
    assert conduit.comments(first) == [on_first]


def test_comment_list_shows_the_readers_follow_state(
    conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    conduit.comment(other_user, slug)
    conduit.follow(user, other_user.username)
    assert conduit.comments(slug, reader=user)[0]["author"]["following"] is True
    assert conduit.comments(slug)[0]["author"]["following"] is False
    assert conduit.comments(slug, reader=other_user)[0]["author"]["following"] is False


def test_comments_of_an_unknown_article_are_404(client: httpx.Client) -> None:
    response = client.get(f"/articles/missing-{naming.token()}/comments")
    assert_errors(response, 404, ARTICLE_NOT_FOUND)


def test_comment_on_an_unknown_article_is_404(client: httpx.Client, user: User) -> None:
    response = add(client, user, f"missing-{naming.token()}", {"comment": {"body": "Hi"}})
    assert_errors(response, 404, ARTICLE_NOT_FOUND)


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"comment": {}}, {"body": ["can't be blank"]}),
        ({"comment": {"body": None}}, {"body": ["can't be blank"]}),
        ({"comment": {"body": ""}}, {"body": ["can't be blank"]}),
        ({"comment": {"body": " \n\t "}}, {"body": ["can't be blank"]}),
        ({"comment": {"body": 5}}, {"body": ["must be a string"]}),
        ({"comment": {"body": ["text"]}}, {"body": ["must be a string"]}),
        ({"comment": {"text": "wrong key"}}, {"body": ["can't be blank"]}),
        ({}, {"comment": ["can't be blank"]}),
        ({"comment": None}, {"comment": ["can't be blank"]}),
        ({"comment": "Hello"}, {"comment": ["must be an object"]}),
        ({"comment": ["Hello"]}, {"comment": ["must be an object"]}),
    ],
)
def test_comment_validation_errors_add_nothing(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    article_by: ArticleFactory,
    payload: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    slug = article_by(user)["slug"]
    assert_errors(add(client, user, slug, payload), 422, errors)
    assert conduit.comments(slug) == []


def test_comment_ignores_unknown_fields(
    client: httpx.Client, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    payload = {"comment": {"body": "Hi", "id": 424242, "author": {"username": "x"}}}
    comment = json_of(add(client, user, slug, payload), 201)["comment"]
    assert comment["author"]["username"] == user.username
    assert comment["body"] == "Hi"


@pytest.mark.realworld
def test_delete_own_comment(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    kept = conduit.comment(user, slug)
    gone = conduit.comment(other_user, slug)
    response = client.delete(f"/articles/{slug}/comments/{gone['id']}", headers=other_user.headers)
    assert_no_content(response)
    assert conduit.comments(slug) == [kept]


def test_delete_comment_twice_is_404(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    comment_id = conduit.comment(user, slug)["id"]
    path = f"/articles/{slug}/comments/{comment_id}"
    assert_no_content(client.delete(path, headers=user.headers))
    assert_errors(client.delete(path, headers=user.headers), 404, COMMENT_NOT_FOUND)


@pytest.mark.parametrize("deleter", ["article author", "stranger"])
def test_only_the_comment_author_may_delete_it(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    make_user: Callable[..., User],
    article_by: ArticleFactory,
    deleter: str,
) -> None:
    slug = article_by(user)["slug"]
    comment = conduit.comment(other_user, slug)
    who = user if deleter == "article author" else make_user()
    response = client.delete(f"/articles/{slug}/comments/{comment['id']}", headers=who.headers)
    assert_errors(response, 403, COMMENT_FORBIDDEN)
    assert conduit.comments(slug) == [comment]


def test_comment_of_another_article_is_404(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    first, second = article_by(user)["slug"], article_by(user)["slug"]
    comment = conduit.comment(user, first)
    response = client.delete(f"/articles/{second}/comments/{comment['id']}", headers=user.headers)
    assert_errors(response, 404, COMMENT_NOT_FOUND)
    assert conduit.comments(first) == [comment]


def test_someone_elses_comment_on_another_article_is_404_before_403(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
) -> None:
    first, second = article_by(user)["slug"], article_by(other_user)["slug"]
    comment = conduit.comment(user, first)
    response = client.delete(
        f"/articles/{second}/comments/{comment['id']}", headers=other_user.headers
    )
    assert_errors(response, 404, COMMENT_NOT_FOUND)


@pytest.mark.parametrize(
    "comment_id",
    [
        *["abc", "1.5", "1e3", "0x1", "-1", "0", "99999999999999999999999"],
        *["\u00b2", "\u0661", "\u0661\u0662", "\uff11", "\u09e7", " 1", "+1", "1_0"],
    ],
)
def test_unknown_or_non_integer_comment_id_is_404(
    client: httpx.Client, user: User, article_by: ArticleFactory, comment_id: str
) -> None:
    slug = article_by(user)["slug"]
    response = client.delete(f"/articles/{slug}/comments/{comment_id}", headers=user.headers)
    assert_errors(response, 404, COMMENT_NOT_FOUND)


def test_delete_comment_of_an_unknown_article_is_404(client: httpx.Client, user: User) -> None:
    response = client.delete(f"/articles/missing-{naming.token()}/comments/1", headers=user.headers)
    assert_errors(response, 404, ARTICLE_NOT_FOUND)


def test_deleting_an_article_deletes_its_comments(
    client: httpx.Client, conduit: Conduit, user: User, other_user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    comment = conduit.comment(other_user, slug)
    assert_no_content(client.delete(f"/articles/{slug}", headers=user.headers))
    assert_errors(client.get(f"/articles/{slug}/comments"), 404, ARTICLE_NOT_FOUND)
    response = client.delete(
        f"/articles/{slug}/comments/{comment['id']}", headers=other_user.headers
    )
    assert_errors(response, 404, ARTICLE_NOT_FOUND)


def test_comment_author_follows_profile_changes(
    client: httpx.Client, conduit: Conduit, user: User, article_by: ArticleFactory
) -> None:
    slug = article_by(user)["slug"]
    conduit.comment(user, slug)
    json_of(client.put("/user", json={"user": {"bio": "Commenter"}}, headers=user.headers), 200)
    assert conduit.comments(slug)[0]["author"]["bio"] == "Commenter"
