"""gunicorn, run in-process with the options ``serve`` was given."""

from __future__ import annotations

import json
import logging
from typing import Any

from gunicorn.app.base import BaseApplication

from domain.http_input import MAX_HEADER_FIELD_BYTES, MAX_REQUEST_LINE_BYTES

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


def run(*, host: str, port: int, workers: int, threads: int, access_log: bool = False) -> None:
    """Serve until SIGTERM (or SIGINT), which stops the workers gracefully; with
    ``access_log``, each request is logged to stdout."""
    from django.db import connections  # noqa: PLC0415

    database = connections["default"].settings_dict
    configuration = {
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "access_log": access_log,
        "conn_max_age": database["CONN_MAX_AGE"],
        "conn_health_checks": database["CONN_HEALTH_CHECKS"],
    }
    log.info(
        "%s %s", CONFIGURATION, json.dumps({"server": "gunicorn", **configuration}, sort_keys=True)
    )
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
