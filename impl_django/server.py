"""gunicorn, run in-process with the options ``serve`` was given."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from domain.http_input import MAX_HEADER_FIELD_BYTES, MAX_REQUEST_LINE_BYTES

GRACEFUL_TIMEOUT_SECONDS = 20


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
    Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "errorlog": "-",
            "accesslog": "-" if access_log else None,
            "loglevel": "info",
            "graceful_timeout": GRACEFUL_TIMEOUT_SECONDS,
            "control_socket_disable": True,
            "limit_request_line": MAX_REQUEST_LINE_BYTES,
            "limit_request_field_size": MAX_HEADER_FIELD_BYTES,
        }
    ).run()
