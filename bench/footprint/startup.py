"""Start-up time and memory: importing and building the app, and ``serve`` until it answers.

Every measurement runs in a new process on a fresh, migrated SQLite database; the figure is
the median of ``repeat`` runs. ``serve`` is timed as it is: Django's collects (and WhiteNoise
compresses) the admin's static files only when none are collected yet.
"""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from bench import processes
from bench.discovery import PROJECT_ROOT
from bench.net import HOST, free_port

HEALTH_PATH = "/api/tags"
SERVE_TIMEOUT = 60.0
IDLE_SECONDS = 1.0
POLL_SECONDS = 0.02

# Runs in a new interpreter: the time to import the package and build the app, in seconds.
IMPORT_AND_BUILD = """
import time
started = time.perf_counter()
import impl_{name}
impl_{name}.create_app()
print(time.perf_counter() - started)
"""


def _environment(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": secrets.token_hex(32),
        "STATIC_ROOT": str(database.parent / "static"),
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST": "8",
        "ARGON2_PARALLELISM": "1",
    }


def import_seconds(name: str, env: dict[str, str]) -> float:
    """Seconds to ``import impl_<name>`` and call ``create_app()`` in a new interpreter."""
    answer = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-c", IMPORT_AND_BUILD.format(name=name)],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return float(answer.stdout.strip().splitlines()[-1])


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its children (bytes), and how many there are."""
    root = psutil.Process(pid)
    total, count = 0, 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
            count += 1
        except psutil.Error:
            continue
    return total, count


def serve_once(name: str, env: dict[str, str], log: Path) -> dict[str, Any]:
    """Start ``serve``; seconds until ``GET /api/tags`` answers 200, then idle memory."""
    port = free_port()
    command = [sys.executable, "-m", f"impl_{name}", "serve", "--host", HOST, "--port", str(port)]
    url = f"http://{HOST}:{port}{HEALTH_PATH}"
    started = time.perf_counter()
    server = processes.start(command, log=log, env=env, cwd=PROJECT_ROOT)
    try:
        deadline = time.monotonic() + SERVE_TIMEOUT
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer {HEALTH_PATH}; see {log}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
        time.sleep(IDLE_SECONDS)
        rss, count = tree_rss(server.pid)
    finally:
        processes.stop(server)
    return {"seconds": seconds, "idle_rss_bytes": rss, "processes": count}


def startup(
    impls: list[str], repeat: int, say: Callable[[str], None] = lambda _: None
) -> dict[str, dict[str, Any]]:
    """Per implementation: import-and-build time, time to the first answer, idle memory."""
    found: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="footprint-startup-") as folder:
        for name in impls:
            say(f"start-up of {name}: {repeat} run(s) of import and of serve")
            database = Path(folder) / name / "startup.sqlite3"
            database.parent.mkdir(parents=True)
            env = _environment(database)
            subprocess.run(  # noqa: S603 - fixed command line
                [sys.executable, "-m", f"impl_{name}", "migrate"],
                env=env,
                cwd=PROJECT_ROOT,
                capture_output=True,
                check=True,
                timeout=300,
            )
            imports = [import_seconds(name, env) for _ in range(repeat)]
            log = database.parent / "serve.log"
            serves = [serve_once(name, env, log) for _ in range(repeat)]
            found[name] = {
                "runs": repeat,
                "import_ms": round(1000 * statistics.median(imports), 1),
                "first_answer_ms": round(1000 * statistics.median(s["seconds"] for s in serves), 1),
                "idle_rss_mib": round(
                    statistics.median(s["idle_rss_bytes"] for s in serves) / 2**20, 1
                ),
                "processes": serves[0]["processes"],
            }
    return found
