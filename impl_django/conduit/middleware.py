"""Django middleware of the project: the body size limit, the test clock, and the API's own
response headers."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from domain import clock, web_policy
from domain.errors import ValidationFailed
from domain.http_input import discard_rest
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


class ApiHeadersMiddleware:
    """Under ``/api/``, every header of ``domain.web_policy``: SecurityMiddleware and
    XFrameOptionsMiddleware already send three of them everywhere, but Django 5.2 has no
    setting for ``Content-Security-Policy`` (left off the documentation page) or
    ``Cache-Control``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(web_policy.API_ROOT):
            for name, value in web_policy.security_headers(request.path).items():
                response.headers.setdefault(name, value)
        return response


class BodyLimitMiddleware:
    """Read the body before anything else looks at the request.

    DRF's parsers read the request as a stream, which Django does not hold to
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``; ``request.body`` does: a larger body raises
    ``RequestDataTooBig``, answered here with the 413 of ``impl_django.conduit.errors`` (left
    to Django, it would log a traceback for each). Views then read the body from memory; the
    rest of a refused body is read and dropped (``discard_rest``), so that its connection
    serves the next request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.body  # noqa: B018 - read for the size check it makes
        except RequestDataTooBig:
            # Django refuses a body by its declared length, read as an integer already.
            discard_rest(request.META["wsgi.input"], int(request.META["CONTENT_LENGTH"]))
            return too_large()
        return self.get_response(request)
