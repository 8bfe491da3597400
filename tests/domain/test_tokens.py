"""JWT tokens and the ``Authorization`` header (docs/contract.md, "General" and "Users")."""

from __future__ import annotations

from typing import Any

import jwt
import pytest

from domain.errors import Unauthorized
from domain.tokens import Principal, TokenCodec, principal_from_header
from tests.domain.support import OTHER_SECRET, SECRET, TOKEN_TTL, Clock, expect_error

TOKEN_MISSING = {"token": ["is missing"]}


def test_issue_puts_sub_iat_and_exp_in_an_hs256_token(tokens: TokenCodec, clock: Clock) -> None:
    token = tokens.issue(42)
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims == {"sub": "42", "iat": int(clock()), "exp": int(clock()) + TOKEN_TTL}


def test_verify_answers_the_user_id(tokens: TokenCodec) -> None:
    assert tokens.verify(tokens.issue(7)) == 7


def test_token_is_valid_until_just_before_expiry(tokens: TokenCodec, clock: Clock) -> None:
    token = tokens.issue(7)
    clock.advance(TOKEN_TTL - 1)
    assert tokens.verify(token) == 7


@pytest.mark.parametrize("later", [TOKEN_TTL, TOKEN_TTL + 1, 10 * TOKEN_TTL])
def test_expired_token_is_refused(tokens: TokenCodec, clock: Clock, later: int) -> None:
    token = tokens.issue(7)
    clock.advance(later)
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(token)


def test_token_signed_with_another_secret_is_refused(tokens: TokenCodec, clock: Clock) -> None:
    other = TokenCodec(OTHER_SECRET, TOKEN_TTL, clock=clock)
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(other.issue(7))


def test_tampered_signature_is_refused(tokens: TokenCodec) -> None:
    header, payload, signature = tokens.issue(7).split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(f"{header}.{payload}.{flipped}")


def test_tampered_payload_is_refused(tokens: TokenCodec) -> None:
    _, _, signature = tokens.issue(7).split(".")
    forged = tokens.issue(8).split(".")
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(f"{forged[0]}.{forged[1]}.{signature}")


@pytest.mark.parametrize(
    "garbage", ["", "garbage", "a.b.c", "Token", "eyJhbGciOiJIUzI1NiJ9..", "🐉.🐉.🐉"]
)
def test_garbage_is_refused(tokens: TokenCodec, garbage: str) -> None:
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(garbage)


def claims_now(clock: Clock, **claims: Any) -> dict[str, Any]:
    issued = int(clock())
    return {"sub": "7", "iat": issued, "exp": issued + TOKEN_TTL} | claims


@pytest.mark.parametrize("missing", ["sub", "iat", "exp"])
def test_token_without_a_required_claim_is_refused(
    tokens: TokenCodec, clock: Clock, missing: str
) -> None:
    claims = claims_now(clock)
    del claims[missing]
    token = jwt.encode(claims, SECRET, algorithm="HS256")
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(token)


@pytest.mark.parametrize(
    "sub",
    [
        *["alice", "", "7.5", 7, None, "\u0667", "\u00b2", "\uff17", " 7", "+7", "07", "7_0"],
        *["-7", "0", str(2**63), "9" * 30],
    ],
)
def test_token_whose_subject_is_not_an_id_is_refused(
    tokens: TokenCodec, clock: Clock, sub: object
) -> None:
    token = jwt.encode(claims_now(clock, sub=sub), SECRET, algorithm="HS256")
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(token)


def test_token_with_another_algorithm_is_refused(clock: Clock) -> None:
    long_secret = SECRET * 2  # HS512 wants 64 bytes
    codec = TokenCodec(long_secret, TOKEN_TTL, clock=clock)
    token = jwt.encode(claims_now(clock), long_secret, algorithm="HS512")
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        codec.verify(token)


def test_unsigned_token_is_refused(tokens: TokenCodec, clock: Clock) -> None:
    token = jwt.encode(claims_now(clock), None, algorithm="none")
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(token)


def test_iat_in_the_future_is_accepted(tokens: TokenCodec, clock: Clock) -> None:
    token = jwt.encode(claims_now(clock, iat=int(clock()) + 600), SECRET, algorithm="HS256")
    assert tokens.verify(token) == 7


@pytest.mark.parametrize(
    "header",
    [
        "Token {t}",
        "Bearer {t}",
        "token {t}",
        "BEARER {t}",
        "tOkEn {t}",
        "  Token {t}  ",
        "Token    {t}",
    ],
)
def test_header_schemes(tokens: TokenCodec, header: str) -> None:
    token = tokens.issue(7)
    assert principal_from_header(header.format(t=token), tokens) == Principal(7, token)


def test_no_header_is_anonymous(tokens: TokenCodec) -> None:
    assert principal_from_header(None, tokens) is None


@pytest.mark.parametrize(
    "header",
    ["", "   ", "Token", "Token   ", "Basic {t}", "JWT {t}", "{t}", "Token{t}", "Token garbage"],
)
def test_bad_headers_are_unauthorized(tokens: TokenCodec, header: str) -> None:
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        principal_from_header(header.format(t=tokens.issue(7)), tokens)


def test_header_with_expired_token_is_unauthorized(tokens: TokenCodec, clock: Clock) -> None:
    header = f"Token {tokens.issue(7)}"
    clock.advance(TOKEN_TTL)
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        principal_from_header(header, tokens)


def test_the_largest_64_bit_subject_is_still_an_id(tokens: TokenCodec, clock: Clock) -> None:
    token = jwt.encode(claims_now(clock, sub=str(2**63 - 1)), SECRET, algorithm="HS256")
    assert tokens.verify(token) == 2**63 - 1


@pytest.mark.parametrize("expiry", ["NaN", "Infinity", "-Infinity", "true", '"9999999999"', "null"])
def test_an_expiry_that_is_not_a_finite_number_is_refused(tokens: TokenCodec, expiry: str) -> None:
    """PyJWT reads the payload with a parser that takes NaN and Infinity."""
    payload = f'{{"sub": "7", "iat": 0, "exp": {expiry}}}'
    token = jwt.api_jws.encode(payload.encode(), SECRET, algorithm="HS256")
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        tokens.verify(token)
