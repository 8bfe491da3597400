"""The request body size limit, as an ASGI middleware.

FastAPI's own ``max_body_size`` answers a declared ``Content-Length`` over the limit with
Starlette's plain-text 413 whatever the app answers, so the contract's body needs this one.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from impl_fastapi.errors import too_large


class BodyLimitMiddleware:
    """Refuse a body over ``max_bytes`` with 413 before it is read.

    A declared ``Content-Length`` over the limit is answered at once, before routing and
    authentication. A body without one (chunked) is counted as it arrives; once past the limit,
    reading it raises the 413 ``HTTPException`` that ``impl_fastapi.errors`` answers (FastAPI
    reads a body before it resolves dependencies, so this too comes before authentication).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await too_large()(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(status_code=413)
            return message

        await self.app(scope, counted, send)
