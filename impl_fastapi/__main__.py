"""``python -m impl_fastapi migrate|serve``: migrate the database, then run uvicorn."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from domain.http_input import MAX_HEAD_BYTES
from domain.settings import Settings
from storage_sqlalchemy import command_line


def serve(_settings: Settings, args: argparse.Namespace) -> None:
    """uvicorn builds the app itself, in each worker, from the environment."""
    import uvicorn  # noqa: PLC0415 - only what the command needs

    uvicorn.run(
        "impl_fastapi.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=args.access_log,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,  # httptools, if installed, has no limit
    )


def main(argv: Sequence[str] | None = None) -> int:
    return command_line.run(prog="python -m impl_fastapi", server="uvicorn", serve=serve, argv=argv)


if __name__ == "__main__":
    raise SystemExit(main())
