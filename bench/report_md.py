"""``report.md``: the comparison table, the per-endpoint table, warnings, and how it was run."""

from __future__ import annotations

from typing import Any

from bench import scaling
from bench.profiling import VIEWER
from bench.summary import condition_title, is_target


def spread_text(value: dict[str, float] | None, unit: str = "", digits: int = 0) -> str:
    """A median with its min–max in brackets (the median alone when they agree)."""
    if not value:
        return "not measured"
    median = f"{value['median']:.{digits}f}{unit}"
    if value["min"] == value["max"]:
        return median
    return f"{median} ({value['min']:.{digits}f}–{value['max']:.{digits}f})"


def _with_gate(name: str, result: dict[str, Any]) -> str:
    """A target's name with the level its gate held it to (the project's variants meet the
    whole contract in CI; a target is only known to meet what its gate checked)."""
    if not is_target(result):
        return name
    levels = sorted({gate.get("level", "off") for gate in result.get("gate", []) if gate})
    return f"{name} (gate: {', '.join(levels) or 'off'})"


def comparison_table(summary: dict[str, Any]) -> str:
    """One table per user count: each implementation's median across rounds, min–max."""
    lines: list[str] = []
    for key, table in summary["results"].items():
        proxied = any(result.get("proxy_cpu_percent") for result in table.values())
        lines += [
            f"### {condition_title(summary, key)}",
            "",
            "| implementation | requests/s | vs fastest | p50 ms | p90 ms | p99 ms | failures "
            "| server CPU % | peak RSS MiB | database CPU % "
            + ("| proxy CPU % " if proxied else "")
            + "| floor requests/s | share of floor |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
            + (" ---: |" if proxied else ""),
        ]
        ranked = sorted(
            table.items(),
            key=lambda item: (
                -item[1]["requests_per_second"]["median"] if item[1]["measured"] else 0.0
            ),
        )
        for name, result in ranked:
            impl = _with_gate(name, result)
            if not result["measured"]:
                empty = 11 if proxied else 10  # every column but the first two
                failed = any(not gate.get("passed", True) for gate in result.get("gate", []))
                why = "gate failed" if failed else "no request recorded"
                lines.append(f"| {impl} | {why}: no numbers |" + " |" * empty)
                continue
            floor = result.get("floor")
            share = f"{result['floor_share']:.0%}" if floor else "—"
            database = (
                spread_text(result["database_cpu_percent"])
                if result.get("database_cpu_percent")
                else "—"
            )
            lines.append(
                f"| {impl} | {spread_text(result['requests_per_second'], digits=1)} "
                f"| {result['relative_to_fastest']:.2f}× "
                f"| {spread_text(result['p50_ms'])} | {spread_text(result['p90_ms'])} "
                f"| {spread_text(result['p99_ms'])} | {result['failures']} "
                f"| {spread_text(result['server_cpu_percent'])} "
                f"| {spread_text(result['server_peak_rss_mb'])} "
                f"| {database} "
                + (f"| {spread_text(result.get('proxy_cpu_percent'))} " if proxied else "")
                + f"| {floor['requests_per_second'] if floor else '—'} "
                f"| {share} |"
            )
        lines.append("")
    return "\n".join(lines)


def endpoint_table(summary: dict[str, Any]) -> str:
    lines: list[str] = []
    for condition, table in summary["results"].items():
        lines += [
            f"### {condition_title(summary, condition)}, per endpoint (medians across rounds)",
            "",
            "| endpoint | implementation | requests | requests/s | p50 ms | p90 ms | p99 ms "
            "| max ms | failures | share of floor |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        keys = sorted({key for r in table.values() if r["measured"] for key in r["endpoints"]})
        for key in keys:
            for impl, result in sorted(table.items()):
                row = result.get("endpoints", {}).get(key) if result["measured"] else None
                if not row:
                    continue
                share = "—" if row.get("floor_share") is None else f"{row['floor_share']:.0%}"
                lines.append(
                    f"| `{key}` | {impl} | {row['requests']} | {row['requests_per_second']:.1f} "
                    f"| {row['p50_ms']:.0f} | {row['p90_ms']:.0f} | {row['p99_ms']:.0f} "
                    f"| {row['max_ms']:.0f} | {row['failures']} "
                    f"| {share} |"
                )
        lines.append("")
    return "\n".join(lines)


def profiles(summary: dict[str, Any]) -> str:
    """Each profiled run: its flame graph's file and the functions most often on the CPU."""
    lines: list[str] = []
    for key, table in summary["results"].items():
        for impl, result in sorted(table.items()):
            for profile in result.get("profiles", []):
                drawn = profile.get("svg_path")
                lines += [
                    f"### {impl}, {condition_title(summary, key)} ({profile['run']})",
                    "",
                    (f"Flame graph: [{drawn}]({drawn}); " if drawn else "")
                    + f"speedscope profile: [{profile['path']}]({profile['path']}) (open it in "
                    f"{VIEWER}); {profile.get('seconds', 0):.1f} s of samples of Python on the "
                    "CPU.",
                    "",
                ]
                if profile.get("layers"):
                    lines += ["| layer | share of the samples % |", "| --- | ---: |"]
                    lines += [f"| {row['layer']} | {row['percent']} |" for row in profile["layers"]]
                    lines.append("")
                lines += [
                    "| function | where | self % | total % |",
                    "| --- | --- | ---: | ---: |",
                ]
                lines += [
                    f"| `{frame['function']}` | `{frame['where']}` | {frame['self_percent']} "
                    f"| {frame['total_percent']} |"
                    for frame in profile["top"]
                ]
                lines.append("")
    if not lines:
        return "Not profiled (`python -m bench profile`, or `compare --profile`).\n"
    return "\n".join(lines)


def configuration(server: dict[str, Any]) -> str:
    """The server's own account of its configuration (workers, event loop, threads, ...)."""
    found = server.get("configuration")
    if not found:
        return ""
    return " — " + ", ".join(f"{key} {value}" for key, value in sorted(found.items()))


def how_it_ran(summary: dict[str, Any], servings: list[dict[str, Any]]) -> str:
    """The end of a report: warnings, each server's command and configuration, versions."""
    warnings = summary["warnings"] or ["none"]
    servers = "\n".join(
        f"- **{meta['impl']}**{' floor' if meta.get('floor') else ''}: "
        f"`{meta['server']['command']}`{configuration(meta['server'])}"
        for meta in servings
    )
    return f"""## Warnings

{chr(10).join(f"- {warning}" for warning in warnings)}

## How it ran

{servers}
- Locust: `{summary["locust_command"]}`

Versions:

{versions_list(summary)}
"""


def versions_list(summary: dict[str, Any]) -> str:
    """Each variant's installed versions, one list item each."""
    return "\n".join(
        f"- **{variant}**: " + ", ".join(f"{name} {version}" for name, version in found.items())
        for variant, found in summary["versions"].items()
    )


def variants_note(names: list[str]) -> str:
    """What the rows of variants stand for, when a run holds an implementation in another mode
    than its default; nothing otherwise."""
    if not any("-" in name for name in names):
        return ""
    return """Each row is a variant: an implementation as it is served. `fastapi` runs its
endpoints as coroutines on uvicorn's event loop, over the async domain and storage (asyncpg,
aiosqlite); `fastapi-sync` runs their blocking twin, generated from the same source, in
FastAPI's thread pool, over the blocking domain and storage (psycopg, sqlite3); `flask` and
`django` block in gunicorn's threads; `django-asgi` runs Django's async views (adrf) on
uvicorn's event loop over the async domain and Django's async ORM, whose queries still run in a
thread of the request's own (asgiref's thread-sensitive mode). Each variant is held against its
framework's floor served as its own views are: the async view for `fastapi`, the view that may
block for `fastapi-sync`. Between the two rows of one framework only the serving differs: they
show what async buys that framework on the same code.

"""


def markdown(summary: dict[str, Any]) -> str:
    """The whole ``report.md``."""
    options = summary["options"]
    machine = summary["machine"]
    dataset = summary["dataset"]
    first_round = [
        run for run in summary["runs"] if run["round"] == 1 and run["users"] == options["users"][0]
    ]
    pacing = (
        f"a fixed rate of {options['rate']} tasks/s"
        if options["rate"]
        else "no pacing (as fast as served)"
    )
    memory = machine["memory_bytes"] / 2**30
    return f"""# Triptych comparison

Scenario **{options["scenario"]}**, {options["duration"]:g} s measured after {options["warmup"]:g} s
of warm-up, {options["rounds"]} round(s) interleaved (ABC, CBA, ...), users {options["users"]},
{pacing}.
Database: {summary["database"]["version"]} ({summary["database"]["placement"]}).
Dataset: {", ".join(f"{count:,} {name}" for name, count in dataset["rows"].items())}
(seed {dataset["seed"]}, seeded in {dataset["seconds"]:.1f} s, argon2 {options["argon2"]}).
Machine: {machine["cpu_model"]}, {machine["cores"]} cores, {memory:.0f} GiB,
Python {machine["python"]}. CPUs: {summary["cpus"]}.

Figures are medians across rounds with the min–max spread in brackets; "vs fastest" divides
by the fastest median. "share of floor" is requests/s against the framework's own minimal JSON
endpoint under the same load (per endpoint: the floor's average latency over the endpoint's).
CPU % is CPU time over the measured time (100 = one core); database CPU is a local PostgreSQL's
(SQLite's work is inside the server's).
Other work on the same machine moves absolute figures; compare within one report.

{variants_note([impl for table in summary["results"].values() for impl in table])}## Comparison

{comparison_table(summary)}
{scaling.markdown(summary)}
## Per endpoint

{endpoint_table(summary)}
## Where the time goes

{profiles(summary)}
{how_it_ran(summary, first_round)}"""
