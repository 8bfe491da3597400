"""The thread pool that runs the endpoints.

The endpoints are plain functions, since the domain blocks on the database; FastAPI runs each
in anyio's thread pool, which lets 40 run at once by default. Forty threads that take turns
at one interpreter lock and each hold a database connection serve fewer requests than a few
do, so the pool is sized as gunicorn's threads are for Flask and Django: ``FASTAPI_THREADS``
(set by ``serve --threads``), 8 by default.
"""

from __future__ import annotations

import os
from argparse import ArgumentTypeError
from collections.abc import Mapping

from anyio import to_thread

from domain.settings import SettingsError
from storage_sqlalchemy.command_line import DEFAULT_THREADS, positive_whole_number

THREADS_VARIABLE = "FASTAPI_THREADS"


def thread_count(environ: Mapping[str, str] | None = None) -> int:
    """The pool's size from the environment; a value that is not a positive whole number
    is refused."""
    raw = (os.environ if environ is None else environ).get(THREADS_VARIABLE, "")
    if raw == "":
        return DEFAULT_THREADS
    try:
        return positive_whole_number(raw)
    except ArgumentTypeError:
        raise SettingsError(
            f"{THREADS_VARIABLE} must be a positive whole number, not {raw!r}"
        ) from None


def size_thread_pool(threads: int) -> None:
    """Let ``threads`` endpoints run at once on the running event loop's thread pool."""
    to_thread.current_default_thread_limiter().total_tokens = threads
