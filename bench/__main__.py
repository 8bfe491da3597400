"""``python -m bench compare|profile|endpoints|report|diff|publish|seed|footprint|dbproxy``."""

from __future__ import annotations

import argparse
import logging
import shlex
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType

from bench import processes
from bench.options import CompareOptions, compare_options, endpoint_options, parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(words)
    args.invocation = shlex.join(["python", "-m", "bench", *words])
    if args.command in {"compare", "profile", "endpoints"}:
        # SIGTERM unwinds as Ctrl-C does: each server, proxy and database copy is stopped.
        signal.signal(signal.SIGTERM, _exit_on_signal)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s")
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "report": lambda args: _report(args.directory),
        "diff": lambda args: _diff(args.old, args.new, args.out, args.fail_over),
        "publish": _publish,
        "footprint": _footprint,
        "seed": lambda args: _seed(args.database_url, args.dataset_scale, args.seed, args.argon2),
        "endpoints": _endpoints,
        "dbproxy": _dbproxy,
    }
    return commands.get(args.command, _compare)(args)


def _compare(args: argparse.Namespace) -> int:
    """``compare`` and ``profile``."""
    try:
        options = compare_options(args)
    except ValueError as error:
        parser().error(str(error))
    from bench.compare import compare  # noqa: PLC0415

    return _with_versions(options, compare)


def _with_versions(options: CompareOptions, run: Callable[[CompareOptions], int]) -> int:
    """``run`` the options, once each ``--with`` environment is built (or found built)."""
    from bench.versions import prepare  # noqa: PLC0415

    try:
        prepared = prepare(options, lambda message: print(message, file=sys.stderr))
    except (ValueError, RuntimeError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    return run(prepared)


def _publish(args: argparse.Namespace) -> int:
    from bench.publish import PublishError, publish  # noqa: PLC0415

    try:
        folder = publish(args.directory, args.docs, args.readme, args.name)
    except (PublishError, OSError) as error:
        print(f"bench publish: {error}", file=sys.stderr)
        return 2
    print(folder)
    return 0


def _footprint(args: argparse.Namespace) -> int:
    from bench.footprint.command import footprint  # noqa: PLC0415

    return footprint(args)


def _dbproxy(args: argparse.Namespace) -> int:
    from bench import dbproxy  # noqa: PLC0415

    return dbproxy.main(args)


def _exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _endpoints(args: argparse.Namespace) -> int:
    try:
        options = endpoint_options(args)
    except ValueError as error:
        parser().error(str(error))
    from bench.endpoints.run import endpoints  # noqa: PLC0415

    return _with_versions(options, endpoints)


def _diff(old: Path, new: Path, out: Path | None, fail_over: float | None) -> int:
    from bench.diff import DiffError, diff, regressions  # noqa: PLC0415
    from bench.report_diff import table, write  # noqa: PLC0415

    try:
        found = diff(old, new)
    except DiffError as error:
        print(f"diff: {error}", file=sys.stderr)
        return 2
    for item in found.incomparable:
        print(f"incomparable: {item}")
    print(table(found.changes))
    md, page = write(found, out or (new if new.is_dir() else Path.cwd()))
    print(f"diff: {md} and {page}")
    if fail_over is None:
        return 0
    worse = regressions(found, fail_over)
    for change in worse:
        print(
            f"regression: {change.variant}, {change.where}: {change.metric} "
            f"{change.percent:+.1f}% (over {fail_over:g}%, outside the noise)",
            file=sys.stderr,
        )
    return 1 if worse else 0


def _report(directory: Path) -> int:
    from bench.footprint.command import print_footprint  # noqa: PLC0415
    from bench.footprint.files import read_footprint  # noqa: PLC0415
    from bench.report_md import comparison_table  # noqa: PLC0415
    from bench.reporting import (  # noqa: PLC0415
        is_comparison,
        is_endpoints,
        write_footprint_reports,
        write_reports,
    )

    if is_endpoints(directory):
        from bench.report_endpoints import endpoints_table, write_endpoint_reports  # noqa: PLC0415

        print(endpoints_table(write_endpoint_reports(directory)))
        print(f"report: {directory / 'report.md'} and {directory / 'report.html'}")
        return 0
    if is_comparison(directory):
        print(comparison_table(write_reports(directory)))
    else:
        write_footprint_reports(directory)
    found = read_footprint(directory)
    if found:
        print_footprint(found)
    print(f"report: {directory / 'report.md'} and {directory / 'report.html'}")
    return 0


def _seed(database_url: str | None, scale: float, seed: int, argon2: tuple[int, int, int]) -> int:
    from bench.dataset import DatasetSpec  # noqa: PLC0415
    from bench.seed import seed_database  # noqa: PLC0415
    from domain.passwords import Argon2Cost  # noqa: PLC0415

    if not database_url:
        print("seed needs --database-url or DATABASE_URL", file=sys.stderr)
        return 2
    spec = DatasetSpec(seed=seed).scaled(scale)
    seeded = seed_database(database_url, spec, Argon2Cost(*argon2))
    print("seeded" if seeded else "already seeded: left as it is", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    finally:
        # A signal that lands while a child is being started leaves no handle to stop it by;
        # the command stops whatever it started and still runs.
        processes.stop_children()
