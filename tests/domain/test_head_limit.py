"""``bounded_head``: a server's protocol that refuses a request's head past its bound."""

from __future__ import annotations

import json

from domain.head_limit import HEAD_TOO_LARGE, bounded_head, head_too_large_answer


class Transport:
    def __init__(self) -> None:
        self.written = b""
        self.closed = False

    def write(self, data: bytes) -> None:
        self.written += data

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed


class Parser:
    """A stand-in for an llhttp-style protocol: a head ends at a blank line; a body of
    ``Content-Length`` bytes follows it."""

    def __init__(self) -> None:
        self.transport = Transport()
        self.received = b""
        self.body_left: int | None = None  # None: reading a head
        self.requests = 0

    def data_received(self, data: bytes) -> None:
        self.received += data
        while True:
            if self.body_left is None:
                if b"\r\n\r\n" not in self.received:
                    return
                head, self.received = self.received.split(b"\r\n\r\n", 1)
                length = head.lower().partition(b"content-length: ")[2].split(b"\r\n")[0]
                self.body_left = int(length or 0)
                self.on_headers_complete()
            taken = min(self.body_left, len(self.received))
            self.received, self.body_left = self.received[taken:], self.body_left - taken
            if self.body_left:
                return
            self.body_left = None
            self.on_message_complete()

    def on_headers_complete(self) -> None:
        self.requests += 1

    def on_message_complete(self) -> None:
        pass


def test_a_head_past_the_bound_is_answered_431_and_closed() -> None:
    protocol = bounded_head(Parser, limit=100)()
    protocol.data_received(b"GET / HTTP/1.1\r\nX: " + b"a" * 60)
    assert not protocol.transport.closed
    protocol.data_received(b"a" * 60)
    assert protocol.transport.closed
    assert protocol.transport.written == head_too_large_answer()
    assert protocol.requests == 0


def test_heads_are_counted_one_request_at_a_time() -> None:
    protocol = bounded_head(Parser, limit=100)()
    for _ in range(5):  # 5 heads of 80 bytes on one connection: each within the bound
        protocol.data_received(b"GET / HTTP/1.1\r\nX: " + b"a" * 57 + b"\r\n\r\n")
    assert protocol.requests == 5
    assert not protocol.transport.closed


def test_a_body_after_its_head_is_not_counted() -> None:
    protocol = bounded_head(Parser, limit=100)()
    protocol.data_received(b"POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n" + b"b" * 500)
    protocol.data_received(b"b" * 500)  # the body's end: 1,000 bytes past the head
    protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
    assert protocol.requests == 2
    assert not protocol.transport.closed


def test_the_answer_is_the_contract_s_error_body() -> None:
    head, body = head_too_large_answer().split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert b"connection: close" in head
    assert f"content-length: {len(body)}".encode() in head
    assert json.loads(body) == {"errors": {"request": ["is too large"]}}
    assert HEAD_TOO_LARGE == 431
    assert bounded_head(Parser).__name__ == "BoundedHeadParser"
