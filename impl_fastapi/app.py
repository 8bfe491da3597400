"""The application factory: settings from the environment, nothing wired at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from domain.http_input import MAX_BODY_BYTES
from domain.settings import Settings
from impl_fastapi.body_limit import BodyLimitMiddleware
from impl_fastapi.browsers import install_browser_policy
from impl_fastapi.errors import install_error_handlers
from impl_fastapi.routers import articles, comments, profiles, tags, users
from impl_fastapi.routing import API_PREFIX, FinalNewline, include_flat
from impl_fastapi.threads import size_thread_pool, thread_count
from storage_sqlalchemy.engine import make_engine, make_session_factory, reading_engine


def create_app(settings: Settings | None = None) -> FastAPI:
    """A FastAPI app serving the Conduit API under ``/api``."""
    settings = settings or Settings.from_env()
    settings.check_production()
    threads = thread_count()
    engine = make_engine(settings.database_url, timeout=settings.database_timeout_seconds)
    reading = reading_engine(engine, timeout=settings.database_timeout_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        size_thread_pool(threads)
        yield
        reading.dispose()
        engine.dispose()

    app = FastAPI(
        title="Triptych Conduit API (FastAPI)",
        version="2.0.0",
        docs_url=f"{API_PREFIX}/docs",
        openapi_url=f"{API_PREFIX}/openapi.json",
        redoc_url=None,
        lifespan=lifespan,
        debug=False,  # never a traceback page: unexpected errors answer the contract's 500
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.reading_engine = reading
    app.state.passwords = settings.password_hasher()
    app.state.tokens = settings.token_codec()
    install_error_handlers(app)  # innermost, so that every 500 passes through what follows
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(FinalNewline)
    install_browser_policy(app, settings)
    include_flat(app, [module.router for module in (users, profiles, articles, comments, tags)])
    return app
