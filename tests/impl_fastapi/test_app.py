"""What the FastAPI app adds around the contract: docs, schema, and no stack traces."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Route

from domain.settings import Settings
from impl_fastapi.app import create_app
from storage_sqlalchemy.migrate import migrate

SECRET = "s" * 40


def _get(app: FastAPI, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(path, headers=headers)

    return asyncio.run(call())


@pytest.fixture
def app(database_url: str) -> FastAPI:
    migrate(database_url)
    return create_app(Settings(database_url=database_url, secret_key=SECRET))


def test_openapi_schema_is_served(app: FastAPI) -> None:
    response = _get(app, "/api/openapi.json")
    assert response.status_code == 200
    assert "/api/articles/{slug}" in response.json()["paths"]


def test_the_routes_stand_in_one_flat_table(app: FastAPI) -> None:
    """No included router for a request to walk through: every route is the app's own,
    with the path, tags and route class its resource's router gave it."""
    routes = app.router.routes
    assert all(isinstance(route, Route) for route in routes)
    api = {route.path: route for route in routes if isinstance(route, APIRoute)}
    assert {"/api/users", "/api/user", "/api/tags", "/api/profiles/{username}/follow"} <= set(api)
    assert "/api/articles/{slug}/comments/{comment_id}" in api
    assert api["/api/tags"].tags == ["Tags"]
    assert type(api["/api/tags"]).__name__ == "ContractRoute"
    paths = _get(app, "/api/openapi.json").json()["paths"]
    assert paths["/api/tags"]["get"]["tags"] == ["Tags"]


def test_interactive_docs_are_served(app: FastAPI) -> None:
    response = _get(app, "/api/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()


def test_unknown_path_answers_in_the_error_format(app: FastAPI) -> None:
    response = _get(app, "/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"errors": {"path": ["not found"]}}


def test_unexpected_error_is_logged_not_shown(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/api/broken", broken)
    with caplog.at_level(logging.ERROR, logger="triptych.fastapi"):
        response = _get(app, "/api/broken", headers={"Origin": "http://page.example"})
    assert response.status_code == 500
    assert response.json() == {"errors": {"server": ["internal error"]}}
    assert "secret internals" not in response.text
    assert "secret internals" in caplog.text
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_debug_is_off(app: FastAPI) -> None:
    assert app.debug is False


def test_the_documentation_page_goes_without_a_content_security_policy(app: FastAPI) -> None:
    response = _get(app, "/api/docs")
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert (
        _get(app, "/api/openapi.json")
        .headers["Content-Security-Policy"]
        .startswith("default-src 'none'")
    )
