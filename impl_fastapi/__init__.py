"""Triptych on FastAPI: Pydantic schemas, SQLAlchemy 2.0 storage and Alembic migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app() -> FastAPI:
    """The ASGI app, configured from the environment."""
    from impl_fastapi.app import create_app as factory  # noqa: PLC0415 - keep imports lazy

    return factory()
