"""The cells of ``python -m bench endpoints``: rounds interleave the implementations (ABC, CBA,
...); each cell serves an implementation once and loads its endpoints one after the other,
then the framework floor is served alone and loaded on its two views (``GET /floor``, then
``GET /floor/blocking``)."""

from __future__ import annotations

from dataclasses import replace

from bench.endpoints import BLOCKING_FLOOR, ENDPOINTS, FLOOR
from bench.plan import Cell, Condition, Knobs, Run, servings


def plan(
    names: list[str],
    rounds: int,
    sweep: list[Condition],
    with_floor: set[str],
    knobs: Knobs | None = None,
) -> list[Cell]:
    """Every cell in order (``bench.plan.servings``'): each implementation with its four
    endpoints, then its floor (when the framework has one) on both its views."""
    cells: list[Cell] = []
    for api in servings(names, rounds, sweep, knobs):
        loads = tuple(replace(api, endpoint=endpoint.key) for endpoint in ENDPOINTS)
        cells.append(Cell(api, loads))
        if api.impl in with_floor:
            floor = Run(api.impl, api.round, api.users, floor=True)
            views = tuple(replace(floor, endpoint=view) for view in (FLOOR, BLOCKING_FLOOR))
            cells.append(Cell(floor, views))
    return cells
