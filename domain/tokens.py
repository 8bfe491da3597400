"""JWT access tokens (HS256) and the ``Authorization`` header that carries them."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import jwt

from domain.errors import Unauthorized

ALGORITHM = "HS256"
SCHEMES = frozenset({"token", "bearer"})
# A user id as ``issue`` writes it: ASCII digits, no sign, no leading zero, at most 2^63 - 1.
_SUBJECT = re.compile(r"[1-9][0-9]{0,18}")
_MAX_ID = 2**63 - 1


class TokenCodec:
    """Issues and verifies signed tokens whose subject is a user id."""

    def __init__(
        self, secret: str, ttl_seconds: int, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._secret = secret
        self._ttl = ttl_seconds
        self._clock = clock

    def issue(self, user_id: int) -> str:
        issued = int(self._clock())
        claims = {"sub": str(user_id), "iat": issued, "exp": issued + self._ttl}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str) -> int:
        """The user id in a valid, unexpired token; ``Unauthorized`` otherwise."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={
                    "require": ["sub", "exp", "iat"],
                    "verify_iat": False,
                    "verify_exp": False,
                },
            )
            if not _unexpired(claims["exp"], self._clock()):
                raise Unauthorized.token()
            return _user_id(claims["sub"])
        except (jwt.PyJWTError, ValueError, TypeError) as error:
            raise Unauthorized.token() from error


def _unexpired(expiry: object, now: float) -> bool:
    """Whether ``exp`` is a time still to come: a finite number (the payload is read by a
    JSON parser that takes ``NaN`` and ``Infinity``, which no issued token holds)."""
    if isinstance(expiry, bool) or not isinstance(expiry, int | float):
        return False
    return math.isfinite(expiry) and expiry > now


def _user_id(subject: object) -> int:
    """The id a ``sub`` claim names; anything else ``issue`` never writes is refused."""
    if not isinstance(subject, str) or not _SUBJECT.fullmatch(subject):
        raise Unauthorized.token()
    user_id = int(subject)
    if user_id > _MAX_ID:
        raise Unauthorized.token()
    return user_id


@dataclass(frozen=True, slots=True)
class Principal:
    """Who makes a request, and the token they proved it with."""

    user_id: int
    token: str


def principal_from_header(authorization: str | None, tokens: TokenCodec) -> Principal | None:
    """The caller named by ``Token <jwt>`` or ``Bearer <jwt>``; None when there is no header.

    A header that is present but not a valid token is ``Unauthorized``.
    """
    if authorization is None:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() not in SCHEMES or not token:
        raise Unauthorized.token()
    return Principal(user_id=tokens.verify(token), token=token)
