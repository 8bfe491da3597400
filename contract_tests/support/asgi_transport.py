"""A synchronous httpx transport that serves an ASGI app on an anyio blocking portal."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager, suppress
from typing import Any

import anyio
import httpx
from anyio.from_thread import BlockingPortal

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class LifespanFailed(RuntimeError):
    """The app reported that its startup failed."""


def with_lifespan_state(app: ASGIApp, state: dict[str, Any]) -> ASGIApp:
    """Hand each request a copy of the lifespan state, as ASGI servers do."""

    async def wrapped(scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"}:
            scope["state"] = dict(state)
        await app(scope, receive, send)

    return wrapped


@asynccontextmanager
async def lifespan(app: ASGIApp, state: dict[str, Any]) -> AsyncIterator[None]:
    """Run the ASGI lifespan protocol around the body; apps without it are accepted."""
    to_app_send, to_app_receive = anyio.create_memory_object_stream[Message](4)
    from_app_send, from_app_receive = anyio.create_memory_object_stream[Message](4)
    scope: dict[str, Any] = {
        "type": "lifespan",
        "asgi": {"version": "3.0", "spec_version": "2.0"},
        "state": state,
    }

    async def receive() -> Message:
        return await to_app_receive.receive()

    async def send(message: Message) -> None:
        await from_app_send.send(message)

    async def run() -> None:
        async with from_app_send:
            try:
                await app(scope, receive, send)
            except Exception:
                return

    async with (
        to_app_send,
        to_app_receive,
        from_app_receive,
        anyio.create_task_group() as group,
    ):
        group.start_soon(run)
        await to_app_send.send({"type": "lifespan.startup"})
        try:
            started = await from_app_receive.receive()
        except anyio.EndOfStream:
            started = {"type": "lifespan.unsupported"}
        if started["type"] == "lifespan.startup.failed":
            raise LifespanFailed(str(started.get("message", "")))
        try:
            yield
        finally:
            if started["type"] == "lifespan.startup.complete":
                await to_app_send.send({"type": "lifespan.shutdown"})
                with anyio.move_on_after(10), suppress(anyio.EndOfStream):
                    await from_app_receive.receive()
            group.cancel_scope.cancel()


CHUNK_BYTES = 64 * 1024


async def _pieces(content: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(content), CHUNK_BYTES):
        yield content[start : start + CHUNK_BYTES]


class PortalASGITransport(httpx.BaseTransport):
    """Send each request through `httpx.ASGITransport` on the portal's event loop."""

    def __init__(self, app: ASGIApp, portal: BlockingPortal) -> None:
        self._transport = httpx.ASGITransport(app=app)
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()
        forwarded = httpx.Request(
            method=request.method,
            url=request.url,
            headers=request.headers,
            # A body sent without Content-Length (chunked) reaches the app in pieces, as from
            # a server; one with a length reaches it whole.
            content=content if "content-length" in request.headers else _pieces(content),
        )
        status, headers, raw = self._portal.call(self._send, forwarded)
        return httpx.Response(
            status, headers=headers, stream=httpx.ByteStream(raw), request=request
        )

    async def _send(self, request: httpx.Request) -> tuple[int, list[tuple[str, str]], bytes]:
        response = await self._transport.handle_async_request(request)
        try:
            chunks = [chunk async for chunk in response.aiter_raw()]
        finally:
            await response.aclose()
        return response.status_code, response.headers.multi_items(), b"".join(chunks)

    def close(self) -> None:
        """The portal belongs to the session; nothing to release per client."""
