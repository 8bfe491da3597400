"""Request bodies read as strict JSON, the same way by every implementation."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from domain.errors import ValidationFailed
from domain.http_input import (
    MAX_BODY_BYTES,
    MAX_DEPTH,
    MAX_DISCARDED_BYTES,
    discard_rest,
    read_json,
)
from tests.domain.support import expect_error

NOT_JSON = {"request": ["is not valid JSON"]}
TOO_DEEP = {"request": ["is nested too deeply"]}


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (b'{"a": [1, "b", null, true]}', {"a": [1, "b", None, True]}),
        ('{"t": "Ünï 😀"}'.encode(), {"t": "Ünï 😀"}),
        (b'"\\ud800"', "\ud800"),  # valid JSON: the domain refuses it as text no database stores
        (b"1e400", float("inf")),  # a number too large for a float is still a number
        (b'{"s": "[[[[{{{{"}', {"s": "[[[[{{{{"}),
        (b"  []  ", []),
    ],
)
def test_json_is_read(raw: bytes, value: object) -> None:
    assert read_json(raw) == value


def test_integers_too_long_for_int_are_read_as_decimals() -> None:
    assert read_json(b"9" * 5000) == Decimal("9" * 5000)
    assert read_json(b"-" + b"9" * 4000) == -int("9" * 4000)


@pytest.mark.parametrize(
    "raw",
    [
        b"NaN",
        b'{"a": Infinity}',
        b"[-Infinity]",
        b"{'a': 1}",
        b'{"a": 1,}',
        b"[1] [2]",
        b"\xff",
        b'"\xed\xa0\x80"',  # a surrogate encoded in UTF-8, which UTF-8 forbids
        b"\xef\xbb\xbf{}",  # a byte order mark
        "{}".encode("utf-16"),
        b"",
    ],
)
def test_anything_else_is_not_json(raw: bytes) -> None:
    with expect_error(ValidationFailed, 422, NOT_JSON):
        read_json(raw)


def test_nesting_is_read_up_to_the_limit() -> None:
    assert read_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) is not None
    assert read_json(b'{"a":' * MAX_DEPTH + b"1" + b"}" * MAX_DEPTH) is not None


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1),
        b"[" * 100_000,  # unbalanced: refused before it is parsed
        b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
        b'[["\\"[[[["' + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"]]",
    ],
)
def test_deeper_nesting_is_refused(raw: bytes) -> None:
    with expect_error(ValidationFailed, 422, TOO_DEEP):
        read_json(raw)


def _body(size: int) -> io.BytesIO:
    return io.BytesIO(b" " * size)


@pytest.mark.parametrize("size", [0, 1, MAX_BODY_BYTES + 1, MAX_DISCARDED_BYTES])
def test_discard_rest_reads_a_refused_body_to_its_end(size: int) -> None:
    body = _body(size)
    body.read(1)
    discard_rest(body)
    assert body.read() == b""


def test_discard_rest_stops_at_its_bound() -> None:
    body = _body(MAX_DISCARDED_BYTES + 10)
    discard_rest(body)
    assert body.tell() == MAX_DISCARDED_BYTES
    assert len(body.read()) == 10


def test_a_body_declared_past_the_bound_is_not_read() -> None:
    body = _body(MAX_DISCARDED_BYTES + 1)
    discard_rest(body, declared=MAX_DISCARDED_BYTES + 1)
    assert body.tell() == 0
    discard_rest(body, declared=MAX_DISCARDED_BYTES)
    assert body.tell() == MAX_DISCARDED_BYTES
