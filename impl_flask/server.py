"""gunicorn running the app: threaded workers, each building its own app (and engine) after the
fork."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from domain.http_input import MAX_HEADER_FIELD_BYTES, MAX_REQUEST_LINE_BYTES
from domain.settings import Settings

DEFAULTS: dict[str, Any] = {
    "worker_class": "gthread",
    "threads": 8,
    "accesslog": None,
    "errorlog": "-",
    "control_socket_disable": True,  # no socket in $HOME shared by every server on the machine
    "limit_request_line": MAX_REQUEST_LINE_BYTES,
    "limit_request_field_size": MAX_HEADER_FIELD_BYTES,
}


class GunicornServer(BaseApplication):
    """gunicorn configured in code: no configuration file, no command line of its own."""

    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = {**DEFAULTS, **options}
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        """The WSGI app (gunicorn's types want a WSGI environ narrower than Flask's)."""
        from impl_flask.app import create_app  # noqa: PLC0415 - built in each worker

        return create_app(self.settings)
