"""Middleware: the body size limit, and the test clock (under ``TEST_CLOCK=1`` a request may
stop the domain's clock)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from domain import clock
from domain.errors import ValidationFailed
from impl_django.conduit.errors import domain_error_response, too_large


class TestClockMiddleware:
    """Handle each request carrying ``X-Test-Clock`` with the clock stopped at that instant.

    Installed by the settings only when ``TEST_CLOCK`` is on.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            token = clock.stop(request.headers.get(clock.HEADER))
        except ValidationFailed as error:
            return domain_error_response(error)
        try:
            return self.get_response(request)
        finally:
            clock.resume(token)


class BodyLimitMiddleware:
    """Read the body before anything else looks at the request.

    DRF's parsers read the request as a stream, which Django does not hold to
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``; ``request.body`` does: a larger body raises
    ``RequestDataTooBig``, answered here with the 413 of ``impl_django.conduit.errors`` (left
    to Django, it would log a traceback for each). Views then read the body from memory.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.body  # noqa: B018 - read for the size check it makes
        except RequestDataTooBig:
            return too_large()
        return self.get_response(request)
