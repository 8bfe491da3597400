"""The SQLAlchemy storage in each of its flavours, as the storage checks take it: blocking, or
async driven from the test's thread through an event loop of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from anyio.from_thread import start_blocking_portal

from domain.ports import UnitOfWork
from storage_sqlalchemy.engine import (
    make_async_engine,
    make_async_session_factory,
    make_engine,
    make_session_factory,
    reading_engine,
)
from storage_sqlalchemy.unit_of_work import AsyncSqlAlchemyUnitOfWork, SqlAlchemyUnitOfWork
from tests.blocking import blocking

FLAVOURS = ("blocking", "async")


@contextmanager
def units_of_work(database_url: str, flavour: str) -> Iterator[Callable[[], UnitOfWork]]:
    """A maker of new units of work on ``database_url`` (migrated) in ``flavour``, until the
    block ends."""
    if flavour == "async":
        with start_blocking_portal() as portal:
            async_engine = make_async_engine(database_url)
            async_sessions = make_async_session_factory(async_engine)
            try:
                yield lambda: blocking(AsyncSqlAlchemyUnitOfWork(async_sessions), portal)
            finally:
                portal.call(async_engine.dispose)
        return
    engine = make_engine(database_url)
    reading = reading_engine(engine)
    sessions = make_session_factory(engine)
    try:
        yield lambda: SqlAlchemyUnitOfWork(sessions, reading)
    finally:
        reading.dispose()
        engine.dispose()
