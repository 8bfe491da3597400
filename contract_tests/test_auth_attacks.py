"""Attacks on authentication: forged, confused, malformed and oversized tokens.

Every one is a 401 ``{"errors": {"token": ["is missing"]}}`` with ``WWW-Authenticate: Token``,
on a protected call and on one where authentication is optional. Tokens signed with the
server's own secret (algorithm confusion, claims no issued token has) need an in-process
target; the others run against live servers too. ``test_auth_header.py`` covers the schemes
and the commoner forgeries; secrets never appear in answers (last test).
"""

# ruff: noqa: E501 - the tables are easier to read one case to a line

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contract_tests.support import naming
from contract_tests.support.checks import assert_errors, json_of
from contract_tests.support.conduit import Conduit, User
from contract_tests.support.jwt_tokens import b64url_encode, claims_of, encode_segment, sign

TOKEN_MISSING = {"token": ["is missing"]}
ENDPOINTS = ["/user", "/articles"]  # authentication required; authentication optional
HS256 = {"alg": "HS256", "typ": "JWT"}
TEN_KB = 10 * 1024


def payload(user: User, **changes: object) -> str:
    """The user's claims as JSON text, fresh, with ``changes`` (``...`` removes a claim)."""
    now = int(time.time())
    claims: dict[str, Any] = {**claims_of(user.token), "iat": now, "exp": now + 600}
    for name, value in changes.items():
        if value is ...:
            claims.pop(name)
        else:
            claims[name] = value
    return json.dumps(claims)


def raw_payload(user: User, name: str, raw: str) -> str:
    """The user's claims with one claim written as raw JSON text (``NaN`` and the like)."""
    text = payload(user, **{name: "@raw@"})
    return text.replace('"@raw@"', raw)


# Headers any attacker can forge: no secret needed.
FORGED: dict[str, Callable[[User], str]] = {
    "signed with another key": lambda user: sign(HS256, payload(user), "guessed-secret"),
    "another user's signature": lambda user: (
        f"{user.token.rsplit('.', 1)[0]}.{b64url_encode(b'x' * 32)}"
    ),
    "alg none, signature kept": lambda user: (
        f"{encode_segment({'alg': 'none'})}.{user.token.split('.', 1)[1]}"
    ),
    "alg None": lambda user: (
        f"{encode_segment({'alg': 'None'})}.{b64url_encode(payload(user).encode())}."
    ),
    "alg NONE": lambda user: (
        f"{encode_segment({'alg': 'NONE'})}.{b64url_encode(payload(user).encode())}."
    ),
    "alg HS512, another key": lambda user: sign({"alg": "HS512"}, payload(user), "guess", "sha512"),
    "alg RS256, an HMAC signature": lambda user: sign({"alg": "RS256"}, payload(user), "guess"),
    "alg ES256, no signature": lambda user: (
        f"{encode_segment({'alg': 'ES256'})}.{b64url_encode(payload(user).encode())}."
    ),
    "header not JSON": lambda user: f"{b64url_encode(b'{not json')}.{user.token.split('.', 1)[1]}",
    "payload not JSON": lambda user: (
        f"{user.token.split('.')[0]}.{b64url_encode(b'[1,')}.{user.token.split('.')[2]}"
    ),
    "not base64": lambda user: "!!!.???.***",
    "four segments": lambda user: f"{user.token}.{user.token.split('.')[2]}",
    "a space inside": lambda user: f"{user.token} {user.token}",
    "10 KB of junk": lambda user: "a" * TEN_KB,
    "a good token and 10 KB more": lambda user: user.token + "A" * TEN_KB,
    "10 KB of claims, another key": lambda user: sign(
        HS256, payload(user, pad="x" * TEN_KB), "guess"
    ),
}

# Tokens signed with the server's own secret that it must still refuse.
SIGNED: dict[str, Callable[[User], tuple[dict[str, Any], str, str]]] = {
    "alg HS512": lambda user: ({"alg": "HS512", "typ": "JWT"}, payload(user), "sha512"),
    "alg HS384": lambda user: ({"alg": "HS384", "typ": "JWT"}, payload(user), "sha384"),
    "alg hs256, lower case": lambda user: ({"alg": "hs256"}, payload(user), "sha256"),
    "alg RS256, signed with the secret": lambda user: ({"alg": "RS256"}, payload(user), "sha256"),
    "no alg": lambda user: ({"typ": "JWT"}, payload(user), "sha256"),
    "expired a minute ago": lambda user: (HS256, payload(user, exp=int(time.time()) - 60), "sha256"),
    "no exp": lambda user: (HS256, payload(user, exp=...), "sha256"),
    "no sub": lambda user: (HS256, payload(user, sub=...), "sha256"),
    "no iat": lambda user: (HS256, payload(user, iat=...), "sha256"),
    "exp a string": lambda user: (HS256, payload(user, exp=str(int(time.time()) + 600)), "sha256"),
    "exp NaN": lambda user: (HS256, raw_payload(user, "exp", "NaN"), "sha256"),
    "exp Infinity": lambda user: (HS256, raw_payload(user, "exp", "Infinity"), "sha256"),
    "sub of an unknown user": lambda user: (HS256, payload(user, sub="9223372036854775807"), "sha256"),
    "sub 2^63": lambda user: (HS256, payload(user, sub=str(2**63)), "sha256"),
    "sub 2^64 + 1": lambda user: (HS256, payload(user, sub=str(2**64 + 1)), "sha256"),
    "sub of 5,000 digits": lambda user: (HS256, payload(user, sub="9" * 5000), "sha256"),
    "sub negative": lambda user: (HS256, payload(user, sub="-1"), "sha256"),
    "sub zero": lambda user: (HS256, payload(user, sub="0"), "sha256"),
    "sub a float string": lambda user: (HS256, payload(user, sub="1.0"), "sha256"),
    "sub a float": lambda user: (HS256, payload(user, sub=1.5), "sha256"),
    "sub a number past 64 bits": lambda user: (HS256, raw_payload(user, "sub", str(2**64)), "sha256"),
    "sub superscript digits": lambda user: (HS256, payload(user, sub="\u00b9"), "sha256"),
    "sub Devanagari digits": lambda user: (HS256, payload(user, sub="\u0967"), "sha256"),
    "sub empty": lambda user: (HS256, payload(user, sub=""), "sha256"),
    "sub null": lambda user: (HS256, payload(user, sub=None), "sha256"),
    "sub a list": lambda user: (HS256, payload(user, sub=[claims_of(user.token)["sub"]]), "sha256"),
    "sub true": lambda user: (HS256, payload(user, sub=True), "sha256"),
    "payload an array": lambda user: (HS256, "[]", "sha256"),
}  # fmt: skip

SCHEMES: dict[str, Callable[[User], str]] = {
    "empty header": lambda user: "",
    "no scheme": lambda user: user.token,
    "Basic": lambda user: f"Basic {b64url_encode(b'user:password')}",
    "Digest": lambda user: f"Digest {user.token}",
    "scheme twice": lambda user: f"Token Token {user.token}",
    "10 KB header": lambda user: "Token " + "x" * TEN_KB,
    "percent-escapes after the token": lambda user: f"Token {user.token}%C3%A9",
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("case", list(FORGED))
def test_forged_tokens_are_401(client: httpx.Client, user: User, endpoint: str, case: str) -> None:
    headers = {"Authorization": f"Token {FORGED[case](user)}"}
    assert_errors(client.get(endpoint, headers=headers), 401, TOKEN_MISSING)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("case", list(SCHEMES))
def test_wrong_schemes_and_odd_headers_are_401(
    client: httpx.Client, user: User, endpoint: str, case: str
) -> None:
    response = client.get(endpoint, headers={"Authorization": SCHEMES[case](user)})
    assert_errors(response, 401, TOKEN_MISSING)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("case", list(SIGNED))
def test_tokens_signed_with_the_secret_but_not_as_issued_are_401(
    client: httpx.Client, user: User, signing_secret: str, endpoint: str, case: str
) -> None:
    header, claims, digest = SIGNED[case](user)
    token = sign(header, claims, signing_secret, digest)
    response = client.get(endpoint, headers={"Authorization": f"Token {token}"})
    assert_errors(response, 401, TOKEN_MISSING)


def test_the_same_claims_signed_as_issued_are_accepted(
    client: httpx.Client, user: User, signing_secret: str
) -> None:
    """The control for the test above: its refusals are about what each case changes."""
    token = sign(HS256, payload(user), signing_secret)
    me = json_of(client.get("/user", headers={"Authorization": f"Token {token}"}), 200)["user"]
    assert me["username"] == user.username


def test_a_token_with_a_10_kb_claim_signed_with_the_secret_is_accepted(
    client: httpx.Client, user: User, signing_secret: str
) -> None:
    """A header of over 10 KB reaches the application (the servers take 16 KiB)."""
    token = sign(HS256, payload(user, pad="x" * TEN_KB), signing_secret)
    assert len(token) > TEN_KB
    me = json_of(client.get("/user", headers={"Authorization": f"Token {token}"}), 200)["user"]
    assert me["token"] == token


def test_passwords_and_tokens_never_appear_in_answers(
    client: httpx.Client, conduit: Conduit, article_by: Callable[..., dict[str, Any]]
) -> None:
    """A password is never answered; a token only as the ``token`` of its own user's answer."""
    password = f"secret-{naming.token()}"
    user = conduit.register(password=password)
    other = conduit.register()
    new_password = f"secret-{naming.token()}"
    slug = article_by(user)["slug"]
    answers = [
        conduit.login(user.email, password),
        conduit.login(user.email, new_password),  # wrong: refused
        conduit.login(other.email, password),  # another user's password: refused
        client.put("/user", json={"user": {"password": "x" * 129}}, headers=user.headers),
        client.put("/user", json={"user": {"password": new_password}}, headers=user.headers),
        conduit.login(user.email, new_password),
        client.get("/user", headers=user.headers),
        client.get(f"/profiles/{user.username}", headers=other.headers),
        client.post(f"/profiles/{user.username}/follow", headers=other.headers),
        client.get(f"/articles/{slug}", headers=user.headers),
        client.get("/articles", params={"author": user.username}, headers=user.headers),
        client.get("/articles/feed", headers=other.headers),
        client.post(f"/articles/{slug}/comments", json={"comment": {"body": "b"}}, headers=user.headers),
        client.get(f"/articles/{slug}/comments", headers=other.headers),
        client.get("/user", headers={"Authorization": f"Token {user.token}x"}),
        client.get("/user", headers={"Authorization": f"Token {other.token[:-2]}"}),
    ]  # fmt: skip
    tokens = {user.token, other.token} | {
        answer.json()["user"]["token"] for answer in answers if answer.status_code == 200 and "user" in answer.json()
    }  # fmt: skip
    for answer in answers:
        where = f"{answer.request.method} {answer.request.url.path} -> {answer.status_code}"
        text = answer.text
        assert password not in text, f"{where} shows a password"
        assert new_password not in text, f"{where} shows a password"
        own = answer.json().get("user", {}).get("token") if answer.status_code < 300 else None
        for token in tokens - {own}:
            signature = token.rsplit(".", 1)[1]  # the header segment is the same in every token
            assert signature not in text, f"{where} shows a token that is not its own"
