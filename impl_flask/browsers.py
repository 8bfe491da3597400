"""What browsers get beside the contract's bodies: CORS by flask-cors, and the security
headers of ``domain.web_policy`` from an ``after_request`` hook."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_cors import CORS

from domain import web_policy
from domain.settings import Settings

API_PATHS = r"/api/.*"


def install_browser_policy(app: Flask, settings: Settings) -> None:
    """flask-cors on the API's paths; preflights answered before routing; headers added."""
    CORS(
        app,
        resources={API_PATHS: {}},
        origins=list(settings.cors_allowed_origins),
        methods=list(web_policy.CORS_METHODS),
        allow_headers=list(web_policy.CORS_REQUEST_HEADERS),
        max_age=web_policy.CORS_MAX_AGE_SECONDS,
        supports_credentials=False,
        send_wildcard=True,  # "*" for any origin, as the others answer, not the caller's echo
        always_send=False,  # nothing for requests that name no origin
        vary_header=True,
    )

    @app.before_request
    def answer_preflight() -> Response | None:
        """A preflight (``OPTIONS`` with ``Origin`` and ``Access-Control-Request-Method``) is
        answered 200 here, for flask-cors to fill in; routing would refuse ``OPTIONS``."""
        preflight = (
            request.method == "OPTIONS"
            and "Origin" in request.headers
            and "Access-Control-Request-Method" in request.headers
        )
        return app.response_class(status=200) if preflight else None

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in web_policy.security_headers(request.path).items():
            response.headers.setdefault(name, value)
        response.vary.add("Origin")  # flask-cors adds it only for several origins
        return response
