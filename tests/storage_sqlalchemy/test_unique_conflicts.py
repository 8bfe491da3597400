"""Unique rules decided by the database, through the SQLAlchemy storage, blocking and async
(``tests.unique_conflicts``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage_sqlalchemy.engine import (
    make_async_engine,
    make_async_session_factory,
    make_engine,
    make_session_factory,
    reading_engine,
)
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import AsyncSqlAlchemyUnitOfWork, SqlAlchemyUnitOfWork
from tests.blocking import blocking, event_loop
from tests.unique_conflicts import (  # noqa: F401 - collected here, with this module's storage
    Storage,
    test_a_comment_on_an_article_deleted_meanwhile,
    test_a_unique_rule_decided_by_the_database,
)


@pytest.fixture(scope="module", params=["blocking", "async"])
def storage(request: pytest.FixtureRequest, module_database_url: str) -> Iterator[Storage]:
    migrate(module_database_url)
    if request.param == "async":
        with event_loop() as portal:
            async_engine = make_async_engine(module_database_url)
            sessions = make_async_session_factory(async_engine)
            try:
                yield Storage(
                    new_uow=lambda: blocking(AsyncSqlAlchemyUnitOfWork(sessions), portal),
                    interleaved=async_engine.dialect.name == "postgresql",
                )
            finally:
                portal.call(async_engine.dispose)
        return
    engine = make_engine(module_database_url)
    reading = reading_engine(engine)
    sessions_factory = make_session_factory(engine)
    try:
        yield Storage(
            new_uow=lambda: SqlAlchemyUnitOfWork(sessions_factory, reading),
            interleaved=engine.dialect.name == "postgresql",
        )
    finally:
        reading.dispose()
        engine.dispose()
