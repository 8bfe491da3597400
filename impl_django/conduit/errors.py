"""The one place where errors become HTTP answers in the contract's format.

``exception_handler`` is DRF's ``EXCEPTION_HANDLER``; ``page_not_found``, ``bad_request`` and
``server_error`` answer what never reaches a DRF view (unknown paths, bad hosts, crashes).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response

from domain import errors
from domain.errors import DomainError, Unauthorized, ValidationFailed

log = logging.getLogger("triptych.django")

NOT_FOUND = errors.refusal_body(404)
SERVER_ERROR = errors.refusal_body(500)
_FIXED: list[tuple[tuple[type[Exception], ...], int, dict[str, dict[str, list[str]]]]] = [
    ((Http404, exceptions.NotFound), 404, NOT_FOUND),
    ((exceptions.MethodNotAllowed,), 405, errors.refusal_body(405)),
    ((RequestDataTooBig,), 413, errors.refusal_body(413)),
    ((PermissionDenied, exceptions.PermissionDenied), 403, {"errors": {"request": ["forbidden"]}}),
]


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    """Every exception a DRF view raises, as ``{"errors": {key: [message]}}``."""
    error = _as_domain_error(exc)
    if error is not None:
        return _response(error)
    for kinds, status, body in _FIXED:
        if isinstance(exc, kinds):
            return Response(body, status=status)
    if isinstance(exc, exceptions.APIException):
        return Response(errors.refusal_body(exc.status_code), status=exc.status_code)
    request = context.get("request")
    where = f"{request.method} {request.path}" if request is not None else "a request"
    log.error("unexpected error on %s", where, exc_info=exc)
    return Response(SERVER_ERROR, status=500)


def _as_domain_error(exc: Exception) -> DomainError | None:
    """The contract's error for a refusal of the domain, of authentication or of the shape."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return Unauthorized.token()
    if isinstance(exc, exceptions.ValidationError):
        return ValidationFailed(_flatten(exc.detail))
    if isinstance(exc, exceptions.ParseError):
        return ValidationFailed.of("request", errors.NOT_JSON)
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return ValidationFailed.of("request", errors.NOT_A_JSON_OBJECT)
    return None


def _response(error: DomainError) -> Response:
    return Response(error.body(), status=error.http_status, headers=error.headers())


def domain_error_response(error: DomainError) -> JsonResponse:
    """A domain error raised outside DRF (in middleware)."""
    response = _json(error.body(), error.http_status)
    for name, value in error.headers().items():
        response[name] = value
    return response


def _json(body: dict[str, Any], status: int) -> JsonResponse:
    """Compact JSON, byte for byte what DRF's renderer writes, with its length (an answer
    given before ``CommonMiddleware``, which sets it, would go without)."""
    response = JsonResponse(body, status=status, json_dumps_params={"separators": (",", ":")})
    response["Content-Length"] = str(len(response.content))
    return response


def _flatten(detail: Any) -> dict[str, list[str]]:
    """Serializer errors keyed by the field at fault: ``{"user": {"email": [...]}}`` becomes
    ``{"email": [...]}``; a wrapper's own error (``{"user": [...]}``) keeps its key."""
    found: dict[str, list[str]] = {}

    def add(key: str, messages: Any) -> None:
        for message in messages if isinstance(messages, list) else [messages]:
            if str(message) not in found.setdefault(key, []):
                found[key].append(str(message))

    for key, value in (detail if isinstance(detail, dict) else {"request": detail}).items():
        if isinstance(value, dict):
            for field, messages in value.items():
                add(str(field), messages)
        else:
            add(str(key), value)
    return found


def page_not_found(request: HttpRequest, exception: Exception) -> JsonResponse:
    return _json(NOT_FOUND, 404)


def bad_request(request: HttpRequest, exception: Exception) -> JsonResponse:
    if isinstance(exception, RequestDataTooBig):
        return too_large()
    return _json(errors.refusal_body(400), 400)


def too_large() -> JsonResponse:
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    return _json(errors.refusal_body(413), 413)


def server_error(request: HttpRequest) -> JsonResponse:
    return _json(SERVER_ERROR, 500)
