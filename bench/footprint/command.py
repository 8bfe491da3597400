"""``python -m bench footprint [DIRECTORY]``: measure, write footprint.json, print, report."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from bench.discovery import PROJECT_ROOT, implementations
from bench.footprint.collect import measure
from bench.footprint.files import write_footprint
from bench.footprint.tables import code_tables, dependency_tables, startup_table, timing_note


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_footprint(footprint: dict[str, Any], summary: dict[str, Any] | None = None) -> None:
    """The footprint's main tables, as Markdown, on stdout."""
    tables = [*code_tables(footprint), dependency_tables(footprint)[0]]
    tables.append(startup_table(footprint, summary))
    for table in tables:
        print(table.markdown())
    print(timing_note(footprint))


def footprint(args: argparse.Namespace) -> int:
    from bench.reporting import is_comparison, write_footprint_reports, write_reports  # noqa: PLC0415

    available = implementations()
    impls = [n.strip() for n in args.impls.split(",") if n.strip()] if args.impls else available
    unknown = sorted(set(impls) - set(available))
    if unknown:
        say(f"no implementation {unknown}; there are {available}")
        return 2
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    directory = args.directory or PROJECT_ROOT / "bench" / "results" / f"{stamp}-footprint"
    found = measure(
        impls,
        dependency_mode="current" if args.current_env else "fresh",
        refresh=args.refresh,
        repeat=args.repeat,
        say=say,
    )
    write_footprint(directory, found)
    summary = write_reports(directory) if is_comparison(directory) else None
    if summary is None:
        write_footprint_reports(directory)
    print_footprint(found, summary)
    print(f"footprint: {directory / 'footprint.json'}")
    print(f"report: {directory / 'report.md'} and {directory / 'report.html'}")
    return 0
