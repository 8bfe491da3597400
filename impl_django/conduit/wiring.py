"""The domain's collaborators, built once per process from ``settings.TRIPTYCH``."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from domain.passwords import PasswordHasher
from domain.settings import Settings
from domain.tokens import TokenCodec


def triptych_settings() -> Settings:
    configured: Settings = settings.TRIPTYCH
    return configured


@cache
def passwords() -> PasswordHasher:
    return triptych_settings().password_hasher()


@cache
def tokens() -> TokenCodec:
    return triptych_settings().token_codec()
