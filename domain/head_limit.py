"""A bound on a request's head, for the servers on an event loop.

gunicorn refuses a request line over ``MAX_REQUEST_LINE_BYTES`` and a header field over
``MAX_HEADER_FIELD_BYTES`` itself. uvicorn's httptools parser sets no bound: it keeps a head of
any size while it waits for the head's end, so one client could make a worker hold gigabytes.
``bounded_head`` makes a subclass of such a server's protocol class that counts the bytes that
arrive while a request's head is incomplete; past ``MAX_HEAD_BYTES`` it answers 431 with the
contract's error body and closes the connection. The server is passed in: the domain imports
none.
"""

from __future__ import annotations

import json
from typing import Any

from domain.errors import refusal_body
from domain.http_input import MAX_HEAD_BYTES

HEAD_TOO_LARGE = 431


def head_too_large_answer() -> bytes:
    """The whole HTTP answer to a head past ``MAX_HEAD_BYTES``; the connection closes after."""
    body = json.dumps(refusal_body(HEAD_TOO_LARGE), separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {HEAD_TOO_LARGE} Request Header Fields Too Large\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def bounded_head(base: type[Any], limit: int = MAX_HEAD_BYTES) -> type[Any]:
    """A subclass of ``base``, an asyncio protocol driving an llhttp-style parser (uvicorn's
    ``HttpToolsProtocol``: ``data_received``, ``on_headers_complete``, ``on_message_complete``,
    ``transport``), that refuses a request whose head passes ``limit`` bytes."""

    class BoundedHead(base):  # type: ignore[misc]  # the server's own class
        _head_bytes = 0
        _in_head = True  # a request's head has begun, or may begin, and is not complete

        def data_received(self, data: bytes) -> None:
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            if self._in_head and self._head_bytes > limit and not self.transport.is_closing():
                self.transport.write(head_too_large_answer())
                self.transport.close()

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head, self._head_bytes = True, 0

    BoundedHead.__name__ = BoundedHead.__qualname__ = f"BoundedHead{base.__name__}"
    return BoundedHead
