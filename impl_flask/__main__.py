"""``python -m impl_flask migrate|serve``: migrate the database, then run gunicorn."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from domain.settings import Settings
from storage_sqlalchemy import command_line


def serve(settings: Settings, args: argparse.Namespace) -> None:
    """gunicorn's threaded workers, each building its own app (and engine) after the fork."""
    from impl_flask.server import GunicornServer  # noqa: PLC0415 - only what the command needs

    options = {"workers": args.workers, "worker_class": "gthread", "threads": args.threads}
    command_line.log_configuration("gunicorn", {**options, "access_log": args.access_log})
    options |= {
        "bind": f"{args.host}:{args.port}",
        "loglevel": args.log_level,
        "accesslog": "-" if args.access_log else None,  # "-": to stdout
    }
    GunicornServer(settings, options).run()


def main(argv: Sequence[str] | None = None) -> int:
    return command_line.run(
        prog="python -m impl_flask",
        server="gunicorn",
        serve=serve,
        argv=argv,
        serve_options=command_line.threads_option,
    )


if __name__ == "__main__":
    raise SystemExit(main())
