"""The endpoints run's ``report.md`` and ``report.html``, and the table it prints."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from bench.endpoints import ENDPOINTS, FLOOR_ROUTE
from bench.endpoints.summary import write_summary
from bench.report_md import how_it_ran, spread_text

HEADER = (
    "| implementation | endpoint | requests/s | p50 ms | p99 ms | failures | server CPU % "
    "| share of floor |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def _share(figure: dict[str, Any]) -> str:
    share = figure.get("floor_share")
    if share is None:
        return "—"
    rounds = figure.get("floor_share_by_round")
    if not rounds or rounds["min"] == rounds["max"]:
        return f"{share:.0%}"
    return f"{share:.0%} ({rounds['min']:.0%}–{rounds['max']:.0%})"


def _row(impl: str, figure: dict[str, Any], share: str) -> str:
    if not figure["measured"]:
        return f"| {impl} | `{figure['route']}` | not measured | | | | | |"
    return (
        f"| {impl} | `{figure['route']}` | {spread_text(figure['requests_per_second'], digits=1)} "
        f"| {spread_text(figure['p50_ms'])} | {spread_text(figure['p99_ms'])} "
        f"| {figure['failures']} | {spread_text(figure['server_cpu_percent'])} | {share} |"
    )


def endpoints_table(summary: dict[str, Any]) -> str:
    """Implementation × endpoint: requests/s (median, min–max), p50, p99, failures, server
    CPU, and the share of the framework's floor; each implementation's floor last."""
    lines = [HEADER]
    for impl, result in summary["results"].items():
        for endpoint in ENDPOINTS:
            figure = result["endpoints"][endpoint.key]
            lines.append(_row(impl, figure, _share(figure)))
        floor = result["floor"]
        if floor is None:
            lines.append(f"| {impl} | `{FLOOR_ROUTE}` | no floor | | | | | |")
        else:
            lines.append(_row(impl, floor, "100%" if floor["measured"] else "—"))
    return "\n".join(lines) + "\n"


def share_table(summary: dict[str, Any]) -> str:
    """Endpoint × implementation: the share of the floor alone."""
    impls = list(summary["results"])
    lines = [
        "| endpoint | " + " | ".join(impls) + " |",
        "| --- |" + " ---: |" * len(impls),
    ]
    for endpoint in ENDPOINTS:
        cells = [_share(summary["results"][impl]["endpoints"][endpoint.key]) for impl in impls]
        lines.append(f"| `{endpoint.route}` | " + " | ".join(cells) + " |")
    floors = [summary["results"][impl]["floor"] for impl in impls]
    cells = [
        spread_text(floor["requests_per_second"], digits=1) if floor and floor["measured"] else "—"
        for floor in floors
    ]
    lines.append(f"| floor requests/s (`{FLOOR_ROUTE}`) | " + " | ".join(cells) + " |")
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
users, duration and workers. `GET /api/articles/:slug` picks among every seeded slug;
`GET /api/articles` is the anonymous default page (20); `GET /api/user` carries the token of
{summary["signed_in_user"]}, signed in before the load.
Database: {summary["database"]["version"]} ({summary["database"]["placement"]}).
Dataset: {", ".join(f"{count:,} {name}" for name, count in dataset["rows"].items())}
(seed {dataset["seed"]}, argon2 {options["argon2"]}).
Machine: {machine["cpu_model"]}, {machine["cores"]} cores, {memory:.0f} GiB,
Python {machine["python"]}. CPUs: {summary["cpus"]}.

Figures are medians across rounds with the min–max spread in brackets. "share of floor" is the
endpoint's median requests/s over the floor's median requests/s; in brackets, the range of the
same ratio round by round. CPU % is CPU time over the measured time (100 = one core).
Other work on the same machine moves absolute figures; compare within one report.

## Endpoints against the floor

{endpoints_table(summary)}
## Share of the floor

{share_table(summary)}
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
    routes = [endpoint.route for endpoint in ENDPOINTS] + [FLOOR_ROUTE]
    for impl, result in summary["results"].items():
        figures = [*(result["endpoints"][e.key] for e in ENDPOINTS), result["floor"]]
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
