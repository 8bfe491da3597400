"""Routes whose JSON bodies are read the contract's way (``domain.http_input.read_json``).

FastAPI reads a JSON body with ``Request.json()``, which takes ``NaN``, ``Infinity`` and any
depth; a custom route class hands each endpoint a request that reads it strictly instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from domain.errors import ValidationFailed
from domain.http_input import read_json

JSON = "application/json"


def _mimetype(content_type: str | None) -> str:
    return (content_type or "").partition(";")[0].strip().lower()


class ContractRequest(Request):
    """A request whose ``json()`` is ``read_json``; a refusal is a ``JSONDecodeError`` whose
    message is the contract's, which FastAPI turns into a validation error (``json_invalid``),
    so the check order of ``impl_fastapi.errors`` holds for it."""

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
    """An ``APIRoute`` that hands its endpoint a ``ContractRequest``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def contract_handler(request: Request) -> Response:
            return await handler(ContractRequest(request.scope, request.receive))

        return contract_handler
