"""The thread pool that runs FastAPI's endpoints: sized from the environment, at start-up."""

from __future__ import annotations

import anyio
import pytest
from anyio import to_thread

from domain.settings import Settings, SettingsError
from impl_fastapi.app import create_app
from impl_fastapi.threads import THREADS_VARIABLE, thread_count


def test_the_pool_has_eight_threads_unless_told() -> None:
    assert thread_count({}) == 8
    assert thread_count({THREADS_VARIABLE: ""}) == 8
    assert thread_count({THREADS_VARIABLE: "3"}) == 3


@pytest.mark.parametrize("raw", ["0", "-2", "two", "1.5", " 4"])
def test_a_pool_size_that_is_not_a_positive_whole_number_is_refused(raw: str) -> None:
    with pytest.raises(SettingsError, match=THREADS_VARIABLE):
        thread_count({THREADS_VARIABLE: raw})


def test_the_app_sizes_the_pool_when_it_starts(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv(THREADS_VARIABLE, "3")
    app = create_app(Settings(database_url=database_url, secret_key="k" * 40))

    async def started() -> float:
        async with app.router.lifespan_context(app):
            return to_thread.current_default_thread_limiter().total_tokens

    assert anyio.run(started) == 3
