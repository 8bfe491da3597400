"""Every answer, success or refusal, carries the headers that keep browsers from reading a
JSON answer as anything else, framing it, caching it, or leaking where it was fetched from."""

from __future__ import annotations

import httpx
import pytest

from contract_tests.support.answers import ANSWERS, Clients
from contract_tests.support.conduit import Conduit

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}


def assert_security_headers(response: httpx.Response) -> None:
    found = {name: response.headers.get(name) for name in SECURITY_HEADERS}
    assert found == SECURITY_HEADERS
    for name in SECURITY_HEADERS:
        assert len(response.headers.get_list(name)) == 1, f"{name} is sent more than once"


@pytest.mark.parametrize("origin", [None, "http://browser.example:3000"])
@pytest.mark.parametrize("answer", ANSWERS)
def test_every_answer_carries_the_security_headers(
    conduit: Conduit, raw_client: httpx.Client, answer: str, origin: str | None
) -> None:
    status, request = ANSWERS[answer]
    headers = {"Origin": origin} if origin else {}
    response = request(Clients(conduit=conduit, raw=raw_client, headers=headers))
    assert response.status_code == status, response.text
    assert_security_headers(response)


def test_a_preflight_answer_carries_them_too(raw_client: httpx.Client) -> None:
    response = raw_client.options(
        "/articles",
        headers={
            "Origin": "http://browser.example:3000",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert 200 <= response.status_code < 300
    assert_security_headers(response)
