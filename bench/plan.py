"""The order of the measured runs: rounds interleave the implementations (ABC, CBA, ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    """One measurement: an implementation (or its framework's floor) at one user count, under
    its scenario, or on one endpoint (``python -m bench endpoints``)."""

    impl: str
    round: int  # counted from 1
    users: int
    floor: bool = False
    endpoint: str = ""  # the endpoint loaded alone; "" is the scenario's mix

    @property
    def label(self) -> str:
        kind = "floor" if self.floor else "api"
        label = f"u{self.users:04d}-r{self.round}-{self.impl}-{kind}"
        return f"{label}-{self.endpoint}" if self.endpoint else label


def interleaved(names: list[str], rounds: int) -> list[list[str]]:
    """Each round's order: as given in odd rounds, reversed in even ones."""
    return [list(names) if number % 2 == 0 else names[::-1] for number in range(rounds)]


def plan(names: list[str], rounds: int, user_counts: list[int], with_floor: set[str]) -> list[Run]:
    """Every run in order. Each implementation's floor is measured in the first round, right
    after the implementation itself, at every user count."""
    runs: list[Run] = []
    for users in user_counts:
        for number, order in enumerate(interleaved(names, rounds), start=1):
            for name in order:
                runs.append(Run(name, number, users))
                if number == 1 and name in with_floor:
                    runs.append(Run(name, number, users, floor=True))
    return runs
