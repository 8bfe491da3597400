"""A clock that a test run may stop, request by request, to make same-instant items testable.

With ``TEST_CLOCK=1`` in the environment (``Settings.test_clock``), an implementation reads the
request header ``X-Test-Clock`` (a contract timestamp, e.g. ``2026-01-31T12:00:00.000Z``) and
handles that request with the domain's clock stopped at that instant. Without the setting the
header is ignored; production servers never turn it on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import Token
from datetime import UTC, datetime

from domain import timestamps
from domain.errors import INVALID, ValidationFailed

HEADER = "X-Test-Clock"
_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse(value: str) -> datetime:
    """The instant a header names, in the contract's timestamp format."""
    try:
        moment = datetime.strptime(value, _FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise ValidationFailed.of(HEADER, INVALID) from None
    if timestamps.format_timestamp(moment) != value:
        raise ValidationFailed.of(HEADER, INVALID)
    return moment


def stop(header: str | None) -> Token[datetime | None] | None:
    """Stop the clock at the instant ``header`` names; no header leaves it running."""
    if header is None:
        return None
    return timestamps.stopped_at.set(parse(header))


def resume(token: Token[datetime | None] | None) -> None:
    """Undo ``stop``."""
    if token is not None:
        timestamps.stopped_at.reset(token)


@contextmanager
def stopped(header: str | None) -> Iterator[None]:
    """Run the block with the clock stopped at the instant ``header`` names."""
    token = stop(header)
    try:
        yield
    finally:
        resume(token)
