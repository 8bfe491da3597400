"""One colour per row of a report (a variant, with its knob), the same in every chart of a
run's report, its published SVG and a diff page."""

from __future__ import annotations

from typing import Any

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
UNKNOWN = "#7f7f7f"  # a line of no row (Locust's history of a run no table shows)


def colours(summary: dict[str, Any]) -> dict[str, str]:
    """Each row's colour, by its name's order across every condition of the run."""
    return palette_of({name for table in summary["results"].values() for name in table})


def palette_of(names: set[str]) -> dict[str, str]:
    """A colour for each name, by its order: the same names get the same colours in every
    page (a run's report, a diff)."""
    return {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(sorted(names))}
