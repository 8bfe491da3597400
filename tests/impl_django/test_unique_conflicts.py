"""Unique rules decided by the database, through Django's storage (``tests.unique_conflicts``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unique_conflicts import (  # noqa: F401 - collected here, with this module's storage
    Storage,
    run_in_a_thread,
    test_a_comment_on_an_article_deleted_meanwhile,
    test_a_unique_rule_decided_by_the_database,
)


def _in_another_thread(work: Callable[[], None]) -> None:
    """``work`` on a connection of its own: Django keeps one per thread; closed after."""
    from django.db import connection  # noqa: PLC0415 - Django is set up by django_app

    def closing() -> None:
        try:
            work()
        finally:
            connection.close()

    run_in_a_thread(closing)


@pytest.fixture
def storage(django_app: object) -> Storage:
    from django.db import connection  # noqa: PLC0415 - Django is set up by django_app

    from impl_django.conduit._sync.unit_of_work import DjangoUnitOfWork  # noqa: PLC0415

    return Storage(
        new_uow=DjangoUnitOfWork,
        interleaved=connection.vendor == "postgresql",
        in_another_thread=_in_another_thread,
    )
