"""FastAPI's floor, served by uvicorn as ``impl_fastapi`` is: an ``async`` view, and a plain
one that FastAPI runs in its thread pool of ``THREADS`` threads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from bench.floors import BLOCKING_PATH, BODY, PATH, THREADS


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, lifespan=lifespan)


@app.get(PATH)
async def floor() -> dict[str, str]:
    return BODY


@app.get(BLOCKING_PATH)
def blocking_floor() -> dict[str, str]:
    return BODY


def command(python: str, host: str, port: int, workers: int) -> list[str]:
    return [
        python, "-m", "uvicorn", "bench.floors.fastapi_floor:app",
        "--host", host, "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
