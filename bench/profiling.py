"""Where a server's time goes: py-spy samples it under load; the report links and sums it up.

py-spy attaches to the running server (``--subprocesses``: every worker a master forks too)
and samples the thread that holds the interpreter lock (``--gil``): where the server's Python
spends CPU, every worker together. Time a thread waits for the database, with the lock
released, is not in it; neither are idle threads, which py-spy cannot always tell apart
otherwise. It writes a speedscope profile (for https://www.speedscope.app or any speedscope
viewer), drawn as an SVG flame graph (``bench.flamegraph``) that the report shows, and
``top_frames`` and ``layers`` read it back into the report's tables. Compiled code (C,
Cython) has no frames of its own: its time counts to the Python function that called it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench.flamegraph import render_svg

SAMPLES_PER_SECOND = 100
PROFILE_SUFFIX = ".speedscope.json"
VIEWER = "https://www.speedscope.app"


def profile_name(scenario: str) -> str:
    """The profile's file name in a run's folder: one per implementation and scenario."""
    return f"profile-{scenario}{PROFILE_SUFFIX}"


def py_spy() -> str | None:
    """The py-spy beside this Python (a venv's), else on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def profiler_command(executable: str, pid: int, output: Path, seconds: float) -> list[str]:
    """Sample ``pid`` and its children for ``seconds`` without pausing them."""
    return [
        executable, "record", "--pid", str(pid), "--subprocesses", "--nonblocking", "--gil",
        "--format", "speedscope", "--rate", str(SAMPLES_PER_SECOND),
        "--duration", str(max(1, round(seconds))), "--output", str(output),
    ]  # fmt: skip


def start(pid: int, output: Path, seconds: float, log: Path) -> subprocess.Popen[bytes] | str:
    """The running profiler, or why none could start."""
    executable = py_spy()
    if executable is None:
        return "py-spy is not installed (pip install py-spy)"
    with log.open("ab") as stream:
        return subprocess.Popen(  # noqa: S603 - fixed command line, no shell
            profiler_command(executable, pid, output, seconds), stdout=stream, stderr=stream
        )


def finish(profiler: subprocess.Popen[bytes] | str, output: Path, log: Path) -> dict[str, Any]:
    """Wait for the profiler; what ``run.json`` keeps of it (the file and its top frames)."""
    if isinstance(profiler, str):
        return {"error": profiler}
    try:
        code = profiler.wait(timeout=60)
    except subprocess.TimeoutExpired:
        profiler.kill()
        profiler.wait()
        return {"error": f"py-spy did not finish; see {log.name}"}
    if code != 0 or not output.exists():
        return {"error": f"py-spy exited with code {code}; see {log.name}"}
    data = read_profile(output)
    drawn = output.with_name(output.name.removesuffix(PROFILE_SUFFIX) + ".svg")
    drawn.write_text(render_svg(data, f"{output.parent.name}: Python on the CPU"))
    return {"file": output.name, "svg": drawn.name, **top_frames(data), "layers": layers(data)}


def read_profile(path: Path) -> dict[str, Any]:
    """A speedscope file, read once for the flame graph and the tables."""
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def top_frames(data: dict[str, Any], count: int = 12) -> dict[str, Any]:
    """The functions most often on the CPU: own time (self) and time with callees (total).

    Shares are of all sampled time (py-spy weighs samples in seconds), every process of the
    server together.
    """
    frames = data["shared"]["frames"]
    own: Counter[int] = Counter()
    total: Counter[int] = Counter()
    samples = 0
    for profile in data["profiles"]:
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            samples += weight
            if stack:
                own[stack[-1]] += weight
            for frame in set(stack):
                total[frame] += weight
    if not samples:
        return {"seconds": 0, "top": []}

    def describe(index: int) -> dict[str, Any]:
        frame = frames[index]
        where = frame.get("file", "")
        line = frame.get("line")
        return {
            "function": frame.get("name", "?"),
            "where": f"{_short(where)}:{line}" if line else _short(where),
            "self_percent": round(100 * own[index] / samples, 1),
            "total_percent": round(100 * total[index] / samples, 1),
        }

    return {
        "seconds": round(samples, 2),
        "top": [describe(index) for index, _ in own.most_common(count)],
    }


# Where a sampled function's file lies, by the first matching prefix of its short path.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the project's code", ("domain/", "storage_sqlalchemy/", "impl_")),
    ("Django's ORM", ("django/db/",)),
    ("Django", ("django/",)),
    ("Django REST framework", ("rest_framework/",)),
    ("FastAPI and Starlette", ("fastapi/", "starlette/")),
    ("Flask, Werkzeug, Marshmallow", ("flask/", "flask_", "werkzeug/", "marshmallow/")),
    ("Pydantic", ("pydantic/", "pydantic_core/")),
    ("SQLAlchemy", ("sqlalchemy/",)),
    ("psycopg", ("psycopg/", "psycopg_binary/")),
    ("server (uvicorn, gunicorn)", ("uvicorn/", "gunicorn/", "uvloop/", "httptools/")),
    ("threads (anyio, threading, queues)", ("anyio/", "threading.py", "concurrent/", "queue.py")),
    ("tokens and hashing (PyJWT, argon2)", ("jwt/", "argon2/", "hmac.py", "hashlib.py")),
)
OTHER_LAYER = "the rest (standard library and others)"


def layer(where: str) -> str:
    """The layer a function belongs to, from its short path (see ``_short``)."""
    return next(
        (name for name, prefixes in LAYERS if where.startswith(prefixes)),
        OTHER_LAYER,
    )


def layers(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each layer's share of the samples by the functions on the CPU (own time), largest
    first: how much is the framework, the database toolkit, the driver or the project."""
    frames = data["shared"]["frames"]
    shares: Counter[str] = Counter()
    for profile in data["profiles"]:
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            if stack:
                shares[layer(_short(frames[stack[-1]].get("file", "")))] += weight
    whole = sum(shares.values())
    return [
        {"layer": name, "percent": round(100 * weight / whole, 1)}
        for name, weight in shares.most_common()
        if whole
    ]


_LIBRARY = re.compile(r".*/(?:site-packages|lib/python3\.\d+)/")


def _short(path: str) -> str:
    """A source path from its package on (library folders and the project root cut off)."""
    if _LIBRARY.match(path):
        return _LIBRARY.sub("", path, count=1)
    project = str(Path(__file__).resolve().parent.parent) + "/"
    return path.removeprefix(project)
