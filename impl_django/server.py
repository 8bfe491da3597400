"""The production servers, run in-process with the options ``serve`` was given: gunicorn for
WSGI, uvicorn for ASGI."""

from __future__ import annotations

import json
import logging
import signal
from types import FrameType
from typing import Any

from gunicorn.app.base import BaseApplication

from domain.http_input import MAX_HEAD_BYTES, MAX_HEADER_FIELD_BYTES, MAX_REQUEST_LINE_BYTES

GRACEFUL_TIMEOUT_SECONDS = 20
# The line ``serve`` logs its configuration with, as the other implementations' ``serve`` do.
CONFIGURATION = "serve configuration:"
log = logging.getLogger("triptych.django")


class Server(BaseApplication):
    """gunicorn serving ``impl_django.create_app()`` from each worker."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings newer than the installed gunicorn are moot
                self.cfg.set(key, value)

    def load(self) -> Any:
        import impl_django  # noqa: PLC0415 - each worker builds its own application

        return impl_django.create_app()


def _log_configuration(server: str, configuration: dict[str, Any]) -> None:
    from django.db import connections  # noqa: PLC0415

    database = connections["default"].settings_dict
    pool = database["OPTIONS"].get("pool")
    configuration = {
        **configuration,
        "conn_max_age": database["CONN_MAX_AGE"],
        "conn_health_checks": database["CONN_HEALTH_CHECKS"],
        **({"pool_size": pool["max_size"]} if pool else {}),
    }
    described = json.dumps({"server": server, **configuration}, sort_keys=True)
    log.info("%s %s", CONFIGURATION, described)


def run(*, host: str, port: int, workers: int, threads: int, access_log: bool = False) -> None:
    """Serve until SIGTERM (or SIGINT), which stops the workers gracefully; with
    ``access_log``, each request is logged to stdout."""
    threaded = {"workers": workers, "worker_class": "gthread", "threads": threads}
    _log_configuration("gunicorn", {**threaded, "access_log": access_log})
    Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "accesslog": "-" if access_log else None,  # "-": to stdout
            "errorlog": "-",
            "loglevel": "info",
            "graceful_timeout": GRACEFUL_TIMEOUT_SECONDS,
            "control_socket_disable": True,
            "limit_request_line": MAX_REQUEST_LINE_BYTES,
            "limit_request_field_size": MAX_HEADER_FIELD_BYTES,
        }
    ).run()


def run_asgi(*, host: str, port: int, workers: int, access_log: bool = False) -> None:
    """uvicorn serving ``impl_django.create_app()`` (in the mode ``serve`` set) from each
    worker, on uvloop with the httptools parser, as its deployment guide recommends, a
    request's head bounded as gunicorn bounds it under WSGI (``domain.head_limit``).

    Django's ASGI handler speaks no lifespan protocol, so uvicorn is told not to ask. SIGTERM
    stops it gracefully (the requests in flight finish), and the process then ends with status
    0, as gunicorn's does.
    """
    import uvicorn  # noqa: PLC0415 - only what ASGI needs

    from impl_django.head_limit import PROTOCOL  # noqa: PLC0415

    options = {"workers": workers, "loop": "uvloop", "http": "httptools", "access_log": access_log}
    _log_configuration("uvicorn", {**options, "head_bytes": MAX_HEAD_BYTES})
    signal.signal(signal.SIGTERM, _exit_normally)
    uvicorn.run(
        "impl_django:create_app",
        factory=True,
        host=host,
        port=port,
        lifespan="off",
        timeout_graceful_shutdown=GRACEFUL_TIMEOUT_SECONDS,
        workers=workers,
        loop="uvloop",
        http=PROTOCOL,  # httptools, its head bounded (domain.head_limit)
        access_log=access_log,
    )


def _exit_normally(_signal: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)
