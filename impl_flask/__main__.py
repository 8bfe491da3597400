"""``python -m impl_flask migrate|serve``: migrate the database, then run gunicorn."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from domain.settings import Settings, SettingsError

log = logging.getLogger("triptych.flask")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m impl_flask", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database named by DATABASE_URL up to date")
    serve = commands.add_parser("serve", help="migrate, then serve the API with gunicorn")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--log-level", default="info", help="gunicorn log level (default info)")
    args = parser.parse_args(argv)

    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        parser.error(str(error))

    from storage_sqlalchemy.migrate import migrate  # noqa: PLC0415 - only what the command needs

    log.info("migrating %s", _redacted(settings.database_url))
    migrate(settings.database_url)
    if args.command == "migrate":
        return 0

    from impl_flask.server import GunicornServer  # noqa: PLC0415

    options = {
        "bind": f"{args.host}:{args.port}",
        "workers": args.workers,
        "loglevel": args.log_level,
    }
    GunicornServer(settings, options).run()
    return 0


def _redacted(database_url: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    return make_url(database_url).render_as_string(hide_password=True)


if __name__ == "__main__":
    raise SystemExit(main())
