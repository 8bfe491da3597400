"""Settings every implementation reads from the environment, checked once."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import overload
from urllib.parse import urlsplit

from domain.passwords import Argon2Cost, PasswordHasher
from domain.tokens import TokenCodec

log = logging.getLogger("triptych")

DEFAULT_DATABASE_URL = "sqlite:///data/triptych.sqlite3"
DEVELOPMENT_SECRET_KEY = "triptych-development-secret-change-me"  # noqa: S105
DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 3600
# How long PostgreSQL may take to accept a connection, and then to answer each statement,
# before the request is answered 503 and the connection dropped.
DEFAULT_DATABASE_TIMEOUT_SECONDS = 5
POOL_SIZE_VARIABLE = "DATABASE_POOL_SIZE"  # how ``serve --pool-size`` reaches each worker
SECRET_KEY_MIN_BYTES = 32  # HS256 wants a key at least as long as its hash
DEVELOPMENT = "development"
PRODUCTION = "production"
ENVIRONMENTS = (DEVELOPMENT, PRODUCTION)
ANY_ORIGIN = "*"


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the environment says: database and how long it may take, signing secret, token
    lifetime, hashing cost, the origins browsers may call from, and whether this is a
    production deployment."""

    database_url: str = DEFAULT_DATABASE_URL
    database_timeout_seconds: int = DEFAULT_DATABASE_TIMEOUT_SECONDS
    # The most connections a pool of a server on an event loop holds (None: the storage's own
    # default); a server on threads holds one per thread at most.
    database_pool_size: int | None = None
    secret_key: str = DEVELOPMENT_SECRET_KEY
    token_ttl_seconds: int = DEFAULT_TOKEN_TTL_SECONDS
    argon2: Argon2Cost = field(default_factory=Argon2Cost)
    test_clock: bool = False
    cors_allowed_origins: tuple[str, ...] = (ANY_ORIGIN,)
    environment: str = DEVELOPMENT

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read ``DATABASE_URL``, ``DATABASE_TIMEOUT``, ``DATABASE_POOL_SIZE``, ``SECRET_KEY``,
        ``TOKEN_TTL_SECONDS``, ``ARGON2_*``, ``TEST_CLOCK``, ``CORS_ALLOWED_ORIGINS`` and
        ``ENVIRONMENT``."""
        env = os.environ if environ is None else environ
        defaults = Argon2Cost()
        secret_key = env.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
        if len(secret_key.encode()) < SECRET_KEY_MIN_BYTES:
            raise SettingsError(f"SECRET_KEY must be at least {SECRET_KEY_MIN_BYTES} bytes long")
        environment = _environment(env)
        if is_development_secret(secret_key) and environment != PRODUCTION:  # else refused
            log.warning("SECRET_KEY is not set: tokens are signed with a development key")
        argon2 = Argon2Cost(
            time_cost=_positive(env, "ARGON2_TIME_COST", defaults.time_cost),
            memory_cost_kib=_positive(env, "ARGON2_MEMORY_COST", defaults.memory_cost_kib),
            parallelism=_positive(env, "ARGON2_PARALLELISM", defaults.parallelism),
        )
        if argon2.memory_cost_kib < 8 * argon2.parallelism:
            raise SettingsError("ARGON2_MEMORY_COST must be at least 8 KiB per ARGON2_PARALLELISM")
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            database_timeout_seconds=_positive(
                env, "DATABASE_TIMEOUT", DEFAULT_DATABASE_TIMEOUT_SECONDS
            ),
            database_pool_size=_positive(env, POOL_SIZE_VARIABLE, None),
            secret_key=secret_key,
            token_ttl_seconds=_positive(env, "TOKEN_TTL_SECONDS", DEFAULT_TOKEN_TTL_SECONDS),
            argon2=argon2,
            test_clock=_test_clock(env),
            cors_allowed_origins=_origins(env),
            environment=environment,
        )

    @property
    def production(self) -> bool:
        return self.environment == PRODUCTION

    @property
    def any_origin(self) -> bool:
        """Whether a browser on any origin may call the API."""
        return ANY_ORIGIN in self.cors_allowed_origins

    def check_production(self) -> None:
        """Refuse to serve production with the development secret (``SECRET_KEY`` unset or
        set to it): anyone could sign tokens with a key published in the source."""
        if self.production and is_development_secret(self.secret_key):
            raise SettingsError(
                "ENVIRONMENT=production needs a SECRET_KEY of its own "
                f"(a random secret of at least {SECRET_KEY_MIN_BYTES} bytes)"
            )

    def password_hasher(self) -> PasswordHasher:
        return PasswordHasher(self.argon2)

    def token_codec(self) -> TokenCodec:
        return TokenCodec(self.secret_key, self.token_ttl_seconds)


@overload
def _positive(env: Mapping[str, str], name: str, default: int) -> int: ...
@overload
def _positive(env: Mapping[str, str], name: str, default: None) -> int | None: ...
def _positive(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    """The positive whole number ``name`` holds, ``default`` when unset or empty."""
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {raw!r}")
    return value


def is_development_secret(secret_key: str) -> bool:
    """Whether tokens would be signed with the key published in the source."""
    return secret_key == DEVELOPMENT_SECRET_KEY


def _environment(env: Mapping[str, str]) -> str:
    raw = env.get("ENVIRONMENT", "").strip().lower() or DEVELOPMENT
    if raw not in ENVIRONMENTS:
        raise SettingsError(f"ENVIRONMENT must be development or production, not {raw!r}")
    return raw


def _origins(env: Mapping[str, str]) -> tuple[str, ...]:
    """``CORS_ALLOWED_ORIGINS``: comma-separated origins (``scheme://host[:port]``) or ``*``."""
    origins = tuple(
        part.strip() for part in env.get("CORS_ALLOWED_ORIGINS", "").split(",") if part.strip()
    )
    for origin in origins:
        if origin != ANY_ORIGIN and not _is_origin(origin):
            raise SettingsError(
                "CORS_ALLOWED_ORIGINS must list origins such as https://app.example:8443 "
                f"(scheme, host and port, in lower case) or *, not {origin!r}"
            )
    return (ANY_ORIGIN,) if not origins or ANY_ORIGIN in origins else origins


def _is_origin(text: str) -> bool:
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    return (
        parts.scheme in {"http", "https"}
        and bool(parts.hostname)
        and port_ok
        and parts.username is None
        and text == f"{parts.scheme}://{parts.netloc}".lower()
    )


def _test_clock(env: Mapping[str, str]) -> bool:
    raw = env.get("TEST_CLOCK", "").strip().lower()
    if raw not in {"", "0", "false", "no", "1", "true", "yes"}:
        raise SettingsError(f"TEST_CLOCK must be 1 or 0, not {raw!r}")
    enabled = raw in {"1", "true", "yes"}
    if enabled:
        log.warning("TEST_CLOCK is on: requests may stop the clock with X-Test-Clock (tests only)")
    return enabled
