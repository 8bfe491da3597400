"""FastAPI's floor, served by uvicorn as ``impl_fastapi`` is."""

from __future__ import annotations

from fastapi import FastAPI

from bench.floors import BODY, PATH

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get(PATH)
async def floor() -> dict[str, str]:
    return BODY


def command(python: str, host: str, port: int, workers: int) -> list[str]:
    return [
        python, "-m", "uvicorn", "bench.floors.fastapi_floor:app",
        "--host", host, "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
