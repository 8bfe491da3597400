"""Unique rules decided by the database, through the Django storage of the session's mode,
blocking or async (``tests.unique_conflicts``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.impl_django.flavours import units_of_work
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


@pytest.fixture(scope="module")
def storage(django_app: object, mode: str) -> Iterator[Storage]:
    """On ASGI each unit of work has a thread and a connection of its own already."""
    from django.db import connection  # noqa: PLC0415 - Django is set up by django_app

    with units_of_work(mode) as new_uow:
        yield Storage(
            new_uow=new_uow,
            interleaved=connection.vendor == "postgresql",
            in_another_thread=run_in_a_thread if mode == "asgi" else _in_another_thread,
        )
