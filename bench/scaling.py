"""Where each variant stops scaling in a sweep, and what caps it, read from the run's own figures.

For each row (a variant, with its knob) and database latency, the user counts are walked in
order: the variant scales while adding users adds more than ``GAIN`` to its requests/s. Where
it stops, its own numbers say why: a server using nearly all of its CPUs is computing (CPU); a
machine whose cores are nearly all busy (the server, the database, the proxy, Locust and any
other work together) leaves it no more to compute with; otherwise a server below that while
more requests are open than it has threads (or pooled connections) is waiting, and its threads
(or pool) cap it; below that with a busy load generator, the generator does; otherwise it waits
on something else (the database, a lock).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

GAIN = 0.10  # more users must add more than this share of requests/s to count as scaling
BUSY = 0.85  # of the server's CPUs: at or above, the server is computing, not waiting
GENERATOR_BUSY = 90.0  # percent of one core, as the summary's warning


@dataclass(frozen=True, slots=True)
class Point:
    """One condition's figures for one row."""

    users: int
    rps: float
    p99_ms: float
    server_cpu: float | None  # percent of one core
    capacity: float  # percent: 100 per CPU the server may use
    generator_cpu: float
    threads: int | None
    pool_size: int | None
    others_cpu: float = 0.0  # percent: the database, its proxy, Locust and other work
    machine: float = 100.0  # percent: 100 per core of the machine


def _point(users: int, result: dict[str, Any], cores: int) -> Point:
    """``result``'s figures; its threads count only where requests run on threads, its pool
    only where they run on an event loop."""
    server = result.get("server") or {}
    configuration = server.get("configuration") or {}
    cpus = len(server.get("cpus") or []) or cores
    workers = int(server.get("workers") or 1)
    cpu = result.get("server_cpu_percent")
    looped = result.get("event_loop")
    threads = (result.get("threads") or configuration.get("threads")) if looped is False else None
    pool = (result.get("pool_size") or configuration.get("pool_size")) if looped else None
    return Point(
        users=users,
        rps=result["requests_per_second"]["median"],
        p99_ms=result["p99_ms"]["median"],
        server_cpu=cpu["median"] if cpu else None,
        capacity=100.0 * min(cpus, workers),
        generator_cpu=result["generator_cpu_percent"]["max"],
        threads=int(threads) * workers if threads else None,
        pool_size=int(pool) * workers if pool else None,
        others_cpu=sum(
            (result.get(name) or {}).get("median", 0.0)
            for name in ("database_cpu_percent", "proxy_cpu_percent", "generator_cpu_percent")
        )
        + float(result.get("other_cpu_percent") or 0.0),
        machine=100.0 * cores,
    )


def _cause(point: Point) -> str:
    """What caps the variant at ``point``, from its own figures: the first cause that holds."""
    if point.server_cpu is None:
        return "not known (its server is not ours to watch)"
    cpu = f"{point.server_cpu:.0f}% CPU of {point.capacity:.0f}%"
    busy = point.server_cpu + point.others_cpu
    causes = [
        (
            point.server_cpu >= BUSY * point.capacity,
            f"CPU: the server computes all the time ({cpu})",
        ),
        (
            busy >= BUSY * point.machine,
            "the machine's CPUs, which the server shares with the database, its proxy and "
            f"Locust ({busy:.0f}% of {point.machine:.0f}% busy; "
            f"the server {point.server_cpu:.0f}%)",
        ),
        (
            bool(point.threads and point.users > point.threads),
            f"its {point.threads} threads: {point.users} users queue for them while the server "
            f"waits ({cpu})",
        ),
        (
            bool(point.pool_size and point.users > point.pool_size),
            f"its pool of {point.pool_size} connections: requests queue for one while the "
            f"server waits ({cpu})",
        ),
        (
            point.generator_cpu >= GENERATOR_BUSY,
            f"the load generator ({point.generator_cpu:.0f}% of a core)",
        ),
    ]
    return next(
        (text for holds, text in causes if holds),
        f"waiting on the database or a lock, not computing ({cpu})",
    )


def _latency_name(latency: float | None) -> str:
    return "the database reached directly" if latency is None else f"+{latency:g} ms"


def findings(summary: dict[str, Any]) -> list[str]:
    """One sentence per row and latency of a sweep over users; none without such a sweep."""
    conditions: dict[str, dict[str, Any]] = summary.get("conditions") or {}
    if len({c["users"] for c in conditions.values()}) < 2:
        return []
    rows = sorted({name for table in summary["results"].values() for name in table})
    latencies = sorted({c["db_latency_ms"] for c in conditions.values()}, key=lambda v: v or 0)
    cores = int(summary.get("machine", {}).get("cores") or 1)
    sentences = []
    for name in rows:
        for latency in latencies:
            points = sorted(
                (
                    _point(condition["users"], summary["results"][key][name], cores)
                    for key, condition in conditions.items()
                    if condition["db_latency_ms"] == latency
                    and summary["results"][key].get(name, {}).get("measured")
                ),
                key=lambda point: point.users,
            )
            if len(points) >= 2:
                sentences.append(f"**{name}**, {_latency_name(latency)}: {_walk(points)}")
    return sentences


def _walk(points: list[Point]) -> str:
    for before, after in pairwise(points):
        if after.rps <= before.rps * (1 + GAIN):
            change = after.rps / before.rps - 1 if before.rps else 0.0
            return (
                f"stops scaling at {before.users} users ({before.rps:.0f} requests/s; "
                f"{after.users} users give {change:+.0%}, p99 {before.p99_ms:.0f} → "
                f"{after.p99_ms:.0f} ms); capped by {_cause(after)}."
            )
    last = points[-1]
    return (
        f"still scaling at {last.users} users ({last.rps:.0f} requests/s, p99 "
        f"{last.p99_ms:.0f} ms); there {_cause(last)}."
    )


def markdown(summary: dict[str, Any]) -> str:
    """The report's section, or nothing without a sweep over users."""
    found = findings(summary)
    if not found:
        return ""
    return (
        "## Where each variant stops scaling\n\n"
        f"Read from this run's figures: a variant scales while more users add more than "
        f"{GAIN:.0%} to its requests/s; where it stops, a server at {BUSY:.0%} or more of its "
        f"CPUs is computing, a machine at {BUSY:.0%} or more of all its cores has no more to "
        "give it, and a server below both while more requests are open than it has threads (or "
        "pooled connections) is waiting for them.\n\n"
        + "\n".join(f"- {sentence}" for sentence in found)
        + "\n"
    )
