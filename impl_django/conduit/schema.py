"""What drf-spectacular needs to know beyond the views: the token scheme, and where it is
optional."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.permissions import SAFE_METHODS

from impl_django.conduit.authentication import IsCaller, IsCallerOrReadOnly


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "impl_django.conduit.authentication.TokenAuthentication"
    name = "TokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <jwt>` (or `Bearer <jwt>`), as answered by login or "
            "registration.",
        }

    def get_security_requirement(self, auto_schema: Any) -> list[dict[str, list[str]]]:
        """The token where the view requires a caller; elsewhere the token or nothing."""
        token: dict[str, list[str]] = {"TokenAuth": []}
        return [token] if _requires_caller(auto_schema.view, auto_schema.method) else [{}, token]


def _requires_caller(view: Any, method: str) -> bool:
    return any(
        isinstance(permission, IsCaller)
        and not (isinstance(permission, IsCallerOrReadOnly) and method in SAFE_METHODS)
        for permission in view.get_permissions()
    )
