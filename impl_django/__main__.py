"""``python -m impl_django migrate|serve|<any manage.py command>``.

``migrate`` brings the schema up to date, accepting tables another implementation created
(Django's ``--fake-initial``). ``serve`` migrates, collects the admin's static files (on a
first start only) and runs the production server of its ``--mode``: ``wsgi`` (the default),
gunicorn with ``--workers`` processes (default 1) of the ``gthread`` worker class, each with
``--threads`` threads (default 8), since every request blocks on the database; ``asgi``,
uvicorn with ``--workers`` processes, the views on its event loop. Both stop gracefully on
SIGTERM. Any other command is Django's own, e.g. ``createsuperuser``.
"""

from __future__ import annotations

import argparse
import fcntl
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from domain.settings import POOL_SIZE_VARIABLE, SettingsError
from impl_django import MODE_VARIABLE, MODES
from impl_django.database_url import POOL_SIZE

log = logging.getLogger("triptych.django")
PROG = "python -m impl_django"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["serve"]:
        parser = _serve_parser()
        serving = parser.parse_args(args[1:])
        refusal = _refusal(serving)
        if refusal:
            parser.error(refusal)
        os.environ[MODE_VARIABLE] = serving.mode  # the settings, read next, depend on them
        if serving.pool_size:
            os.environ[POOL_SIZE_VARIABLE] = str(serving.pool_size)
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    try:
        import impl_django  # noqa: PLC0415 - settings are read here, not on import

        impl_django.setup()
    except SettingsError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)  # noqa: T201
        return 2
    if args[:1] == ["serve"]:
        return serve(serving)
    if args[:1] == ["migrate"]:
        migrate(args[1:])
        return 0
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line([PROG, *args])
    return 0


def migrate(extra: Sequence[str] = ()) -> None:
    """Apply Django's migrations; tables that already exist are taken as created."""
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    log.info("migrating %s database %s", connection.vendor, connection.settings_dict["NAME"])
    call_command("migrate", "--fake-initial", "--no-input", *extra, verbosity=0)


DEFAULT_THREADS = 8


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} serve", description="migrate, then serve")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--threads",
        type=int,
        help=f"threads per worker, with --mode wsgi (default {DEFAULT_THREADS}); on ASGI each "
        "request's blocking steps run on a thread of its own",
    )
    parser.add_argument(
        "--pool-size",
        type=int,
        help=f"database connections in the pool, with --mode asgi on PostgreSQL (default "
        f"{POOL_SIZE})",
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        default=MODES[0],
        help="wsgi: the blocking views on gunicorn's threads (default); asgi: the async views "
        "on uvicorn's event loop",
    )
    parser.add_argument(
        "--access-log", action="store_true", help="the server logs each request (default off)"
    )
    return parser


def _refusal(args: argparse.Namespace) -> str | None:
    """What is wrong with a combination of ``serve``'s options, if anything."""
    if args.pool_size is not None and args.pool_size < 1:
        return f"--pool-size must be a positive whole number, not {args.pool_size}"
    if args.mode == "asgi" and args.threads is not None:
        return (
            "--threads applies to --mode wsgi: on ASGI each request's blocking steps run on a "
            "thread of its own"
        )
    if args.mode == "wsgi" and args.pool_size is not None:
        return (
            "--pool-size applies to --mode asgi: on WSGI each thread keeps one connection, "
            "and --threads bounds them"
        )
    return None


def serve(args: argparse.Namespace) -> int:
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from impl_django import server  # noqa: PLC0415

    migrate()
    collect_static_files_once(
        Path(settings.STATIC_ROOT),
        lambda: call_command("collectstatic", "--no-input", verbosity=0),
    )
    if args.mode == "asgi":
        server.run_asgi(
            host=args.host, port=args.port, workers=args.workers, access_log=args.access_log
        )
    else:
        server.run(
            host=args.host,
            port=args.port,
            workers=args.workers,
            threads=args.threads or DEFAULT_THREADS,
            access_log=args.access_log,
        )
    return 0


def collect_static_files_once(root: Path, collect: Callable[[], object]) -> None:
    """``collect`` the static files (and compress them) unless ``root``, the ``STATIC_ROOT``,
    holds their manifest.

    Collecting is a build step: ``serve`` does it on a first start only, and ``python -m
    impl_django collectstatic`` redoes it after an upgrade. Servers started together on one
    ``STATIC_ROOT`` take turns, under a lock beside it: the first collects, the others find the
    manifest, instead of writing the same files at once.
    """
    root.parent.mkdir(parents=True, exist_ok=True)
    with root.with_name(f"{root.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a manifest seen is then one written whole
        if not (root / "staticfiles.json").is_file():
            collect()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impl_django.settings")
    raise SystemExit(main())
