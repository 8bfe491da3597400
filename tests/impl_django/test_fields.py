"""Values are stored as the SQLAlchemy implementations store them, so either reads them alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.dialects import sqlite


def _as_sqlalchemy_writes(moment: datetime) -> str:
    naive_utc = moment.astimezone(UTC).replace(tzinfo=None)
    process = sqlite.DATETIME().bind_processor(sqlite.dialect())  # type: ignore[no-untyped-call]
    assert process is not None
    written: str = process(naive_utc)
    return written


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2030, 1, 1, tzinfo=UTC),  # a zero fraction Django would leave out
        datetime(2030, 1, 1, 12, 30, 5, 123000, tzinfo=UTC),
        datetime(2030, 1, 1, 23, 0, tzinfo=timezone(timedelta(hours=-2))),  # the next day in UTC
    ],
)
@pytest.mark.usefixtures("django_app")  # models and their fields load once Django is set up
def test_sqlite_timestamps_are_text_as_sqlalchemy_writes_it(moment: datetime) -> None:
    from impl_django.conduit.fields import TimestampField  # noqa: PLC0415

    connection: Any = SimpleNamespace(vendor="sqlite")
    stored = TimestampField().get_db_prep_value(moment, connection)
    assert stored == _as_sqlalchemy_writes(moment)
    assert len(stored) == len("2030-01-01 00:00:00.000000")
