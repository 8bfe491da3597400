"""Request bodies for Django on ASGI, held to the size Django refuses above."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class BoundedBodies:
    """An ASGI middleware that hands Django at most ``limit + 1`` bytes of a body, with its
    length.

    Django's ASGI handler reads a whole body into a temporary file before the view runs, and
    checks ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (set to ``limit``) against a declared
    ``Content-Length`` only, so a body sent chunked would pass unchecked at any size. Here a
    larger body, declared or not, reaches Django as its first ``limit + 1`` bytes, which Django
    refuses (413); the rest is dropped as it comes, or left to uvicorn, which reads and drops
    what an application left of a body once the answer is out, so the connection serves the
    client's next request.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await self._read(receive)
        headers = [(name, value) for name, value in scope["headers"] if name != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            while True:  # what is left of a body past the limit is dropped
                message = await receive()
                if message["type"] != "http.request":
                    return message

        await self.app({**scope, "headers": headers}, replay, send)

    async def _read(self, receive: Receive) -> bytes:
        """The body, up to ``limit + 1`` bytes of it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            if not message.get("more_body", False) or size > self.limit:
                return b"".join(chunks)[: self.limit + 1]
