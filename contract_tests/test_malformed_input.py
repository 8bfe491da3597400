"""Bodies that are not JSON, not objects, or miss their wrapper; and bad query parameters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import User

JSON_HEADERS = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class Endpoint:
    """A call that takes a JSON body, and what a refused call must leave unchanged."""

    method: str
    path: str
    wrapper: str
    headers: dict[str, str]
    snapshot: Callable[[], object]


@pytest.fixture
def endpoints(
    client: httpx.Client, user: User, article_by: Callable[..., dict[str, Any]]
) -> dict[str, Endpoint]:
    slug = article_by(user, tags=[naming.tag()])["slug"]

    def me() -> object:
        return json_of(client.get("/user", headers=user.headers), 200)

    def article() -> object:
        return json_of(client.get(f"/articles/{slug}"), 200)

    def comments() -> object:
        return json_of(client.get(f"/articles/{slug}/comments"), 200)

    def authored() -> object:
        return json_of(client.get("/articles", params={"author": user.username}), 200)

    def nothing() -> object:
        return None

    return {
        "register": Endpoint("POST", "/users", "user", {}, nothing),
        "login": Endpoint("POST", "/users/login", "user", {}, nothing),
        "update user": Endpoint("PUT", "/user", "user", user.headers, me),
        "create article": Endpoint("POST", "/articles", "article", user.headers, authored),
        "update article": Endpoint("PUT", f"/articles/{slug}", "article", user.headers, article),
        "add comment": Endpoint(
            "POST", f"/articles/{slug}/comments", "comment", user.headers, comments
        ),
    }


ENDPOINTS = [
    "register",
    "login",
    "update user",
    "create article",
    "update article",
    "add comment",
]

NOT_JSON = {
    "truncated object": b'{"user": {',
    "single quotes": b"{'user': {}}",
    "trailing comma": b'{"a": 1,}',
    "bare word": b"hello",
    "html": b"<html></html>",
    "invalid UTF-8": b'{"user": {"username": "\xff\xfe"}}',
    "lone UTF-8 continuation byte": b"\x80",
}

NOT_AN_OBJECT = {
    "empty body": b"",
    "array": b"[]",
    "array of objects": b'[{"user": {}}]',
    "string": b'"text"',
    "number": b"42",
    "null": b"null",
    "true": b"true",
}

WRAPPER_BLANK: dict[str, Callable[[str], object]] = {
    "empty object": lambda wrapper: {},
    "wrapper null": lambda wrapper: {wrapper: None},
    "wrong wrapper": lambda wrapper: {"data": {"title": "x"}},
}

WRAPPER_NOT_OBJECT: dict[str, Callable[[str], object]] = {
    "string": lambda wrapper: {wrapper: "value"},
    "number": lambda wrapper: {wrapper: 1},
    "array": lambda wrapper: {wrapper: [{"body": "x"}]},
    "boolean": lambda wrapper: {wrapper: True},
}


UNREADABLE = [
    *((case, content, "is not valid JSON") for case, content in NOT_JSON.items()),
    *((case, content, "must be a JSON object") for case, content in NOT_AN_OBJECT.items()),
]


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize(
    ("content", "message"),
    [(content, message) for _, content, message in UNREADABLE],
    ids=[case for case, _, _ in UNREADABLE],
)
def test_body_that_is_not_a_json_object_is_422(
    client: httpx.Client, endpoints: dict[str, Endpoint], name: str, content: bytes, message: str
) -> None:
    endpoint = endpoints[name]
    before = endpoint.snapshot()
    response = client.request(
        endpoint.method,
        endpoint.path,
        content=content,
        headers={**JSON_HEADERS, **endpoint.headers},
    )
    assert_errors(response, 422, {"request": [message]})
    assert endpoint.snapshot() == before


BAD_WRAPPERS = [
    *((case, make, "can't be blank") for case, make in WRAPPER_BLANK.items()),
    *((case, make, "must be an object") for case, make in WRAPPER_NOT_OBJECT.items()),
]


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize(
    ("make_body", "message"),
    [(make, message) for _, make, message in BAD_WRAPPERS],
    ids=[case for case, _, _ in BAD_WRAPPERS],
)
def test_missing_null_or_non_object_wrapper_is_422(
    client: httpx.Client,
    endpoints: dict[str, Endpoint],
    name: str,
    make_body: Callable[[str], object],
    message: str,
) -> None:
    endpoint = endpoints[name]
    before = endpoint.snapshot()
    body = make_body(endpoint.wrapper)
    response = client.request(endpoint.method, endpoint.path, json=body, headers=endpoint.headers)
    assert_errors(response, 422, {endpoint.wrapper: [message]})
    assert endpoint.snapshot() == before


def test_json_with_a_charset_is_accepted(client: httpx.Client) -> None:
    name = naming.username()
    body = (
        f'{{"user": {{"username": "{name}", "email": "{name}@example.com", '
        f'"password": "long-enough"}}}}'
    ).encode()
    response = client.post(
        "/users", content=body, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert json_of(response, 201)["user"]["username"] == name


def test_unicode_is_kept(client: httpx.Client, user: User) -> None:
    title = f"Ünïcødé ✓ {naming.token()}"
    payload = {"article": {"title": title, "description": "😀", "body": "日本語"}}
    created = json_of(client.post("/articles", json=payload, headers=user.headers), 201)
    stored = json_of(client.get(f"/articles/{created['article']['slug']}"), 200)["article"]
    assert stored["title"] == title
    assert stored["description"] == "😀"
    assert stored["body"] == "日本語"


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"limit": "x"}, {"limit": ["must be an integer from 1 to 100"]}),
        ({"limit": "0", "tag": "anything"}, {"limit": ["must be an integer from 1 to 100"]}),
        ({"offset": "-3", "limit": "5"}, {"offset": ["must be a non-negative integer"]}),
        ({"offset": "one", "author": "x"}, {"offset": ["must be a non-negative integer"]}),
    ],
)
def test_bad_query_parameters_next_to_good_ones(
    client: httpx.Client, params: dict[str, str], errors: dict[str, list[str]]
) -> None:
    assert_errors(client.get("/articles", params=params), 422, errors)


def test_unknown_query_parameters_are_ignored(client: httpx.Client, user: User) -> None:
    page = json_of(
        client.get("/articles", params={"author": user.username, "sort": "oldest", "page": "9"}),
        200,
    )
    assert page == {"articles": [], "articlesCount": 0}
