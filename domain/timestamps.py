"""Timestamps as the contract shows them: UTC, milliseconds, ``Z``."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, datetime

# Set only under test, per request (see ``domain.clock``).
stopped_at: ContextVar[datetime | None] = ContextVar("triptych_stopped_at", default=None)


def now() -> datetime:
    """The current UTC time, cut to whole milliseconds so it round-trips unchanged."""
    stopped = stopped_at.get()
    if stopped is not None:
        return stopped
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (naive values are taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with exactly three fractional digits, e.g. ``2026-01-31T12:00:00.000Z``
    (four-digit years, as ISO 8601 writes them)."""
    utc = moment if moment.tzinfo is UTC else as_utc(moment)
    return utc.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
