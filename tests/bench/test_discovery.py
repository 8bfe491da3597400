"""Implementations are the ``impl_*`` packages with a ``__main__.py``; floors by name."""

from __future__ import annotations

from importlib import import_module
from itertools import pairwise
from pathlib import Path

import pytest

from bench.discovery import PROJECT_ROOT, floor_module, implementations


def test_only_packages_with_an_entry_point_count(tmp_path: Path) -> None:
    for name, runnable in (("impl_alpha", True), ("impl_beta", False), ("other", True)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").touch()
        if runnable:
            (tmp_path / name / "__main__.py").touch()
    assert implementations(tmp_path) == ["alpha"]


def test_the_project_s_implementations_are_found() -> None:
    assert "fastapi" in implementations()


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
