"""Who is calling: ``Authorization: Token <jwt>`` (or ``Bearer``), checked by decorators.

They go above ``@blp.arguments``, so that authentication is checked before the body, and they
pass the caller to the view as the keyword argument ``caller``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import request
from flask_smorest import Blueprint

from domain.errors import Unauthorized
from domain.tokens import Principal, principal_from_header
from impl_flask.extensions import conduit

View = Callable[..., Any]
SCHEME = "Token"
SECURITY_SCHEME = {
    "type": "apiKey",
    "in": "header",
    "name": "Authorization",
    "description": "`Token <jwt>` (or `Bearer <jwt>`), as answered by login or registration.",
}


def _principal() -> Principal | None:
    return principal_from_header(request.headers.get("Authorization"), conduit().tokens)


def login_required(view: View) -> View:
    """The caller must send a valid token."""

    @wraps(view)
    def authenticated(*args: Any, **kwargs: Any) -> Any:
        principal = _principal()
        if principal is None:
            raise Unauthorized.token()
        return view(*args, caller=principal, **kwargs)

    return Blueprint.doc(security=[{SCHEME: []}])(authenticated)


def login_optional(view: View) -> View:
    """Anonymous callers get ``caller=None``; a header that is sent must be valid."""

    @wraps(view)
    def authenticated(*args: Any, **kwargs: Any) -> Any:
        return view(*args, caller=_principal(), **kwargs)

    return Blueprint.doc(security=[{}, {SCHEME: []}])(authenticated)


def viewer_id(caller: Principal | None) -> int | None:
    return caller.user_id if caller else None
