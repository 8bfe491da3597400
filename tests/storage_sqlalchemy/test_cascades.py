"""Deleting an article through the SQLAlchemy storage, blocking or async, leaves no orphan
rows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import column, func, select, table

from domain.ports import UnitOfWork
from storage_sqlalchemy.engine import (
    make_async_engine,
    make_async_session_factory,
    make_engine,
    make_session_factory,
)
from storage_sqlalchemy.migrate import migrate
from storage_sqlalchemy.unit_of_work import AsyncSqlAlchemyUnitOfWork, SqlAlchemyUnitOfWork
from tests.blocking import blocking, event_loop
from tests.orphans import assert_article_delete_leaves_no_orphans


@pytest.mark.parametrize("flavour", ["blocking", "async"])
def test_deleting_an_article_leaves_no_orphans(database_url: str, flavour: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)

    def count_rows(name: str, key: str, value: int) -> int:
        query = select(func.count()).select_from(table(name)).where(column(key) == value)
        with engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    try:
        if flavour == "blocking":
            sessions = make_session_factory(engine)
            assert_article_delete_leaves_no_orphans(
                lambda: SqlAlchemyUnitOfWork(sessions), count_rows
            )
            return
        with event_loop() as portal:
            async_engine = make_async_engine(database_url)
            async_sessions = make_async_session_factory(async_engine)
            new_uow: Callable[[], UnitOfWork] = lambda: blocking(  # noqa: E731
                AsyncSqlAlchemyUnitOfWork(async_sessions), portal
            )
            try:
                assert_article_delete_leaves_no_orphans(new_uow, count_rows)
            finally:
                portal.call(async_engine.dispose)
    finally:
        engine.dispose()
