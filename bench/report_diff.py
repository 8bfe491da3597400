"""``diff.md`` and ``diff.html``: a run held against an earlier one, in words and in charts."""

from __future__ import annotations

import html
from pathlib import Path

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bench.diff import P99, REQUESTS, SHARE, Change, Diff
from bench.palette import palette_of
from bench.report_html import chart_html

HOW_DECIDED = (
    "A figure is marked changed only when every round of one run lies beyond every round of "
    "the other (their min–max ranges do not overlap) and the medians differ by more than "
    "either run's own range, relative to its median (the noise column). Were the rounds "
    "exchangeable, the ranges part by chance with the probability in the last column: "
    "1 / C(n + m, n) for n and m rounds, in one direction; a single round shows no spread, "
    "and nothing is marked then. Runs made at different times drift more than the rounds of "
    "one run show, which the second condition allows for; on a shared machine they can drift "
    "further still, with no cause the bench sees: hold runs made back to back, or the share of "
    "the framework's floor (measured beside each endpoint, round by round, by endpoints runs)."
)


def _spread(value: dict[str, float], metric: str) -> str:
    if metric == SHARE:
        return f"{value['median']:.0%} ({value['min']:.0%}–{value['max']:.0%})"
    return f"{value['median']:,.0f} ({value['min']:,.0f}–{value['max']:,.0f})"


def _percent(change: Change) -> str:
    return "—" if change.percent is None else f"{change.percent:+.1f}%"


def _chance(change: Change) -> str:
    return "—" if change.chance is None else f"1 in {round(1 / change.chance)}"


def _verdict(change: Change) -> str:
    marks = {"worse": "**worse**", "better": "**better**"}
    return marks.get(change.verdict, change.verdict)


SAME = "nothing: same machine, Python, database, dataset and options"


def markdown(found: Diff) -> str:
    """The whole diff as Markdown: what differs between the runs, then every figure."""
    lines = [
        "# Triptych diff",
        "",
        f"Old: `{found.old}`; new: `{found.new}` ({found.kind} runs).",
        "",
        "## What makes the figures incomparable",
        "",
        *([f"- {item}" for item in found.incomparable] or [f"- {SAME}"]),
        "",
        "## What changed in the software under test",
        "",
        *([f"- {item}" for item in found.software] or ["- no version changed"]),
        "",
        "## Figures",
        "",
        HOW_DECIDED,
        "",
        table(found.changes),
    ]
    if found.only_in_one:
        lines += ["", "## In one run only", "", *[f"- {item}" for item in found.only_in_one]]
    return "\n".join(lines) + "\n"


def table(changes: list[Change]) -> str:
    """Every figure: old and new median (min–max), the change, the verdict, the chance."""
    rows = [
        "| variant | where | figure | old | new | change | noise | verdict | by chance |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    rows += [
        f"| {c.variant} | {c.where} | {c.metric} | {_spread(c.old, c.metric)} "
        f"| {_spread(c.new, c.metric)} "
        f"| {_percent(c)} | {c.noise_percent:.0f}% | {_verdict(c)} | {_chance(c)} |"
        for c in changes
    ]
    return "\n".join(rows)


def figure(found: Diff) -> go.Figure:
    """Requests/s (top) and p99 (bottom): per variant and place, the old run (hatched) beside
    the new (solid), each with its rounds' min–max; one colour per variant."""
    drawn = make_subplots(rows=2, cols=1, subplot_titles=(REQUESTS, P99), vertical_spacing=0.18)
    palette = palette_of({change.variant for change in found.changes})
    for row, metric in enumerate((REQUESTS, P99), start=1):
        for variant, colour in palette.items():
            picked = [c for c in found.changes if c.metric == metric and c.variant == variant]
            for run, pattern in (("old", "/"), ("new", "")):
                values = [c.old if run == "old" else c.new for c in picked]
                medians = [value["median"] for value in values]
                drawn.add_bar(
                    row=row,
                    col=1,
                    name=f"{variant}, {run}",
                    legendgroup=variant,
                    showlegend=row == 1,
                    offsetgroup=run,
                    x=[f"{c.variant}<br>{c.where}" for c in picked],
                    y=medians,
                    marker={"color": colour, "pattern": {"shape": pattern}},
                    error_y={
                        "type": "data",
                        "symmetric": False,
                        "array": [v["max"] - m for v, m in zip(values, medians, strict=True)],
                        "arrayminus": [m - v["min"] for v, m in zip(values, medians, strict=True)],
                    },
                )
    drawn.update_layout(
        title="Old run (hatched) and new run (solid): median across rounds, min–max bars",
        barmode="group",
        height=900,
    )
    return drawn


def write(found: Diff, out: Path) -> tuple[Path, Path]:
    """Write ``diff.md`` and ``diff.html`` into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    text = markdown(found)
    md, page = out / "diff.md", out / "diff.html"
    md.write_text(text)
    marked = [c for c in found.changes if c.verdict in {"worse", "better"}]
    summary = (
        "".join(
            f"<li>{html.escape(c.variant)}, {html.escape(c.where)}: {c.metric} "
            f"{_percent(c)} ({c.verdict})</li>"
            for c in marked
        )
        or "<li>no change outside the noise</li>"
    )
    listed = "".join(f"<li>{html.escape(item)}</li>" for item in found.incomparable)
    page.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triptych diff</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1500px}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:1rem;font-size:12px}}</style></head>
<body><h1>Triptych diff</h1>
<p>Old: <code>{html.escape(found.old)}</code>; new: <code>{html.escape(found.new)}</code>.</p>
<h2>What makes the figures incomparable</h2><ul>{listed or f"<li>{SAME}</li>"}</ul>
<h2>Changes outside the noise</h2><ul>{summary}</ul>
<p>{html.escape(HOW_DECIDED)}</p>
<section>{chart_html(figure(found), True)}</section>
<h2>Every figure</h2><pre>{html.escape(text)}</pre>
</body></html>
""")
    return md, page
