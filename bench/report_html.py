"""``report.html``: one self-contained file (plotly's JavaScript inlined once) with the charts."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from bench.footprint.html import css as footprint_css
from bench.footprint.html import html_section as footprint_html
from bench.footprint.html import lines_by_role
from bench.palette import UNKNOWN, colours
from bench.profiling import VIEWER
from bench.results import RunResult
from bench.summary import condition_title, series


def _throughput(summary: dict[str, Any]) -> go.Figure:
    """Requests/s per condition, one bar per variant in its own colour, min–max whiskers."""
    figure = go.Figure()
    palette = colours(summary)
    titles = {key: condition_title(summary, key) for key in summary["results"]}
    for name, colour in palette.items():
        found = [
            (titles[key], table[name])
            for key, table in summary["results"].items()
            if name in table and table[name]["measured"]
        ]
        medians = [result["requests_per_second"]["median"] for _, result in found]
        figure.add_bar(
            name=name,
            x=[title for title, _ in found],
            y=medians,
            marker={"color": colour},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [
                    r["requests_per_second"]["max"] - m
                    for (_, r), m in zip(found, medians, strict=True)
                ],
                "arrayminus": [
                    m - r["requests_per_second"]["min"]
                    for (_, r), m in zip(found, medians, strict=True)
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
    """Each framework's floor per user count, in its variant's colour (no database)."""
    figure = go.Figure()
    palette = colours(summary)
    counts: dict[str, dict[str, float]] = {}
    for key, table in summary["results"].items():
        users = str(summary.get("conditions", {}).get(key, {}).get("users", key))
        for name, result in table.items():
            if result.get("floor"):  # a floor has no database: one bar per user count
                counts.setdefault(name, {})[f"{users} users"] = result["floor"][
                    "requests_per_second"
                ]
    for name, found in counts.items():
        figure.add_bar(
            name=name, x=list(found), y=list(found.values()), marker={"color": palette[name]}
        )
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


def _over_time(summary: dict[str, Any], runs: list[RunResult]) -> go.Figure:
    """Locust's requests/s over each measured run, one colour per variant, one line a round."""
    figure = go.Figure()
    palette = colours(summary)
    for run in runs:
        points = run.history()
        if run.meta.get("floor") or not points:
            continue
        name = series(run.meta)
        figure.add_scatter(
            name=f"{name} r{run.meta['round']} {run.meta['users']}u",
            legendgroup=name,
            x=[t for t, _ in points],
            y=[rps for _, rps in points],
            mode="lines",
            line={"color": palette.get(name, UNKNOWN)},
        )
    figure.update_layout(
        title="Requests per second over the measured time (Locust's history)",
        xaxis_title="seconds",
        yaxis_title="requests/s",
    )
    return figure


FOOTPRINT_HEADING = "## Footprint"
AFTER_THE_CHARTS = "## Per endpoint"
PAGE_CSS = """body{font-family:system-ui,sans-serif;margin:2rem;max-width:1500px}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;font-size:12px}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:14px}
th,td{border-bottom:1px solid #ddd;padding:0.25rem 0.6rem;white-space:nowrap}
thead th{position:sticky;top:0;background:#fff;border-bottom:2px solid #999;
white-space:normal;vertical-align:bottom;min-width:3.5rem}
tbody tr:nth-child(even){background:#f7f7f7}
.flame{overflow-x:auto}"""


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


def _sections(markdown: str) -> tuple[str, str]:
    """The report's Markdown split where the charts go: the headline (what was compared and
    the comparison tables) first, the rest (per endpoint, profiles, how it ran) after. The
    footprint's own section is left out: the page draws it in HTML."""
    own = markdown.split(FOOTPRINT_HEADING, 1)[0]
    head, found, tail = own.partition(AFTER_THE_CHARTS)
    return head, found + tail


def write_html(
    path: Path,
    summary: dict[str, Any],
    runs: list[RunResult],
    markdown: str,
    footprint: dict[str, Any] | None = None,
) -> None:
    """Write the report: what was compared and the headline tables first, then the warnings,
    every chart, the per-endpoint tables, the profiles and the footprint."""
    figures = [
        _throughput(summary), _floors(summary), _latencies(summary), _over_time(summary, runs)
    ]  # fmt: skip
    sweep = _sweep(summary)
    if sweep:
        figures.append(sweep)
    parts = [chart_html(figure, index == 0) for index, figure in enumerate(figures)]
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
        "<h2>Flame graphs</h2><p>py-spy samples of each server's Python on the CPU "
        "(the thread holding the interpreter lock, every worker together), as flame graphs: "
        "a bar's width is its share of the samples, the bars above it are what it called; "
        "hover a bar for its name and place. The speedscope files open in "
        f'<a href="{VIEWER}">{VIEWER}</a>.</p>{flame_graphs}'
        if flame_graphs
        else ""
    )
    headline, rest = _sections(markdown)
    path.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triptych comparison</title>
<style>{PAGE_CSS}
{footprint_css() if footprint else ""}</style></head>
<body>{render(headline)}
<h2>Warnings</h2><ul>{warnings}</ul>
<h2>Charts</h2>
{"".join(f"<section>{part}</section>" for part in parts)}
{render(rest)}
{profiled}
{section}
</body></html>
""")


def write_footprint_html(path: Path, footprint: dict[str, Any], markdown: str) -> None:
    """A report of the footprint alone (a folder without a comparison run)."""
    section = footprint_html(footprint, None, chart_html(lines_by_role(footprint), True))
    path.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triptych footprint</title>
<style>{PAGE_CSS}
{footprint_css()}</style></head>
<body><h1>Triptych footprint</h1>
{section}
<h2>Report</h2><pre>{html.escape(markdown)}</pre>
</body></html>
""")


def render(markdown: str) -> str:
    """The report's own Markdown as HTML: headings, paragraphs, lists and real tables."""
    from markdown_it import MarkdownIt  # noqa: PLC0415

    rendered: str = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return rendered
