"""``python -m bench diff OLD NEW``: a run held against an earlier one.

Each variant and condition (``compare``) or endpoint (``endpoints``) present in both runs is
compared on requests/s and p99. A change is called one only when it stands outside the noise
the rounds show, on two counts: every round of one run lies beyond every round of the other
(their min-max ranges do not overlap), and the medians differ by more than either run's own
min-max range (relative to its median). If the rounds were exchangeable, the first happens by
chance with probability 1 / C(n + m, n) in a given direction (n and m rounds): 1 in 20 with
three rounds each, 1 in 6 with two, and it cannot be told at all from one round; the report
prints that figure per row. The second guards against what rounds interleaved within one run
cannot show: two runs an hour apart on one machine differ by more than rounds minutes apart.
Even so, a shared machine can drift further with no cause the bench sees; an ``endpoints``
run's share of its framework's floor, measured round by round beside each endpoint, cancels
the machine's speed, and is compared too.

What makes the two runs' figures incomparable (machine, Python, database, dataset, options) is
listed first; what changed in the software under test (the variants' versions) next.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.endpoints import KIND
from bench.summary import condition_title

SUMMARY_FILE = "summary.json"
REQUESTS = "requests/s"
P99 = "p99 ms"
SHARE = "share of floor"  # an endpoint's requests/s over its framework's floor, round by round
HIGHER_IS_BETTER = frozenset({REQUESTS, SHARE})
# Options that say where results go or which variants ran: no part of how they were measured.
NOT_CONDITIONS = frozenset({"out", "impls", "targets", "with_requirements"})
MACHINE_FIELDS = ("cpu_model", "cores", "memory_bytes", "os", "python", "python_implementation")


class DiffError(ValueError):
    """The two runs cannot be held against each other."""


@dataclass(frozen=True)
class Change:
    """One figure of one variant, where it was measured, in the old run and the new."""

    variant: str
    where: str
    metric: str
    old: dict[str, float]
    new: dict[str, float]
    old_rounds: int
    new_rounds: int

    @property
    def percent(self) -> float | None:
        """The new median against the old, in percent; None against an old median of 0."""
        before = self.old["median"]
        return (self.new["median"] - before) / before * 100 if before else None

    @property
    def chance(self) -> float | None:
        """The probability that the rounds' ranges part this way by chance alone (None with a
        single round on either side: one round shows no noise to stand outside)."""
        if min(self.old_rounds, self.new_rounds) < 2:
            return None
        return 1 / math.comb(self.old_rounds + self.new_rounds, self.old_rounds)

    @property
    def noise_percent(self) -> float:
        """The wider of the two runs' min-max ranges, in percent of its own median."""
        return max(
            (value["max"] - value["min"]) / value["median"] * 100 if value["median"] else 0.0
            for value in (self.old, self.new)
        )

    @property
    def verdict(self) -> str:
        """``worse``, ``better``, ``within noise``, or ``no spread`` (a single round)."""
        if self.chance is None:
            return "no spread"
        if self.new["max"] < self.old["min"]:
            lower = True
        elif self.new["min"] > self.old["max"]:
            lower = False
        else:
            return "within noise"
        if self.percent is None or abs(self.percent) <= self.noise_percent:
            return "within noise"
        return "worse" if lower == (self.metric in HIGHER_IS_BETTER) else "better"

    def regression_over(self, percent: float) -> bool:
        """Whether this is a change for the worse, outside the noise, beyond ``percent``."""
        return self.verdict == "worse" and self.percent is not None and abs(self.percent) > percent


@dataclass(frozen=True)
class Diff:
    """Two runs held against each other."""

    old: str
    new: str
    kind: str
    incomparable: list[str]
    software: list[str]
    changes: list[Change]
    only_in_one: list[str]


def read_summary(path: Path) -> dict[str, Any]:
    """A run's ``summary.json``: ``path`` is a results folder or a saved summary (a baseline)."""
    file = path / SUMMARY_FILE if path.is_dir() else path
    if not file.is_file():
        raise DiffError(f"{path}: no {SUMMARY_FILE} (run python -m bench report {path} first?)")
    try:
        found: dict[str, Any] = json.loads(file.read_text())
    except ValueError as error:
        raise DiffError(f"{file}: not a summary ({error})") from error
    if "results" not in found:
        raise DiffError(f"{file}: not a summary of a bench run (no results)")
    return found


def kind(summary: dict[str, Any]) -> str:
    """``endpoints`` or ``compare``: how the run was made, which sets its tables' shape."""
    return KIND if summary.get("kind") == KIND else "compare"


def incomparable(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Each difference of machine, Python, CPU placement, database, dataset or options."""
    found = []
    old_machine, new_machine = old.get("machine", {}), new.get("machine", {})
    for field in MACHINE_FIELDS:
        if old_machine.get(field) != new_machine.get(field):
            found.append(f"machine {field}: {old_machine.get(field)} → {new_machine.get(field)}")
    places = {
        "CPU placement": ("cpus", None),
        "database": ("database", "version"),
        "database placement": ("database", "placement"),
        "dataset seed": ("dataset", "seed"),
        "dataset": ("dataset", "spec"),
    }
    for name, (section, key) in places.items():
        before, after = _field(old, section, key), _field(new, section, key)
        if before != after:
            found.append(f"{name}: {before} → {after}")
    old_options, new_options = old.get("options", {}), new.get("options", {})
    for name in sorted((set(old_options) | set(new_options)) - NOT_CONDITIONS):
        if old_options.get(name) != new_options.get(name):
            found.append(f"option {name}: {old_options.get(name)} → {new_options.get(name)}")
    return found


def _field(summary: dict[str, Any], section: str, field: str | None) -> Any:
    value = summary.get(section)
    return value.get(field) if field and isinstance(value, dict) else value


def software(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed in the software each variant present in both runs was served with."""
    found = []
    old_versions, new_versions = old.get("versions", {}), new.get("versions", {})
    for variant in sorted(set(old_versions) & set(new_versions)):
        before, after = old_versions[variant], new_versions[variant]
        for package in sorted(set(before) | set(after)):
            if before.get(package) != after.get(package):
                was, now = before.get(package, "absent"), after.get(package, "absent")
                found.append(f"{variant}: {package} {was} → {now}")
    return found


def _figures(summary: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Each measured figure of a run, by variant and where: a condition of a comparison, an
    endpoint (or a floor) of an endpoints run."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    if kind(summary) == KIND:
        for variant, result in summary["results"].items():
            named = {**result.get("endpoints", {})}
            for floor in ("floor", "blocking_floor"):
                if result.get(floor):
                    named[floor] = result[floor]
            for figure in named.values():
                if figure.get("measured"):
                    found[variant, figure["route"]] = figure
        return found
    for key, table in summary["results"].items():
        for variant, result in table.items():
            if result.get("measured"):
                found[variant, condition_title(summary, key)] = result
    return found


OTHER_WORK_POINTS = 10.0  # percent of a core: a difference in other work worth naming


def other_work(figures: dict[tuple[str, str], dict[str, Any]]) -> float:
    """The most CPU the machine spent on other work than the measured processes during any of
    a run's ``figures``, in percent of a core."""
    return max(
        (float(figure.get("other_cpu_percent", 0.0)) for figure in figures.values()), default=0.0
    )


def diff(old_path: Path, new_path: Path) -> Diff:
    """Hold the run at ``new_path`` against the one at ``old_path``."""
    old, new = read_summary(old_path), read_summary(new_path)
    if kind(old) != kind(new):
        raise DiffError(f"{old_path} is a {kind(old)} run and {new_path} a {kind(new)} run")
    before, after = _figures(old), _figures(new)
    changes = []
    for variant, where in [key for key in before if key in after]:
        a, b = before[variant, where], after[variant, where]
        for metric, field in ((REQUESTS, "requests_per_second"), (P99, "p99_ms")):
            changes.append(
                Change(variant, where, metric, a[field], b[field], a["rounds"], b["rounds"])
            )
        if a.get("floor_share_by_round") and b.get("floor_share_by_round"):
            old_share, new_share = a["floor_share_by_round"], b["floor_share_by_round"]
            changes.append(
                Change(variant, where, SHARE, old_share, new_share, a["rounds"], b["rounds"])
            )
    only = [f"only in the old run: {v}, {w}" for v, w in before if (v, w) not in after]
    only += [f"only in the new run: {v}, {w}" for v, w in after if (v, w) not in before]
    return Diff(
        old=str(old_path),
        new=str(new_path),
        kind=kind(new),
        incomparable=incomparable(old, new) + _busier(other_work(before), other_work(after)),
        software=software(old, new),
        changes=changes,
        only_in_one=only,
    )


def _busier(old: float, new: float) -> list[str]:
    if abs(old - new) < OTHER_WORK_POINTS:
        return []
    return [
        f"other work on the machine (beside the servers, Locust and the database): up to "
        f"{old:.0f}% of a core in the old run, {new:.0f}% in the new"
    ]


def regressions(found: Diff, percent: float) -> list[Change]:
    """The changes for the worse, outside the noise, beyond ``percent``."""
    return [change for change in found.changes if change.regression_over(percent)]
