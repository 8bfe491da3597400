"""The plan of a bench run: a list of cells, each one server started and loaded.

A cell's condition is what the run sweeps over besides the variant and the round: users, the
database's added round-trip time, and a server's knob (threads for a variant serving each
request on a thread, the connection pool's size for one on an event loop). Every variant runs
every condition in every round; rounds interleave the conditions and the variants (ABC, CBA,
...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import product


@dataclass(frozen=True, slots=True)
class Condition:
    """One point of the sweep: users, database latency and the servers' knobs (None: the
    serve command's default)."""

    users: int
    db_latency_ms: float | None = None  # None: no proxy, the database reached directly
    threads: int | None = None
    pool_size: int | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """One load: an implementation (or its framework's floor) under one condition, in one
    round, with its scenario's mix or one endpoint alone (``python -m bench endpoints``)."""

    impl: str
    round: int  # counted from 1
    users: int
    floor: bool = False
    endpoint: str = ""  # the endpoint loaded alone; "" is the scenario's mix
    db_latency_ms: float | None = None
    threads: int | None = None
    pool_size: int | None = None

    @property
    def label(self) -> str:
        """The run's folder name: unique in a plan, sorting by users first."""
        kind = "floor" if self.floor else "api"
        label = f"u{self.users:04d}{_condition_label(self)}-r{self.round}-{self.impl}-{kind}"
        return f"{label}-{self.endpoint}" if self.endpoint else label


def _condition_label(run: Run) -> str:
    parts = []
    if run.db_latency_ms is not None:
        parts.append(f"-l{run.db_latency_ms:g}ms".replace(".", "_"))
    if run.threads is not None:
        parts.append(f"-t{run.threads:03d}")
    if run.pool_size is not None:
        parts.append(f"-p{run.pool_size:03d}")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Cell:
    """One server started (an implementation, or its floor) and the loads it takes in turn."""

    server: Run
    loads: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Knobs:
    """Which server knob each variant takes: ``threads`` (requests on a pool of threads) or
    ``pool_size`` (requests on an event loop, bounded by the connection pool); a variant in
    neither (a ``--target``, a server not started here) takes none."""

    threaded: frozenset[str] = frozenset()
    event_loop: frozenset[str] = frozenset()


def conditions(
    users: Iterable[int],
    db_latencies: Iterable[float | None] = (None,),
    threads: Iterable[int | None] = (None,),
    pool_sizes: Iterable[int | None] = (None,),
) -> list[Condition]:
    """Every combination, users outermost, then latency, threads and pool size."""
    return [
        Condition(u, latency, thread_count, pool)
        for u, latency, thread_count, pool in product(users, db_latencies, threads, pool_sizes)
    ]


def applies(condition: Condition, name: str, knobs: Knobs, base: Condition) -> Run | None:
    """``name``'s run under ``condition`` in round 1, or None when ``condition`` differs from
    one already planned for it only by a knob ``name`` does not take (so an event-loop variant
    runs once per users and latency, not once per thread count)."""
    threads = condition.threads if name in knobs.threaded else None
    pool = condition.pool_size if name in knobs.event_loop else None
    if threads is None and condition.threads != base.threads:
        return None
    if pool is None and condition.pool_size != base.pool_size:
        return None
    return Run(name, 1, condition.users, False, "", condition.db_latency_ms, threads, pool)


def in_round(sweep: list[Condition], number: int) -> list[Condition]:
    """The conditions in round ``number``: in the sweep's order in odd rounds, reversed in even
    ones."""
    return sweep if number % 2 else sweep[::-1]


def interleaved(names: list[str], rounds: int) -> list[list[str]]:
    """Each round's order: as given in odd rounds, reversed in even ones."""
    return [list(names) if number % 2 == 0 else names[::-1] for number in range(rounds)]


def servings(
    names: list[str], rounds: int, sweep: list[Condition], knobs: Knobs | None = None
) -> Iterator[Run]:
    """Each variant's run, in order: round after round, each holding every condition (in the
    sweep's order in odd rounds, reversed in even ones) and each condition every variant
    (interleaved likewise), so that a drift of the machine over the run falls on every cell
    alike."""
    knobs = knobs or Knobs()
    for number, order in enumerate(interleaved(names, rounds), start=1):
        for condition in in_round(sweep, number):
            for name in order:
                first = applies(condition, name, knobs, sweep[0])
                if first is not None:
                    yield replace(first, round=number)


def plan(
    names: list[str],
    rounds: int,
    sweep: list[Condition],
    with_floor: set[str],
    knobs: Knobs | None = None,
) -> list[Cell]:
    """Every cell in order (``servings``'), each loading its variant under the scenario's
    mix. Each framework's floor (no database, no knob) is measured once per user count, in the
    first round, right after its implementation."""
    cells: list[Cell] = []
    floored: set[tuple[str, int]] = set()
    for run in servings(names, rounds, sweep, knobs):
        cells.append(Cell(run, (run,)))
        if run.impl in with_floor and (run.impl, run.users) not in floored:
            floored.add((run.impl, run.users))
            floor = Run(run.impl, run.round, run.users, floor=True)
            cells.append(Cell(floor, (floor,)))
    return cells
