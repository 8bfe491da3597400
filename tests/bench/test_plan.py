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


def test_progress_counts_down_the_runs_left() -> None:
    import io  # noqa: PLC0415

    from bench.progress import Progress  # noqa: PLC0415

    stream = io.StringIO()
    progress = Progress(2, [30.0, 20.0], stream)
    progress.run(0)
    progress.show("fastapi round 1", "measuring", 10.0)
    progress.run(1)
    progress.show("fastapi floor round 1", "starting the server")
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith(
        "[1/2] fastapi round 1: measuring, 10s left in phase (about 50s to go)"
    )
    assert lines[1] == "[2/2] fastapi floor round 1: starting the server (about 20s to go)"
