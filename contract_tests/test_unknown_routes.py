"""Paths and methods outside the contract answer in the contract's error format too.

The OpenAPI document describes only the contract's operations, so these requests go through a
plain client instead of the checking one.
"""

from __future__ import annotations

import httpx
import pytest

from contract_tests.support.checks import assert_errors


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-thing",
        "/articles/some-slug/no-such-thing",
        "/profiles",
        "/tags/x",
        "/tags%0A",  # a path is the whole path: a final newline is part of it
        "/users/login%0A",
    ],
)
def test_an_unknown_path_is_404(raw_client: httpx.Client, path: str) -> None:
    response = raw_client.get(path)
    assert_errors(response, 404, {"path": ["not found"]})
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PATCH", "/articles"),
        ("DELETE", "/tags"),
        ("PUT", "/users"),
        ("GET", "/users/login"),
        ("PATCH", "/user"),
        ("PUT", "/profiles/someone/follow"),
    ],
)
def test_a_method_the_path_does_not_serve_is_405(
    raw_client: httpx.Client, method: str, path: str
) -> None:
    response = raw_client.request(method, path)
    assert_errors(response, 405, {"method": ["not allowed"]})
    assert response.headers["content-type"].startswith("application/json")
