"""The application factory: settings from the environment, nothing wired at import time.

Two modes serve the same routes. ``async`` (the default, as FastAPI's users write it): the
endpoints are coroutines on the event loop, over the async domain and storage (asyncpg,
aiosqlite). ``sync``: their generated blocking twin, plain functions that FastAPI runs in its
thread pool, over the blocking domain and storage (psycopg, sqlite3).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import import_module
from typing import Any

from fastapi import FastAPI

from domain.http_input import MAX_BODY_BYTES
from domain.settings import Settings, SettingsError
from impl_fastapi import MODE_VARIABLE, MODES
from impl_fastapi.body_limit import BodyLimitMiddleware
from impl_fastapi.browsers import install_browser_policy
from impl_fastapi.errors import install_error_handlers
from impl_fastapi.routing import API_PREFIX, FinalNewline, include_flat
from impl_fastapi.threads import size_thread_pool, thread_count
from storage_sqlalchemy.engine import (
    async_reading_engine,
    make_async_engine,
    make_async_session_factory,
    make_engine,
    make_session_factory,
    reading_engine,
)

ROUTERS = ("users", "profiles", "articles", "comments", "tags")


def mode_from(environ: Mapping[str, str] | None = None) -> str:
    """``FASTAPI_MODE`` (set by ``serve --mode``): ``async`` unless it says ``sync``."""
    raw = (os.environ if environ is None else environ).get(MODE_VARIABLE, "") or MODES[0]
    if raw not in MODES:
        raise SettingsError(f"{MODE_VARIABLE} must be async or sync, not {raw!r}")
    return raw


def create_app(settings: Settings | None = None, *, mode: str | None = None) -> FastAPI:
    """A FastAPI app serving the Conduit API under ``/api``, in ``mode`` (see the module)."""
    settings = settings or Settings.from_env()
    settings.check_production()
    mode = mode or mode_from()
    if mode not in MODES:
        raise SettingsError(f"the FastAPI app serves in mode async or sync, not {mode!r}")
    threads = thread_count()
    timeout = settings.database_timeout_seconds
    engine: Any
    reading: Any
    if mode == "async":
        pool = settings.database_pool_size
        engine = make_async_engine(settings.database_url, timeout=timeout, pool_size=pool)
        reading = async_reading_engine(
            engine, settings.database_url, timeout=timeout, pool_size=pool
        )
        session_factory: Any = make_async_session_factory(engine)
    else:
        engine = make_engine(settings.database_url, timeout=timeout)
        reading = reading_engine(engine, timeout=timeout)
        session_factory = make_session_factory(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        size_thread_pool(threads)
        yield
        for made in (reading, engine):
            disposed = made.dispose()
            if inspect.isawaitable(disposed):  # an async engine's
                await disposed

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
    app.state.engine, app.state.reading_engine = engine, reading
    app.state.session_factory = session_factory
    app.state.passwords = settings.password_hasher()
    app.state.tokens = settings.token_codec()
    install_error_handlers(app)  # innermost, so that every 500 passes through what follows
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(FinalNewline)
    install_browser_policy(app, settings)
    routers = [import_module(f"impl_fastapi._{mode}.routers.{name}").router for name in ROUTERS]
    include_flat(app, routers)
    return app
