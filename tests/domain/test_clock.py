"""The clock a test run stops per request with ``X-Test-Clock``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain import clock
from domain.errors import ValidationFailed
from domain.settings import Settings, SettingsError
from domain.timestamps import now

INSTANT = "2031-05-06T07:08:09.123Z"


def test_a_stopped_clock_answers_the_instant_until_resumed() -> None:
    with clock.stopped(INSTANT):
        assert now() == datetime(2031, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)
        assert now() == now()
    assert now().year != 2031


def test_no_header_leaves_the_clock_running() -> None:
    assert clock.stop(None) is None
    with clock.stopped(None):
        assert now().year != 2031


@pytest.mark.parametrize(
    "header",
    [
        "",
        "yesterday",
        "2031-05-06T07:08:09Z",
        "2031-05-06T07:08:09.123+00:00",
        "2031-13-01T00:00:00.000Z",
    ],
)
def test_a_header_that_is_not_a_contract_timestamp_is_refused(header: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        clock.parse(header)
    assert refused.value.errors == {"X-Test-Clock": ["is invalid"]}


@pytest.mark.parametrize(
    ("raw", "enabled"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_the_setting_is_off_unless_asked_for(raw: str, enabled: bool) -> None:
    assert Settings.from_env({"TEST_CLOCK": raw}).test_clock is enabled
    assert Settings.from_env({}).test_clock is False


def test_a_garbled_setting_is_refused() -> None:
    with pytest.raises(SettingsError, match="TEST_CLOCK"):
        Settings.from_env({"TEST_CLOCK": "sometimes"})
