"""What each implementation installs beyond the domain's own dependencies.

By default each implementation gets a fresh virtual environment (``python -m venv``, then
``pip install -e .[<impl>]``) and ``probe_distributions.py`` reads its metadata there. The
answer is cached per requirements and Python version, so a second run reuses it. With
``mode="current"`` the current environment is read instead, and the result says so.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.discovery import PROJECT_ROOT

PROBE = Path(__file__).with_name("probe_distributions.py")
CACHE = PROJECT_ROOT / "bench" / "results" / ".cache" / "dependencies"
PROJECT = "triptych"
INSTALL_TIMEOUT = 900


def requirements(pyproject: Path, extra: str | None) -> list[str]:
    """The requirements of ``extra`` (or the base ones), the project's own extras expanded."""
    project = tomllib.loads(pyproject.read_text())["project"]
    if extra is None:
        return list(project["dependencies"])
    found: list[str] = []
    pending = [extra]
    done: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in done:
            continue
        done.add(name)
        for text in project["optional-dependencies"][name]:
            if text.startswith(f"{PROJECT}["):
                pending += text[len(PROJECT) + 1 : text.index("]")].split(",")
            elif text not in found:
                found.append(text)
    return found


def _probe(python: str, impl_requirements: list[str], base: list[str]) -> dict[str, Any]:
    wanted = json.dumps({"impl": impl_requirements, "base": base})
    # -I: not the script's folder on sys.path, where html.py would hide the standard one
    answer = subprocess.run(  # noqa: S603 - our own script, no shell
        [python, "-I", str(PROBE), wanted], capture_output=True, text=True, check=True, timeout=120
    )
    probed: dict[str, Any] = json.loads(answer.stdout)
    return probed


def _summarize(
    probed: dict[str, Any], impl_requirements: list[str], environment: str
) -> dict[str, Any]:
    from packaging.requirements import Requirement  # noqa: PLC0415
    from packaging.utils import canonicalize_name  # noqa: PLC0415

    base = set(probed["base"])
    beyond = {name: info for name, info in probed["impl"].items() if name not in base}
    direct = {canonicalize_name(Requirement(text).name) for text in impl_requirements} - base
    rows = [
        {
            "name": name,
            "version": info["version"],
            "size_bytes": info["size"],
            "direct": name in direct,
        }
        for name, info in sorted(beyond.items())
    ]
    return {
        "environment": environment,
        "python": probed["python"],
        "direct": sum(row["direct"] for row in rows),
        "transitive": sum(not row["direct"] for row in rows),
        "count": len(rows),
        "size_bytes": sum(row["size_bytes"] for row in rows),
        "missing": sorted(name for name, info in beyond.items() if info["version"] is None),
        "distributions": rows,
    }


def _cache_key(impl_requirements: list[str], base: list[str]) -> str:
    identity = json.dumps(
        [impl_requirements, base, platform.python_version(), platform.machine()]
    ).encode()
    return hashlib.sha256(identity).hexdigest()[:16]


def fresh_environment(
    name: str, root: Path, impl_requirements: list[str], base: list[str], say: Callable[[str], None]
) -> dict[str, Any]:
    """Create a venv, install ``.[name]`` into it, and probe it; the venv is then removed."""
    with tempfile.TemporaryDirectory(prefix=f"footprint-{name}-") as folder:
        venv = Path(folder) / "venv"
        started = time.monotonic()
        say(f"dependencies of {name}: creating a fresh virtual environment")
        subprocess.run(  # noqa: S603 - fixed command line
            [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300
        )
        python = str(venv / "bin" / "python")
        say(f"dependencies of {name}: pip install -e .[{name}] (this takes a minute or two)")
        subprocess.run(  # noqa: S603 - fixed command line
            [python, "-m", "pip", "install", "--quiet", "-e", f"{root}[{name}]"],
            check=True,
            capture_output=True,
            timeout=INSTALL_TIMEOUT,
        )
        probed = _probe(python, impl_requirements, base)
        say(f"dependencies of {name}: done in {time.monotonic() - started:.0f} s")
    return _summarize(probed, impl_requirements, "a fresh virtual environment (pip install -e)")


MODES = ("fresh", "current", "cached")


def dependencies(
    impls: list[str],
    *,
    mode: str,
    refresh: bool = False,
    root: Path = PROJECT_ROOT,
    cache: Path = CACHE,
    say: Callable[[str], None] = lambda _: None,
) -> dict[str, dict[str, Any]]:
    """Each implementation's distributions beyond the base dependencies.

    ``mode``: ``fresh`` (a fresh venv each, unless cached), ``current`` (read this
    environment), ``cached`` (a fresh venv's cached answer if there is one, else this
    environment).
    """
    base = requirements(root / "pyproject.toml", None)
    found: dict[str, dict[str, Any]] = {}
    for name in impls:
        wanted = requirements(root / "pyproject.toml", name)
        cached = cache / f"{name}-{_cache_key(wanted, base)}.json"
        if cached.is_file() and not refresh and mode != "current":
            found[name] = {**json.loads(cached.read_text()), "cached": True}
            say(f"dependencies of {name}: reused {cached.name} from an earlier fresh environment")
            continue
        if mode != "fresh":
            say(f"dependencies of {name}: reading the current environment")
            probed = _probe(sys.executable, wanted, base)
            found[name] = _summarize(
                probed, wanted, "the current environment (fresh environments skipped)"
            )
            continue
        result = fresh_environment(name, root, wanted, base, say)
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(result, indent=2) + "\n")
        found[name] = {**result, "cached": False}
    return found
