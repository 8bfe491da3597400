"""Which CPUs the servers and the load generator run on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cpus:
    """Which CPUs the servers and the load generator run on (empty: not pinned)."""

    server: set[int] = field(default_factory=set)
    generator: set[int] = field(default_factory=set)

    def describe(self) -> str:
        if not self.server:
            return "not pinned (fewer than 2 CPUs, or --no-pin)"
        return f"server on CPU {sorted(self.server)}, Locust on CPU {sorted(self.generator)}"


def split_cpus(available: list[int], generator_processes: int, pin: bool) -> Cpus:
    """Give the generator as many CPUs as it has processes (at most all but one)."""
    if not pin or len(available) < 2:
        return Cpus()
    count = min(max(1, generator_processes), len(available) - 1)
    return Cpus(server=set(available[count:]), generator=set(available[:count]))
