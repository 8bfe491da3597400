"""Run ``python -m impl_<name> ...`` beside the tests: commands, and servers on free ports."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest

from bench import discovery
from contract_tests.support.network import free_port, tls
from contract_tests.support.targets import CHEAP_HASHING
from tests.conftest import PROJECT_ROOT

STARTUP_SECONDS = 60


def variants() -> list[str]:
    """Every implementation as it is served (``fastapi``, ``fastapi-sync``, ...): what the
    suites that start servers run, each variant alike."""
    return discovery.variants(PROJECT_ROOT)


def parametrize_variants(metafunc: pytest.Metafunc) -> None:
    """Run a test that takes ``impl`` once per variant, or per ``--impl`` (repeatable)."""
    if "impl" not in metafunc.fixturenames:
        return
    known = variants()
    chosen: list[str] = metafunc.config.getoption("--impl") or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise pytest.UsageError(f"--impl: no variant {unknown[0]} (known: {', '.join(known)})")
    metafunc.parametrize("impl", chosen, scope="session")


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
    """``python -m impl_<impl> <args>`` (of a variant's implementation); it must succeed."""
    name, _ = discovery.variant_parts(impl)
    result = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", f"impl_{name}", *args],
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
    """``python -m impl_<impl> <args>`` (of a variant's implementation), which is expected to
    stop by itself (a server that starts instead is killed after ``STARTUP_SECONDS`` and the
    test fails)."""
    name, _ = discovery.variant_parts(impl)
    try:
        return subprocess.run(  # noqa: S603 - fixed command line
            [sys.executable, "-m", f"impl_{name}", *args],
            env=dict(env),
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=STARTUP_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"impl_{impl} {' '.join(args)} did not stop by itself") from error


def refused_to_serve(variant: str, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """``serve`` of ``variant`` (its mode included), which is expected to refuse to start and
    stop by itself (see ``run_failing``)."""
    command = discovery.serve_command(variant, sys.executable)[3:]  # after "-m impl_<name>"
    return run_failing(variant, env, *command, "--port", str(free_port()))


def prog(variant: str) -> str:
    """The command's name, as its usage and errors print it: ``python -m impl_<name>``."""
    return f"python -m impl_{discovery.variant_parts(variant)[0]}"


@contextmanager
def serving(
    impl: str, env: Mapping[str, str], *args: str
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m impl_<impl> serve [args]`` (``--mode`` too, for a variant's mode) on a free
    port until the block ends (then SIGTERM); yields its base URL and process once it
    answers."""
    with started(impl, env, *args) as (base_url, server):
        answering(impl, base_url, server)
        yield base_url, server


@contextmanager
def started(
    impl: str, env: Mapping[str, str], *args: str
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``serving``, but yielding at once, before the server answers (see ``answering``)."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        [*discovery.serve_command(impl, sys.executable), "--port", str(port), *args],
        env=dict(env),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        if server.poll() is None:
            server.terminate()
            server.communicate(timeout=30)


def answering(impl: str, base_url: str, server: subprocess.Popen[str]) -> str:
    """``base_url`` once the server ``started`` there answers; AssertionError (with its
    stderr) if it exits first or stays silent for ``STARTUP_SECONDS``."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while server.poll() is None:
        try:
            httpx.get(f"{base_url}/api/tags", timeout=2, verify=tls())
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"impl_{impl} serve did not answer within {STARTUP_SECONDS} s"
                ) from None
            time.sleep(0.2)
        else:
            return base_url
    _, stderr = server.communicate()
    raise AssertionError(f"impl_{impl} serve exited with {server.returncode}:\n{stderr}")


@dataclass(frozen=True)
class Launched:
    """A variant's server starting, and beside it serves of the variant that must refuse."""

    base_url: Future[str]  # once the server answers (see ``answering``)
    refusals: Mapping[str, Future[subprocess.CompletedProcess[str]]]  # see ``refused_to_serve``


@contextmanager
def launched(
    impl: str, env: Mapping[str, str], refusals: Mapping[str, Mapping[str, str]]
) -> Iterator[Launched]:
    """Start ``serve`` of ``impl`` on ``env`` (stopped when the block ends) and, all at once,
    a ``serve`` on each environment of ``refusals``, expected to refuse to start."""
    with (
        started(impl, env) as (base_url, server),
        ThreadPoolExecutor(max_workers=1 + len(refusals)) as pool,
    ):
        yield Launched(
            base_url=pool.submit(answering, impl, base_url, server),
            refusals={
                name: pool.submit(refused_to_serve, impl, refusing)
                for name, refusing in refusals.items()
            },
        )
