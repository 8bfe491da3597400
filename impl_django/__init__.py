"""Triptych on Django and Django REST framework, over the shared domain.

Nothing is configured on import: ``create_app()`` sets Django up from the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

SETTINGS_MODULE = "impl_django.settings"


def setup() -> None:
    """Point Django at this project's settings (unless told otherwise) and load the apps."""
    import django  # noqa: PLC0415 - keep imports lazy

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()


def create_app() -> WSGIApplication:
    """The WSGI application, configured from the environment; chunked bodies are read too."""
    from django.conf import settings  # noqa: PLC0415
    from django.core.wsgi import get_wsgi_application  # noqa: PLC0415

    from impl_django.chunked import ChunkedBodies  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    # WhiteNoise serves what ``collectstatic`` (run by ``serve``) put there; it may be empty.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    return ChunkedBodies(get_wsgi_application(), settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
