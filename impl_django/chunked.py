"""Chunked request bodies for Django, which reads a body by its ``Content-Length`` only."""

from __future__ import annotations

import io
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from domain.http_input import discard_rest


class ChunkedBodies:
    """A WSGI middleware that gives a body sent without ``Content-Length`` (chunked) its length.

    gunicorn passes such a body with ``wsgi.input_terminated``: the input ends where the body
    does. Django would read it as empty; this reads at most ``limit + 1`` bytes of it, enough
    for Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (set to ``limit``) to refuse a larger one.
    """

    def __init__(self, app: WSGIApplication, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            stream = environ["wsgi.input"]
            body = stream.read(self.limit + 1)
            if len(body) > self.limit:  # refused: the rest is read and dropped
                discard_rest(stream)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)
