"""Runs interleave implementations across rounds; floors follow their implementation once."""

from __future__ import annotations

from bench.plan import Run, interleaved, plan


def test_rounds_alternate_the_order() -> None:
    assert interleaved(["a", "b", "c"], 4) == [
        ["a", "b", "c"], ["c", "b", "a"], ["a", "b", "c"], ["c", "b", "a"],
    ]  # fmt: skip


def test_plan_measures_each_floor_in_the_first_round_only() -> None:
    runs = plan(["a", "b"], 2, [8], with_floor={"a", "b"})
    assert [(r.impl, r.round, r.floor) for r in runs] == [
        ("a", 1, False), ("a", 1, True), ("b", 1, False), ("b", 1, True),
        ("b", 2, False), ("a", 2, False),
    ]  # fmt: skip


def test_a_sweep_repeats_the_rounds_per_user_count() -> None:
    runs = plan(["a", "target"], 1, [8, 32], with_floor={"a"})
    assert [(r.users, r.impl, r.floor) for r in runs] == [
        (8, "a", False), (8, "a", True), (8, "target", False),
        (32, "a", False), (32, "a", True), (32, "target", False),
    ]  # fmt: skip


def test_labels_are_distinct_and_sort_by_users() -> None:
    runs = plan(["a", "b"], 2, [8, 128], with_floor={"a"})
    labels = [run.label for run in runs]
    assert len(set(labels)) == len(labels)
    assert Run("a", 1, 8).label < Run("a", 1, 128).label
