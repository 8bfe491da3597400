"""Run ``python -m impl_<name> ...`` beside the tests: commands, and servers on free ports."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import httpx

from contract_tests.support.network import free_port
from contract_tests.support.targets import CHEAP_HASHING
from tests.conftest import PROJECT_ROOT

STARTUP_SECONDS = 60


def implementations() -> list[str]:
    """Every ``impl_<name>`` that has a command-line entry point."""
    return sorted(
        p.parent.name.removeprefix("impl_") for p in PROJECT_ROOT.glob("impl_*/__main__.py")
    )


def environment(database_url: str, secret_key: str, **extra: str) -> dict[str, str]:
    """The process environment of an implementation on ``database_url``, hashing cheaply.

    Django's servers share its default ``STATIC_ROOT`` (``data/static``) unless ``extra`` names
    another: the first to start collects the static files, every other finds them there.
    """
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret_key,
        "PYTHONPATH": str(PROJECT_ROOT),
        **CHEAP_HASHING,
        **extra,
    }


def run(impl: str, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m impl_<impl> <args>``; it must succeed."""
    result = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", f"impl_{impl}", *args],
        env=dict(env),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"impl_{impl} {' '.join(args)}:\n{result.stderr}"
    return result


def run_failing(impl: str, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m impl_<impl> <args>``, which is expected to stop by itself (a server that
    starts instead is killed after ``STARTUP_SECONDS`` and the test fails)."""
    try:
        return subprocess.run(  # noqa: S603 - fixed command line
            [sys.executable, "-m", f"impl_{impl}", *args],
            env=dict(env),
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=STARTUP_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"impl_{impl} {' '.join(args)} did not stop by itself") from error


@contextmanager
def serving(
    impl: str, env: Mapping[str, str], *args: str
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m impl_<impl> serve [args]`` on a free port until the block ends (then
    SIGTERM); yields its base URL and process once it answers."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        [sys.executable, "-m", f"impl_{impl}", "serve", "--port", str(port), *args],
        env=dict(env),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            try:
                httpx.get(f"{base_url}/api/tags", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        if server.poll() is not None:
            _, stderr = server.communicate()
            raise AssertionError(f"impl_{impl} serve exited with {server.returncode}:\n{stderr}")
        yield base_url, server
    finally:
        if server.poll() is None:
            server.terminate()
            server.communicate(timeout=30)
