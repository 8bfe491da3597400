"""The floors' loads: ``GET /floor`` or ``GET /floor/blocking`` as fast as answered, the body
checked. The bench names the class to run."""

from __future__ import annotations

from typing import Any

from locust import FastHttpUser, task

from bench.floors import BLOCKING_PATH, BODY, PATH
from bench.locust_hooks import Pacing


class _Floor(FastHttpUser):
    """Asks for the framework's smallest JSON answer, back to back."""

    abstract = True
    path = PATH

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pacing = Pacing()

    def wait_time(self) -> float:
        return self.pacing.wait(self.environment)

    @task
    def floor(self) -> None:
        with self.client.get(self.path, name=self.path, catch_response=True) as response:
            body: Any = response.json() if response.status_code == 200 else None
            if body != BODY:
                response.failure(f"status {response.status_code}: {(response.text or '')[:100]}")
            else:
                response.success()


class FloorUser(_Floor):
    """``GET /floor``."""


class BlockingFloorUser(_Floor):
    """``GET /floor/blocking``."""

    path = BLOCKING_PATH
