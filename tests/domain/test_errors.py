"""The error hierarchy pairs each class with one status and one body shape."""

from __future__ import annotations

import pytest

from domain.errors import (
    Conflict,
    DatabaseUnavailable,
    DomainError,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
    refusal_body,
    too_long,
    too_short,
)
from domain.unset import UNSET


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (DomainError, 500),
        (ValidationFailed, 422),
        (Unauthorized, 401),
        (Forbidden, 403),
        (NotFound, 404),
        (Conflict, 409),
    ],
)
def test_each_error_class_has_its_status(kind: type[DomainError], status: int) -> None:
    error = kind.of("field", "message")
    assert type(error) is kind
    assert error.http_status == status
    assert error.errors == {"field": ["message"]}
    assert error.body() == {"errors": {"field": ["message"]}}


def test_errors_are_copied_into_lists() -> None:
    later = ["three"]
    error = ValidationFailed({"a": ("one", "two"), "b": later})
    later.append("four")
    assert error.errors == {"a": ["one", "two"], "b": ["three"]}
    assert error.args == ({"a": ["one", "two"], "b": ["three"]},)


def test_unauthorized_shortcuts() -> None:
    assert Unauthorized.token().errors == {"token": ["is missing"]}
    assert Unauthorized.credentials().errors == {"credentials": ["invalid"]}
    assert Unauthorized.token().http_status == 401


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (too_short(8), "is too short (minimum is 8 characters)"),
        (too_long(64), "is too long (maximum is 64 characters)"),
    ],
)
def test_length_messages(message: str, expected: str) -> None:
    assert message == expected


def test_unset_marker_repr_and_identity() -> None:
    assert repr(UNSET) == "UNSET"
    assert UNSET is not None
    assert bool(UNSET)


def test_a_refused_token_names_its_scheme_and_nothing_else_adds_headers() -> None:
    assert Unauthorized.token().headers() == {"WWW-Authenticate": "Token"}
    assert Unauthorized.credentials().headers() == {}
    assert ValidationFailed.of("title", "can't be blank").headers() == {}


def test_refusals_the_framework_makes_share_one_body_each() -> None:
    assert refusal_body(404) == {"errors": {"path": ["not found"]}}
    assert refusal_body(405) == {"errors": {"method": ["not allowed"]}}
    assert refusal_body(413) == {"errors": {"request": ["is too large"]}}
    assert refusal_body(500) == {"errors": {"server": ["internal error"]}}
    assert refusal_body(503) == {"errors": {"database": ["unavailable"]}}
    assert refusal_body(429) == {"errors": {"request": ["is invalid"]}}


def test_an_unreachable_database_is_a_503_with_the_refusal_body() -> None:
    error = DatabaseUnavailable()
    assert error.http_status == 503
    assert error.body() == refusal_body(503) == {"errors": {"database": ["unavailable"]}}
    assert error.headers() == {}
