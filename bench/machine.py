"""What the numbers were measured on: machine, software versions, database server."""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

_EXTRA = re.compile(r"""extra\s*==\s*["']([\w-]+)["']""")
_NAME = re.compile(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?")


def machine() -> dict[str, Any]:
    """CPU model, cores (and those this process may use), memory, OS, Python."""
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cpus": sorted(os.sched_getaffinity(0)),
        "memory_bytes": psutil.virtual_memory().total,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version_names(extra: str) -> list[str]:
    """The distributions whose versions a report names for the project's ``extra``: what it
    needs, followed through ``triptych[...]`` references, plus the bench's own tools."""
    names: dict[str, None] = {}
    _collect(extra, names, set())
    for tool in ("locust", "psutil", "plotly", "SQLAlchemy", "psycopg", "argon2-cffi"):
        names.setdefault(tool)
    return list(names)


def versions(extra: str) -> dict[str, str]:
    """Installed versions of ``version_names(extra)``, in this environment."""
    found = {}
    for name in version_names(extra):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def _collect(extra: str, names: dict[str, None], seen: set[str]) -> None:
    if extra in seen:
        return
    seen.add(extra)
    try:
        requirements = metadata.requires("triptych") or []
    except metadata.PackageNotFoundError:
        return
    for requirement in requirements:
        marker = _EXTRA.search(requirement)
        if not marker or marker.group(1) != extra:
            continue
        match = _NAME.match(requirement)
        if not match:
            continue
        if match.group(1) == "triptych":
            for inner in (match.group(2) or "[]").strip("[]").split(","):
                if inner.strip():
                    _collect(inner.strip(), names, seen)
        else:
            names.setdefault(match.group(1))


def database_version(database_url: str) -> str:
    """The database server's version, or SQLite's library version."""
    if database_url.startswith("sqlite"):
        return f"SQLite {sqlite3.sqlite_version}"
    from bench.seed import postgres_connection  # noqa: PLC0415 - psycopg only when needed

    with postgres_connection(database_url) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0] if row else '?'}"
