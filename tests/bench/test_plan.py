"""Runs interleave implementations across rounds; floors follow their implementation once."""

from __future__ import annotations

from bench.plan import Knobs, Run, conditions, interleaved, plan


def test_rounds_alternate_the_order() -> None:
    assert interleaved(["a", "b", "c"], 4) == [
        ["a", "b", "c"], ["c", "b", "a"], ["a", "b", "c"], ["c", "b", "a"],
    ]  # fmt: skip


def test_plan_measures_each_floor_in_the_first_round_only() -> None:
    runs = [c.server for c in plan(["a", "b"], 2, conditions([8]), with_floor={"a", "b"})]
    assert [(r.impl, r.round, r.floor) for r in runs] == [
        ("a", 1, False), ("a", 1, True), ("b", 1, False), ("b", 1, True),
        ("b", 2, False), ("a", 2, False),
    ]  # fmt: skip


def test_a_sweep_repeats_the_rounds_per_user_count() -> None:
    runs = [c.server for c in plan(["a", "target"], 1, conditions([8, 32]), with_floor={"a"})]
    assert [(r.users, r.impl, r.floor) for r in runs] == [
        (8, "a", False), (8, "a", True), (8, "target", False),
        (32, "a", False), (32, "a", True), (32, "target", False),
    ]  # fmt: skip


def test_labels_are_distinct_and_sort_by_users() -> None:
    runs = [c.server for c in plan(["a", "b"], 2, conditions([8, 128]), with_floor={"a"})]
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


def test_every_round_holds_every_condition_and_even_rounds_run_them_backwards() -> None:
    sweep = conditions([16, 128], [0.0, 2.0])
    cells = plan(["a", "b"], 2, sweep, with_floor=set())
    seen = {(c.server.impl, c.server.users, c.server.db_latency_ms, c.server.round) for c in cells}
    assert len(cells) == len(seen) == 2 * 2 * 2 * 2
    first_round = [(c.server.users, c.server.db_latency_ms, c.server.impl) for c in cells[:8]]
    assert first_round == [
        (16, 0.0, "a"), (16, 0.0, "b"), (16, 2.0, "a"), (16, 2.0, "b"),
        (128, 0.0, "a"), (128, 0.0, "b"), (128, 2.0, "a"), (128, 2.0, "b"),
    ]  # fmt: skip
    second_round = [(c.server.users, c.server.db_latency_ms, c.server.impl) for c in cells[8:]]
    assert second_round == [
        (128, 2.0, "b"), (128, 2.0, "a"), (128, 0.0, "b"), (128, 0.0, "a"),
        (16, 2.0, "b"), (16, 2.0, "a"), (16, 0.0, "b"), (16, 0.0, "a"),
    ]  # fmt: skip


def test_a_floor_has_no_database_and_is_measured_once_per_user_count() -> None:
    cells = plan(["a"], 2, conditions([8, 64], [0.0, 5.0]), with_floor={"a"})
    floors = [c.server for c in cells if c.server.floor]
    assert [(f.users, f.db_latency_ms, f.round) for f in floors] == [(8, None, 1), (64, None, 1)]


def test_each_variant_takes_its_own_knob_and_runs_once_where_it_takes_none() -> None:
    knobs = Knobs(threaded=frozenset({"flask"}), event_loop=frozenset({"fastapi"}))
    sweep = conditions([16], threads=[8, 32], pool_sizes=[10, 40])
    runs = [c.server for c in plan(["flask", "fastapi", "target"], 1, sweep, set(), knobs)]
    assert sorted((r.impl, r.threads, r.pool_size) for r in runs) == [
        ("fastapi", None, 10), ("fastapi", None, 40),
        ("flask", 8, None), ("flask", 32, None),
        ("target", None, None),
    ]  # fmt: skip
    labels = [r.label for r in runs]
    assert len(set(labels)) == len(labels)
    assert "u0016-t032-r1-flask-api" in labels
    assert "u0016-p040-r1-fastapi-api" in labels


def test_a_latency_names_its_runs_folder() -> None:
    assert Run("a", 1, 16, db_latency_ms=0.5).label == "u0016-l0_5ms-r1-a-api"
    assert Run("a", 1, 16, db_latency_ms=0.0).label == "u0016-l0ms-r1-a-api"
