"""One error hierarchy; each class pairs with one status and body of the HTTP contract."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

BLANK = "can't be blank"
TAKEN = "has already been taken"
TOKEN_MISSING = "is missing"
CREDENTIALS_INVALID = "invalid"
NOT_FOUND = "not found"
FORBIDDEN = "forbidden"
INVALID = "is invalid"
NOT_A_STRING = "must be a string"
NOT_A_STRING_LIST = "must be an array of strings"
NOT_AN_OBJECT = "must be an object"
NOT_JSON = "is not valid JSON"
TOO_DEEP = "is nested too deeply"
NOT_A_JSON_OBJECT = "must be a JSON object"
BLANK_TAG = "can't contain a blank tag"
FOLLOW_SELF = "can't follow yourself"
LIMIT_RANGE = "must be an integer from 1 to 100"
OFFSET_RANGE = "must be a non-negative integer"
METHOD_NOT_ALLOWED = "not allowed"
TOO_LARGE = "is too large"
INTERNAL_ERROR = "internal error"
UNAVAILABLE = "unavailable"

# What a framework refuses before the domain is reached, by HTTP status: the key and message.
_FRAMEWORK_REFUSALS = {
    404: ("path", NOT_FOUND),
    405: ("method", METHOD_NOT_ALLOWED),
    413: ("request", TOO_LARGE),
    431: ("request", TOO_LARGE),  # a request's head past the servers' bound
    500: ("server", INTERNAL_ERROR),
    503: ("database", UNAVAILABLE),
}


def refusal_body(status: int) -> dict[str, dict[str, list[str]]]:
    """The body for an HTTP error the framework answers itself (unknown path, wrong method,
    body or head too large, unexpected failure, database out of reach); any other status is
    ``{"request": ["is invalid"]}``."""
    key, message = _FRAMEWORK_REFUSALS.get(status, ("request", INVALID))
    return {"errors": {key: [message]}}


def too_short(minimum: int) -> str:
    """The message for a value under its minimum length."""
    return f"is too short (minimum is {minimum} characters)"


def too_long(maximum: int) -> str:
    """The message for a value over its maximum length."""
    return f"is too long (maximum is {maximum} characters)"


class DomainError(Exception):
    """A refusal the contract describes: a status and ``{"errors": {key: [messages]}}``."""

    http_status: ClassVar[int] = 500

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        self.errors: dict[str, list[str]] = {key: list(msgs) for key, msgs in errors.items()}
        super().__init__(self.errors)

    @classmethod
    def of(cls, key: str, message: str) -> DomainError:
        """An error with one key and one message."""
        return cls({key: [message]})

    def body(self) -> dict[str, dict[str, list[str]]]:
        """The JSON body the contract answers with."""
        return {"errors": self.errors}

    def headers(self) -> dict[str, str]:
        """Headers the answer carries beside the body."""
        return {}


class ValidationFailed(DomainError):
    """Input that breaks a rule of shape or value (422)."""

    http_status = 422


class Unauthorized(DomainError):
    """No valid token, or wrong credentials (401)."""

    http_status = 401

    @classmethod
    def token(cls) -> Unauthorized:
        """No token, or one that is not valid."""
        return cls({"token": [TOKEN_MISSING]})

    def headers(self) -> dict[str, str]:
        """A refused token names the scheme that authenticates (RFC 9110 asks a 401 for one)."""
        return {"WWW-Authenticate": "Token"} if "token" in self.errors else {}

    @classmethod
    def credentials(cls) -> Unauthorized:
        """An unknown email or a wrong password."""
        return cls({"credentials": [CREDENTIALS_INVALID]})


class Forbidden(DomainError):
    """The resource exists but belongs to someone else (403)."""

    http_status = 403


class NotFound(DomainError):
    """No such article, profile or comment (404)."""

    http_status = 404


class Conflict(DomainError):
    """A unique value another record already has (409)."""

    http_status = 409


class SlugTaken(Exception):
    """Raised by an article repository when a slug is already in use."""


class DatabaseUnavailable(DomainError):
    """The database cannot be reached: refused, timed out or lost connections (503).

    Raised by the storages in place of their drivers' connection errors, never for an error
    of a statement; the request may be retried once the database is back.
    """

    http_status = 503

    def __init__(self) -> None:
        super().__init__(refusal_body(503)["errors"])
