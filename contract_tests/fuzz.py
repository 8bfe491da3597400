"""Fuzz one implementation with schemathesis against the project's own OpenAPI document.

    python -m contract_tests.fuzz --impl fastapi --db sqlite [--max-examples N] [-- ARGS]

Serves ``python -m impl_<impl> serve`` (``--mode`` too, for a variant such as ``fastapi-sync``)
on a fresh database (a SQLite file, or a new
PostgreSQL database dropped afterwards), registers one user, and runs ``schemathesis run``
over ``openapi.yml`` with every check and every phase, the stateful one included. The user's
token is handed to schemathesis as ``CONDUIT_TOKEN`` for the ``TokenAuth`` scheme (see
``schemathesis.toml``), and ``fuzz_hooks`` is loaded as its hooks. Arguments after ``--`` go to
``schemathesis run`` as they are. The exit code is schemathesis's, or 1 when the server logged
a traceback.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.discovery import serve_command
from contract_tests.support.network import free_port, tls
from contract_tests.support.targets import (
    CHEAP_HASHING,
    DEFAULT_POSTGRES_URL,
    postgres_database,
    sqlite_database,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCUMENT = HERE / "openapi.yml"
CONFIG = HERE / "schemathesis.toml"
HOOKS = "contract_tests.fuzz_hooks"  # what the contract makes right, told to schemathesis
STARTUP_SECONDS = 60


@contextmanager
def database(db: str, directory: Path) -> Iterator[str]:
    """A fresh, empty database of the kind asked for."""
    if db == "postgres":
        with postgres_database(os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)) as url:
            yield url
    else:
        with sqlite_database(directory) as url:
            yield url


def wait_until_listening(port: int, server: subprocess.Popen[bytes]) -> None:
    """Return once the server accepts connections; raise if it exits or takes too long."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), 1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not listen within {STARTUP_SECONDS} seconds")


@contextmanager
def served(impl: str, database_url: str, log_path: Path) -> Iterator[str]:
    """``python -m impl_<impl> serve`` on a free port; yields the API root URL."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(32),
        **CHEAP_HASHING,
    }
    env.pop("TEST_CLOCK", None)
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - fixed command line
            [*serve_command(impl, sys.executable), "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_listening(port, server)
            yield f"http://127.0.0.1:{port}/api"
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def register(api_url: str) -> str:
    """Register a fresh user and return their token."""
    name = f"fuzzer{secrets.token_hex(4)}"
    body = {"user": {"username": name, "email": f"{name}@example.com", "password": "fuzz-password"}}
    response = httpx.post(f"{api_url}/users", json=body, timeout=30, verify=tls())
    response.raise_for_status()
    token: str = response.json()["user"]["token"]
    return token


def examples_database(impl: str, db: str) -> Path:
    """Where schemathesis keeps the examples it found for one implementation and database.

    One folder each: a run then replays only what runs of the same target saved, so that a seed
    repeats its run whichever other fuzzing ran before it or beside it.
    """
    return ROOT / ".hypothesis" / "fuzz" / f"{impl}-{db}"


def schemathesis_command(
    api_url: str, max_examples: int, database: Path, extra: Sequence[str]
) -> list[str]:
    """``schemathesis run`` over the document, every check and phase, and ``extra`` last."""
    executable = Path(sys.executable).with_name("schemathesis")
    return [
        str(executable),
        "--config-file",
        str(CONFIG),
        "run",
        str(DOCUMENT),
        "--url",
        api_url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(max_examples),
        "--generation-database",
        str(database),
        *extra,
    ]


def server_failures(log_path: Path) -> list[str]:
    """Lines of the server's log that report an unexpected error."""
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if "Traceback" in line]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contract_tests.fuzz", description=__doc__)
    parser.add_argument(
        "--impl", required=True, help="run impl_IMPL (IMPL-MODE: in its mode MODE, fastapi-sync)"
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--max-examples", type=int, default=50, help="test cases per operation and phase"
    )
    parser.add_argument("schemathesis_args", nargs="*", help="passed to `schemathesis run`")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix=f"fuzz-{args.impl}-") as scratch:
        directory = Path(scratch)
        log_path = directory / "server.log"
        with database(args.db, directory) as url, served(args.impl, url, log_path) as api_url:
            env = {
                **os.environ,
                "CONDUIT_TOKEN": f"Token {register(api_url)}",
                "SCHEMATHESIS_HOOKS": HOOKS,
            }
            command = schemathesis_command(
                api_url,
                args.max_examples,
                examples_database(args.impl, args.db),
                args.schemathesis_args,
            )
            print("$", " ".join(command), flush=True)
            code = subprocess.run(command, env=env, cwd=ROOT, check=False).returncode  # noqa: S603
        failures = server_failures(log_path)
        if failures:
            print(log_path.read_text(encoding="utf-8", errors="replace"), file=sys.stderr)
            print(f"the server logged {len(failures)} unexpected errors", file=sys.stderr)
            return code or 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
