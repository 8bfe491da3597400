"""The blocking steps of a Django unit of work, each one call whether it runs on the request's
thread or, from async code, in one hop to it (``sync_to_async``): Django opens, commits and
rolls back a transaction from blocking code only."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from impl_django.conduit.outages import outages_as_domain_errors
from impl_django.conduit.rows import translate_integrity_error


def begin() -> transaction.Atomic:
    """An atomic block on the default database, entered."""
    atomic = transaction.atomic()
    with outages_as_domain_errors():
        atomic.__enter__()
    return atomic


def commit(atomic: transaction.Atomic) -> None:
    """Leave ``atomic`` keeping its changes."""
    try:
        with outages_as_domain_errors():
            atomic.__exit__(None, None, None)
    except IntegrityError as error:
        raise translate_integrity_error(error) from error


def rollback(atomic: transaction.Atomic) -> None:
    """Leave ``atomic`` undoing its changes."""
    if connection.connection is not None and not connection.is_usable():
        # The connection broke under the transaction (the server rolls back by itself):
        # closed inside the block, Django leaves it without a rollback on the broken
        # connection and without a new connection just to leave the block.
        connection.close()
    transaction.set_rollback(True)
    atomic.__exit__(None, None, None)
