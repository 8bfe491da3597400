"""A refused body leaves its connection as the answer announced: kept alive, it serves the
client's next request (a server that reads little of the body, then drops the connection it
called kept alive, fails the request after a 413 instead)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from domain.http_input import MAX_BODY_BYTES
from tests.hardening.live import LiveServer

TIMEOUT_SECONDS = 10
ARTICLE = json.dumps({"article": {"title": "t", "description": "d", "body": "b"}}).encode()
NEXT_REQUEST = b"GET /api/tags HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def _declared(size: int) -> bytes:
    body = ARTICLE + b" " * (size - len(ARTICLE))
    head = (
        "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _chunked(size: int) -> bytes:
    head = (
        b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    piece = b" " * (64 * 1024)
    chunks = [ARTICLE] + [piece] * (size // len(piece))
    return head + b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


REFUSED = {
    "one byte too many": _declared(MAX_BODY_BYTES + 1),
    "3 MiB": _declared(3 * MAX_BODY_BYTES),
    "chunked, 2 MiB": _chunked(2 * MAX_BODY_BYTES),
}


class Reader:
    """HTTP/1.1 responses read off a socket, one after the other."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def response(self) -> tuple[int, dict[str, str], bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._more()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *fields = head.decode("latin-1").split("\r\n")
        headers = {
            name.strip().lower(): value.strip()
            for name, value in (field.split(":", 1) for field in fields)
        }
        assert "content-length" in headers, f"an answer without its length: {head!r}"
        length = int(headers["content-length"])
        while len(self.buffer) < length:
            self._more()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(status_line.split()[1]), headers, body

    def closed(self) -> bool:
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True

    def _more(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("the server closed the connection without an answer")
        self.buffer += data


@contextmanager
def sending(live_server: LiveServer, request: bytes) -> Iterator[Reader]:
    """A connection on which ``request`` is being sent (all of it, from a thread, as a client
    does that sends its whole body before it reads), and a reader of its answers."""
    with socket.create_connection(("127.0.0.1", live_server.port), TIMEOUT_SECONDS) as sock:
        sender = threading.Thread(target=_send, args=(sock, request), daemon=True)
        sender.start()
        yield Reader(sock)
        sender.join(TIMEOUT_SECONDS)


def _send(sock: socket.socket, data: bytes) -> None:
    with contextlib.suppress(OSError):  # the test sees the connection's fate in what it reads
        sock.sendall(data)


@pytest.mark.parametrize("request_bytes", REFUSED.values(), ids=REFUSED.keys())
def test_after_a_413_the_connection_serves_the_next_request(
    live_server: LiveServer, request_bytes: bytes
) -> None:
    with sending(live_server, request_bytes) as reader:
        status, headers, body = reader.response()
        assert (status, json.loads(body)) == (413, {"errors": {"request": ["is too large"]}})
        if headers.get("connection", "").lower() == "close":
            assert reader.closed()  # as announced
            return
        reader.sock.sendall(NEXT_REQUEST)
        status, _, body = reader.response()
    assert status == 200
    assert "tags" in json.loads(body)
