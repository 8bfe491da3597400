"""The one place where errors become HTTP answers in the contract's format, never HTML."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from domain import errors
from domain.errors import DomainError, ValidationFailed

log = logging.getLogger("triptych.flask")

_WHOLE_BODY = "request"
_SCHEMA_LEVEL = "_schema"  # Marshmallow's key for an error of a whole (nested) object


def register_error_handlers(app: Flask) -> None:
    """Answer every refusal as ``{"errors": {key: [message]}}``.

    Shape errors (a body that is not JSON, not an object, of another content type, or whose
    fields have the wrong types) arrive as Marshmallow's ``ValidationError``, raised by the
    schemas and by ``impl_flask.parsing``.
    """
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(ValidationError, _shape_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _domain_error(error: DomainError) -> ResponseReturnValue:
    return error.body(), error.http_status, error.headers()


def _shape_error(error: ValidationError) -> ResponseReturnValue:
    return _domain_error(ValidationFailed(contract_errors(error.messages)))


def _http_error(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    headers = [(name, value) for name, value in error.get_headers() if name == "Allow"]
    return errors.refusal_body(status), status, headers


def _unexpected_error(error: Exception) -> ResponseReturnValue:
    log.exception("unexpected error on %s %s", request.method, request.path, exc_info=error)
    return errors.refusal_body(500), 500


def contract_errors(messages: Any) -> dict[str, list[str]]:
    """Marshmallow's nested messages, keyed by the field they are about.

    ``{"json": {"article": {"tagList": {0: [m]}}}}`` becomes ``{"tagList": [m]}``: the key
    is the innermost field name (list indexes and ``_schema`` name none), else ``request``.
    """
    found: dict[str, list[str]] = {}

    def collect(node: Any, key: str) -> None:
        if isinstance(node, dict):
            for name, child in node.items():
                inner = name if isinstance(name, str) and name != _SCHEMA_LEVEL else key
                collect(child, inner)
        elif isinstance(node, list):
            for child in node:
                collect(child, key)
        elif node not in found.setdefault(key, []):
            found[key].append(str(node))

    collect(messages, _WHOLE_BODY)
    return found
