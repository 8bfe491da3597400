"""Unique rules decided by the database, through the SQLAlchemy storage
(``tests.unique_conflicts``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage_sqlalchemy.engine import make_engine, make_session_factory, reading_engine
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from tests.unique_conflicts import (  # noqa: F401 - collected here, with this module's storage
    Storage,
    test_a_comment_on_an_article_deleted_meanwhile,
    test_a_unique_rule_decided_by_the_database,
)


@pytest.fixture(scope="module")
def storage(module_database_url: str) -> Iterator[Storage]:
    database_url = module_database_url
    migrate(database_url)
    engine = make_engine(database_url)
    reading = reading_engine(engine)
    sessions = make_session_factory(engine)
    try:
        yield Storage(
            new_uow=lambda: SqlAlchemyUnitOfWork(sessions, reading),
            interleaved=engine.dialect.name == "postgresql",
        )
    finally:
        reading.dispose()
        engine.dispose()
