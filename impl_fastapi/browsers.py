"""What browsers get beside the contract's bodies: CORS, by Starlette's ``CORSMiddleware``,
and the security headers of ``domain.web_policy``, by a small ASGI middleware."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain import web_policy
from domain.settings import Settings


class SecurityHeaders:
    """Adds ``domain.web_policy.security_headers`` to every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = web_policy.security_headers(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_browser_policy(app: FastAPI, settings: Settings) -> None:
    """CORS inside, security headers outside, so that preflight answers carry them too."""
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_allowed_origins),
        allow_methods=list(web_policy.CORS_METHODS),
        allow_headers=list(web_policy.CORS_REQUEST_HEADERS),
        allow_credentials=False,
        max_age=web_policy.CORS_MAX_AGE_SECONDS,
    )
    app.add_middleware(SecurityHeaders)
