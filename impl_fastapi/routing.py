"""Routing: FastAPI's router answering ``HEAD`` wherever it answers ``GET``, routes that read
JSON bodies the contract's way, the path segment that names an article, and the app's one
flat table of routes."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from starlette.convertors import StringConvertor, register_url_convertor
from starlette.types import ASGIApp, Receive, Scope, Send

from domain import clock
from domain.errors import ValidationFailed
from domain.http_input import read_json
from domain.slugs import RESERVED

API_PREFIX = "/api"
JSON = "application/json"


class ArticleSlugConvertor(StringConvertor):
    """A path segment naming an article: any but a word of the contract's paths.

    No article's slug is ``feed``, so ``/articles/feed`` is the feed's path whatever the
    method: ``PUT /articles/feed`` is a 405, not an update of an article named ``feed``.
    Used as ``{slug:article_slug}``.
    """

    regex = "(?!(?:" + "|".join(sorted(RESERVED)) + ")$)[^/]+"


register_url_convertor("article_slug", ArticleSlugConvertor())


def _mimetype(content_type: str | None) -> str:
    return (content_type or "").partition(";")[0].strip().lower()


class ContractRequest(Request):
    """A request whose ``json()`` is ``read_json`` (``domain.http_input``).

    FastAPI reads a JSON body with ``Request.json()``, which takes ``NaN``, ``Infinity`` and
    any depth. A refusal here is a ``JSONDecodeError`` whose message is the contract's, which
    FastAPI turns into a validation error (``json_invalid``), so the check order of
    ``impl_fastapi.errors`` holds for it.
    """

    async def json(self) -> Any:
        body = await self.body()
        if _mimetype(self.headers.get("content-type")) != JSON:
            return body  # FastAPI reads ``application/*+json`` too; the contract does not
        try:
            return read_json(body)
        except ValidationFailed as refusal:
            message = refusal.errors["request"][0]
            raise json.JSONDecodeError(message, body.decode("utf-8", "replace"), 0) from None


class ContractRoute(APIRoute):
    """An ``APIRoute`` that hands its endpoint a ``ContractRequest``.

    Under ``TEST_CLOCK`` (``domain.clock``) it handles the request with the clock stopped at
    the instant its ``X-Test-Clock`` header names; a malformed one is refused as the domain's
    validation error, by the app's error handlers.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def contract_handler(request: Request) -> Response:
            contract_request = ContractRequest(request.scope, request.receive)
            if not request.app.state.settings.test_clock:
                return await handler(contract_request)
            with clock.stopped(request.headers.get(clock.HEADER)):
                return await handler(contract_request)

        return contract_handler


class ContractRouter(APIRouter):
    """An ``APIRouter`` of ``ContractRoute``s whose ``GET`` routes serve ``HEAD`` too, as
    Starlette's own routes do.

    FastAPI's routes answer only the methods they name. Each ``GET`` route gets a twin for
    ``HEAD`` that runs the same endpoint (the server sends the headers and drops the body) and
    stays out of the generated OpenAPI document.
    """

    def __init__(self, **options: Any) -> None:
        options.setdefault("route_class", ContractRoute)
        super().__init__(**options)

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        """Add the route, and its ``HEAD`` twin when it serves ``GET``."""
        super().add_api_route(path, endpoint, **options)
        if "GET" in {method.upper() for method in options.get("methods") or ["GET"]}:
            twin = {**options, "methods": ["HEAD"], "include_in_schema": False}
            super().add_api_route(path, endpoint, **twin)


def include_flat(app: FastAPI, routers: list[APIRouter]) -> None:
    """Serve the routers' routes from the app's own table of routes.

    Since FastAPI 0.139, ``include_router`` keeps each included router as a node that every
    request walks through, matching its routes once to find the route and again to handle it.
    Over this app's five routers, matching took a fifth of the interpreter's time on
    ``GET /api/tags`` (py-spy); from one flat list, a tenth. Each router here is made with its
    full path prefix, tags and route class, so its routes are complete as they are.
    """
    for router in routers:
        app.router.routes.extend(router.routes)


class FinalNewline:
    """Keep a path's final newline inside the path.

    Starlette's route patterns end with ``$``, which in Python also matches before a final
    newline, so ``/api/tags%0A`` would be served as ``/api/tags``. A NUL after that newline
    (which no route, slug, name or id holds) stops ``$`` from matching there: a path that ends
    in a literal word is then not found, as on the other servers, and a name or slug that ends
    in a newline is looked up and not found, as it would be anyway.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith("\n"):
            scope = {**scope, "path": scope["path"] + "\x00"}
        await self.app(scope, receive, send)
