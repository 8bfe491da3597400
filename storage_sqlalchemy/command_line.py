"""``python -m impl_<name> migrate|serve`` for the implementations on this storage.

Both commands read the settings from the environment and bring the database up to date with
the one Alembic history; ``serve`` then hands over to the implementation's own server.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from domain.settings import Settings, SettingsError

log = logging.getLogger("triptych.storage")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
Serve = Callable[[Settings, argparse.Namespace], None]
CONFIGURATION = "serve configuration:"


DEFAULT_THREADS = 8


def threads_option(parser: argparse.ArgumentParser) -> None:
    """``--threads``: how many requests a worker process serves at once, each in a thread."""
    parser.add_argument(
        "--threads",
        type=positive_whole_number,
        default=DEFAULT_THREADS,
        help=f"threads per worker (default {DEFAULT_THREADS})",
    )


def pool_size_option(parser: argparse.ArgumentParser, default: int) -> None:
    """``--pool-size``: how many database connections a worker on an event loop holds."""
    parser.add_argument(
        "--pool-size",
        type=positive_whole_number,
        help=f"database connections per pool of a worker on the event loop (default {default})",
    )


def positive_whole_number(text: str) -> int:
    """``text`` as a whole number of at least 1, written in ASCII digits alone."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def log_configuration(server: str, options: dict[str, object]) -> None:
    """One line naming the server and its options, for people and the bench's report."""
    log.info("%s %s", CONFIGURATION, json.dumps({"server": server, **options}, sort_keys=True))


def run(
    *,
    prog: str,
    server: str,
    serve: Serve,
    argv: Sequence[str] | None = None,
    serve_options: Callable[[argparse.ArgumentParser], None] | None = None,
    refuse: Callable[[argparse.Namespace], str | None] | None = None,
) -> int:
    """Parse ``argv``, migrate, and for ``serve`` call ``serve(settings, arguments)``;
    ``serve_options`` adds the server's own options to ``serve``'s, and ``refuse`` says what is
    wrong with a combination of them (the usage error, before anything is done)."""
    parser = argparse.ArgumentParser(prog=prog, description="Migrate the database, then serve.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database named by DATABASE_URL up to date")
    serving = commands.add_parser("serve", help=f"migrate, then serve the API with {server}")
    serving.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serving.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    serving.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serving.add_argument("--log-level", default="info", help=f"{server} log level (default info)")
    serving.add_argument(
        "--access-log",
        action="store_true",
        help=f"{server} logs each request (default off, for throughput)",
    )
    if serve_options is not None:
        serve_options(serving)
    args = parser.parse_args(argv)
    refusal = refuse(args) if refuse is not None and args.command == "serve" else None
    if refusal:
        serving.error(refusal)

    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format=LOG_FORMAT)
    try:
        settings = Settings.from_env()
        settings.check_production()
    except SettingsError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)  # noqa: T201 - one line, no usage
        return 2

    # SQLAlchemy and Alembic load once the settings are found good: a refusal costs no import.
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    from storage_sqlalchemy.migrate import migrate  # noqa: PLC0415

    log.info("migrating %s", make_url(settings.database_url).render_as_string(hide_password=True))
    migrate(settings.database_url)
    if args.command == "serve":
        serve(settings, args)
    return 0
