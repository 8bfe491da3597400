"""Triptych on Flask: Marshmallow schemas, flask-smorest blueprints, Flask-SQLAlchemy storage."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from domain.settings import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """The WSGI app, configured from ``settings`` or else from the environment."""
    from impl_flask.app import create_app as factory  # noqa: PLC0415 - keep imports lazy

    return factory(settings)
