"""Triptych on Django and Django REST framework, over the shared domain.

Served in two modes: ``wsgi``, the blocking views on gunicorn's threads, the default; ``asgi``,
their async source on uvicorn's event loop (the variant ``django-asgi``). Nothing is configured
on import: ``create_app()`` sets Django up from the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

SETTINGS_MODULE = "impl_django.settings"
MODES = ("wsgi", "asgi")  # the first is the default: ``serve --mode``, ``create_app(mode=)``
# The modes serving requests on the event loop (bounded by ``serve --pool-size``); the others
# serve each on a thread (``serve --threads``).
EVENT_LOOP_MODES = ("asgi",)
MODE_VARIABLE = "DJANGO_MODE"  # how ``serve`` hands the mode to the settings in each worker


class ModeError(RuntimeError):
    """Django was set up for one mode and asked for an application of the other."""


def setup() -> None:
    """Point Django at this project's settings (unless told otherwise) and load the apps."""
    import django  # noqa: PLC0415 - keep imports lazy

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()


def create_app(mode: str | None = None) -> Callable[..., object]:
    """The application, configured from the environment, in ``mode`` (default:
    ``DJANGO_MODE``, else ``wsgi``): a WSGI application that reads chunked bodies too, or an
    ASGI application whose bodies are bounded before Django reads them."""
    mode = mode or os.environ.get(MODE_VARIABLE) or MODES[0]
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    from django.conf import settings  # noqa: PLC0415

    if settings.configured and mode != settings.SERVING_MODE:  # refused, the process untouched
        raise ModeError(f"Django is set up for {settings.SERVING_MODE}, not {mode}")
    os.environ[MODE_VARIABLE] = mode  # the settings read it: each mode has its database options
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    setup()
    if mode != settings.SERVING_MODE:
        raise ModeError(f"Django is set up for {settings.SERVING_MODE}, not {mode}")
    # WhiteNoise serves what ``collectstatic`` (run by ``serve``) put there; it may be empty.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    if mode == "asgi":
        from django.core.asgi import get_asgi_application  # noqa: PLC0415

        from impl_django.bounded_bodies import ASGIApp, BoundedBodies  # noqa: PLC0415

        handler: ASGIApp = get_asgi_application()  # type: ignore[assignment]  # its stubs'
        return BoundedBodies(handler, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    from django.core.wsgi import get_wsgi_application  # noqa: PLC0415

    from impl_django.chunked import ChunkedBodies  # noqa: PLC0415

    return ChunkedBodies(get_wsgi_application(), settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
