"""``storage_sqlalchemy/`` imports the domain and SQLAlchemy, never a web framework."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.domain.test_purity import imported_top_levels

STORAGE = Path(__file__).resolve().parents[2] / "storage_sqlalchemy"
WEB_FRAMEWORKS = frozenset(
    {"django", "rest_framework", "fastapi", "starlette", "flask", "flask_sqlalchemy", "pydantic"}
    | {"marshmallow", "uvicorn", "gunicorn", "impl_fastapi", "impl_flask", "impl_django"}
)
SOURCES = sorted(STORAGE.rglob("*.py"))


def test_storage_sources_are_found() -> None:
    relative = {path.relative_to(STORAGE).as_posix() for path in SOURCES}
    assert {
        "tables.py",
        "_async/repositories.py",
        "_sync/unit_of_work.py",
        "migrations/env.py",
    } <= relative


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(STORAGE).as_posix())
def test_no_web_framework_import(path: Path) -> None:
    assert imported_top_levels(path) & WEB_FRAMEWORKS == set()
