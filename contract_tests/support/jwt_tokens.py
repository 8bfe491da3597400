"""Hand-made JSON Web Tokens, built with the standard library only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


def b64url_encode(data: bytes) -> str:
    """Unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded URL-safe base64."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims_of(token: str) -> dict[str, Any]:
    """The payload of a JWT, read without checking its signature."""
    payload = token.split(".")[1]
    claims: dict[str, Any] = json.loads(b64url_decode(payload))
    return claims


def encode_segment(value: dict[str, Any]) -> str:
    """A JSON object as a JWT segment."""
    return b64url_encode(json.dumps(value, separators=(",", ":")).encode())


def sign_hs256(claims: dict[str, Any], secret: str) -> str:
    """A JWT with these claims, signed with HMAC-SHA256."""
    signing_input = f"{encode_segment({'alg': 'HS256', 'typ': 'JWT'})}.{encode_segment(claims)}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url_encode(signature)}"


def unsigned(claims: dict[str, Any]) -> str:
    """A JWT with the `none` algorithm and no signature."""
    return f"{encode_segment({'alg': 'none', 'typ': 'JWT'})}.{encode_segment(claims)}."


def sign(header: dict[str, Any], payload: str, secret: str, digest: str = "sha256") -> str:
    """A JWT of this header and raw JSON payload text, signed with HMAC over ``digest``
    (whatever ``alg`` the header claims); the payload may be JSON no encoder writes."""
    signing_input = f"{encode_segment(header)}.{b64url_encode(payload.encode())}"
    signature = hmac.new(secret.encode(), signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url_encode(signature)}"
