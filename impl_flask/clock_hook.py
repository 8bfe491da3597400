"""The test hook: under ``TEST_CLOCK``, each request runs with the clock stopped at
``X-Test-Clock`` (an invalid value is the domain's 422)."""

from __future__ import annotations

from flask import Flask, g, request

from domain import clock


def install_test_clock(app: Flask) -> None:
    """Stop the clock before every request that names an instant; resume it at teardown."""

    @app.before_request
    def stop_clock() -> None:
        g.clock_token = clock.stop(request.headers.get(clock.HEADER))

    @app.teardown_request
    def resume_clock(_error: BaseException | None) -> None:
        clock.resume(g.pop("clock_token", None))
