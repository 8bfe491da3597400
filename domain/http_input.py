"""What every implementation accepts of a request: sizes, and bodies read as strict JSON.

The adapters' frameworks refuse a body over ``MAX_BODY_BYTES`` (413) before it is read as
JSON; what is left is read by ``read_json``, the same way everywhere, so that the same bytes
get the same answer from every implementation. The servers in front of them take request
lines and header fields up to the sizes below (gunicorn by its own settings; uvicorn bounds
the whole head, with ``domain.head_limit``); a larger one never reaches an application.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import NoReturn, Protocol

from domain.errors import NOT_JSON, TOO_DEEP, ValidationFailed

MAX_BODY_BYTES = 1024 * 1024  # larger bodies are refused with 413 before they are read
# A refused body is read to its end, up to this size, before the 413 goes out, so that the
# connection serves the client's next request (a WSGI server reads only a little of a body the
# application left unread, then drops the connection it had announced as kept alive).
MAX_DISCARDED_BYTES = 16 * MAX_BODY_BYTES
MAX_DEPTH = 64  # arrays and objects nested deeper are refused before they are parsed
MAX_REQUEST_LINE_BYTES = 8190  # method, path, query and version: gunicorn's largest setting
MAX_HEADER_FIELD_BYTES = 16 * 1024  # one header, name and value (gunicorn's default is 8190)
MAX_HEAD_BYTES = 64 * 1024  # the request line and every header together (uvicorn)
_LONG_INTEGER = 4000  # digits past which Python's int() refuses to read a number (4300)
_BRACKETS_AND_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def discard_rest(stream: Readable, declared: int | None = None) -> None:
    """Read what is left of a refused body from ``stream`` (a WSGI input, which ends where the
    body does) and drop it, ``MAX_DISCARDED_BYTES`` at most. A body ``declared`` larger than
    that is not read at all: its connection is closed after the answer."""
    if declared is not None and declared > MAX_DISCARDED_BYTES:
        return
    left = MAX_DISCARDED_BYTES
    while left > 0 and (chunk := stream.read(min(left, 64 * 1024))):
        left -= len(chunk)


def read_json(raw: bytes) -> object:
    """The JSON value ``raw`` holds: UTF-8 without a byte order mark, RFC 8259 only (no
    ``NaN`` or ``Infinity``), at most ``MAX_DEPTH`` levels deep.

    Anything else is ``ValidationFailed`` ``{"request": ["is not valid JSON"]}``, or
    ``["is nested too deeply"]``. Integers too long for ``int`` are read as ``Decimal``:
    no field of the contract takes a number, so they only need to be refused as the wrong type.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _refuse(NOT_JSON)
    if _depth_exceeds(text, MAX_DEPTH):
        _refuse(TOO_DEEP)
    try:
        return json.loads(text, parse_constant=_not_json, parse_int=_integer)
    except ValueError:  # JSONDecodeError included
        _refuse(NOT_JSON)


def _refuse(message: str) -> NoReturn:
    raise ValidationFailed.of("request", message)


def _not_json(constant: str) -> NoReturn:
    """``NaN``, ``Infinity`` and ``-Infinity``, which Python reads but JSON does not have."""
    raise ValueError(f"{constant} is not JSON")


def _integer(digits: str) -> int | Decimal:
    return int(digits) if len(digits) <= _LONG_INTEGER else Decimal(digits)


def _depth_exceeds(text: str, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (brackets in strings aside)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKETS_AND_STRINGS.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        elif bracket in "]}":
            depth -= 1
    return False
