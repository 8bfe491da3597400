"""A static SVG of a comparison's main chart, requests/s per variant: an image a README or any
Markdown page shows without JavaScript, drawn from the same summary and colours as
``report.html``."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from bench.palette import colours
from bench.summary import condition_title, fastest_first

WIDTH = 760
LABELS = 150  # the variants' names, left of the bars
PLOT = 500  # the bars' width at the axis's end
ROW = 26
BAR = 16
TOP = 46  # the title's room above a condition's first row
FONT = 'font-family="system-ui,-apple-system,Segoe UI,sans-serif"'


def ticks(top: float) -> list[float]:
    """Round axis ticks from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten,
    at most six steps of them."""
    if top <= 0:
        return [0.0, 1.0]
    step = 10 ** math.floor(math.log10(top / 5))
    for factor in (1, 2, 5, 10):
        if top / (step * factor) <= 6:
            step *= factor
            break
    count = math.ceil(top / step)
    return [step * index for index in range(count + 1)]


def _label(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:g}"


def throughput_svg(summary: dict[str, Any]) -> str:
    """Requests/s per variant (median across rounds, min–max whiskers), one block of bars per
    condition, fastest first, each variant in its colour of the run's report."""
    palette = colours(summary)
    blocks = []
    for key, table in summary["results"].items():
        rows = [(name, result["requests_per_second"]) for name, result in fastest_first(table)]
        blocks.append((condition_title(summary, key), rows))
    top = max((rps["max"] for _, rows in blocks for _, rps in rows), default=0.0)
    axis = ticks(top)
    scale = PLOT / axis[-1]
    rounds = summary["options"]["rounds"]
    parts: list[str] = []
    y = 0
    for title, rows in blocks:
        y += TOP
        parts.append(
            f'<text x="{LABELS}" y="{y - 24}" font-size="14" font-weight="600">'
            f"Requests per second, {escape(title)}</text>"
            f'<text x="{LABELS}" y="{y - 8}" font-size="11" fill="#555">median of {rounds} '
            f"round(s); the whiskers span the rounds' min–max</text>"
        )
        height = ROW * len(rows)
        for tick in axis:
            x = LABELS + tick * scale
            parts.append(
                f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + height}" '
                f'stroke="#ddd"/><text x="{x:.1f}" y="{y + height + 14}" font-size="11" '
                f'text-anchor="middle" fill="#555">{_label(tick)}</text>'
            )
        for index, (name, rps) in enumerate(rows):
            middle = y + index * ROW + ROW / 2
            colour = palette[name]
            low, high = LABELS + rps["min"] * scale, LABELS + rps["max"] * scale
            parts.append(
                f'<text x="{LABELS - 8}" y="{middle + 4:.1f}" font-size="13" '
                f'text-anchor="end">{escape(name)}</text>'
                f'<rect x="{LABELS}" y="{middle - BAR / 2:.1f}" '
                f'width="{rps["median"] * scale:.1f}" height="{BAR}" fill="{colour}">'
                f"<title>{escape(name)}: "
                f"{rps['median']:.1f} requests/s ({rps['min']:.1f}–{rps['max']:.1f})</title></rect>"
                f'<path d="M{low:.1f} {middle:.1f}H{high:.1f}M{low:.1f} {middle - 5:.1f}'
                f'V{middle + 5:.1f}M{high:.1f} {middle - 5:.1f}V{middle + 5:.1f}" '
                f'stroke="#333" fill="none"/>'
                f'<text x="{high + 6:.1f}" y="{middle + 4:.1f}" font-size="12">'
                f"{rps['median']:.0f}</text>"
            )
        y += height + 24
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y}" '
        f'viewBox="0 0 {WIDTH} {y}" {FONT} role="img" '
        'aria-label="Requests per second per variant">'
        f'<rect width="{WIDTH}" height="{y}" fill="#fff"/>{"".join(parts)}</svg>\n'
    )
