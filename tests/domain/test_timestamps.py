"""Timestamps: UTC, milliseconds, ``Z``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.timestamps import as_utc, format_timestamp, now


def test_now_is_utc_and_whole_milliseconds() -> None:
    before = datetime.now(UTC) - timedelta(milliseconds=1)
    moment = now()
    assert moment.tzinfo is UTC
    assert moment.microsecond % 1000 == 0
    assert before <= moment <= datetime.now(UTC)


def test_now_round_trips_through_its_format() -> None:
    moment = now()
    parsed = datetime.strptime(format_timestamp(moment), "%Y-%m-%dT%H:%M:%S.%fZ")
    assert parsed.replace(tzinfo=UTC) == moment


PLUS_TWO = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 1, 31, 12, 0, tzinfo=UTC), "2026-01-31T12:00:00.000Z"),
        (datetime(2026, 1, 31, 12, 0, 0, 999_999, tzinfo=UTC), "2026-01-31T12:00:00.999Z"),
        (datetime(2026, 1, 31, 12, 0, 0, 5_000, tzinfo=UTC), "2026-01-31T12:00:00.005Z"),
        (datetime(2026, 1, 31, 12, 0, 0, 999), "2026-01-31T12:00:00.000Z"),
        (datetime(2026, 1, 1, 1, 30, tzinfo=PLUS_TWO), "2025-12-31T23:30:00.000Z"),
        (datetime(1999, 12, 31, 23, 59, 59, 123_456), "1999-12-31T23:59:59.123Z"),
        (datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC), "0999-01-02T03:04:05.000Z"),
    ],
)
def test_format_timestamp(moment: datetime, text: str) -> None:
    assert format_timestamp(moment) == text
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", text)


def test_as_utc_takes_naive_values_as_utc() -> None:
    naive = datetime(2026, 1, 31, 12, 0)
    assert as_utc(naive) == datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
    assert as_utc(naive).tzinfo is UTC


def test_as_utc_converts_other_zones() -> None:
    converted = as_utc(datetime(2026, 1, 31, 14, 0, tzinfo=PLUS_TWO))
    assert converted.tzinfo is UTC
    assert (converted.hour, converted.minute) == (12, 0)
