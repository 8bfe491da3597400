"""Deleting an article through the SQLAlchemy storage, blocking or async, leaves no orphan
rows."""

from __future__ import annotations

import pytest
from sqlalchemy import column, func, select, table

from storage_sqlalchemy.engine import make_engine
from storage_sqlalchemy.migrate import migrate
from tests.orphans import assert_article_delete_leaves_no_orphans
from tests.storage_sqlalchemy.flavours import FLAVOURS, units_of_work


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_deleting_an_article_leaves_no_orphans(database_url: str, flavour: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)

    def count_rows(name: str, key: str, value: int) -> int:
        query = select(func.count()).select_from(table(name)).where(column(key) == value)
        with engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    try:
        with units_of_work(database_url, flavour) as new_uow:
            assert_article_delete_leaves_no_orphans(new_uow, count_rows)
    finally:
        engine.dispose()
