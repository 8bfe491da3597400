"""``Authorization: Token <jwt>`` (or ``Bearer``), answered with 401 and a challenge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from domain.errors import Unauthorized
from domain.tokens import Principal, principal_from_header
from impl_django.conduit.wiring import tokens

if TYPE_CHECKING:
    from rest_framework.views import APIView  # imports this module's settings itself


class TokenAuthentication(BaseAuthentication):
    """The caller is the ``Principal`` of a valid token; a bad header is refused outright."""

    def authenticate(self, request: Request) -> tuple[Principal, str] | None:
        header = request.META.get("HTTP_AUTHORIZATION")
        try:
            principal = principal_from_header(header, tokens())
        except Unauthorized as error:
            raise AuthenticationFailed from error
        return None if principal is None else (principal, principal.token)

    def authenticate_header(self, request: HttpRequest) -> str:
        """What makes DRF answer 401 (not 403), with the challenge the domain names."""
        return Unauthorized.token().headers()["WWW-Authenticate"]


class IsCaller(BasePermission):
    """The request carries a valid token (anonymous callers get 401, not 403)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.user, Principal)


class IsCallerOrReadOnly(IsCaller):
    """Anyone may read; writing takes a valid token."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


def caller(request: Request) -> Principal:
    """The authenticated caller of a view guarded by ``IsCaller``."""
    assert isinstance(request.user, Principal)
    return request.user


def viewer_id(request: Request) -> int | None:
    """The caller's id where authentication is optional."""
    return request.user.user_id if isinstance(request.user, Principal) else None
