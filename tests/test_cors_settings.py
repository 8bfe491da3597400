"""``CORS_ALLOWED_ORIGINS`` set to a list: every implementation, served by its own ``serve``
command, lets exactly those origins read its answers, and no other."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from contract_tests.support.network import tls
from tests import servers
from tests.conftest import fresh_database

ALLOWED = ("http://localhost:5173", "https://app.example:8443")
REFUSED = (
    "http://evil.example",
    "http://localhost:5174",  # another port
    "https://localhost:5173",  # another scheme
    "https://app.example",  # the default port is another port
    "null",
)


def _preflight(base_url: str, origin: str) -> httpx.Response:
    return httpx.options(
        f"{base_url}/api/articles",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
        timeout=10,
        verify=tls(),
    )


def _answers(base_url: str, origin: str) -> list[httpx.Response]:
    """A success and a refusal, asked from ``origin``."""
    headers = {"Origin": origin}
    return [
        httpx.get(f"{base_url}/api/tags", headers=headers, timeout=10, verify=tls()),
        httpx.get(f"{base_url}/api/user", headers=headers, timeout=10, verify=tls()),
    ]


@pytest.fixture(scope="module")
def launched(
    impl: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[servers.Launched]:
    """The variant served with ``ALLOWED`` and, beside it, a ``serve`` given a URL for an
    origin."""
    with fresh_database(request.config, tmp_path_factory.mktemp("database")) as url:
        allowing = servers.environment(url, "c" * 40, CORS_ALLOWED_ORIGINS=",".join(ALLOWED))
        not_an_origin = servers.environment(
            url, "c" * 40, CORS_ALLOWED_ORIGINS="https://app.example/"
        )
        with servers.launched(impl, allowing, {"not an origin": not_an_origin}) as launched:
            yield launched


@pytest.mark.parametrize("impl", servers.variants(), scope="module")
def test_a_configured_list_allows_exactly_its_origins(launched: servers.Launched) -> None:
    base_url = launched.base_url.result()
    for origin in ALLOWED:
        preflight = _preflight(base_url, origin)
        assert preflight.status_code == 200, (origin, preflight.text)
        assert preflight.headers.get("Access-Control-Allow-Origin") == origin
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
        for answer in _answers(base_url, origin):
            assert answer.status_code in {200, 401}
            assert answer.headers.get("Access-Control-Allow-Origin") == origin
            assert "origin" in answer.headers.get("Vary", "").lower()
            assert "Access-Control-Allow-Credentials" not in answer.headers
    for origin in REFUSED:
        preflight = _preflight(base_url, origin)
        assert "Access-Control-Allow-Origin" not in preflight.headers, origin
        for answer in _answers(base_url, origin):
            assert answer.status_code in {200, 401}
            assert "Access-Control-Allow-Origin" not in answer.headers, origin
            assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("impl", servers.variants(), scope="module")
def test_an_origin_that_is_not_one_stops_the_server(impl: str, launched: servers.Launched) -> None:
    result = launched.refusals["not an origin"].result()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{servers.prog(impl)}: error: CORS_ALLOWED_ORIGINS must list origins such as "
        "https://app.example:8443 (scheme, host and port, in lower case) or *, "
        "not 'https://app.example/'"
    ]
