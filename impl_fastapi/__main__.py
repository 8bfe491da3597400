"""``python -m impl_fastapi migrate|serve``: migrate the database, then run uvicorn."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from domain.settings import Settings
from storage_sqlalchemy import command_line


def serve(_settings: Settings, args: argparse.Namespace) -> None:
    """uvicorn builds the app itself, in each worker, from the environment.

    uvicorn's fastest stack, as its deployment guide recommends: the uvloop event loop and the
    httptools parser (both come with ``uvicorn[standard]``), no access log unless asked.
    """
    import uvicorn  # noqa: PLC0415 - only what the command needs

    options = {
        "workers": args.workers,
        "loop": "uvloop",
        "http": "httptools",
        "access_log": args.access_log,
    }
    command_line.log_configuration("uvicorn", options)
    uvicorn.run(
        "impl_fastapi.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        **options,
    )


def main(argv: Sequence[str] | None = None) -> int:
    return command_line.run(prog="python -m impl_fastapi", server="uvicorn", serve=serve, argv=argv)


if __name__ == "__main__":
    raise SystemExit(main())
