"""The one place where errors become HTTP answers in the contract's format."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain import errors
from domain.errors import DomainError, Unauthorized, ValidationFailed
from domain.tokens import principal_from_header
from impl_fastapi.dependencies import required_principal

log = logging.getLogger("triptych.fastapi")

_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
_QUERY_MESSAGES = {"limit": errors.LIMIT_RANGE, "offset": errors.OFFSET_RANGE}
_UNREADABLE = {errors.NOT_JSON, errors.TOO_DEEP}  # what ``ContractRequest.json`` refuses with


def install_error_handlers(app: FastAPI) -> None:
    """Answer every refusal as ``{"errors": {key: [message]}}``."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(UnexpectedErrors)


class UnexpectedErrors:
    """Answers any other exception with the contract's 500, logged, never shown.

    Starlette hands a handler of ``Exception`` to its outermost middleware, past every
    middleware the app adds; caught here instead, the 500 gets CORS and security headers too.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception:
            if started or scope["type"] != "http":
                raise
            log.exception("unexpected error on %s %s", scope["method"], scope["path"])
            response = JSONResponse(errors.refusal_body(500), status_code=500)
            await response(scope, receive, send)


def _render(error: DomainError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.http_status, headers=error.headers())


async def _domain_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    return _render(error)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    if any(detail["type"] == "json_invalid" for detail in error.errors()):
        refusal = _unauthenticated(request)
        if refusal is not None:
            return _render(refusal)
    found: dict[str, list[str]] = {}
    for detail in error.errors():
        key, message = contract_message(detail)
        if message not in found.setdefault(key, []):
            found[key].append(message)
    return _render(ValidationFailed(found))


def _unauthenticated(request: Request) -> Unauthorized | None:
    """The 401 a protected route owes a caller without a valid token, if it does.

    FastAPI decodes a JSON body before it resolves dependencies, so a body that is not JSON
    arrives here before the token was looked at; the contract checks authentication first.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return None
    if required_principal not in set(_calls(route.dependant)):
        return None
    try:
        caller = principal_from_header(
            request.headers.get("Authorization"), request.app.state.tokens
        )
    except Unauthorized as refusal:
        return refusal
    return Unauthorized.token() if caller is None else None


def _calls(dependant: Dependant) -> Iterator[object]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    if error.status_code == 400:  # FastAPI's word for a body it could not decode
        return _render(ValidationFailed.of("request", errors.NOT_JSON))
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    return JSONResponse(
        errors.refusal_body(error.status_code), status_code=error.status_code, headers=headers
    )


def allowed_methods(request: Request) -> str:
    """Every method the request's path serves, for ``Allow``.

    Starlette names the methods of the first route that matched the path only, and FastAPI
    makes one route per method: each method is tried against every route of the app.
    """
    routes = request.app.router.routes
    served = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
    return ", ".join(served)


def too_large() -> JSONResponse:
    """The answer to a body over the size limit (``impl_fastapi.body_limit``)."""
    return JSONResponse(errors.refusal_body(413), status_code=413)


def contract_message(detail: dict[str, Any]) -> tuple[str, str]:
    """The contract's key and message for one of Pydantic's validation errors."""
    kind: str = detail["type"]
    where: Sequence[str | int] = detail["loc"]
    if kind == "json_invalid":
        message = detail.get("ctx", {}).get("error")
        return "request", message if message in _UNREADABLE else errors.NOT_JSON
    if where[0] == "query":
        name = str(where[1])
        return name, _QUERY_MESSAGES.get(name, errors.INVALID)
    path = [str(part) for part in where[1:]]
    missing = kind == "missing" or detail.get("input") is None
    if not path:
        return "request", errors.NOT_A_JSON_OBJECT
    if len(path) == 1:
        return path[0], errors.BLANK if missing else errors.NOT_AN_OBJECT
    field = path[1]
    if field == "tagList":
        return field, errors.NOT_A_STRING_LIST
    return field, errors.BLANK if missing else errors.NOT_A_STRING
