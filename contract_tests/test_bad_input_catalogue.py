"""The bad-input catalogue: one table of hostile or broken requests and the exact answers.

Each row is a request (method, path, headers, the raw body bytes) and what the contract
(docs/contract.md, "Bad input") answers: a status and, for a refusal, the exact error body; for
an accepted request, fields the answer must echo exactly. A refused request changes nothing
(the caller, the article and its comments read back the same). An accepted one is stored as
sent: reading it back gives the same.

In bodies and paths, ``FRESH`` stands for a new random token, so that accepted rows never
collide; ``{slug}`` and ``{comment}`` name an article by the caller and a comment on it.
Neighbouring files test some rows more widely (every endpoint for malformed bodies in
``test_malformed_input.py``, NUL characters in ``test_unstorable_input.py``, the check order in
``test_check_order.py``); this table is the one place that lists every kind.
"""

# ruff: noqa: E501 - the table is easier to read one row to a line

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import json_of
from contract_tests.support.conduit import Conduit, User

Errors = dict[str, list[str]]

JSON = {"Content-Type": "application/json"}
MIB = 1024 * 1024
MAX_DEPTH = 64
FRESH = "FRESHNAME"  # as long as the token it stands for, so that sizes stay exact

NOT_JSON: Errors = {"request": ["is not valid JSON"]}
NOT_AN_OBJECT: Errors = {"request": ["must be a JSON object"]}
TOO_DEEP: Errors = {"request": ["is nested too deeply"]}
TOO_LARGE: Errors = {"request": ["is too large"]}
LIMIT: Errors = {"limit": ["must be an integer from 1 to 100"]}
OFFSET: Errors = {"offset": ["must be a non-negative integer"]}
ARTICLE_NOT_FOUND: Errors = {"article": ["not found"]}
PROFILE_NOT_FOUND: Errors = {"profile": ["not found"]}
COMMENT_NOT_FOUND: Errors = {"comment": ["not found"]}
EMPTY_PAGE = {"articles": [], "articlesCount": 0}


@dataclass(frozen=True)
class Case:
    """One row: a request and the contract's answer to it."""

    name: str
    method: str
    path: str
    body: bytes | None
    status: int
    errors: Errors | None = None  # the exact error body of a refusal
    echo: Mapping[str, Any] | None = None  # fields an accepted answer's object must hold
    answer: Any = None  # the exact JSON of an accepted answer, where it is fixed
    headers: Mapping[str, str] = field(default_factory=lambda: dict(JSON))
    auth: bool = False  # sent with the caller's token
    chunked: bool = False  # sent without Content-Length, in pieces


def j(value: object) -> bytes:
    """``value`` as JSON text; non-ASCII characters (lone surrogates too) as ``\\u`` escapes."""
    return json.dumps(value).encode()


def register(**fields: object) -> dict[str, dict[str, object]]:
    """A registration body: valid fields, with these replaced."""
    user = {"username": f"u_{FRESH}", "email": f"{FRESH}@example.com", "password": "password1"}
    return {"user": {**user, **fields}}


def login(**fields: object) -> dict[str, dict[str, object]]:
    return {"user": {"email": f"{FRESH}@example.com", "password": "password1", **fields}}


def article(**fields: object) -> dict[str, dict[str, object]]:
    return {"article": {"title": f"Title {FRESH}", "description": "D", "body": "B", **fields}}


# Every body of the contract: the call, the valid fields a row starts from, its text fields.
BODIES: list[tuple[str, str, str, bool, dict[str, object], list[str]]] = [
    ("register", "POST", "/users", False, register()["user"], ["username", "email", "password"]),
    ("login", "POST", "/users/login", False, login()["user"], ["email", "password"]),
    ("update user", "PUT", "/user", True, {}, ["email", "username", "password", "bio", "image"]),
    ("create article", "POST", "/articles", True, article()["article"], ["title", "description", "body"]),
    ("update article", "PUT", "/articles/{slug}", True, {}, ["title", "description", "body"]),
    ("add comment", "POST", "/articles/{slug}/comments", True, {"body": "B"}, ["body"]),
]  # fmt: skip

WRONG_TYPES: list[tuple[str, object]] = [
    ("number", 1),
    ("boolean", True),
    ("array", ["text"]),
    ("object", {"text": "text"}),
]
BIG_NUMBERS: list[tuple[str, object]] = [
    ("number past 64 bits", 2**64),
    ("negative number past 64 bits", -(2**64) - 1),
]
NULLABLE = {"bio", "image"}


def wrapper_of(path: str) -> str:
    if path.endswith("comments"):
        return "comment"
    return "article" if path.startswith("/articles") else "user"


def body_cases() -> Iterator[Case]:
    """Wrong types and unstorable text in every text field of every body."""
    for call, method, path, auth, base, texts in BODIES:
        wrapper = wrapper_of(path)
        for position, name in enumerate(texts):
            wrong = WRONG_TYPES + BIG_NUMBERS if position == 0 else WRONG_TYPES
            for kind, value in wrong:
                yield Case(
                    f"{call}: {name} is a {kind}",
                    method,
                    path,
                    j({wrapper: {**base, name: value}}),
                    422,
                    {name: ["must be a string"]},
                    auth=auth,
                )
            if name not in NULLABLE and method == "POST":
                yield Case(
                    f"{call}: {name} is null",
                    method,
                    path,
                    j({wrapper: {**base, name: None}}),
                    422,
                    {name: ["can't be blank"]},
                    auth=auth,
                )
            for kind, text in UNSTORABLE if position == 0 else UNSTORABLE[:1]:
                yield Case(
                    f"{call}: {name} holds {kind}",
                    method,
                    path,
                    j({wrapper: {**base, name: text}}),
                    422,
                    {name: ["is invalid"]},
                    auth=auth,
                )
        if wrapper == "article":
            for kind, value in [("a string", "tag"), ("an object", {"t": "t"}), ("null", None)]:
                if value is None and method == "POST":
                    continue  # a new article's null tagList is tested below
                yield Case(
                    f"{call}: tagList is {kind}",
                    method,
                    path,
                    j({wrapper: {**base, "tagList": value}}),
                    422,
                    {"tagList": ["must be an array of strings"]},
                    auth=auth,
                )
            for kind, value in [("a number", 1), ("null", None), ("an array", ["a"])]:
                yield Case(
                    f"{call}: a tag is {kind}",
                    method,
                    path,
                    j({wrapper: {**base, "tagList": ["fine", value]}}),
                    422,
                    {"tagList": ["must be an array of strings"]},
                    auth=auth,
                )
            for kind, text in UNSTORABLE:
                yield Case(
                    f"{call}: a tag holds {kind}",
                    method,
                    path,
                    j({wrapper: {**base, "tagList": ["fine", text]}}),
                    422,
                    {"tagList": ["is invalid"]},
                    auth=auth,
                )


# Text valid JSON can carry but no database can store: refused as `is invalid`, like NUL.
UNSTORABLE: list[tuple[str, str]] = [
    ("a lone high surrogate", "a\ud800b"),
    ("a lone low surrogate", "a\udfffb"),
    ("surrogates in the wrong order", "a\udc00\ud800b"),
    ("a NUL character", "a\u0000b"),
]

POST_USERS = ("POST", "/users")
NEW_ARTICLE = ("POST", "/articles")


def short(value: str) -> str:
    """A value as a test id names it."""
    return value if len(value) <= 30 else f"{value[:3]}...({len(value)} characters)"


def deep(levels: int, inner: str = "") -> str:
    return "[" * levels + inner + "]" * levels


SQL = "Robert'); DROP TABLE articles;--"
HTML = '<script>alert("x")</script>'
PADDING = b" " * MIB  # white space, valid JSON anywhere between tokens

CASES: list[Case] = [
    # --- bodies that are not JSON objects ------------------------------------------------
    Case("truncated JSON", *POST_USERS, b'{"user": {', 422, NOT_JSON),
    Case("single quotes", *POST_USERS, b"{'user': {}}", 422, NOT_JSON),
    Case("trailing comma", *POST_USERS, b'{"user": {},}', 422, NOT_JSON),
    Case("comments in JSON", *POST_USERS, b'{"user": {} /* hi */}', 422, NOT_JSON),
    Case("two JSON values", *POST_USERS, b'{"user": {}} {"user": {}}', 422, NOT_JSON),
    Case("an array, not an object", *POST_USERS, j([register()]), 422, NOT_AN_OBJECT),
    Case("a string, not an object", *POST_USERS, b'"user"', 422, NOT_AN_OBJECT),
    Case("an empty body", *POST_USERS, b"", 422, NOT_AN_OBJECT),
    Case("the wrapper is an array", *POST_USERS, b'{"user": []}', 422, {"user": ["must be an object"]}),
    Case("the wrapper is a string", *NEW_ARTICLE, b'{"article": "x"}', 422, {"article": ["must be an object"]}, auth=True),
    Case("the wrapper is null", *NEW_ARTICLE, b'{"article": null}', 422, {"article": ["can't be blank"]}, auth=True),
    # --- encodings -------------------------------------------------------------------------
    Case("invalid UTF-8", *POST_USERS, b'{"user": {"username": "\xff"}}', 422, NOT_JSON),
    Case("an overlong UTF-8 encoding", *POST_USERS, b'{"user": {"username": "\xc0\xaf"}}', 422, NOT_JSON),
    Case("a UTF-8 encoded surrogate", *POST_USERS, b'{"user": {"username": "\xed\xa0\x80"}}', 422, NOT_JSON),
    Case("a byte order mark", *POST_USERS, b"\xef\xbb\xbf" + j(register()), 422, NOT_JSON),
    Case("UTF-16", *POST_USERS, j(register()).decode().encode("utf-16"), 422, NOT_JSON),
    # --- content types -----------------------------------------------------------------------
    Case("text/plain", *POST_USERS, j(register()), 422, NOT_AN_OBJECT, headers={"Content-Type": "text/plain"}),
    Case("no content type", *POST_USERS, j(register()), 422, NOT_AN_OBJECT, headers={}),
    Case("a form", *POST_USERS, b"user=x", 422, NOT_AN_OBJECT, headers={"Content-Type": "application/x-www-form-urlencoded"}),
    Case("a +json type", *POST_USERS, j(register()), 422, NOT_AN_OBJECT, headers={"Content-Type": "application/merge-patch+json"}),
    Case("charset and case", *POST_USERS, j(register()), 201, echo={"username": f"u_{FRESH}"}, headers={"Content-Type": "Application/JSON; charset=UTF-8"}),
    # --- numbers JSON does not have, and numbers past 64 bits --------------------------------
    Case("NaN", *NEW_ARTICLE, b'{"article": {"title": NaN, "description": "D", "body": "B"}}', 422, NOT_JSON, auth=True),
    Case("Infinity", *POST_USERS, b'{"user": {"username": Infinity}}', 422, NOT_JSON),
    Case("-Infinity", *POST_USERS, b'{"user": {"username": -Infinity}}', 422, NOT_JSON),
    Case("NaN as the body", *POST_USERS, b"NaN", 422, NOT_JSON),
    Case("a hex number", *POST_USERS, b'{"user": {"username": 0x10}}', 422, NOT_JSON),
    Case("a number of 5,000 digits", *POST_USERS, b'{"user": {"username": ' + b"9" * 5000 + b', "email": "e@x.io", "password": "password1"}}', 422, {"username": ["must be a string"]}),
    Case("an exponent past any float", *POST_USERS, b'{"user": {"username": 1e999999, "email": "e@x.io", "password": "password1"}}', 422, {"username": ["must be a string"]}),
    # --- nesting -------------------------------------------------------------------------------
    Case("10,000 levels of arrays", *POST_USERS, deep(10_000).encode(), 422, TOO_DEEP),
    Case("10,000 levels of objects", *POST_USERS, ('{"a":' * 10_000 + "1" + "}" * 10_000).encode(), 422, TOO_DEEP),
    Case("10,000 levels inside a field", *POST_USERS, f'{{"user": {{"bio": {deep(10_000)}}}}}'.encode(), 422, TOO_DEEP),
    Case(f"{MAX_DEPTH + 1} levels", *POST_USERS, f'{{"user": {deep(MAX_DEPTH)}}}'.encode(), 422, TOO_DEEP),
    Case(f"{MAX_DEPTH} levels are read", *POST_USERS, f'{{"user": {deep(MAX_DEPTH - 1)}}}'.encode(), 422, {"user": ["must be an object"]}),
    Case("brackets inside strings are text", *NEW_ARTICLE, j(article(body="[" * 10_000)), 201, echo={"body": "[" * 10_000}, auth=True),
    # --- size: 1 MiB at most, refused before it is read --------------------------------------
    Case("1 MiB exactly", *NEW_ARTICLE, j(article()) + b" " * (MIB - len(j(article()))), 201, echo={"title": f"Title {FRESH}"}, auth=True),
    Case("1 MiB and one byte", *NEW_ARTICLE, j(article()) + b" " * (MIB + 1 - len(j(article()))), 413, TOO_LARGE, auth=True),
    Case("3 MiB", *NEW_ARTICLE, j(article(body="x" * 3 * MIB)), 413, TOO_LARGE, auth=True),
    Case("too large and not JSON", *POST_USERS, b"{" * (MIB + 1), 413, TOO_LARGE),
    Case("too large, before authentication", *NEW_ARTICLE, j(article()) + PADDING, 413, TOO_LARGE),
    Case("chunked", *NEW_ARTICLE, j(article()), 201, echo={"title": f"Title {FRESH}"}, auth=True, chunked=True),
    Case("chunked, growing past 1 MiB", *NEW_ARTICLE, j(article()) + PADDING, 413, TOO_LARGE, auth=True, chunked=True),
    Case("chunked, too large and not JSON", *POST_USERS, b"[" * (2 * MIB), 413, TOO_LARGE, chunked=True),
    # --- lengths --------------------------------------------------------------------------------
    Case("username of 65 characters", *POST_USERS, j(register(username="u" * 65)), 422, {"username": ["is too long (maximum is 64 characters)"]}),
    Case("email of 255 characters", *POST_USERS, j(register(email="e" * 243 + "@example.com")), 422, {"email": ["is too long (maximum is 254 characters)"]}),
    Case("password of 129 characters", *POST_USERS, j(register(password="p" * 129)), 422, {"password": ["is too long (maximum is 128 characters)"]}),
    Case("password of 7 characters", *POST_USERS, j(register(password="p" * 7)), 422, {"password": ["is too short (minimum is 8 characters)"]}),
    Case("title of 256 characters", *NEW_ARTICLE, j(article(title="t" * 256)), 422, {"title": ["is too long (maximum is 255 characters)"]}, auth=True),
    Case("title of 500,000 characters", *NEW_ARTICLE, j(article(title="t" * 500_000)), 422, {"title": ["is too long (maximum is 255 characters)"]}, auth=True),
    Case("tag of 65 characters", *NEW_ARTICLE, j(article(tagList=["t" * 65])), 422, {"tagList": ["is too long (maximum is 64 characters)"]}, auth=True),
    Case("title of 255 non-ASCII characters", *NEW_ARTICLE, j(article(title="é" * 255)), 201, echo={"title": "é" * 255}, auth=True),
    Case("null tagList on a new article", *NEW_ARTICLE, j(article(tagList=None)), 422, {"tagList": ["must be an array of strings"]}, auth=True),
    # --- query parameters: limit and offset -------------------------------------------------------
    *(
        Case(f"limit={short(value)}", "GET", f"/articles?limit={value}", None, 422, LIMIT)
        for value in ["0", "-1", "101", "9223372036854775808", "18446744073709551616", "9" * 5000,
                      "x", "", "1.5", "1e2", "0x10", "%2B5", "%205", "%EF%BC%95", "1_0", "NaN"]
    ),
    *(
        Case(f"offset={value}", "GET", f"/articles?offset={value}", None, 422, OFFSET)
        for value in ["-1", "-9223372036854775809", "x", "", "1.5", "1e2", "%2B5", "%EF%BC%95", "1_0", "Infinity"]
    ),
    Case("limit and offset both wrong", "GET", "/articles?limit=0&offset=-1", None, 422, {**LIMIT, **OFFSET}),
    Case("feed: limit=-1", "GET", "/articles/feed?limit=-1", None, 422, LIMIT, auth=True),
    Case("feed: offset=x", "GET", "/articles/feed?offset=x", None, 422, OFFSET, auth=True),
    Case("limit=1 and offset past 64 bits", "GET", f"/articles?tag={FRESH}&limit=1&offset=18446744073709551616", None, 200, answer=EMPTY_PAGE),
    Case("offset of 5,000 digits", "GET", f"/articles?tag={FRESH}&offset={'9' * 5000}", None, 200, answer=EMPTY_PAGE),
    Case("limit=100 and offset=-0", "GET", f"/articles?tag={FRESH}&limit=100&offset=-0", None, 200, answer=EMPTY_PAGE),
    # --- ids: comment ids are 64-bit integers; anything else is not found -------------------
    *(
        Case(f"comment id {short(value)}", "DELETE", f"/articles/{{slug}}/comments/{value}", None, 404, COMMENT_NOT_FOUND, auth=True)
        for value in ["0", "-1", "9223372036854775807", "9223372036854775808", "18446744073709551616",
                      "9" * 5000, "1.5", "1e3", "%EF%BC%91", "x", "%00"]
    ),
    # --- SQL and HTML metacharacters, non-ASCII text: stored and answered exactly -------------
    Case("SQL in a title", *NEW_ARTICLE, j(article(title=f"{SQL} {FRESH}")), 201, echo={"title": f"{SQL} {FRESH}"}, auth=True),
    Case("HTML in a title, a description and a body", *NEW_ARTICLE, j(article(title=f"{HTML} {FRESH}", description="<b>&amp;</b>", body="<img src=x onerror=alert(1)>")), 201, echo={"title": f"{HTML} {FRESH}", "description": "<b>&amp;</b>", "body": "<img src=x onerror=alert(1)>"}, auth=True),
    Case("metacharacters in tags", *NEW_ARTICLE, j(article(tagList=[f"' OR 1=1 --{FRESH}", f"<i>{FRESH}</i>", f"%_{FRESH}", f"\\{FRESH}"])), 201, echo={"tagList": sorted([f"' OR 1=1 --{FRESH}", f"<i>{FRESH}</i>", f"%_{FRESH}", f"\\{FRESH}"])}, auth=True),
    Case("non-ASCII text", *NEW_ARTICLE, j(article(title=f"Ünïcødé 日本語 😀 {FRESH}", tagList=[f"ταγ{FRESH}"])), 201, echo={"title": f"Ünïcødé 日本語 😀 {FRESH}", "tagList": [f"ταγ{FRESH}"]}, auth=True),
    Case("text after the Basic Multilingual Plane and non-characters", *NEW_ARTICLE, j(article(body="\U0001f600\ufffe\uffff\U0010ffff")), 201, echo={"body": "\U0001f600\ufffe\uffff\U0010ffff"}, auth=True),
    Case("HTML and SQL in a comment", "POST", "/articles/{slug}/comments", j({"comment": {"body": f"{HTML} {SQL}"}}), 201, echo={"body": f"{HTML} {SQL}"}, auth=True),
    Case("HTML and SQL in a bio", "PUT", "/user", j({"user": {"bio": f"{HTML} {SQL}", "image": "javascript:alert(1)"}}), 200, echo={"bio": f"{HTML} {SQL}", "image": "javascript:alert(1)"}, auth=True),
    Case("a non-ASCII username", *POST_USERS, j(register(username=f"Ünïcødé_{FRESH}")), 201, echo={"username": f"Ünïcødé_{FRESH}"}),
    Case("metacharacters in an email", *POST_USERS, j(register(email=f"o'hara+<b>{FRESH}@example.com")), 201, echo={"email": f"o'hara+<b>{FRESH}@example.com"}),
    Case("SQL in a username", *POST_USERS, j(register(username="x' OR '1'='1")), 422, {"username": ["is invalid"]}),
    Case("HTML in a username", *POST_USERS, j(register(username="<b>x</b>")), 422, {"username": ["is invalid"]}),
    Case("SQL in a login", "POST", "/users/login", j(login(email="' OR 1=1 --@x", password="' OR '1'='1")), 401, {"credentials": ["invalid"]}),
    Case("SQL in a slug", "GET", "/articles/x'%20OR%20'1'='1", None, 404, ARTICLE_NOT_FOUND),
    Case("SQL in a slug to delete", "DELETE", "/articles/x';%20DROP%20TABLE%20articles;--", None, 404, ARTICLE_NOT_FOUND, auth=True),
    Case("HTML in a slug", "GET", "/articles/%3Cscript%3Ealert(1)%3C%5Cscript%3E/comments", None, 404, ARTICLE_NOT_FOUND),
    Case("a LIKE pattern as a slug", "GET", "/articles/%25", None, 404, ARTICLE_NOT_FOUND),
    Case("SQL in a username to look up", "GET", "/profiles/x'%20OR%20'1'='1", None, 404, PROFILE_NOT_FOUND),
    Case("a LIKE pattern as a username to follow", "POST", "/profiles/_%25/follow", None, 404, PROFILE_NOT_FOUND, auth=True),
    Case("SQL in a filter", "GET", "/articles?author=x'%20OR%20'1'='1&tag='%20OR%201=1--", None, 200, answer=EMPTY_PAGE),
    Case("a LIKE pattern as a tag filter", "GET", f"/articles?tag=%25{FRESH}%25", None, 200, answer=EMPTY_PAGE),
    # --- text no database can look up, in paths and queries ----------------------------------
    Case("a slug of invalid UTF-8", "GET", "/articles/%FF%FE", None, 404, ARTICLE_NOT_FOUND),
    Case("a slug that is an encoded surrogate", "GET", "/articles/%ED%A0%80", None, 404, ARTICLE_NOT_FOUND),
    Case("a username that is an encoded surrogate", "GET", "/profiles/%ED%A0%80", None, 404, PROFILE_NOT_FOUND),
    Case("filters of invalid UTF-8", "GET", "/articles?tag=%FF&author=%ED%A0%80&favorited=%C0%AF", None, 200, answer=EMPTY_PAGE),
    # --- unstorable text and wrong types in every field of every body --------------------------
    *body_cases(),
]  # fmt: skip


@dataclass
class Scene:
    """The caller, an article of theirs and a comment on it; what refusals must not change."""

    client: httpx.Client
    user: User
    slug: str
    comment: int

    def snapshot(self) -> object:
        return (
            json_of(self.client.get("/user", headers=self.user.headers), 200),
            json_of(self.client.get(f"/articles/{self.slug}"), 200),
            json_of(self.client.get(f"/articles/{self.slug}/comments"), 200),
        )


@pytest.fixture
def scene(client: httpx.Client, conduit: Conduit, user: User) -> Scene:
    slug = conduit.create_article(user, tags=[naming.tag()])["slug"]
    return Scene(client, user, slug, conduit.comment(user, slug)["id"])


def send(scene: Scene, case: Case, fresh: str) -> httpx.Response:
    """The row's request, with ``FRESH`` and the scene's names filled in."""
    path = case.path.replace(FRESH, fresh).format(slug=scene.slug, comment=scene.comment)
    headers = {**case.headers, **(scene.user.headers if case.auth else {})}
    body = None if case.body is None else case.body.replace(FRESH.encode(), fresh.encode())
    if case.chunked and body is not None:
        pieces = [body[start : start + 65536] for start in range(0, len(body), 65536)]
        return scene.client.request(case.method, path, content=iter(pieces), headers=headers)
    return scene.client.request(case.method, path, content=body, headers=headers)


def filled(value: Any, fresh: str) -> Any:
    """``value`` with ``FRESH`` replaced in every string."""
    return json.loads(json.dumps(value).replace(FRESH, fresh))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(client: httpx.Client, scene: Scene, case: Case) -> None:
    fresh = naming.token(len(FRESH))
    before = scene.snapshot() if case.errors is not None else None
    response = send(scene, case, fresh)
    assert response.status_code == case.status, (
        f"{case.name}: expected {case.status}, got {response.status_code}: {response.text[:500]}"
    )
    answer = response.json()
    if case.errors is not None:
        assert answer == {"errors": case.errors}
        assert scene.snapshot() == before, "a refused request changes nothing"
        return
    if case.answer is not None:
        assert answer == filled(case.answer, fresh)
    if case.echo is not None:
        (kind, stored), *_ = answer.items()
        for name, value in filled(case.echo, fresh).items():
            assert stored[name] == value, f"{name} is answered as sent"
        assert read_back(client, kind, stored, scene) == stored, "and stored as sent"


def read_back(client: httpx.Client, kind: str, stored: dict[str, Any], scene: Scene) -> Any:
    """What the API answers for the object just stored, read again."""
    if kind == "article":
        return json_of(client.get(f"/articles/{stored['slug']}"), 200)["article"]
    if kind == "comment":
        comments = json_of(client.get(f"/articles/{scene.slug}/comments"), 200)["comments"]
        return next(comment for comment in comments if comment["id"] == stored["id"])
    headers = {"Authorization": f"Token {stored['token']}"}
    return json_of(client.get("/user", headers=headers), 200)["user"]


def test_the_catalogue_names_each_case_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
