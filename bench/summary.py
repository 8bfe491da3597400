"""From the raw files of a comparison to ``summary.json``'s numbers: medians across rounds."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.results import EndpointStats, RunResult, read_runs

GENERATOR_LIMIT_PERCENT = 90.0
BUSY_PERCENT = 25.0  # of one core, taken by work other than the server, Locust and a database
CONTEXT_FILE = "context.json"


def spread(values: list[float]) -> dict[str, float]:
    """Median, min and max of ``values``."""
    return {
        "median": round(statistics.median(values), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
    }


def _profile(meta: dict[str, Any]) -> dict[str, Any]:
    """A run's profile, with its files' paths inside the report's folder."""
    folder = f"runs/{meta.get('label', '')}"
    profile = meta["profile"]
    paths = {"path": f"{folder}/{profile['file']}"}
    if "svg" in profile:
        paths["svg_path"] = f"{folder}/{profile['svg']}"
    return {**profile, "run": meta.get("label", ""), **paths}


def _measured(run: RunResult) -> bool:
    """A run counts when its gate passed and Locust recorded requests (a run whose CSV holds
    none, on a machine too busy to answer in time, has no figures to give)."""
    return (
        run.aggregated is not None
        and run.aggregated.requests > 0
        and run.meta.get("gate", {}).get("passed", True) is True
    )


def _endpoint_table(runs: list[RunResult]) -> dict[str, dict[str, Any]]:
    rows: dict[str, list[EndpointStats]] = defaultdict(list)
    for run in runs:
        for row in run.endpoints:
            rows[row.key].append(row)
    return {
        key: {
            "requests": sum(row.requests for row in found),
            "failures": sum(row.failures for row in found),
            "requests_per_second": statistics.median(row.rps for row in found),
            "average_ms": statistics.median(row.average_ms for row in found),
            "p50_ms": statistics.median(row.p50_ms for row in found),
            "p90_ms": statistics.median(row.p90_ms for row in found),
            "p99_ms": statistics.median(row.p99_ms for row in found),
            "max_ms": max(row.max_ms for row in found),
        }
        for key, found in sorted(rows.items())
    }


def _one(impl_runs: list[RunResult], floors: list[RunResult]) -> dict[str, Any]:
    measured = [run for run in impl_runs if _measured(run)]
    result: dict[str, Any] = {
        "rounds": len(impl_runs),
        "other_cpu_percent": max(
            (float(run.meta.get("other_cpu_percent", 0.0)) for run in impl_runs), default=0.0
        ),
        "gate": [run.meta.get("gate", {}) for run in impl_runs],
        "problems": [p for run in impl_runs for p in run.meta.get("problems", [])],
        "server": impl_runs[0].meta.get("server", {}),
        "profiles": [
            _profile(run.meta) for run in impl_runs if "file" in run.meta.get("profile", {})
        ],
    }  # fmt: skip
    if not measured:
        result["measured"] = False
        return result
    total = [run.aggregated for run in measured if run.aggregated]
    server = [run.meta.get("server_usage") for run in measured]
    generator = [float(run.meta.get("generator_busiest_percent", 0.0)) for run in measured]
    result.update(
        measured=True,
        requests=sum(row.requests for row in total),
        failures=sum(row.failures for row in total),
        requests_per_second=spread([row.rps for row in total]),
        p50_ms=spread([row.p50_ms for row in total]),
        p90_ms=spread([row.p90_ms for row in total]),
        p99_ms=spread([row.p99_ms for row in total]),
        max_ms=max(row.max_ms for row in total),
        generator_cpu_percent=spread(generator),
        endpoints=_endpoint_table(measured),
    )
    if all(server):
        result["server_cpu_percent"] = spread([s["cpu_percent"] for s in server if s])
        result["server_peak_rss_mb"] = spread([s["peak_rss_bytes"] / 2**20 for s in server if s])
        ends = [s.get("last_rss_bytes", 0) / 2**20 for s in server if s]
        result["server_end_rss_mb"] = spread(ends) if all(ends) else None
    else:
        result["server_cpu_percent"] = None  # a --target: its server is not ours to watch
        result["server_peak_rss_mb"] = None
    for name in ("database", "proxy"):
        found = [
            run.meta[f"{name}_cpu_percent"] for run in measured if f"{name}_cpu_percent" in run.meta
        ]
        result[f"{name}_cpu_percent"] = spread(found) if found else None
    # A floor whose CSV holds no request was not measured: no share of it.
    floor_rows = [run.aggregated for run in floors if _measured(run) and run.aggregated]
    if floor_rows:
        floor_rps = statistics.median(row.rps for row in floor_rows)
        floor_avg = statistics.median(row.average_ms for row in floor_rows)
        result["floor"] = {
            "requests_per_second": round(floor_rps, 2),
            "average_ms": round(floor_avg, 2),
            "p99_ms": statistics.median(row.p99_ms for row in floor_rows),
            "failures": sum(row.failures for row in floor_rows),
        }
        result["floor_share"] = round(result["requests_per_second"]["median"] / floor_rps, 4)
        for row in result["endpoints"].values():
            row["floor_share"] = (
                round(floor_avg / row["average_ms"], 4) if row["average_ms"] else None
            )
    return result


def condition_key(users: int, db_latency_ms: float | None) -> str:
    """The key of a condition's table in ``summary.json``'s results: the user count alone
    when the database was reached directly (as before latency was an axis)."""
    return str(users) if db_latency_ms is None else f"{users}@{db_latency_ms:g}ms"


def condition_title(summary: dict[str, Any], key: str) -> str:
    """How the reports name a condition: ``16 users`` or ``16 users, database +2 ms``."""
    condition = summary.get("conditions", {}).get(key, {"users": key})
    latency = condition.get("db_latency_ms")
    extra = "" if latency is None else f", database +{latency:g} ms per round trip"
    return f"{condition['users']} users{extra}"


def series(meta: dict[str, Any]) -> str:
    """A row of a condition's table: the variant, with its knob when the run set one."""
    name = str(meta["impl"])
    if meta.get("threads") is not None:
        return f"{name} ({meta['threads']} threads)"
    if meta.get("pool_size") is not None:
        return f"{name} (pool {meta['pool_size']})"
    return name


def _serving(names: set[str]) -> dict[str, bool | None]:
    """Whether each variant serves on an event loop; None for a name that is no variant here
    (a ``--target``). The project's variants are listed once."""
    from bench.discovery import on_event_loop, unversioned, variants  # noqa: PLC0415

    known = set(variants())
    return {name: on_event_loop(name) if unversioned(name) in known else None for name in names}


def summarize(directory: Path) -> dict[str, Any]:
    """Everything ``summary.json`` holds, from ``context.json`` and the runs' raw files: one
    table per condition (users and database latency), a row per variant (and knob)."""
    context: dict[str, Any] = json.loads((directory / CONTEXT_FILE).read_text())
    runs = read_runs(directory)
    tables: dict[str, dict[str, list[RunResult]]] = defaultdict(lambda: defaultdict(list))
    floors: dict[tuple[int, str], list[RunResult]] = defaultdict(list)
    conditions: dict[str, dict[str, Any]] = {}
    for run in runs:
        users = int(run.meta["users"])
        if run.meta.get("floor"):
            floors[users, run.impl].append(run)
            continue
        latency = run.meta.get("db_latency_ms")
        key = condition_key(users, latency)
        conditions[key] = {"users": users, "db_latency_ms": latency}
        tables[key][series(run.meta)].append(run)
    results: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    serving = _serving({run.impl for run in runs})
    ordered = sorted(
        tables, key=lambda k: (conditions[k]["users"], conditions[k]["db_latency_ms"] or 0)
    )
    for key in ordered:
        users = conditions[key]["users"]
        table = {
            name: _one(found, floors.get((users, found[0].impl), []))
            for name, found in tables[key].items()
        }
        for name, found in tables[key].items():
            table[name].update(
                impl=found[0].impl,
                event_loop=serving[found[0].impl],
                threads=found[0].meta.get("threads"),
                pool_size=found[0].meta.get("pool_size"),
            )
        best = max(
            (r["requests_per_second"]["median"] for r in table.values() if r["measured"]),
            default=0.0,
        )
        for name, result in table.items():
            if result["measured"] and best:
                result["relative_to_fastest"] = round(
                    result["requests_per_second"]["median"] / best, 4
                )
            warnings.extend(
                _warnings(name, condition_title({"conditions": conditions}, key), result)
            )
        results[key] = table
    return {
        **context,
        "conditions": {key: conditions[key] for key in ordered},
        "results": results,
        "warnings": warnings,
        "runs": [r.meta for r in runs],
    }


def fastest_first(table: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """A condition's measured rows, the highest median requests/s first."""
    measured = [(name, result) for name, result in table.items() if result["measured"]]
    return sorted(measured, key=lambda row: -row[1]["requests_per_second"]["median"])


def is_target(result: dict[str, Any]) -> bool:
    """Whether a row is a ``--target``: a server the bench did not start, nor watches."""
    return not result.get("server", {}).get("measured", True)


def _warnings(impl: str, where: str, result: dict[str, Any]) -> list[str]:
    found = [f"{impl} at {where}: {problem}" for problem in result["problems"]]
    if is_target(result):
        found.append(
            f"{impl} at {where}: its server is not the bench's, so its CPU and memory are not "
            f"measured; the {result['other_cpu_percent']:.0f}% of a core the machine spent "
            "beside Locust and the database includes it"
        )
    elif result["other_cpu_percent"] > BUSY_PERCENT:
        found.append(
            f"{impl} at {where}: the machine was busy with other work too (it took "
            f"{result['other_cpu_percent']:.0f}% of a core beside the server, the generator "
            "and the database): absolute figures are low"
        )
    if not result["measured"]:
        found.append(f"{impl} at {where}: not measured (gate failed or no request recorded)")
        return found
    if result["failures"]:
        found.append(f"{impl} at {where}: {result['failures']} failed requests")
    generator = result["generator_cpu_percent"]["max"]
    if generator > GENERATOR_LIMIT_PERCENT:
        found.append(
            f"{impl} at {where}: the load generator used {generator:.0f}% of a core; "
            "it may be the limit, not the server (try --locust-workers)"
        )
    return found


def write_summary(directory: Path) -> dict[str, Any]:
    summary = summarize(directory)
    (directory / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return summary
