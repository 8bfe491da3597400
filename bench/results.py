"""Reading one run's raw files (Locust CSVs and ``run.json``) back into numbers."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

AGGREGATED = "Aggregated"
CSV_PREFIX = "locust"


@dataclass(frozen=True, slots=True)
class EndpointStats:
    """One row of Locust's ``_stats.csv``."""

    method: str
    name: str
    requests: int
    failures: int
    rps: float
    average_ms: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float

    @property
    def key(self) -> str:
        return f"{self.method} {self.name}".strip()

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "failures": self.failures,
            "requests_per_second": round(self.rps, 2),
            "average_ms": round(self.average_ms, 2),
            "p50_ms": self.p50_ms,
            "p90_ms": self.p90_ms,
            "p99_ms": self.p99_ms,
            "max_ms": self.max_ms,
        }


def _number(text: str | None) -> float:
    try:
        return float(text) if text not in (None, "", "N/A") else 0.0
    except ValueError:
        return 0.0


def read_stats(path: Path) -> list[EndpointStats]:
    """Every endpoint's row, the aggregated row last."""
    with path.open(newline="") as stream:
        return [
            EndpointStats(
                method=row["Type"] or "",
                name=row["Name"],
                requests=int(_number(row["Request Count"])),
                failures=int(_number(row["Failure Count"])),
                rps=_number(row["Requests/s"]),
                average_ms=_number(row["Average Response Time"]),
                p50_ms=_number(row["50%"]),
                p90_ms=_number(row["90%"]),
                p99_ms=_number(row["99%"]),
                max_ms=_number(row["Max Response Time"]),
            )
            for row in csv.DictReader(stream)
        ]


def read_history(path: Path, since: float = 0.0) -> list[tuple[float, float]]:
    """(seconds since ``since``, requests/s) of the aggregated rows from ``since`` on."""
    if not path.is_file():
        return []
    points: list[tuple[float, float]] = []
    with path.open(newline="") as stream:
        for row in csv.DictReader(stream):
            if row.get("Name") != AGGREGATED:
                continue
            stamp = _number(row.get("Timestamp"))
            if stamp >= since:
                points.append((stamp - since, _number(row.get("Requests/s"))))
    return points


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run left in its folder."""

    folder: Path
    meta: dict[str, Any]
    stats: list[EndpointStats]

    @property
    def impl(self) -> str:
        return str(self.meta["impl"])

    @property
    def aggregated(self) -> EndpointStats | None:
        return next((row for row in self.stats if row.name == AGGREGATED), None)

    @property
    def endpoints(self) -> list[EndpointStats]:
        return [row for row in self.stats if row.name != AGGREGATED]

    def history(self) -> list[tuple[float, float]]:
        since = float(self.meta.get("measure_started_epoch", 0.0))
        return read_history(self.folder / f"{CSV_PREFIX}_stats_history.csv", since)


def read_run(folder: Path) -> RunResult:
    meta = json.loads((folder / "run.json").read_text())
    stats_file = folder / f"{CSV_PREFIX}_stats.csv"
    stats = read_stats(stats_file) if stats_file.is_file() else []
    return RunResult(folder, meta, stats)


def read_runs(directory: Path) -> list[RunResult]:
    """Every run under ``directory/runs``, in the order they ran."""
    runs = [read_run(path.parent) for path in (directory / "runs").glob("*/run.json")]
    return sorted(runs, key=lambda run: int(run.meta.get("sequence", 0)))
