"""Lines of code per implementation and role, and of the shared packages, from the source."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.footprint.lines import LineCounts, count_lines
from bench.footprint.roles import GENERATED, ROLE_ORDER, ROLES, SHARED, role_of


def package_files(package: Path) -> list[str]:
    """Every ``.py`` file under ``package``, as ``/``-separated paths inside it, sorted."""
    return sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "__pycache__" not in path.parts
    )


def package_footprint(package: Path, globs: dict[str, str]) -> dict[str, Any]:
    """Files and lines per role of one package, and the total of what is written by hand (a
    generated twin is listed under its role, and left out of the total)."""
    by_role: dict[str, LineCounts] = defaultdict(LineCounts)
    files: dict[str, int] = defaultdict(int)
    listed: list[dict[str, Any]] = []
    for name in package_files(package):
        role = role_of(globs, name)
        counts = count_lines((package / name).read_text(encoding="utf-8"))
        by_role[role] += counts
        files[role] += 1
        listed.append({"file": f"{package.name}/{name}", "role": role, **_as_dict(counts)})
    written = {role: counts for role, counts in by_role.items() if role != GENERATED}
    total = sum(written.values(), LineCounts())
    return {
        "roles": {
            role: {"files": files[role], **_as_dict(by_role[role])}
            for role in ROLE_ORDER
            if role in by_role
        },
        "total": {
            "files": sum(count for role, count in files.items() if role != GENERATED),
            **_as_dict(total),
        },
        "files": listed,
    }


def _as_dict(counts: LineCounts) -> dict[str, int]:
    return {"code": counts.code, "blank": counts.blank, "comment": counts.comment}


def code_footprint(root: Path, impls: list[str]) -> dict[str, Any]:
    """Every implementation's package by role, and the shared packages found under ``root``."""
    return {
        "implementations": {
            name: package_footprint(root / f"impl_{name}", ROLES[name])
            for name in impls
            if name in ROLES
        },
        "shared": {
            package: package_footprint(root / package, globs)
            for package, globs in SHARED.items()
            if (root / package).is_dir()
        },
        "uses_shared_storage": {
            name: _imports(root / f"impl_{name}", "storage_sqlalchemy") for name in impls
        },
    }


def _imports(package: Path, module: str) -> bool:
    """Whether any file of ``package`` imports ``module``."""
    needles = (f"from {module}", f"import {module}")
    return any(
        needle in path.read_text(encoding="utf-8")
        for path in package.rglob("*.py")
        for needle in needles
    )
