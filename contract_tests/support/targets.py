"""Where the suite sends its requests: a live server, or an implementation run in-process."""

from __future__ import annotations

import importlib
import inspect
import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
from anyio.from_thread import start_blocking_portal
from psycopg import sql

from bench.discovery import variant_parts
from contract_tests.support.asgi_transport import (
    ASGIApp,
    PortalASGITransport,
    lifespan,
    with_lifespan_state,
)

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
IN_PROCESS_ORIGIN = "http://testserver"
CHEAP_HASHING = {"ARGON2_TIME_COST": "1", "ARGON2_MEMORY_COST": "8", "ARGON2_PARALLELISM": "1"}
TEST_MODE = {**CHEAP_HASHING, "TEST_CLOCK": "1"}


@dataclass(frozen=True)
class Target:
    """A server under test: its API root, how to reach it, and what the suite knows of it."""

    description: str
    api_url: str
    transport: httpx.BaseTransport | None
    secret_key: str | None
    test_clock: bool
    level: str = "full"  # what the clients hold answers to (openapi_contract.LEVELS)


class TargetError(RuntimeError):
    """The implementation could not be prepared."""


def live_target(base_url: str, *, test_clock: bool = False) -> Target:
    """A server that is already running; the suite touches no database.

    ``test_clock``: the server runs with ``TEST_CLOCK=1`` and honours ``X-Test-Clock``.
    """
    root = base_url.rstrip("/")
    return Target(
        description=root,
        api_url=f"{root}/api",
        transport=None,
        secret_key=None,
        test_clock=test_clock,
    )


@contextmanager
def sqlite_database(directory: Path) -> Iterator[str]:
    """A database file in a fresh directory."""
    yield f"sqlite:///{(directory / 'contract.sqlite3').resolve()}"


# A linguistic collation, under which "a" sorts before "B": code-point order that the contract
# asks for must then come from the implementation, not from the database's defaults.
LINGUISTIC = sql.SQL(
    "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' "
    "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'"
)


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database with a linguistic collation (ICU en-US), dropped afterwards."""
    name = f"triptych_contract_{secrets.token_hex(6)}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(LINGUISTIC.format(sql.Identifier(name)))
    parts = urlsplit(server_url)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))
    try:
        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT 'a' < 'B'").fetchone()
        if row != (True,):
            raise TargetError(f"database {name} does not sort linguistically")
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextmanager
def patched_environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables, restoring the previous values afterwards."""
    previous = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def migrate(package: str, project_root: Path) -> None:
    """Run `python -m <package> migrate` against the database in the environment."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(project_root), env.get("PYTHONPATH", "")) if part
    )
    result = subprocess.run(  # noqa: S603 - fixed command line, no shell
        [sys.executable, "-m", package, "migrate"],
        env=env,
        cwd=project_root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise TargetError(
            f"`python -m {package} migrate` failed with exit code {result.returncode}:\n"
            f"{result.stderr}{result.stdout}"
        )


def is_asgi(app: object) -> bool:
    """Whether `app` is an ASGI application (an async callable) rather than a WSGI one."""
    if not callable(app):
        raise TypeError(f"create_app() returned {app!r}, which is not an application")
    return inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(type(app).__call__)


def as_wsgi_servers_serve(app: Callable[..., Any]) -> Callable[..., Any]:
    """``app`` behind what WSGI servers (gunicorn) do and httpx's transport does not.

    PEP 3333 carries ``PATH_INFO`` as the path's UTF-8 bytes, each read as one Latin-1
    character; httpx passes the decoded text, which breaks on characters past Latin-1. A body
    sent chunked (no ``Content-Length``) comes with ``wsgi.input_terminated``, the flag that
    says the input ends where the body does. And a server sends no body in answer to ``HEAD``
    (RFC 9110, 9.3.2): frameworks that leave that to the server (Django) still write one.
    """

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        environ["PATH_INFO"] = environ["PATH_INFO"].encode("utf-8").decode("latin-1")
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            environ["wsgi.input_terminated"] = True
        body = app(environ, start_response)
        if environ["REQUEST_METHOD"] != "HEAD":
            return body
        close = getattr(body, "close", None)
        if close is not None:
            close()
        return []

    return wsgi


def app_transport(app: object, stack: ExitStack) -> httpx.BaseTransport:
    """A synchronous transport for an ASGI or WSGI app; ASGI apps get a session portal."""
    if not is_asgi(app):
        return httpx.WSGITransport(app=as_wsgi_servers_serve(cast(Callable[..., Any], app)))
    asgi_app = cast(ASGIApp, app)
    portal = stack.enter_context(start_blocking_portal())
    state: dict[str, Any] = {}
    stack.enter_context(portal.wrap_async_context_manager(lifespan(asgi_app, state)))
    return PortalASGITransport(with_lifespan_state(asgi_app, state), portal)


def in_process_target(
    impl: str, db: str, tmp_dir: Path, project_root: Path, stack: ExitStack
) -> Target:
    """Migrate a fresh database and build the implementation's app on it, in the mode the
    variant ``impl`` names."""
    if db == "postgres":
        server_url = os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
        database_url = stack.enter_context(postgres_database(server_url))
    else:
        database_url = stack.enter_context(sqlite_database(tmp_dir))
    secret_key = secrets.token_urlsafe(32)
    stack.enter_context(
        patched_environment({"DATABASE_URL": database_url, "SECRET_KEY": secret_key, **TEST_MODE})
    )
    name, mode = variant_parts(impl)
    package = f"impl_{name}"
    migrate(package, project_root)
    module = importlib.import_module(package)
    app = module.create_app(mode=mode) if mode else module.create_app()
    return Target(
        description=f"{impl}/{db}",
        api_url=f"{IN_PROCESS_ORIGIN}/api",
        transport=app_transport(app, stack),
        secret_key=secret_key,
        test_clock=True,
    )
