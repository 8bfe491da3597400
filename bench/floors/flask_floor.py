"""Flask's floor, served by gunicorn with the worker count of the real implementation."""

from __future__ import annotations

from flask import Flask

from bench.floors import BODY, PATH

app = Flask(__name__)


@app.get(PATH)
def floor() -> dict[str, str]:
    return BODY


def command(python: str, host: str, port: int, workers: int) -> list[str]:
    return [
        python, "-m", "gunicorn", "bench.floors.flask_floor:app",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
