"""What drf-spectacular needs to know beyond the views: the token scheme."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
