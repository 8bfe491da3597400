"""The order in which a request is checked, and several errors answered at once.

`docs/contract.md`: authentication (401), shape (422), existence (404), ownership (403), values
(422), uniqueness (409). Each test breaks two neighbouring rules at once and expects the
earlier one; within one pass, every offending field is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User

ArticleFactory = Callable[..., dict[str, Any]]
BLANK = ["can't be blank"]
TAKEN = ["has already been taken"]
NOT_A_STRING = ["must be a string"]
INVALID = ["is invalid"]
TOO_SHORT = ["is too short (minimum is 8 characters)"]
TOKEN_MISSING = {"token": ["is missing"]}
FORBIDDEN = {"article": ["forbidden"]}


def missing_slug() -> str:
    return f"missing-{naming.token()}"


# --- authentication before shape -------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "content"),
    [
        ("POST", "/articles", b"{not json"),
        ("PUT", "/user", b"[]"),
        ("PUT", "/articles/any-slug", b'{"article": "text"}'),
        ("POST", "/articles/any-slug/comments", b'{"comment": 5}'),
    ],
)
@pytest.mark.parametrize("authorization", [None, "Token not-a-jwt"])
def test_authentication_comes_before_shape(
    client: httpx.Client, method: str, path: str, content: bytes, authorization: str | None
) -> None:
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    response = client.request(method, path, content=content, headers=headers)
    assert_errors(response, 401, TOKEN_MISSING)


# --- shape before existence ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"article": "text"}, {"article": ["must be an object"]}),
        ({"article": {"title": 5}}, {"title": NOT_A_STRING}),
        ({"article": {}}, {"article": BLANK}),
        ({"article": {"tagList": None}}, {"tagList": ["must be an array of strings"]}),
    ],
)
def test_shape_comes_before_existence_on_update(
    client: httpx.Client, user: User, body: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    response = client.put(f"/articles/{missing_slug()}", json=body, headers=user.headers)
    assert_errors(response, 422, errors)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"comment": {}}, {"body": BLANK}),
        ({"comment": {"body": 5}}, {"body": NOT_A_STRING}),
        ({}, {"comment": BLANK}),
    ],
)
def test_shape_comes_before_existence_on_comment(
    client: httpx.Client, user: User, body: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    response = client.post(f"/articles/{missing_slug()}/comments", json=body, headers=user.headers)
    assert_errors(response, 422, errors)


# --- existence before values -----------------------------------------------------------------


@pytest.mark.parametrize(
    "fields", [{"title": ""}, {"description": "  "}, {"tagList": [" "]}, {"title": "t" * 300}]
)
def test_existence_comes_before_values(
    client: httpx.Client, user: User, fields: dict[str, Any]
) -> None:
    response = client.put(
        f"/articles/{missing_slug()}", json={"article": fields}, headers=user.headers
    )
    assert_errors(response, 404, {"article": ["not found"]})


def test_existence_comes_before_values_on_comment(client: httpx.Client, user: User) -> None:
    response = client.post(
        f"/articles/{missing_slug()}/comments",
        json={"comment": {"body": "   "}},
        headers=user.headers,
    )
    assert_errors(response, 404, {"article": ["not found"]})


# --- shape before ownership, ownership before values ------------------------------------------


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"article": {"title": 5}}, {"title": NOT_A_STRING}),
        ({"article": {"body": None}}, {"body": BLANK}),
        ({"article": {}}, {"article": BLANK}),
    ],
)
def test_shape_comes_before_ownership(
    client: httpx.Client,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
    body: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    slug = article_by(user)["slug"]
    assert_errors(
        client.put(f"/articles/{slug}", json=body, headers=other_user.headers), 422, errors
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"title": "t" * 256},
        {"description": "   "},
        {"body": ""},
        {"tagList": ["", "ok"]},
        {"tagList": ["t" * 65]},
        {"title": "", "body": "", "tagList": [" "]},
    ],
)
def test_ownership_comes_before_values(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    article_by: ArticleFactory,
    fields: dict[str, Any],
) -> None:
    created = article_by(user)
    response = client.put(
        f"/articles/{created['slug']}", json={"article": fields}, headers=other_user.headers
    )
    assert_errors(response, 403, FORBIDDEN)
    assert conduit.article(created["slug"]) == created


# --- values before uniqueness, and several errors in one pass --------------------------------


def register(client: httpx.Client, **fields: Any) -> httpx.Response:
    return client.post("/users", json={"user": fields})


@pytest.mark.parametrize(
    ("taken", "bad", "errors"),
    [
        ("username", {"password": "short"}, {"password": TOO_SHORT}),
        ("email", {"password": "short"}, {"password": TOO_SHORT}),
        ("username", {"email": "not-an-email"}, {"email": INVALID}),
        ("email", {"username": "bad name"}, {"username": INVALID}),
        ("username", {"password": "   "}, {"password": BLANK}),
    ],
)
def test_values_come_before_uniqueness_on_registration(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    taken: str,
    bad: dict[str, str],
    errors: dict[str, list[str]],
) -> None:
    name = naming.username()
    fields = {"username": name, "email": naming.email(name), "password": naming.password()}
    fields[taken] = getattr(user, taken)
    fields.update(bad)
    assert_errors(register(client, **fields), 422, errors)
    assert conduit.login(user.email, user.password).status_code == 200


@pytest.mark.parametrize(
    ("taken", "bad", "errors"),
    [
        ("username", {"password": "short"}, {"password": TOO_SHORT}),
        ("email", {"username": "bad name"}, {"username": INVALID}),
        ("username", {"email": " "}, {"email": BLANK}),
    ],
)
def test_values_come_before_uniqueness_on_update(
    client: httpx.Client,
    conduit: Conduit,
    user: User,
    other_user: User,
    taken: str,
    bad: dict[str, str],
    errors: dict[str, list[str]],
) -> None:
    fields = {taken: getattr(other_user, taken), **bad}
    response = client.put("/user", json={"user": fields}, headers=user.headers)
    assert_errors(response, 422, errors)
    me = conduit.current_user(user)
    assert (me["username"], me["email"]) == (user.username, user.email)


@pytest.mark.parametrize("owners", ["one user", "two users"])
def test_a_registration_taking_both_names_hears_of_both(
    client: httpx.Client, user: User, other_user: User, owners: str
) -> None:
    email_owner = user if owners == "one user" else other_user
    response = register(
        client, username=user.username, email=email_owner.email, password=naming.password()
    )
    assert_errors(response, 409, {"username": TAKEN, "email": TAKEN})


def test_an_update_taking_both_names_hears_of_both_and_changes_nothing(
    client: httpx.Client, conduit: Conduit, user: User, make_user: Callable[..., User]
) -> None:
    first, second = make_user(), make_user()
    response = client.put(
        "/user",
        json={"user": {"username": first.username, "email": second.email, "bio": "new"}},
        headers=user.headers,
    )
    assert_errors(response, 409, {"username": TAKEN, "email": TAKEN})
    me = conduit.current_user(user)
    assert (me["username"], me["email"], me["bio"]) == (user.username, user.email, None)


def test_every_value_error_is_reported_at_once(client: httpx.Client) -> None:
    response = register(client, username="bad name", email="nope", password="short")
    assert_errors(response, 422, {"username": INVALID, "email": INVALID, "password": TOO_SHORT})


def test_every_shape_error_is_reported_at_once_and_hides_value_errors(
    client: httpx.Client,
) -> None:
    response = register(client, username=5, email=None, password="short")
    assert_errors(response, 422, {"username": NOT_A_STRING, "email": BLANK})


def test_every_shape_error_of_an_article_is_reported_at_once(
    client: httpx.Client, user: User
) -> None:
    response = client.post(
        "/articles",
        json={"article": {"title": ["t"], "description": "  ", "tagList": "x"}},
        headers=user.headers,
    )
    assert_errors(
        response,
        422,
        {"title": NOT_A_STRING, "body": BLANK, "tagList": ["must be an array of strings"]},
    )


def test_login_checks_shape_and_values_before_credentials(client: httpx.Client, user: User) -> None:
    shape = client.post("/users/login", json={"user": {"email": 5, "password": "wrong-pass"}})
    assert_errors(shape, 422, {"email": NOT_A_STRING})
    values = client.post("/users/login", json={"user": {"email": " ", "password": ""}})
    assert_errors(values, 422, {"email": BLANK, "password": BLANK})
    good = {"user": {"email": user.email, "password": user.password}}
    assert json_of(client.post("/users/login", json=good), 200)["user"]["email"] == user.email
