"""The endpoints run's ``report.md`` and ``report.html``, and the table it prints."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from bench.endpoints import BLOCKING_FLOOR_ROUTE, ENDPOINTS, FLOOR_ROUTE
from bench.endpoints.summary import BLOCKING_SHARE, write_summary
from bench.report_md import how_it_ran, spread_text, variants_note

HEADER = (
    "| implementation | endpoint | requests/s | p50 ms | p99 ms | failures | server CPU % "
    "| share of floor | share of blocking floor |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def _share(figure: dict[str, Any], key: str = "floor_share") -> str:
    share = figure.get(key)
    if share is None:
        return "—"
    rounds = figure.get(f"{key}_by_round")
    if not rounds or rounds["min"] == rounds["max"]:
        return f"{share:.0%}"
    return f"{share:.0%} ({rounds['min']:.0%}–{rounds['max']:.0%})"


def _row(impl: str, figure: dict[str, Any], shares: tuple[str, str]) -> str:
    if not figure["measured"]:
        return f"| {impl} | `{figure['route']}` | not measured | | | | | | |"
    return (
        f"| {impl} | `{figure['route']}` | {spread_text(figure['requests_per_second'], digits=1)} "
        f"| {spread_text(figure['p50_ms'])} | {spread_text(figure['p99_ms'])} "
        f"| {figure['failures']} | {spread_text(figure['server_cpu_percent'])} "
        f"| {shares[0]} | {shares[1]} |"
    )


def endpoints_table(summary: dict[str, Any]) -> str:
    """Implementation × endpoint: requests/s (median, min–max), p50, p99, failures, server
    CPU, and the shares of the framework's floor and of its blocking view; each
    implementation's floors last."""
    lines = [HEADER]
    for impl, result in summary["results"].items():
        for endpoint in ENDPOINTS:
            figure = result["endpoints"][endpoint.key]
            lines.append(_row(impl, figure, (_share(figure), _share(figure, BLOCKING_SHARE))))
        floor, blocking = result["floor"], result.get("blocking_floor")
        if floor is None:
            lines.append(f"| {impl} | `{FLOOR_ROUTE}` | no floor | | | | | | |")
            continue
        whole = "100%" if floor["measured"] else "—"
        if blocking is None:
            lines.append(_row(impl, floor, (whole, "—")))
            continue
        over = _ratio(blocking, floor)
        lines.append(_row(impl, floor, (whole, "—" if over is None else f"{1 / over:.0%}")))
        lines.append(_row(impl, blocking, ("—" if over is None else f"{over:.0%}", whole)))
    return "\n".join(lines) + "\n"


def _ratio(figure: dict[str, Any], floor: dict[str, Any]) -> float | None:
    """One floor's median requests/s over the other's."""
    if not (figure["measured"] and floor["measured"]):
        return None
    below = floor["requests_per_second"]["median"]
    above = figure["requests_per_second"]["median"]
    return above / below if below and above else None


def share_table(summary: dict[str, Any], key: str = "floor_share") -> str:
    """Endpoint × implementation: the share of the floor (or, by ``key``, of the blocking
    floor) alone, with both floors' requests/s below."""
    impls = list(summary["results"])
    lines = [
        "| endpoint | " + " | ".join(impls) + " |",
        "| --- |" + " ---: |" * len(impls),
    ]
    for endpoint in ENDPOINTS:
        cells = [_share(summary["results"][impl]["endpoints"][endpoint.key], key) for impl in impls]
        lines.append(f"| `{endpoint.route}` | " + " | ".join(cells) + " |")
    for name, route in (("floor", FLOOR_ROUTE), ("blocking_floor", BLOCKING_FLOOR_ROUTE)):
        floors = [summary["results"][impl].get(name) for impl in impls]
        cells = [
            spread_text(floor["requests_per_second"], digits=1)
            if floor and floor["measured"]
            else "—"
            for floor in floors
        ]
        lines.append(
            f"| {name.replace('_', ' ')} requests/s (`{route}`) | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines) + "\n"


def markdown(summary: dict[str, Any]) -> str:
    """The whole ``report.md``."""
    options = summary["options"]
    machine = summary["machine"]
    dataset = summary["dataset"]
    first_round = [meta for meta in summary["servings"] if meta["round"] == 1 and "server" in meta]
    memory = machine["memory_bytes"] / 2**30
    return f"""# Triptych endpoints

Each endpoint is loaded alone by {options["users"][0]} users asking back to back (no wait
time), {options["duration"]:g} s measured after {options["warmup"]:g} s of warm-up, on one
server per implementation and round ({options["rounds"]} round(s), interleaved: ABC, CBA, ...),
started on its own copy of the seeded database after the correctness gate. The framework's
floor (`{FLOOR_ROUTE}`: its smallest JSON answer, no database) is then loaded with the same
users, duration and workers, and so is its blocking floor (`{BLOCKING_FLOOR_ROUTE}`: the same
answer from a view that may block, as the implementations' views do, since the domain waits on
the database; FastAPI runs it in its thread pool, sized as the implementation's; on Flask and
Django every view may block, and it is the same view). `GET /api/articles/:slug` picks among
every seeded slug; `GET /api/articles` is the anonymous default page (20); `GET /api/user`
carries the token of {summary["signed_in_user"]}, signed in before the load.
Database: {summary["database"]["version"]} ({summary["database"]["placement"]}).
Dataset: {", ".join(f"{count:,} {name}" for name, count in dataset["rows"].items())}
(seed {dataset["seed"]}, argon2 {options["argon2"]}).
Machine: {machine["cpu_model"]}, {machine["cores"]} cores, {memory:.0f} GiB,
Python {machine["python"]}. CPUs: {summary["cpus"]}.

Figures are medians across rounds with the min–max spread in brackets. "share of floor" is the
endpoint's median requests/s over the floor's median requests/s; in brackets, the range of the
same ratio round by round. "share of blocking floor" is the same over the blocking floor: what
an implementation bound to a blocking domain can reach at most. CPU % is CPU time over the
measured time (100 = one core).
Other work on the same machine moves absolute figures; compare within one report.

{variants_note(list(summary["results"]))}## Endpoints against the floor

{endpoints_table(summary)}
## Share of the floor

{share_table(summary)}
## Share of the blocking floor

{share_table(summary, BLOCKING_SHARE)}
{how_it_ran(summary, first_round)}"""


def _bars(summary: dict[str, Any]) -> go.Figure:
    figure = go.Figure()
    for impl, result in summary["results"].items():
        shares = [result["endpoints"][e.key].get("floor_share") for e in ENDPOINTS]
        figure.add_bar(
            name=impl,
            x=[endpoint.route for endpoint in ENDPOINTS],
            y=shares,
            text=[f"{share:.0%}" if share is not None else "" for share in shares],
            textposition="outside",
        )
    figure.update_layout(
        title="Share of the framework's floor (endpoint requests/s ÷ floor requests/s)",
        yaxis_title="share of floor",
        yaxis_tickformat=".0%",
        barmode="group",
    )
    return figure


def _throughput(summary: dict[str, Any]) -> go.Figure:
    figure = go.Figure()
    routes = [endpoint.route for endpoint in ENDPOINTS] + [FLOOR_ROUTE, BLOCKING_FLOOR_ROUTE]
    for impl, result in summary["results"].items():
        figures = [
            *(result["endpoints"][e.key] for e in ENDPOINTS),
            result["floor"],
            result.get("blocking_floor"),
        ]
        medians = [
            f["requests_per_second"]["median"] if f and f["measured"] else None for f in figures
        ]
        figure.add_bar(
            name=impl,
            x=routes,
            y=medians,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [
                    f["requests_per_second"]["max"] - m if f and m is not None else 0
                    for f, m in zip(figures, medians, strict=True)
                ],
                "arrayminus": [
                    m - f["requests_per_second"]["min"] if f and m is not None else 0
                    for f, m in zip(figures, medians, strict=True)
                ],
            },
        )
    figure.update_layout(
        title="Requests per second (median across rounds, min–max bars)",
        yaxis_title="requests/s",
        barmode="group",
    )
    return figure


def write_html(path: Path, summary: dict[str, Any], text: str) -> None:
    charts = [
        pio.to_html(
            figure, full_html=False, include_plotlyjs=index == 0, config={"displaylogo": False}
        )
        for index, figure in enumerate((_bars(summary), _throughput(summary)))
    ]
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in summary["warnings"]) or "<li>none</li>"
    path.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triptych endpoints</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1500px}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:1rem;font-size:12px}}</style></head>
<body><h1>Triptych endpoints</h1>
<h2>Warnings</h2><ul>{warnings}</ul>
{"".join(f"<section>{chart}</section>" for chart in charts)}
<h2>Report</h2><pre>{html.escape(text)}</pre>
</body></html>
""")


def write_endpoint_reports(directory: Path) -> dict[str, Any]:
    """(Re)build ``summary.json``, ``report.md`` and ``report.html``; returns the summary."""
    summary = write_summary(directory)
    text = markdown(summary)
    (directory / "report.md").write_text(text)
    write_html(directory / "report.html", summary, text)
    return summary
