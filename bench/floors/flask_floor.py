"""Flask's floor, served by gunicorn as ``python -m impl_flask serve`` runs it."""

from __future__ import annotations

from flask import Flask

from bench.floors import BLOCKING_PATH, BODY, PATH, THREADS

app = Flask(__name__)


@app.get(PATH)
@app.get(BLOCKING_PATH, endpoint="blocking_floor")  # every WSGI view may block
def floor() -> dict[str, str]:
    return BODY


def command(python: str, host: str, port: int, workers: int) -> list[str]:
    """gthread workers, ``THREADS`` threads each, as the implementation's (not gunicorn's
    sync worker, which answers one request at a time and closes every connection)."""
    return [
        python, "-m", "gunicorn", "bench.floors.flask_floor:app",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--log-level", "warning",
        "--worker-class", "gthread", "--threads", str(THREADS),
    ]  # fmt: skip
