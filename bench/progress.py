"""A live line on stderr: implementation, round, phase and the time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    """Redraws one line on a terminal; prints one line per phase elsewhere (logs, CI)."""

    def __init__(self, runs: int, seconds_per_run: list[float], stream: TextIO = sys.stderr):
        self.runs = runs
        self.remaining = list(seconds_per_run)
        self.stream = stream
        self.live = stream.isatty()
        self.current = 0
        self._last = ""
        self._started = time.monotonic()

    def run(self, index: int) -> None:
        self.current = index
        self._started = time.monotonic()

    def show(self, what: str, phase: str, phase_left: float | None = None) -> None:
        later = sum(self.remaining[self.current + 1 :])
        estimate = self.remaining[self.current] - (time.monotonic() - self._started)
        this_run = max(phase_left or 0.0, estimate)
        left = f", {_clock(phase_left)} left in phase" if phase_left is not None else ""
        line = (
            f"[{self.current + 1}/{self.runs}] {what}: {phase}{left}"
            f" (about {_clock(later + this_run)} to go)"
        )
        if self.live:
            self.stream.write(f"\r\x1b[K{line}")
            self.stream.flush()
        elif phase != self._last:
            self.stream.write(line + "\n")
            self.stream.flush()
        self._last = phase

    def note(self, message: str) -> None:
        """A line of its own, kept above the live line."""
        prefix = "\r\x1b[K" if self.live else ""
        self.stream.write(f"{prefix}{message}\n")
        self.stream.flush()

    def done(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def wait_with(progress: Progress, what: str, phase: str, seconds: float) -> None:
    """Sleep ``seconds``, redrawing the line every second."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        progress.show(what, phase, left)
        time.sleep(min(1.0, left))
