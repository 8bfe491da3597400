"""Django middleware of the project: the body size limit, the test clock, the API's own
response headers, and the admin's static files on ASGI.

Each works in both of Django's modes, as Django's own middleware does: called with a coroutine
below it (on ASGI), it is one itself, so that no request hops to a thread and back for it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.deprecation import MiddlewareMixin
from whitenoise.middleware import WhiteNoiseMiddleware

from domain import clock, web_policy
from domain.errors import ValidationFailed
from domain.http_input import discard_rest
from impl_django.conduit.errors import domain_error_response, too_large

Response = HttpResponseBase
GetResponse = Callable[[HttpRequest], Any]


class Middleware:
    """A middleware for both modes: ``before`` may answer the request itself, ``after`` sees
    the answer; ``get_response`` below it is awaited on ASGI, called on WSGI."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Response | Awaitable[Response]:
        if self.is_async:
            return self._answer(request)
        answer = self.before(request)
        if answer is not None:
            return answer
        try:
            response = self.get_response(request)
        finally:
            self.leave(request)
        return self.after(request, response)

    async def _answer(self, request: HttpRequest) -> Response:
        answer = self.before(request)
        if answer is not None:
            return answer
        try:
            response = await self.get_response(request)
        finally:
            self.leave(request)
        return self.after(request, response)

    def before(self, request: HttpRequest) -> Response | None:
        return None

    def leave(self, request: HttpRequest) -> None:
        """Run after the views below, whatever they raised."""

    def after(self, request: HttpRequest, response: Response) -> Response:
        return response


class TestClockMiddleware(Middleware):
    """Handle each request carrying ``X-Test-Clock`` with the clock stopped at that instant.

    Installed by the settings only when ``TEST_CLOCK`` is on.
    """

    def before(self, request: HttpRequest) -> Response | None:
        try:
            request.test_clock = clock.stop(request.headers.get(clock.HEADER))  # type: ignore[attr-defined]
        except ValidationFailed as error:
            return domain_error_response(error)
        return None

    def leave(self, request: HttpRequest) -> None:
        clock.resume(request.test_clock)  # type: ignore[attr-defined]


class ApiHeadersMiddleware(Middleware):
    """Under ``/api/``, every header of ``domain.web_policy``: SecurityMiddleware and
    XFrameOptionsMiddleware already send three of them everywhere, but Django 5.2 has no
    setting for ``Content-Security-Policy`` (left off the documentation page) or
    ``Cache-Control``."""

    def after(self, request: HttpRequest, response: Response) -> Response:
        if request.path.startswith(web_policy.API_ROOT):
            for name, value in web_policy.security_headers(request.path).items():
                response.headers.setdefault(name, value)
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):  # type: ignore[misc]  # untyped
    """WhiteNoise's middleware on ASGI: the collected static files (the admin's) are served as
    WhiteNoise serves them, and every other request goes on without a hop to a thread, which
    Django would take for WhiteNoise's blocking middleware."""

    sync_capable = False
    async_capable = True

    def __init__(self, get_response: GetResponse, *args: Any, **kwargs: Any) -> None:
        super().__init__(get_response, *args, **kwargs)
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> Response:
        static_file = self.find_file(request.path_info) if self.autorefresh else None
        static_file = static_file or self.files.get(request.path_info)
        if static_file is not None:
            served: Response = self.serve(static_file, request)
            return served
        response: Response = await self.get_response(request)
        return response


class BodyLimitMiddleware(Middleware):
    """Read the body before anything else looks at the request.

    DRF's parsers read the request as a stream, which Django does not hold to
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``; ``request.body`` does: a larger body raises
    ``RequestDataTooBig``, answered here with the 413 of ``impl_django.conduit.errors`` (left
    to Django, it would log a traceback for each). Views then read the body from memory; the
    rest of a refused body is read and dropped (``discard_rest``), so that its connection
    serves the next request.
    """

    def before(self, request: HttpRequest) -> Response | None:
        try:
            request.body  # noqa: B018 - read for the size check it makes
        except RequestDataTooBig:
            # Django refuses a body by its declared length, read as an integer already. On
            # ASGI the server drops the rest itself (``impl_django.bounded_bodies``).
            if "wsgi.input" in request.META:
                discard_rest(request.META["wsgi.input"], int(request.META["CONTENT_LENGTH"]))
            return too_large()
        return None


class AdminOnly(MiddlewareMixin):
    """One of Django's middleware that serve the admin (sessions, CSRF, its signed-in user,
    messages), passed over under ``/api/``: the API uses none of them, and on ASGI each would
    cost a request one or two hops to a thread and back (Django runs their hooks there). Being
    subclasses, they still satisfy the admin's checks of ``MIDDLEWARE``."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.path.startswith(web_policy.API_ROOT):
            return self.get_response(request)
        return super().__call__(request)


class AdminSessionMiddleware(AdminOnly, SessionMiddleware):
    """Django's ``SessionMiddleware``, for the admin only."""


class AdminCsrfViewMiddleware(AdminOnly, CsrfViewMiddleware):
    """Django's ``CsrfViewMiddleware``, for the admin only (DRF's views are exempt anyway)."""

    def process_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.path.startswith(web_policy.API_ROOT):
            return None
        return super().process_view(request, *args, **kwargs)


class AdminAuthenticationMiddleware(AdminOnly, AuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware``, for the admin only (the API authenticates its
    callers by token, in DRF)."""


class AdminMessageMiddleware(AdminOnly, MessageMiddleware):
    """Django's ``MessageMiddleware``, for the admin only."""
