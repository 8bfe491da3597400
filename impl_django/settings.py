"""Django settings, read from the environment when Django loads them.

The shared variables (``DATABASE_URL``, ``SECRET_KEY``, ``TOKEN_TTL_SECONDS``, ``ARGON2_*``,
``TEST_CLOCK``, ``CORS_ALLOWED_ORIGINS``, ``ENVIRONMENT``) go through
``domain.settings.Settings``; Django's own are ``DEBUG`` (off unless 1, refused in production),
``ALLOWED_HOSTS`` (comma-separated) and ``STATIC_ROOT`` (where ``collectstatic`` writes);
``DJANGO_MODE`` (``wsgi`` or ``asgi``, set by ``create_app``) is how the site is served.
"""

from __future__ import annotations

import os
from pathlib import Path

import django_stubs_ext

from domain import web_policy
from domain.http_input import MAX_BODY_BYTES
from domain.settings import Settings, SettingsError
from impl_django import MODE_VARIABLE, MODES
from impl_django.database_url import database_settings

django_stubs_ext.monkeypatch()  # generic model fields, e.g. ``BigAutoField[int, int]``

TRIPTYCH = Settings.from_env()
TRIPTYCH.check_production()

SERVING_MODE = os.environ.get(MODE_VARIABLE) or MODES[0]
if SERVING_MODE not in MODES:
    raise SettingsError(f"{MODE_VARIABLE} must be one of {', '.join(MODES)}, not {SERVING_MODE!r}")
ASYNC = SERVING_MODE == "asgi"

SECRET_KEY = TRIPTYCH.secret_key
DEBUG = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes"}
if DEBUG and TRIPTYCH.production:
    raise SettingsError("DEBUG must be off when ENVIRONMENT=production")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "impl_django.conduit",
]

# The headers every answer carries come first, so that the preflights CorsMiddleware answers
# (and the test clock's refusals) carry them too.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "impl_django.conduit.middleware.ApiHeadersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "impl_django.conduit.middleware.StaticFilesMiddleware"
    if ASYNC
    else "whitenoise.middleware.WhiteNoiseMiddleware",
    "impl_django.conduit.middleware.AdminSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "impl_django.conduit.middleware.AdminCsrfViewMiddleware",
    "impl_django.conduit.middleware.AdminAuthenticationMiddleware",
    "impl_django.conduit.middleware.AdminMessageMiddleware",
]
# After CORS and the security headers, so that a 413 carries them too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware") + 1,
    "impl_django.conduit.middleware.BodyLimitMiddleware",
)
if TRIPTYCH.test_clock:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware") + 1,
        "impl_django.conduit.middleware.TestClockMiddleware",
    )

# SecurityMiddleware and XFrameOptionsMiddleware: the policy's values (nosniff is Django's
# default); ApiHeadersMiddleware adds the rest under /api/.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = web_policy.REFERRER_POLICY
SECURE_CROSS_ORIGIN_OPENER_POLICY = None  # a JSON API opens no windows; the set is the policy's
X_FRAME_OPTIONS = web_policy.FRAME_OPTIONS

# django-cors-headers, on the API only (not the admin), never with credentials.
CORS_URLS_REGEX = r"^/api/"  # a prefix: a path holding a newline is still under /api
CORS_ALLOW_ALL_ORIGINS = TRIPTYCH.any_origin
CORS_ALLOWED_ORIGINS = [] if TRIPTYCH.any_origin else list(TRIPTYCH.cors_allowed_origins)
CORS_ALLOW_METHODS = list(web_policy.CORS_METHODS)
CORS_ALLOW_HEADERS = sorted({*web_policy.CORS_REQUEST_HEADERS, *web_policy.CORS_SAFELISTED_HEADERS})
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = web_policy.CORS_MAX_AGE_SECONDS

# A larger body is refused (413, by ``BodyLimitMiddleware`` and ``errors.too_large``) before
# anything else; ``impl_django.chunked`` gives chunked bodies the length Django checks.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

ROOT_URLCONF = "impl_django.urls"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_settings(
        TRIPTYCH.database_url,
        timeout=TRIPTYCH.database_timeout_seconds,
        pooled=ASYNC,
        pool_size=TRIPTYCH.database_pool_size,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or "data/static").resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["impl_django.conduit.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_PARSER_CLASSES": ["impl_django.conduit.parsers.ContractJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "impl_django.conduit.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_METADATA_CLASS": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Triptych Conduit API (Django REST framework)",
    "VERSION": "2.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],  # the documentation is public, whatever header comes along
    "SCHEMA_PATH_PREFIX": "/api",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
