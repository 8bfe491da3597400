"""A refused body leaves its connection as the answer announced: kept alive, it serves the
client's next request (a server that reads little of the body, then drops the connection it
called kept alive, fails the request after a 413 instead). A head is bounded too: a large one
within the bounds is served, an endless one refused before the server holds it."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from domain.head_limit import HEAD_TOO_LARGE
from domain.http_input import MAX_BODY_BYTES, MAX_HEAD_BYTES
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


def _head(fields: int, size: int, end: bool = True) -> bytes:
    """A request whose head holds ``fields`` header fields of ``size`` bytes each."""
    lines = [b"GET /api/tags HTTP/1.1", b"Host: 127.0.0.1"]
    lines += [b"X-Pad-%d: %s" % (index, b"a" * (size - 10)) for index in range(fields)]
    return b"\r\n".join(lines) + (b"\r\n\r\n" if end else b"\r\n")


def test_a_large_head_within_every_bound_is_served(live_server: LiveServer) -> None:
    request = _head(fields=7, size=8 * 1024)  # 56 KiB, each field under its bound
    assert len(request) < MAX_HEAD_BYTES
    with sending(live_server, request) as reader:
        status, _, body = reader.response()
    assert status == 200
    assert "tags" in json.loads(body)


def test_an_endless_head_is_refused_before_the_server_holds_it(live_server: LiveServer) -> None:
    """A head that keeps coming (a field of 64 MiB, never ended) is refused once it passes the
    server's bound (uvicorn's 431 with the contract's body; gunicorn's own answer), long before
    it is all sent; the connection closes and the server serves the next one."""
    total = 64 * 1024 * 1024
    sent = 0
    with socket.create_connection(("127.0.0.1", live_server.port), TIMEOUT_SECONDS) as sock:
        sock.sendall(b"GET /api/tags HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Endless: ")
        piece = b"a" * (64 * 1024)
        with contextlib.suppress(OSError):  # the server closing is the expected end
            while sent < total and not select.select([sock], [], [], 0)[0]:  # nothing answered
                sock.sendall(piece)
                sent += len(piece)
        reader = Reader(sock)
        status, _, body = reader.response()
        assert status in {400, HEAD_TOO_LARGE}  # gunicorn's answer is its own, outside the contract
        if '"head_bytes"' in live_server.log():  # the server says it bounds the head itself
            assert status == HEAD_TOO_LARGE
            assert json.loads(body) == {"errors": {"request": ["is too large"]}}
        assert reader.closed()
    assert sent < total, "the server read the whole 64 MiB head"
    with sending(live_server, NEXT_REQUEST) as reader:
        assert reader.response()[0] == 200
