"""``domain/`` imports no web framework and no ORM."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "domain"
DENYLIST = frozenset(
    {
        "django",
        "rest_framework",
        "fastapi",
        "starlette",
        "flask",
        "flask_sqlalchemy",
        "sqlalchemy",
        "alembic",
        "pydantic",
        "marshmallow",
        "uvicorn",
        "gunicorn",
        "psycopg",
        "psycopg2",
    }
)
SOURCES = sorted(DOMAIN.rglob("*.py"))


def imported_top_levels(path: Path) -> set[str]:
    """The top-level names of every absolute import in ``path``, conditional ones included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value.partition(".")[0])
    return names


def test_domain_sources_are_found() -> None:
    relative = {path.relative_to(DOMAIN).as_posix() for path in SOURCES}
    assert {"__init__.py", "memory.py", "_async/services/articles.py", "settings.py"} <= relative
    assert "_sync/services/articles.py" in relative


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(DOMAIN).as_posix())
def test_no_framework_or_orm_import(path: Path) -> None:
    assert imported_top_levels(path) & DENYLIST == set()


def test_the_checker_sees_imports_of_every_form(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, sqlalchemy.orm as orm\n"
        "from django.db import models\n"
        "from . import sibling\n"
        "if TYPE_CHECKING:\n    from fastapi import FastAPI\n"
        "def f():\n    import flask\n    importlib.import_module('pydantic.v1')\n",
        encoding="utf-8",
    )
    assert imported_top_levels(sample) == {
        "os",
        "sqlalchemy",
        "django",
        "fastapi",
        "flask",
        "pydantic",
    }


PROBE = """
import importlib, json, pkgutil, sys
sys.path.insert(0, sys.argv[2])
import domain
names = ["domain"]
for info in pkgutil.walk_packages(domain.__path__, "domain."):
    importlib.import_module(info.name)
    names.append(info.name)
denied = set(json.loads(sys.argv[1]))
loaded = sorted(m for m in sys.modules if m.partition(".")[0] in denied)
print(json.dumps({"file": domain.__file__, "imported": sorted(names), "denied": loaded}))
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_importing_all_of_domain_loads_no_framework_or_orm() -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE, json.dumps(sorted(DENYLIST)), str(ROOT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert Path(report["file"]) == DOMAIN / "__init__.py"
    expected = {_module_name(path) for path in SOURCES}
    assert set(report["imported"]) == expected
    assert report["denied"] == []
