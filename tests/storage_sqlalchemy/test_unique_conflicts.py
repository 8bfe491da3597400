"""Unique rules decided by the database, through the SQLAlchemy storage
(``tests.unique_conflicts``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from storage_sqlalchemy.engine import make_engine, make_session_factory, reading_engine
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from tests import unique_conflicts
from tests.unique_conflicts import Storage


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


@pytest.mark.parametrize("check", unique_conflicts.UNIQUE_CHECKS, ids=lambda check: check.__name__)
def test_a_unique_rule_decided_by_the_database(
    storage: Storage, check: Callable[[Storage], None]
) -> None:
    check(storage)


def test_a_comment_on_an_article_deleted_meanwhile(storage: Storage) -> None:
    if not storage.interleaved:
        pytest.skip("SQLite runs one writer at a time: an article cannot vanish within a request")
    unique_conflicts.check_a_comment_on_an_article_deleted_meanwhile(storage)
