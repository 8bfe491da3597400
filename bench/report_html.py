"""``report.html``: one self-contained file (plotly's JavaScript inlined once) with the charts."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from bench import scaling
from bench.footprint.html import css as footprint_css
from bench.footprint.html import html_section as footprint_html
from bench.footprint.html import lines_by_role
from bench.profiling import VIEWER
from bench.results import RunResult
from bench.summary import condition_title


def _throughput(summary: dict[str, Any]) -> go.Figure:
    figure = go.Figure()
    for key, table in summary["results"].items():
        measured = {impl: r for impl, r in table.items() if r["measured"]}
        medians = [r["requests_per_second"]["median"] for r in measured.values()]
        figure.add_bar(
            name=condition_title(summary, key),
            x=list(measured),
            y=medians,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [
                    r["requests_per_second"]["max"] - m
                    for r, m in zip(measured.values(), medians, strict=True)
                ],
                "arrayminus": [
                    m - r["requests_per_second"]["min"]
                    for r, m in zip(measured.values(), medians, strict=True)
                ],
            },
            text=[f"{m:.0f}" for m in medians],
            textposition="outside",
        )
    figure.update_layout(
        title="Requests per second (median across rounds, min–max bars)",
        yaxis_title="requests/s",
        barmode="group",
    )
    return figure


def _floors(summary: dict[str, Any]) -> go.Figure:
    figure = go.Figure()
    shown: set[int] = set()
    for key, table in summary["results"].items():
        users = summary.get("conditions", {}).get(key, {}).get("users", key)
        if users in shown:  # a floor has no database: one bar per user count
            continue
        shown.add(users)
        floors = {
            r.get("impl", i): r["floor"]["requests_per_second"]
            for i, r in table.items()
            if r.get("floor")
        }
        figure.add_bar(name=f"{users} users", x=list(floors), y=list(floors.values()))
    figure.update_layout(
        title="Each framework's floor: requests/s of its minimal JSON endpoint, no database",
        yaxis_title="requests/s",
        barmode="group",
        height=350,
    )
    return figure


def _latencies(summary: dict[str, Any]) -> go.Figure:
    condition, table = list(summary["results"].items())[-1]
    palette = colours(summary)
    keys = sorted({k for r in table.values() if r["measured"] for k in r["endpoints"]})
    figure = make_subplots(
        rows=1, cols=3, shared_yaxes=True, subplot_titles=("p50 ms", "p90 ms", "p99 ms")
    )
    for impl, result in sorted(table.items()):
        if not result["measured"]:
            continue
        for column, percentile in enumerate(("p50_ms", "p90_ms", "p99_ms"), start=1):
            figure.add_bar(
                name=impl,
                legendgroup=impl,
                showlegend=column == 1,
                marker={"color": palette[impl]},
                orientation="h",
                y=keys,
                x=[result["endpoints"].get(k, {}).get(percentile) for k in keys],
                row=1,
                col=column,
            )
    figure.update_layout(
        title=f"Latency percentiles per endpoint ({condition_title(summary, condition)})",
        barmode="group",
        height=220 + 28 * len(keys) * max(1, len(table)),
    )
    figure.update_yaxes(autorange="reversed")
    return figure


def _over_time(runs: list[RunResult]) -> go.Figure:
    figure = go.Figure()
    for run in runs:
        if run.meta.get("floor"):
            continue
        points = run.history()
        if points:
            kind = " floor" if run.meta.get("floor") else ""
            figure.add_scatter(
                name=f"{run.impl}{kind} r{run.meta['round']} {run.meta['users']}u",
                x=[t for t, _ in points],
                y=[rps for _, rps in points],
                mode="lines",
            )
    figure.update_layout(
        title="Requests per second over the measured time (Locust's history)",
        xaxis_title="seconds",
        yaxis_title="requests/s",
    )
    return figure


# One colour per row of the report (a variant, with its knob), the same in every chart.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip


def colours(summary: dict[str, Any]) -> dict[str, str]:
    """Each row's colour, by its name's order across every condition of the run."""
    names = sorted({name for table in summary["results"].values() for name in table})
    return {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(names)}


def _sweep(summary: dict[str, Any]) -> go.Figure | None:
    """Requests/s (top) and p99 (bottom) against users, one column per database latency, the
    same axes in every column; None without a sweep over users."""
    conditions = summary.get("conditions") or {
        key: {"users": int(key), "db_latency_ms": None} for key in summary["results"]
    }
    if len({c["users"] for c in conditions.values()}) < 2:
        return None
    latencies = sorted({c["db_latency_ms"] for c in conditions.values()}, key=lambda v: v or 0)
    titles = [
        f"requests/s, database {'direct' if v is None else f'+{v:g} ms'}" for v in latencies
    ] + [f"p99 ms, database {'direct' if v is None else f'+{v:g} ms'}" for v in latencies]
    figure = make_subplots(
        rows=2, cols=len(latencies), shared_yaxes=True, shared_xaxes=True,
        subplot_titles=titles, vertical_spacing=0.12,
    )  # fmt: skip
    palette = colours(summary)
    for column, latency in enumerate(latencies, start=1):
        keys = [k for k, c in conditions.items() if c["db_latency_ms"] == latency]
        for name in palette:
            points = sorted(
                (conditions[k]["users"], summary["results"][k][name])
                for k in keys
                if name in summary["results"][k] and summary["results"][k][name]["measured"]
            )
            users = [u for u, _ in points]
            for row, (field, shown) in enumerate(
                (("requests_per_second", column == 1), ("p99_ms", False)), start=1
            ):
                figure.add_scatter(
                    name=name, legendgroup=name, showlegend=shown, x=users,
                    y=[result[field]["median"] for _, result in points],
                    mode="lines+markers", line={"color": palette[name]},
                    row=row, col=column,
                )  # fmt: skip
    counts = sorted({c["users"] for c in conditions.values()})
    figure.update_xaxes(title_text="users", type="log", tickvals=counts, ticktext=counts)
    figure.update_layout(
        title="Sweep: throughput and p99 latency against users (medians across rounds)",
        height=650,
    )
    return figure


def _scaling(summary: dict[str, Any]) -> str:
    """Where each variant stops scaling, as ``bench.scaling`` reads it from the figures."""
    items = "".join(
        "<li>" + re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(sentence)) + "</li>"
        for sentence in scaling.findings(summary)
    )
    return f"<h2>Where each variant stops scaling</h2><ul>{items}</ul>" if items else ""


def chart_html(figure: go.Figure, first: bool) -> str:
    html_text: str = pio.to_html(
        figure, full_html=False, include_plotlyjs=first, config={"displaylogo": False}
    )
    return html_text


def _flame_graph(folder: Path, impl: str, where: str, profile: dict[str, Any]) -> str:
    """One profiled run: its layers, top functions and flame graph (inline, if drawn)."""
    run = html.escape(profile["run"])
    layers = ", ".join(
        f"{html.escape(row['layer'])} {row['percent']}%" for row in profile.get("layers", [])
    )
    top = html.escape(", ".join(frame["function"] for frame in profile["top"][:5]))
    drawn = folder / profile["svg_path"] if "svg_path" in profile else None
    svg = drawn.read_text() if drawn is not None and drawn.exists() else ""
    return (
        f"<h3>{html.escape(impl)}, {html.escape(where)} ({run})</h3>"
        f"<p>By layer: {layers or 'not summed up'}. Most on the CPU: {top}. "
        f'<a href="{html.escape(profile["path"])}">speedscope file</a></p>'
        f'<div class="flame">{svg}</div>'
    )


def write_html(
    path: Path,
    summary: dict[str, Any],
    runs: list[RunResult],
    markdown: str,
    footprint: dict[str, Any] | None = None,
) -> None:
    """Write the report with every chart, the footprint if any, and the markdown's text."""
    figures = [_throughput(summary), _floors(summary), _latencies(summary), _over_time(runs)]
    sweep = _sweep(summary)
    if sweep:
        figures.append(sweep)
    parts = [chart_html(figure, index == 0) for index, figure in enumerate(figures)]
    if sweep:
        parts.append(_scaling(summary))
    section = (
        footprint_html(footprint, summary, chart_html(lines_by_role(footprint), False))
        if footprint
        else ""
    )
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in summary["warnings"]) or "<li>none</li>"
    flame_graphs = "".join(
        _flame_graph(path.parent, impl, condition_title(summary, key), profile)
        for key, table in summary["results"].items()
        for impl, result in sorted(table.items())
        for profile in result.get("profiles", [])
    )
    profiled = (
        "<h2>Where the time goes</h2><p>py-spy samples of each server's Python on the CPU "
        "(the thread holding the interpreter lock, every worker together), as flame graphs: "
        "a bar's width is its share of the samples, the bars above it are what it called; "
        "hover a bar for its name and place. The speedscope files open in "
        f'<a href="{VIEWER}">{VIEWER}</a>.</p>{flame_graphs}'
        if flame_graphs
        else ""
    )
    path.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triptych comparison</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1500px}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:1rem;font-size:12px}}
.flame{{overflow-x:auto}}
{footprint_css() if footprint else ""}</style></head>
<body><h1>Triptych comparison</h1>
<h2>Warnings</h2><ul>{warnings}</ul>
{"".join(f"<section>{part}</section>" for part in parts)}
{profiled}
{section}
<h2>Report</h2><pre>{html.escape(markdown)}</pre>
</body></html>
""")


def write_footprint_html(path: Path, footprint: dict[str, Any], markdown: str) -> None:
    """A report of the footprint alone (a folder without a comparison run)."""
    section = footprint_html(footprint, None, chart_html(lines_by_role(footprint), True))
    path.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triptych footprint</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1500px}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:1rem;font-size:12px}}
{footprint_css()}</style></head>
<body><h1>Triptych footprint</h1>
{section}
<h2>Report</h2><pre>{html.escape(markdown)}</pre>
</body></html>
""")
