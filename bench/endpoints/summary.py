"""From the raw files of an endpoints run to its summary: per implementation and endpoint, the
median across rounds and the share of the framework's floor, and of its blocking view."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.endpoints import (
    BLOCKING_FLOOR,
    BLOCKING_FLOOR_ROUTE,
    BY_KEY,
    ENDPOINTS,
    FLOOR,
    FLOOR_ROUTE,
)
from bench.results import RunResult, read_run
from bench.summary import BUSY_PERCENT, CONTEXT_FILE, GENERATOR_LIMIT_PERCENT, spread

SUMMARY_FILE = "summary.json"
FLOOR_ROUTES = {FLOOR: FLOOR_ROUTE, BLOCKING_FLOOR: BLOCKING_FLOOR_ROUTE}
BLOCKING_SHARE = "blocking_floor_share"  # an endpoint's share of the blocking floor


def read_servings(directory: Path) -> list[dict[str, Any]]:
    """Each serving's ``run.json`` (server, gate, problems), in the order they ran."""
    found = [json.loads(path.read_text()) for path in (directory / "runs").glob("*/run.json")]
    return sorted(found, key=lambda meta: int(meta.get("sequence", 0)))


def read_loads(directory: Path) -> list[RunResult]:
    """Each load (one endpoint, or a floor) under its serving's folder, in the order they ran."""
    loads = [read_run(path.parent) for path in (directory / "runs").glob("*/*/run.json")]
    return sorted(loads, key=lambda load: (int(load.meta.get("sequence", 0)), load.folder.name))


def _measured(load: RunResult) -> bool:
    row = load.aggregated
    return row is not None and row.requests > 0


def figures(loads: list[RunResult], route: str) -> dict[str, Any]:
    """One endpoint's (or floor's) loads across rounds: medians, spreads, sums."""
    measured = [load for load in loads if _measured(load)]
    result: dict[str, Any] = {
        "route": route,
        "rounds": len(measured),
        "measured": bool(measured),
        "problems": [problem for load in loads for problem in load.meta.get("problems", [])],
        "other_cpu_percent": max(
            (float(load.meta.get("other_cpu_percent", 0.0)) for load in loads), default=0.0
        ),
    }
    rows = [load.aggregated for load in measured if load.aggregated]
    if not rows:
        result["failures"] = 0
        return result
    servers = [load.meta.get("server_usage") for load in measured]
    result.update(
        requests=sum(row.requests for row in rows),
        failures=sum(row.failures for row in rows),
        requests_per_second=spread([row.rps for row in rows]),
        by_round={
            str(load.meta["round"]): round(row.rps, 2)
            for load, row in zip(measured, rows, strict=True)
        },
        p50_ms=spread([row.p50_ms for row in rows]),
        p99_ms=spread([row.p99_ms for row in rows]),
        max_ms=max(row.max_ms for row in rows),
        generator_cpu_percent=spread(
            [float(load.meta.get("generator_busiest_percent", 0.0)) for load in measured]
        ),
        server_cpu_percent=spread([s["cpu_percent"] for s in servers if s])
        if all(servers)
        else None,
    )
    return result


def ratio_spread(values: list[float]) -> dict[str, float]:
    """Median, min and max of ratios, to four places."""
    return {
        "median": round(statistics.median(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
    }


def with_share(
    result: dict[str, Any], floor: dict[str, Any] | None, key: str = "floor_share"
) -> dict[str, Any]:
    """The endpoint's median requests/s over the floor's (as ``key``), and the same ratio
    round by round (as ``key_by_round``)."""
    if not (result["measured"] and floor and floor["measured"]):
        return {**result, key: None}
    floor_median = floor["requests_per_second"]["median"]
    by_round = [
        result["by_round"][number] / floor["by_round"][number]
        for number in sorted(result["by_round"], key=int)
        if number in floor["by_round"] and floor["by_round"][number]
    ]
    return {
        **result,
        key: round(result["requests_per_second"]["median"] / floor_median, 4)
        if floor_median
        else None,
        f"{key}_by_round": ratio_spread(by_round) if by_round else None,
    }


def summarize(directory: Path) -> dict[str, Any]:
    """Everything ``summary.json`` holds, from ``context.json`` and the raw files."""
    context: dict[str, Any] = json.loads((directory / CONTEXT_FILE).read_text())
    servings = read_servings(directory)
    grouped: dict[str, dict[str, list[RunResult]]] = defaultdict(lambda: defaultdict(list))
    for load in read_loads(directory):
        grouped[str(load.meta["impl"])][str(load.meta["endpoint"])].append(load)
    impls = list(dict.fromkeys(str(meta["impl"]) for meta in servings))
    results: dict[str, dict[str, Any]] = {}
    for impl in impls:
        floor = figures(grouped[impl][FLOOR], FLOOR_ROUTE) if grouped[impl][FLOOR] else None
        blocking = grouped[impl][BLOCKING_FLOOR]
        blocking_floor = figures(blocking, BLOCKING_FLOOR_ROUTE) if blocking else None
        api = [meta for meta in servings if meta["impl"] == impl and not meta.get("floor")]
        results[impl] = {
            "endpoints": {
                endpoint.key: with_share(
                    with_share(figures(grouped[impl][endpoint.key], endpoint.route), floor),
                    blocking_floor,
                    BLOCKING_SHARE,
                )
                for endpoint in ENDPOINTS
            },
            "floor": floor,
            "blocking_floor": blocking_floor,
            "gate": [meta.get("gate", {}) for meta in api],
            "problems": [p for meta in servings if meta["impl"] == impl for p in meta["problems"]],
            "server": api[0].get("server", {}) if api else {},
        }
    warnings = [w for impl, result in results.items() for w in _warnings(impl, result)]
    failures = sum(
        figure.get("failures", 0)
        for result in results.values()
        for figure in [
            *result["endpoints"].values(),
            result["floor"] or {},
            result["blocking_floor"] or {},
        ]
    )
    return {
        **context,
        "results": results,
        "failures": failures,
        "warnings": warnings,
        "servings": servings,
    }


def _warnings(impl: str, result: dict[str, Any]) -> list[str]:
    found = list(result["problems"])
    named = {**result["endpoints"], FLOOR: result["floor"]}
    if result["blocking_floor"] is not None:  # older runs loaded no blocking view
        named[BLOCKING_FLOOR] = result["blocking_floor"]
    for key, figure in named.items():
        route = BY_KEY[key].route if key in BY_KEY else FLOOR_ROUTES[key]
        where = f"{impl}, {route}"
        if figure is None:
            found.append(f"{where}: no floor for this framework (no share of it)")
            continue
        found += figure["problems"]
        if not figure["measured"]:
            found.append(f"{where}: not measured (gate failed, server gone or no data)")
            continue
        if figure["failures"]:
            found.append(f"{where}: {figure['failures']} failed requests")
        if figure["generator_cpu_percent"]["max"] > GENERATOR_LIMIT_PERCENT:
            found.append(
                f"{where}: the load generator used {figure['generator_cpu_percent']['max']:.0f}% "
                "of a core; it may be the limit, not the server (try --locust-workers)"
            )
        if figure["other_cpu_percent"] > BUSY_PERCENT:
            found.append(
                f"{where}: the machine was busy with other work too (it took "
                f"{figure['other_cpu_percent']:.0f}% of a core beside the server, the "
                "generator and the database): absolute figures are low"
            )
    return found


def write_summary(directory: Path) -> dict[str, Any]:
    summary = summarize(directory)
    (directory / SUMMARY_FILE).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return summary
