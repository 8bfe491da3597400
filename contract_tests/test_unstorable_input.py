"""Input no database can store or look up: NUL characters and offsets past any integer column.

Such input is refused (422 ``is invalid``) or finds nothing; it never reaches the database as
an error of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

NUL = "\u0000"
INVALID = ["is invalid"]


@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_registration_refuses_nul(client: httpx.Client, field: str) -> None:
    fields = {"username": naming.username(), "email": naming.email(), "password": "password1"}
    fields[field] = f"{fields[field][:3]}{NUL}{fields[field][3:]}"
    response = client.post("/users", json={"user": fields})
    assert_errors(response, 422, {field: INVALID})
    login = {"email": fields["email"], "password": fields["password"]}
    assert client.post("/users/login", json={"user": login}).status_code in {401, 422}


@pytest.mark.parametrize("field", ["bio", "image", "username", "email"])
def test_user_update_refuses_nul_and_keeps_the_user(
    client: httpx.Client, conduit: Conduit, user: User, field: str
) -> None:
    before = conduit.current_user(user)
    response = client.put("/user", json={"user": {field: f"a{NUL}b"}}, headers=user.headers)
    assert_errors(response, 422, {field: INVALID})
    assert conduit.current_user(user) == before


def test_login_with_nul_in_the_email_is_refused(client: httpx.Client) -> None:
    response = client.post("/users/login", json={"user": {"email": NUL, "password": "x" * 8}})
    assert_errors(response, 422, {"email": INVALID})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", f"Title {NUL}"),
        ("description", f"Described {NUL}"),
        ("body", f"Body {NUL}"),
        ("tagList", [f"tag{NUL}"]),
    ],
)
def test_article_creation_refuses_nul(
    client: httpx.Client, conduit: Conduit, user: User, field: str, value: object
) -> None:
    fields: dict[str, Any] = {"title": naming.title(), "description": "d", "body": "b"}
    fields[field] = value
    response = client.post("/articles", json={"article": fields}, headers=user.headers)
    assert_errors(response, 422, {field: INVALID})
    assert conduit.articles(author=user.username)["articlesCount"] == 0


def test_comment_refuses_nul(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    article_by: Callable[..., dict[str, Any]],
) -> None:
    slug = article_by(user)["slug"]
    payload = {"comment": {"body": f"hi {NUL}"}}
    response = client.post(f"/articles/{slug}/comments", json=payload, headers=user.headers)
    assert_errors(response, 422, {"body": INVALID})
    assert conduit.comments(slug) == []


@pytest.mark.parametrize("name", ["tag", "author", "favorited"])
def test_list_filters_with_nul_find_nothing(client: httpx.Client, name: str) -> None:
    page = json_of(client.get("/articles", params={name: f"x{NUL}"}), 200)
    assert page == {"articles": [], "articlesCount": 0}


def test_slug_with_nul_is_not_found(client: httpx.Client, user: User) -> None:
    not_found = {"article": ["not found"]}
    assert_errors(client.get("/articles/a%00b"), 404, not_found)
    assert_errors(client.get("/articles/a%00b/comments"), 404, not_found)
    assert_errors(client.post("/articles/a%00b/favorite", headers=user.headers), 404, not_found)


def test_username_with_nul_is_not_found(client: httpx.Client, user: User) -> None:
    not_found = {"profile": ["not found"]}
    assert_errors(client.get("/profiles/a%00b"), 404, not_found)
    assert_errors(client.post("/profiles/a%00b/follow", headers=user.headers), 404, not_found)


@pytest.mark.parametrize("offset", [2**63 - 1, 2**63, 10**30])
def test_offset_past_any_integer_is_an_empty_page(
    client: httpx.Client, user: User, article_by: Callable[..., dict[str, Any]], offset: int
) -> None:
    tag = naming.tag()
    article_by(user, tags=[tag])
    page = json_of(client.get("/articles", params={"tag": tag, "offset": str(offset)}), 200)
    assert page == {"articles": [], "articlesCount": 1}
