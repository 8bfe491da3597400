"""Implementations are the ``impl_*`` packages with a ``__main__.py``; floors by name."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module
from itertools import pairwise
from pathlib import Path

import pytest

from bench.discovery import (
    PROJECT_ROOT,
    floor_module,
    implementations,
    modes,
    serve_command,
    variant_parts,
    variants,
)
from bench.floors import BODY


def test_only_packages_with_an_entry_point_count(tmp_path: Path) -> None:
    for name, runnable in (("impl_alpha", True), ("impl_beta", False), ("other", True)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").touch()
        if runnable:
            (tmp_path / name / "__main__.py").touch()
    assert implementations(tmp_path) == ["alpha"]


def test_the_project_s_implementations_are_found() -> None:
    assert "fastapi" in implementations()


def test_an_implementation_s_other_modes_are_variants_of_it(tmp_path: Path) -> None:
    for name, init in (("alpha", 'MODES = ("fast", "slow")\n'), ("beta", "")):
        (tmp_path / f"impl_{name}").mkdir()
        (tmp_path / f"impl_{name}" / "__init__.py").write_text(init)
        (tmp_path / f"impl_{name}" / "__main__.py").touch()
    assert modes("alpha", tmp_path) == ("fast", "slow")
    assert modes("beta", tmp_path) == ()
    assert variants(tmp_path) == ["alpha", "alpha-slow", "beta"]
    assert variant_parts("alpha-slow") == ("alpha", "slow")
    assert variant_parts("beta") == ("beta", None)
    assert serve_command("alpha-slow", "py") == [
        "py",
        "-m",
        "impl_alpha",
        "serve",
        "--mode",
        "slow",
    ]
    assert serve_command("beta", "py") == ["py", "-m", "impl_beta", "serve"]


def test_fastapi_is_served_on_its_event_loop_and_in_its_thread_pool() -> None:
    from impl_fastapi import MODES  # noqa: PLC0415

    assert modes("fastapi") == MODES == ("async", "sync")
    assert {"fastapi", "fastapi-sync", "flask", "django"} <= set(variants())


def test_every_framework_has_a_floor() -> None:
    for name in ("fastapi", "flask", "django"):
        assert floor_module(name) == f"bench.floors.{name}_floor"
    assert floor_module("rails") is None
    assert (PROJECT_ROOT / "bench" / "floors" / "locustfile.py").is_file()


@pytest.mark.parametrize("name", ["flask", "django"])
def test_gunicorn_floors_run_the_workers_serve_runs(name: str) -> None:
    """Same server settings as the implementation: gthread workers of 8 threads each."""
    module = floor_module(name)
    assert module is not None
    command = import_module(module).command("python", "127.0.0.1", 8000, 3)
    options = dict(pairwise(command))  # each word to the one after it
    assert options["--worker-class"] == "gthread"
    assert options["--threads"] == "8"
    assert options["--workers"] == "3"
    if name == "flask":
        from impl_flask.server import DEFAULTS  # noqa: PLC0415

        assert (DEFAULTS["worker_class"], DEFAULTS["threads"]) == ("gthread", 8)


def test_the_floors_block_with_as_many_threads_as_the_implementations() -> None:
    from bench.floors import THREADS  # noqa: PLC0415
    from storage_sqlalchemy.command_line import DEFAULT_THREADS  # noqa: PLC0415

    assert THREADS == DEFAULT_THREADS


_ASK_BOTH_VIEWS = {
    "fastapi": """
import asyncio, httpx
from bench.floors.fastapi_floor import app
async def ask(path):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://floor") as client:
        return (await client.get(path)).json()
print(json.dumps([asyncio.run(ask(path)) for path in PATHS]))
""",
    "flask": """
from bench.floors.flask_floor import app
print(json.dumps([app.test_client().get(path).get_json() for path in PATHS]))
""",
    "django": """
from bench.floors import django_floor
from django.test import Client
print(json.dumps([json.loads(Client().get(path).content) for path in PATHS]))
""",
}


@pytest.mark.parametrize("name", ["fastapi", "flask", "django"])
def test_every_floor_answers_on_both_views(name: str) -> None:
    """``GET /floor`` and ``GET /floor/blocking`` give the same small JSON answer (each in a
    process of its own: Django's floor configures Django's settings for its process)."""
    script = (
        "import json\nfrom bench.floors import BLOCKING_PATH, PATH\n"
        "PATHS = [PATH, BLOCKING_PATH]\n" + _ASK_BOTH_VIEWS[name]
    )
    finished = subprocess.run(  # noqa: S603 - the test's own script
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(finished.stdout) == [BODY, BODY]
