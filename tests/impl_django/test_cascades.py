"""Deleting an article through the Django storage of the session's mode, blocking or async,
leaves no orphan rows."""

from __future__ import annotations

import pytest

from tests.impl_django.flavours import units_of_work
from tests.orphans import assert_article_delete_leaves_no_orphans


def count_rows(table: str, column: str, value: int) -> int:
    from django.db import connection  # noqa: PLC0415 - Django is set up by the fixture

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)} WHERE {quote(column)} = %s", [value])  # noqa: S608 - names are the test's own constants
        (total,) = cursor.fetchone()
    return int(total)


@pytest.mark.usefixtures("django_app")
def test_deleting_an_article_leaves_no_orphans(mode: str) -> None:
    with units_of_work(mode) as new_uow:
        assert_article_delete_leaves_no_orphans(new_uow, count_rows)
