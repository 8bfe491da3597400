"""What the Django app adds around the contract, in the session's mode: docs, schema, and errors
in one format."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

import httpx
import pytest
import yaml
from drf_spectacular.validation import validate_schema

from domain._async import services as async_services
from domain._sync import services as blocking_services
from impl_django import MODE_VARIABLE, MODES, ModeError, create_app
from tests.conftest import PROJECT_ROOT

METHODS = {"get", "put", "post", "delete", "patch"}


def _operations(document: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    """Each operation by path, method and id, with the security it states (or inherits)."""
    inherited = document.get("security", [])
    return {
        (
            path.removeprefix("/api"),
            method,
            operation["operationId"],
            json.dumps(operation.get("security", inherited), sort_keys=True),
        )
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_openapi_document_is_valid_and_has_every_operation_with_its_security(
    client: httpx.Client,
) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/")
    document = response.json()
    validate_schema(document)  # type: ignore[no-untyped-call]
    assert document["openapi"].startswith("3.")
    contract = yaml.safe_load((PROJECT_ROOT / "contract_tests" / "openapi.yml").read_text())
    assert _operations(document) == _operations(contract)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Token not-a-token"}])
def test_interactive_docs_are_served(client: httpx.Client, headers: dict[str, str]) -> None:
    response = client.get("/api/docs", headers=headers)
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
    assert client.get("/api/openapi.json", headers=headers).status_code == 200


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/no-such-page", "/api/articles/x/y/z"])
def test_unknown_paths_answer_in_the_error_format(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.content == b'{"errors":{"path":["not found"]}}'


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/api/tags"),
        ("PATCH", "/api/user"),
        ("PUT", "/api/articles"),
        ("OPTIONS", "/api/tags"),
    ],
)
def test_unsupported_method_is_a_405_before_authentication(
    client: httpx.Client, method: str, path: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.json() == {"errors": {"method": ["not allowed"]}}


@pytest.mark.parametrize("name", ["limit", "offset"])
def test_an_empty_query_integer_is_refused(client: httpx.Client, name: str) -> None:
    response = client.get("/api/articles", params={name: ""})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [name]


def test_missing_token_is_a_401_with_a_challenge(client: httpx.Client) -> None:
    response = client.get("/api/user")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Token"
    assert response.json() == {"errors": {"token": ["is missing"]}}


def test_oversized_body_is_a_413(client: httpx.Client) -> None:
    huge = b'{"user": {"bio": "' + b"x" * 3_000_000 + b'"}}'
    response = client.post("/api/users", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"errors": {"request": ["is too large"]}}


def test_unexpected_error_is_logged_not_shown(
    client: httpx.Client,
    mode: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(**_: object) -> list[str]:
        raise RuntimeError("secret internals")

    async def broken_on_the_loop(**_: object) -> list[str]:
        return broken()

    if mode == "asgi":  # the views of each mode call the services of their own kind
        monkeypatch.setattr(async_services, "tag_list", broken_on_the_loop)
    else:
        monkeypatch.setattr(blocking_services, "tag_list", broken)
    with caplog.at_level(logging.ERROR, logger="triptych.django"):
        response = client.get("/api/tags", headers={"Origin": "http://page.example"})
    assert response.status_code == 500
    assert response.json() == {"errors": {"server": ["internal error"]}}
    assert "secret internals" not in response.text
    assert "secret internals" in caplog.text
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_debug_is_off(django_app: object) -> None:
    from django.conf import settings  # noqa: PLC0415

    assert settings.DEBUG is False


def test_django_is_set_up_in_one_mode_and_refuses_the_other(django_app: object, mode: str) -> None:
    """Refused without a trace: the processes started next still read the mode Django is in."""
    from django.conf import settings  # noqa: PLC0415

    assert mode == settings.SERVING_MODE
    assert settings.ASYNC is (mode == "asgi")
    other = next(name for name in MODES if name != mode)
    with pytest.raises(ModeError, match=f"set up for {mode}, not {other}"):
        create_app(mode=other)
    assert os.environ[MODE_VARIABLE] == mode


def test_the_documentation_page_goes_without_a_content_security_policy(
    client: httpx.Client,
) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_admin_keeps_djangos_own_headers(client: httpx.Client) -> None:
    response = client.get("/admin/conduit/article/", headers={"Origin": "http://page.example"})
    assert response.status_code == 302
    assert "Content-Security-Policy" not in response.headers
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
