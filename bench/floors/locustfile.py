"""The floor's load: ``GET /floor`` as fast as it answers, its body checked."""

from __future__ import annotations

from typing import Any

from locust import FastHttpUser, task

from bench.floors import BODY, PATH
from bench.locust_hooks import Pacing


class FloorUser(FastHttpUser):
    """Asks for the framework's smallest JSON answer, back to back."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pacing = Pacing()

    def wait_time(self) -> float:
        return self.pacing.wait(self.environment)

    @task
    def floor(self) -> None:
        with self.client.get(PATH, name=PATH, catch_response=True) as response:
            body: Any = response.json() if response.status_code == 200 else None
            if body != BODY:
                response.failure(f"status {response.status_code}: {(response.text or '')[:100]}")
            else:
                response.success()
