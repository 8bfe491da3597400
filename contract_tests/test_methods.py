"""Methods per path: ``HEAD`` wherever ``GET`` is served, and 405 with an exact ``Allow``.

Neither ``HEAD`` nor a 405 is an operation of the OpenAPI document, so these requests go through
a plain client; the paths and their methods come from the document itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support.checks import assert_errors
from contract_tests.support.conduit import Conduit, User, headers_of
from contract_tests.support.openapi_contract import contract

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
SAMPLE_VALUES = {"username": "someone", "slug": "some-slug", "id": "1"}
ALLOW_FORMAT = re.compile(r"[A-Z]+(, [A-Z]+)*")


def served(template: str) -> set[str]:
    """The methods a path serves: the document's operations, and ``HEAD`` where ``GET`` is."""
    methods = {method.upper() for method in contract().document["paths"][template]}
    methods &= set(METHODS)
    return methods | {"HEAD"} if "GET" in methods else methods


def concrete(template: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: SAMPLE_VALUES[match.group(1)], template)


NOT_SERVED = [
    (template, method)
    for template in contract().document["paths"]
    for method in METHODS
    if method not in served(template)
]


def test_every_path_of_the_document_is_checked() -> None:
    assert len(contract().document["paths"]) == 12
    assert served("/articles") == {"GET", "HEAD", "POST"}
    assert served("/articles/feed") == {"GET", "HEAD"}
    assert ("/articles/feed", "PUT") in NOT_SERVED


def assert_not_allowed(response: httpx.Response, template: str) -> None:
    if response.request.method == "HEAD":
        assert response.status_code == 405
        assert response.content == b""
    else:
        assert_errors(response, 405, {"method": ["not allowed"]})
    assert response.headers["content-type"].startswith("application/json")
    allow = response.headers.get("Allow", "")
    assert ALLOW_FORMAT.fullmatch(allow), f"Allow: {allow!r} is not `A, B, ...`"
    assert set(allow.split(", ")) == served(template)


@pytest.mark.parametrize(("template", "method"), NOT_SERVED)
def test_a_method_the_path_does_not_serve_is_405_naming_the_paths_methods(
    raw_client: httpx.Client, template: str, method: str
) -> None:
    assert_not_allowed(raw_client.request(method, concrete(template)), template)


@pytest.mark.parametrize(
    ("template", "method"), [case for case in NOT_SERVED if case[1] in {"PUT", "PATCH", "DELETE"}]
)
def test_a_signed_in_caller_gets_the_same_405(
    raw_client: httpx.Client, user: User, template: str, method: str
) -> None:
    response = raw_client.request(method, concrete(template), headers=user.headers)
    assert_not_allowed(response, template)


def test_no_article_takes_the_feeds_path(
    conduit: Conduit, raw_client: httpx.Client, user: User
) -> None:
    article = conduit.create_article(user, title="Feed")
    assert re.fullmatch(r"feed-[a-z0-9]{8}", article["slug"])
    assert conduit.article(article["slug"])["title"] == "Feed"
    assert conduit.feed(user)["articlesCount"] == 0
    for method in ("PUT", "DELETE"):
        assert_not_allowed(
            raw_client.request(method, "/articles/feed", headers=user.headers), "/articles/feed"
        )


# What each GET path reads, made to exist first: the path to ask, given the test's user.
Arrange = Callable[[Conduit, User], str]
GET_PATHS: dict[str, Arrange] = {
    "/user": lambda conduit, user: "/user",
    "/profiles/{username}": lambda conduit, user: f"/profiles/{user.username}",
    "/articles": lambda conduit, user: "/articles?limit=2",
    "/articles/feed": lambda conduit, user: "/articles/feed",
    "/articles/{slug}": lambda conduit, user: f"/articles/{conduit.create_article(user)['slug']}",
    "/articles/{slug}/comments": lambda conduit, user: (
        f"/articles/{conduit.create_article(user)['slug']}/comments"
    ),
    "/tags": lambda conduit, user: "/tags",
}
SAME_HEADERS = ("content-type", "content-length", "www-authenticate")


def test_every_get_path_is_checked_for_head() -> None:
    assert set(GET_PATHS) == {t for t in contract().document["paths"] if "GET" in served(t)}


def assert_head_answers_as_get(client: httpx.Client, path: str, headers: dict[str, str]) -> None:
    get = client.get(path, headers=headers)
    head = client.head(path, headers=headers)
    assert head.status_code == get.status_code, (
        f"HEAD {path}: {head.status_code}, GET {get.status_code}"
    )
    assert head.content == b"", f"HEAD {path} has a body"
    assert get.content, f"GET {path} has no body"
    assert int(get.headers["content-length"]) == len(get.content)
    for name in SAME_HEADERS:
        assert head.headers.get(name) == get.headers.get(name), f"HEAD {path}: {name}"


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
@pytest.mark.parametrize("template", sorted(GET_PATHS))
def test_head_answers_as_get_without_a_body(
    conduit: Conduit, raw_client: httpx.Client, user: User, template: str, signed_in: bool
) -> None:
    path = GET_PATHS[template](conduit, user)
    assert_head_answers_as_get(raw_client, path, headers_of(user if signed_in else None))


@pytest.mark.parametrize(
    "path", ["/profiles/nobody-here", "/articles/no-such-article", "/articles/no-such/comments"]
)
def test_head_of_a_missing_resource_is_the_same_404(raw_client: httpx.Client, path: str) -> None:
    assert_head_answers_as_get(raw_client, path, {})
    assert raw_client.get(path).status_code == 404


def test_head_with_a_bad_token_is_the_same_401(raw_client: httpx.Client) -> None:
    headers: dict[str, Any] = {"Authorization": "Token not-a-token"}
    assert_head_answers_as_get(raw_client, "/articles", headers)
    assert raw_client.get("/articles", headers=headers).status_code == 401
