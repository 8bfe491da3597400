"""Unique rules decided by the database, through the SQLAlchemy storage, blocking and async
(``tests.unique_conflicts``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from storage_sqlalchemy.migrate import migrate
from tests.storage_sqlalchemy.flavours import FLAVOURS, units_of_work
from tests.unique_conflicts import (  # noqa: F401 - collected here, with this module's storage
    Storage,
    test_a_comment_on_an_article_deleted_meanwhile,
    test_a_unique_rule_decided_by_the_database,
)


@pytest.fixture(scope="module", params=FLAVOURS)
def storage(request: pytest.FixtureRequest, module_database_url: str) -> Iterator[Storage]:
    migrate(module_database_url)
    interleaved = make_url(module_database_url).get_backend_name() == "postgresql"
    with units_of_work(module_database_url, request.param) as new_uow:
        yield Storage(new_uow=new_uow, interleaved=interleaved)
