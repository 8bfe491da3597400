"""The order of the servings: rounds interleave the implementations (ABC, CBA, ...); each
serving loads its endpoints one after the other, then the framework floor is served alone and
loaded on its two views (``GET /floor``, then ``GET /floor/blocking``)."""

from __future__ import annotations

from dataclasses import dataclass

from bench.endpoints import BLOCKING_FLOOR, ENDPOINTS, FLOOR
from bench.plan import Run, interleaved


@dataclass(frozen=True, slots=True)
class Serving:
    """One server started (an implementation, or its floor) and the loads it takes in turn."""

    server: Run
    loads: tuple[Run, ...]


def plan(names: list[str], rounds: int, users: int, with_floor: set[str]) -> list[Serving]:
    """Every serving in order: in each round, each implementation with its four endpoints,
    then its floor (when the framework has one) on both its views."""
    servings: list[Serving] = []
    for number, order in enumerate(interleaved(names, rounds), start=1):
        for name in order:
            api = Run(name, number, users)
            loads = tuple(Run(name, number, users, endpoint=endpoint.key) for endpoint in ENDPOINTS)
            servings.append(Serving(api, loads))
            if name in with_floor:
                floor = Run(name, number, users, floor=True)
                views = tuple(
                    Run(name, number, users, floor=True, endpoint=view)
                    for view in (FLOOR, BLOCKING_FLOOR)
                )
                servings.append(Serving(floor, views))
    return servings
