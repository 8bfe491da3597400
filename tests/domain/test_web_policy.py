"""The headers every adapter adds, written once."""

from __future__ import annotations

import pytest

from domain import web_policy


@pytest.mark.parametrize("path", ["/api/tags", "/api/articles/x", "/api/no-such-thing", "/"])
def test_every_answer_gets_every_header(path: str) -> None:
    assert web_policy.security_headers(path) == {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "Cache-Control": "no-store",
    }


def test_the_documentation_page_goes_without_a_content_security_policy() -> None:
    headers = web_policy.security_headers("/api/docs")
    assert "Content-Security-Policy" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert len(headers) == 4


def test_the_returned_headers_are_a_copy() -> None:
    web_policy.security_headers("/api/tags")["Cache-Control"] = "public"
    assert web_policy.SECURITY_HEADERS["Cache-Control"] == "no-store"
