"""The Authorization header: accepted schemes, and every way a token can be wrong."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User
from contract_tests.support.jwt_tokens import (
    claims_of,
    encode_segment,
    sign_hs256,
    unsigned,
)

TOKEN_MISSING = {"token": ["is missing"]}
MISSING_SLUG = "no-such-article-for-auth-checks"

PROTECTED: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/user", None),
    ("PUT", "/user", {"user": {"bio": "x"}}),
    ("POST", "/profiles/nobody-{token}/follow", None),
    ("DELETE", "/profiles/nobody-{token}/follow", None),
    ("GET", "/articles/feed", None),
    ("POST", "/articles", {"article": {"title": "T", "description": "D", "body": "B"}}),
    ("PUT", f"/articles/{MISSING_SLUG}", {"article": {"title": "T"}}),
    ("DELETE", f"/articles/{MISSING_SLUG}", None),
    ("POST", f"/articles/{MISSING_SLUG}/favorite", None),
    ("DELETE", f"/articles/{MISSING_SLUG}/favorite", None),
    ("POST", f"/articles/{MISSING_SLUG}/comments", {"comment": {"body": "B"}}),
    ("DELETE", f"/articles/{MISSING_SLUG}/comments/1", None),
]
PROTECTED_IDS = [f"{method} {path}" for method, path, _ in PROTECTED]


def call(
    client: httpx.Client,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    headers: dict[str, str],
) -> httpx.Response:
    return client.request(method, path.format(token=naming.token()), json=body, headers=headers)


def wrong_secret_token(user: User) -> str:
    return sign_hs256(claims_of(user.token), "not-the-server-secret")


def tampered_token(user: User) -> str:
    header, _, signature = user.token.split(".")
    claims = claims_of(user.token)
    claims["exp"] = int(claims.get("exp", time.time())) + 3600
    return f"{header}.{encode_segment(claims)}.{signature}"


BAD_HEADERS: dict[str, Callable[[User], str]] = {
    "empty value": lambda user: "",
    "scheme only": lambda user: "Token",
    "bare token": lambda user: user.token,
    "basic scheme": lambda user: "Basic dXNlcjpwYXNzd29yZA==",
    "unknown scheme": lambda user: f"JWT {user.token}",
    "glued scheme": lambda user: f"Token{user.token}",
    "not a jwt": lambda user: "Token garbage",
    "three junk parts": lambda user: "Token aaa.bbb.ccc",
    "truncated signature": lambda user: f"Token {user.token[:-4]}",
    "wrong secret": lambda user: f"Token {wrong_secret_token(user)}",
    "wrong secret bearer": lambda user: f"Bearer {wrong_secret_token(user)}",
    "alg none": lambda user: f"Token {unsigned(claims_of(user.token))}",
    "claims changed after signing": lambda user: f"Token {tampered_token(user)}",
}


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED, ids=PROTECTED_IDS)
def test_protected_calls_without_a_header_are_401(
    client: httpx.Client, method: str, path: str, body: dict[str, Any] | None
) -> None:
    assert_errors(call(client, method, path, body, {}), 401, TOKEN_MISSING)


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED, ids=PROTECTED_IDS)
def test_protected_calls_with_a_forged_token_are_401(
    client: httpx.Client, user: User, method: str, path: str, body: dict[str, Any] | None
) -> None:
    headers = {"Authorization": f"Token {wrong_secret_token(user)}"}
    assert_errors(call(client, method, path, body, headers), 401, TOKEN_MISSING)


@pytest.mark.parametrize("case", list(BAD_HEADERS))
def test_bad_authorization_headers_are_401(client: httpx.Client, user: User, case: str) -> None:
    headers = {"Authorization": BAD_HEADERS[case](user)}
    assert_errors(client.get("/user", headers=headers), 401, TOKEN_MISSING)
    # The same user is fine with the proper header, so the refusal is about the header.
    assert json_of(client.get("/user", headers=user.headers), 200)["user"]["username"] == (
        user.username
    )


@pytest.mark.parametrize(
    "scheme", ["Token", "Bearer", "token", "bearer", "TOKEN", "BEARER", "ToKeN", "bEaReR"]
)
def test_token_and_bearer_schemes_are_case_insensitive(
    client: httpx.Client, user: User, scheme: str
) -> None:
    response = client.get("/user", headers={"Authorization": f"{scheme} {user.token}"})
    me = json_of(response, 200)["user"]
    assert me["username"] == user.username
    assert me["token"] == user.token


def test_bearer_works_for_writes(client: httpx.Client, user: User) -> None:
    payload = {"article": {"title": naming.title(), "description": "D", "body": "B"}}
    response = client.post(
        "/articles", json=payload, headers={"Authorization": f"Bearer {user.token}"}
    )
    article = json_of(response, 201)["article"]
    assert article["author"]["username"] == user.username


@pytest.fixture
def optional_auth_paths(user: User, article_by: Callable[..., dict[str, Any]]) -> dict[str, str]:
    slug = article_by(user)["slug"]
    return {
        "profile": f"/profiles/{user.username}",
        "articles": "/articles",
        "article": f"/articles/{slug}",
        "comments": f"/articles/{slug}/comments",
    }


@pytest.mark.parametrize("endpoint", ["profile", "articles", "article", "comments"])
@pytest.mark.parametrize("case", ["not a jwt", "wrong secret", "alg none"])
def test_optional_auth_refuses_a_present_but_bad_token(
    client: httpx.Client,
    user: User,
    optional_auth_paths: dict[str, str],
    endpoint: str,
    case: str,
) -> None:
    path = optional_auth_paths[endpoint]
    assert client.get(path).status_code == 200
    bad = {"Authorization": BAD_HEADERS[case](user)}
    assert_errors(client.get(path, headers=bad), 401, TOKEN_MISSING)


@pytest.mark.parametrize("endpoint", ["profile", "articles", "article", "comments"])
def test_optional_auth_accepts_a_good_token(
    client: httpx.Client, user: User, optional_auth_paths: dict[str, str], endpoint: str
) -> None:
    response = client.get(optional_auth_paths[endpoint], headers=user.headers)
    assert response.status_code == 200


def test_authentication_is_checked_before_ownership(
    client: httpx.Client, user: User, other_user: User, article_by: Callable[..., dict[str, Any]]
) -> None:
    slug = article_by(other_user)["slug"]
    bad = {"Authorization": f"Token {wrong_secret_token(user)}"}
    refused = client.put(f"/articles/{slug}", json={"article": {"body": "x"}}, headers=bad)
    assert_errors(refused, 401, TOKEN_MISSING)
    assert_errors(client.delete(f"/articles/{slug}", headers=bad), 401, TOKEN_MISSING)
    assert_errors(client.delete(f"/articles/{slug}"), 401, TOKEN_MISSING)


# --- tokens signed with the in-process server's own secret -----------------------------------


def test_a_token_signed_with_the_server_secret_is_accepted(
    client: httpx.Client, user: User, signing_secret: str
) -> None:
    claims = claims_of(user.token)
    assert {"sub", "iat", "exp"} <= set(claims)
    claims["iat"] = int(time.time())
    claims["exp"] = int(time.time()) + 600
    token = sign_hs256(claims, signing_secret)
    me = json_of(client.get("/user", headers={"Authorization": f"Token {token}"}), 200)
    assert me["user"]["username"] == user.username


def test_an_expired_token_is_401(client: httpx.Client, user: User, signing_secret: str) -> None:
    claims = claims_of(user.token)
    claims["iat"] = int(time.time()) - 7200
    claims["exp"] = int(time.time()) - 3600
    token = sign_hs256(claims, signing_secret)
    assert_errors(
        client.get("/user", headers={"Authorization": f"Token {token}"}), 401, TOKEN_MISSING
    )


def test_a_token_of_an_unknown_user_is_401(
    client: httpx.Client, conduit: Conduit, user: User, signing_secret: str
) -> None:
    claims = claims_of(user.token)
    unknown = 2_000_000_000
    claims["sub"] = str(unknown) if isinstance(claims["sub"], str) else unknown
    token = sign_hs256(claims, signing_secret)
    assert_errors(
        client.get("/user", headers={"Authorization": f"Token {token}"}), 401, TOKEN_MISSING
    )
    assert conduit.current_user(user)["username"] == user.username


def test_user_calls_echo_the_token_carried_not_a_fresh_one(
    client: httpx.Client, user: User, signing_secret: str
) -> None:
    claims = claims_of(user.token)
    claims["iat"] = int(time.time()) - 3600
    claims["exp"] = int(time.time()) + 3600
    token = sign_hs256(claims, signing_secret)
    assert token != user.token
    headers = {"Authorization": f"Token {token}"}
    assert json_of(client.get("/user", headers=headers), 200)["user"]["token"] == token
    updated = json_of(client.put("/user", json={"user": {"bio": "b"}}, headers=headers), 200)
    assert updated["user"]["token"] == token
    bearer = {"Authorization": f"Bearer {token}"}
    assert json_of(client.get("/user", headers=bearer), 200)["user"]["token"] == token


def arabic_indic(number: str) -> str:
    return "".join(chr(0x0660 + int(digit)) for digit in number)


@pytest.mark.parametrize(
    "subject",
    [
        "arabic-indic digits",
        "full-width digits",
        "leading zero",
        "plus sign",
        "underscore",
        "surrounding space",
        "past 64 bits",
        "number, not string",
    ],
)
def test_a_subject_that_is_not_a_canonical_id_is_401(
    client: httpx.Client, user: User, signing_secret: str, subject: str
) -> None:
    claims = claims_of(user.token)
    sub = str(claims["sub"])
    claims["sub"] = {
        "arabic-indic digits": arabic_indic(sub),
        "full-width digits": "".join(chr(0xFF10 + int(digit)) for digit in sub),
        "leading zero": f"0{sub}",
        "plus sign": f"+{sub}",
        "underscore": f"{sub[:1]}_{sub[1:]}" if len(sub) > 1 else f"{sub}_0",
        "surrounding space": f" {sub} ",
        "past 64 bits": str(2**64 + int(sub)),
        "number, not string": int(sub),
    }[subject]
    token = sign_hs256(claims, signing_secret)
    assert_errors(
        client.get("/user", headers={"Authorization": f"Token {token}"}), 401, TOKEN_MISSING
    )
