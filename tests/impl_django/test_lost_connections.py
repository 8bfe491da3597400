"""PostgreSQL connections lost under the Django storage of the session's mode: on WSGI the
connections a thread keeps, on ASGI those of the pool each request takes one from."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from django.db import OperationalError

from domain.errors import DatabaseUnavailable
from domain.outages import BoundedAnswers
from domain.ports import UnitOfWork
from impl_django.conduit.outages import lost_database
from tests.impl_django.flavours import units_of_work

pytestmark = pytest.mark.usefixtures("django_app")


def _settings() -> dict[str, Any]:
    from django.db import connections  # noqa: PLC0415 - Django is set up by django_app

    settings: dict[str, Any] = connections["default"].settings_dict
    return settings


def test_an_answer_that_does_not_come_in_time_closes_the_connection(mode: str) -> None:
    """The mode's connections, given ``answer_timeout``, give up on an answer after that long (a
    statement keeping PostgreSQL busy stands for one whose answer was lost): a lost database to
    the storage, the connection closed (and on ASGI given back to the pool, which drops it)."""
    from impl_django.postgresql.base import DatabaseWrapper  # noqa: PLC0415
    from impl_django.postgresql.pool import PooledConnection  # noqa: PLC0415

    settings = _settings()
    assert ("pool" in settings["OPTIONS"]) is (mode == "asgi")
    options = {**settings["OPTIONS"], "answer_timeout": 1}
    wrapper = DatabaseWrapper({**settings, "OPTIONS": options}, alias=f"answering-{mode}")
    try:
        wrapper.ensure_connection()
        answering: psycopg.Connection[Any] = wrapper.connection
        assert isinstance(answering, BoundedAnswers)
        assert isinstance(answering, PooledConnection) is (mode == "asgi")
        started = time.monotonic()
        with pytest.raises(OperationalError) as raised, wrapper.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(3)")
        assert time.monotonic() - started < 2.5
        assert answering.closed
        assert lost_database(raised.value)
    finally:
        wrapper.close()
        wrapper.close_pool()
    unbounded = {**wrapper.get_connection_params()}
    del unbounded["answer_timeout"]
    with DatabaseWrapper.Database.connect(**unbounded) as plain:
        assert not isinstance(plain, BoundedAnswers)


def _end_the_open_transaction() -> None:
    """Terminate the one session of this database inside a transaction, as a restart would."""
    with psycopg.connect(_plain_url(), autocommit=True) as admin:
        in_transaction = (
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND state = 'idle in transaction'"
        )
        pids = [pid for (pid,) in admin.execute(in_transaction)]
        assert len(pids) == 1, pids
        admin.execute("SELECT pg_terminate_backend(%s)", pids)
        deadline = time.monotonic() + 5
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", pids).fetchone():
            assert time.monotonic() < deadline, "the session outlived its termination"
            time.sleep(0.02)


def _plain_url() -> str:
    settings = _settings()
    return psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )


def _add_user(uow: UnitOfWork, name: str) -> None:
    uow.users.add(
        username=name, email=f"{name}@example.com", password_hash="h", bio=None, image=None
    )


def _write_across_a_lost_connection(new_uow: Callable[[], UnitOfWork], name: str) -> None:
    """Look, lose the connection under the open transaction, then write and commit."""
    with new_uow() as uow:
        assert uow.users.get_by_username(name) is None
        _end_the_open_transaction()
        _add_user(uow, name)
        uow.commit()


def test_a_connection_lost_in_a_unit_of_work_is_an_outage_and_the_next_is_served(
    mode: str,
) -> None:
    name = f"lost{uuid.uuid4().hex[:10]}"
    with units_of_work(mode) as new_uow:
        with pytest.raises(DatabaseUnavailable):
            _write_across_a_lost_connection(new_uow, name)
        with new_uow() as uow:
            assert uow.users.get_by_username(name) is None
            _add_user(uow, name)
            uow.commit()
        with new_uow().reading() as uow:
            assert uow.users.get_by_username(name) is not None
