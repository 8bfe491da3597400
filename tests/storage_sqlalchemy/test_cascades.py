"""Deleting an article through the SQLAlchemy storage leaves no orphan rows."""

from __future__ import annotations

from sqlalchemy import column, func, select, table

from storage_sqlalchemy.engine import make_engine, make_session_factory
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from tests.orphans import assert_article_delete_leaves_no_orphans


def test_deleting_an_article_leaves_no_orphans(database_url: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)

    def count_rows(name: str, key: str, value: int) -> int:
        query = select(func.count()).select_from(table(name)).where(column(key) == value)
        with engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    try:
        assert_article_delete_leaves_no_orphans(lambda: SqlAlchemyUnitOfWork(sessions), count_rows)
    finally:
        engine.dispose()
