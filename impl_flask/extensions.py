"""What the views share per app: the database, password hashing, tokens, units of work."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from flask import Flask, current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Engine

from domain.passwords import PasswordHasher
from domain.ports import UnitOfWork
from domain.settings import Settings
from domain.tokens import TokenCodec
from storage_sqlalchemy.engine import configure_engine, engine_setup, reading_engine
from storage_sqlalchemy.tables import Base
from storage_sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork

EXTENSION = "triptych"

# Flask-SQLAlchemy over the shared tables; bound to each app by ``init_extensions``.
db = SQLAlchemy(metadata=Base.metadata, session_options={"expire_on_commit": False})


@dataclass(frozen=True, slots=True)
class Conduit:
    """The app's settings and the services built from them."""

    settings: Settings
    passwords: PasswordHasher
    tokens: TokenCodec
    reading: Engine  # for units of work that only read (no session, no transaction)


def init_extensions(app: Flask, settings: Settings) -> None:
    """Bind the database (engine set up as ``storage_sqlalchemy`` does) and the services."""
    url, options = engine_setup(settings.database_url, timeout=settings.database_timeout_seconds)
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    with app.app_context():
        engine = db.engine
    configure_engine(engine)
    reading = reading_engine(engine, timeout=settings.database_timeout_seconds)
    # Flask has no shutdown hook: pooled connections are closed when the app goes, or at exit.
    weakref.finalize(app, reading.dispose)
    weakref.finalize(app, engine.dispose)
    app.extensions[EXTENSION] = Conduit(
        settings=settings,
        passwords=settings.password_hasher(),
        tokens=settings.token_codec(),
        reading=reading,
    )


def conduit() -> Conduit:
    """The current app's services."""
    services: Conduit = current_app.extensions[EXTENSION]
    return services


def unit_of_work() -> UnitOfWork:
    """A unit of work on the app context's session, which Flask-SQLAlchemy removes at teardown."""
    return SqlAlchemyUnitOfWork(db.session, conduit().reading)
