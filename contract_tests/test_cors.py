"""Browser clients (CORS): preflights for every operation of the contract, and the
``Access-Control-Allow-Origin`` every answer carries for a request that names an origin.

The suite runs against servers with the default setting, any origin (``*``); that a
configured list allows exactly its origins is checked per implementation in ``tests/``.
"""

from __future__ import annotations

import httpx
import pytest

from contract_tests.support.answers import ANSWERS, Clients
from contract_tests.support.conduit import Conduit
from contract_tests.support.openapi_contract import HTTP_METHODS, contract

ORIGIN = "http://browser.example:3000"
PATH_VALUES = {"{slug}": "some-article", "{username}": "someone", "{id}": "1"}


def _concrete(template: str) -> str:
    for name, value in PATH_VALUES.items():
        template = template.replace(name, value)
    return template


OPERATIONS = [
    (method.upper(), _concrete(template))
    for template, item in contract().document["paths"].items()
    for method in item
    if method in HTTP_METHODS
]


def tokens(value: str | None) -> set[str]:
    """The comma-separated items of a header, stripped and lower-cased."""
    return {part.strip().lower() for part in (value or "").split(",") if part.strip()}


def test_every_method_of_the_contract_is_previewed() -> None:
    assert {method for method, _ in OPERATIONS} == {"GET", "POST", "PUT", "DELETE"}
    assert len(OPERATIONS) >= 19


@pytest.mark.parametrize(
    "asked_headers", ["authorization,content-type", "Content-Type, Authorization"]
)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_a_preflight_allows_the_operation(
    raw_client: httpx.Client, method: str, path: str, asked_headers: str
) -> None:
    response = raw_client.options(
        path,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": asked_headers,
        },
    )
    assert 200 <= response.status_code < 300, response.text
    assert response.headers.get("Access-Control-Allow-Origin") == "*"
    assert method.lower() in tokens(response.headers.get("Access-Control-Allow-Methods"))
    allowed = tokens(response.headers.get("Access-Control-Allow-Headers"))
    assert {"authorization", "content-type"} <= allowed
    assert response.headers.get("Access-Control-Max-Age") == "600"
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.fixture
def browser(conduit: Conduit, raw_client: httpx.Client) -> Clients:
    """Requests as a page on another origin sends them."""
    return Clients(conduit=conduit, raw=raw_client, headers={"Origin": ORIGIN})


@pytest.mark.parametrize("answer", ANSWERS)
def test_every_answer_lets_any_origin_read_it(browser: Clients, answer: str) -> None:
    status, request = ANSWERS[answer]
    response = request(browser)
    assert response.status_code == status, response.text
    assert response.headers.get("Access-Control-Allow-Origin") == "*"
    assert "origin" in tokens(response.headers.get("Vary"))
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize("answer", ["200-tags", "401-no-token", "404-unknown-path"])
def test_an_answer_to_a_request_without_origin_has_no_cors_header(
    conduit: Conduit, raw_client: httpx.Client, answer: str
) -> None:
    status, request = ANSWERS[answer]
    response = request(Clients(conduit=conduit, raw=raw_client, headers={}))
    assert response.status_code == status, response.text
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "origin" in tokens(response.headers.get("Vary"))


@pytest.mark.parametrize("path", ["/profiles/a%0Ab", "/articles/a%0Ab/favorite", "/tags%0A"])
def test_a_path_holding_a_newline_is_still_under_the_api(
    raw_client: httpx.Client, path: str
) -> None:
    """The API's prefix decides, whatever the rest of the path holds (a pattern of ``.*$``
    stops at a newline)."""
    response = raw_client.get(path, headers={"Origin": ORIGIN})
    assert response.status_code in {401, 404, 405}, response.text
    assert response.headers.get("Access-Control-Allow-Origin") == "*"
    assert "origin" in tokens(response.headers.get("Vary"))
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
