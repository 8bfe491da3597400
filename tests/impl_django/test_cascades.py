"""Deleting an article through the Django storage leaves no orphan rows."""

from __future__ import annotations


def count_rows(table: str, column: str, value: int) -> int:
    from django.db import connection  # noqa: PLC0415 - Django is set up by the fixture

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)} WHERE {quote(column)} = %s", [value])  # noqa: S608 - names are the test's own constants
        (total,) = cursor.fetchone()
    return int(total)


def test_deleting_an_article_leaves_no_orphans(django_app: object) -> None:
    from impl_django.conduit._sync.unit_of_work import DjangoUnitOfWork  # noqa: PLC0415
    from tests.orphans import assert_article_delete_leaves_no_orphans  # noqa: PLC0415

    assert_article_delete_leaves_no_orphans(DjangoUnitOfWork, count_rows)
