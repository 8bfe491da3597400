"""Implementations are the ``impl_*`` packages with a ``__main__.py``; floors by name."""

from __future__ import annotations

from pathlib import Path

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
