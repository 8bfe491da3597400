"""``python -m impl_fastapi migrate|serve``: migrate the database, then run uvicorn."""

from __future__ import annotations

import argparse
import os
import signal
from collections.abc import Sequence
from types import FrameType

from domain.http_input import MAX_HEAD_BYTES
from domain.settings import POOL_SIZE_VARIABLE, Settings
from impl_fastapi import MODE_VARIABLE, MODES
from impl_fastapi.threads import THREADS_VARIABLE
from storage_sqlalchemy import ASYNC_POOL_SIZE, command_line


def serve(_settings: Settings, args: argparse.Namespace) -> None:
    """uvicorn builds the app itself, in each worker, from the environment.

    uvicorn's fastest stack, as its deployment guide recommends: the uvloop event loop and the
    httptools parser (both come with ``uvicorn[standard]``), no access log unless asked; a
    request's head is bounded, as gunicorn bounds it for the others (``domain.head_limit``).
    ``--mode async`` (the default) serves the endpoints on the event loop; ``--mode sync``
    serves their blocking twin, in a pool of ``--threads`` threads per worker. Both reach the
    app through the environment: ``FASTAPI_MODE``, ``FASTAPI_THREADS``.

    SIGTERM is the ordinary way to stop: uvicorn finishes the requests in flight, then raises
    the signal again with the handler it found, which here ends the process with status 0
    (as gunicorn's master does) instead of dying of the signal.
    """
    import uvicorn  # noqa: PLC0415 - only what the command needs

    from impl_fastapi.head_limit import PROTOCOL  # noqa: PLC0415

    options = {
        "workers": args.workers,
        "loop": "uvloop",
        "http": "httptools",
        "access_log": args.access_log,
    }
    pooled = {"pool_size": args.pool_size or ASYNC_POOL_SIZE} if args.mode == "async" else {}
    command_line.log_configuration(
        "uvicorn",
        {
            **options,
            "head_bytes": MAX_HEAD_BYTES,
            "mode": args.mode,
            "threads": args.threads,
            **pooled,
        },
    )
    os.environ[THREADS_VARIABLE] = str(args.threads)
    if args.pool_size:
        os.environ[POOL_SIZE_VARIABLE] = str(args.pool_size)
    os.environ[MODE_VARIABLE] = args.mode
    signal.signal(signal.SIGTERM, _exit_normally)
    uvicorn.run(
        "impl_fastapi.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        **{**options, "http": PROTOCOL},  # httptools, its head bounded (domain.head_limit)
    )


def _exit_normally(_signal: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None) -> int:
    return command_line.run(
        prog="python -m impl_fastapi",
        server="uvicorn",
        serve=serve,
        argv=argv,
        serve_options=_serve_options,
        refuse=_refuse,
    )


def _refuse(args: argparse.Namespace) -> str | None:
    if args.pool_size and args.mode != "async":
        return (
            "--pool-size applies to --mode async: in the thread pool each request holds at "
            "most one connection, and --threads bounds them"
        )
    return None


def _serve_options(parser: argparse.ArgumentParser) -> None:
    command_line.threads_option(parser)
    command_line.pool_size_option(parser, ASYNC_POOL_SIZE)
    parser.add_argument(
        "--mode",
        choices=MODES,
        default=MODES[0],
        help="async: endpoints on the event loop (default); sync: their blocking twin in "
        "the thread pool",
    )


if __name__ == "__main__":
    raise SystemExit(main())
