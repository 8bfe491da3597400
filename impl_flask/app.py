"""The application factory: settings from the environment, nothing wired at import time."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import BaseConverter
from werkzeug.sansio.response import Response

from domain.http_input import MAX_BODY_BYTES, discard_rest
from domain.settings import Settings
from domain.slugs import RESERVED
from impl_flask.blueprints import articles, comments, profiles, tags, users
from impl_flask.browsers import install_browser_policy
from impl_flask.clock_hook import install_test_clock
from impl_flask.docs import init_docs
from impl_flask.errors import register_error_handlers
from impl_flask.extensions import init_extensions

API_PREFIX = "/api"


class ContractJSON(DefaultJSONProvider):
    """Compact UTF-8 JSON, fields in the order the schemas declare them."""

    ensure_ascii = False
    sort_keys = False

    def response(self, *args: Any, **kwargs: Any) -> Response:
        """As Flask's, but compact and without the newline Flask appends to the body."""
        payload = self._prepare_response_obj(args, kwargs)
        body = self.dumps(payload, separators=(",", ":"))
        return self._app.response_class(body, mimetype=self.mimetype)


class ArticleSlugConverter(BaseConverter):
    """A path segment naming an article: any but a word of the contract's paths.

    No article's slug is ``feed``, so ``/articles/feed`` is the feed's path whatever the
    method: ``PUT /articles/feed`` is a 405, not an update of an article named ``feed``.
    Used as ``<article_slug:slug>``.
    """

    regex = "(?!(?:" + "|".join(sorted(RESERVED)) + ")$)[^/]+"
    part_isolating = True


def create_app(settings: Settings | None = None) -> Flask:
    """A Flask app serving the Conduit API under ``/api``."""
    settings = settings or Settings.from_env()
    settings.check_production()
    app = Flask("impl_flask", static_folder=None)  # an API: no static files
    app.json = ContractJSON(app)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        PROVIDE_AUTOMATIC_OPTIONS=False,
        DEBUG=False,  # whatever FLASK_DEBUG says: errors answer the contract's 500
    )
    install_browser_policy(app, settings)
    app.url_map.converters["article_slug"] = ArticleSlugConverter
    init_extensions(app, settings)
    if settings.test_clock:
        install_test_clock(app)
    api = init_docs(app)
    for module in (users, profiles, articles, comments, tags):
        prefix = module.blp.url_prefix or ""
        api.register_blueprint(module.blp, url_prefix=f"{API_PREFIX}{prefix}")
    register_error_handlers(app)  # after the Api, replacing its handler for HTTP errors
    app.before_request(_read_body_within_limit)
    return app


def _read_body_within_limit() -> None:
    """Read the body before anything else, so that one over ``MAX_CONTENT_LENGTH`` (declared,
    or chunked and growing past it) is a 413 before authentication; views read the cache.

    Werkzeug refuses a declared length over the limit, but reads a chunked body only up to
    the limit and stops there, silently; one more byte in the server's input means there was
    more than the limit. The rest of a refused body is read and dropped (``discard_rest``),
    so that its connection serves the next request.
    """
    stream = request.environ["wsgi.input"]
    try:
        body = request.get_data(cache=True)
    except RequestEntityTooLarge:
        discard_rest(stream, request.content_length)
        raise
    if len(body) >= MAX_BODY_BYTES and stream.read(1):
        discard_rest(stream)
        raise RequestEntityTooLarge
