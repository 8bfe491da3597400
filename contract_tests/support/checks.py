"""Assertions shared by the contract tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def json_of(response: httpx.Response, status: int) -> Any:
    """The JSON body of a response that must have the given status."""
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url.path}: expected {status}, "
        f"got {response.status_code}: {response.text[:1000]}"
    )
    return response.json()


def assert_errors(response: httpx.Response, status: int, errors: dict[str, list[str]]) -> None:
    """The response is exactly this error body with this status."""
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url.path}: expected {status} {errors}, "
        f"got {response.status_code}: {response.text[:1000]}"
    )
    assert response.json() == {"errors": errors}
    if "token" in errors:
        assert response.headers.get("WWW-Authenticate") == "Token", "a 401 names its scheme"


def assert_no_content(response: httpx.Response) -> None:
    """The response is a 204 with an empty body."""
    assert response.status_code == 204, f"expected 204, got {response.status_code}: {response.text}"
    assert response.content == b""


def parse_timestamp(value: str) -> datetime:
    """A contract timestamp as an aware UTC datetime."""
    return datetime.strptime(value, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
