"""Triptych on FastAPI: Pydantic schemas, SQLAlchemy 2.0 storage and Alembic migrations.

Served in two modes (``impl_fastapi.app``): ``async``, the endpoints on the event loop, the
default; ``sync``, their blocking twin in FastAPI's thread pool (the variant ``fastapi-sync``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

MODES = ("async", "sync")  # the first is the default: ``serve --mode``, ``create_app(mode=)``
# The modes serving requests on the event loop (bounded by ``serve --pool-size``); the others
# serve each on a thread (``serve --threads``).
EVENT_LOOP_MODES = ("async",)
MODE_VARIABLE = "FASTAPI_MODE"  # how ``serve`` hands the mode to the app in each worker


def create_app(mode: str | None = None) -> FastAPI:
    """The ASGI app, configured from the environment, in ``mode`` (default: ``FASTAPI_MODE``,
    else ``async``)."""
    from impl_fastapi.app import create_app as factory  # noqa: PLC0415 - keep imports lazy

    return factory(mode=mode)
