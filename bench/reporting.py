"""Write ``summary.json``, ``report.md`` and ``report.html`` from a comparison's raw files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.endpoints import KIND
from bench.footprint.files import read_footprint
from bench.footprint.tables import markdown_section
from bench.report_html import write_footprint_html, write_html
from bench.report_md import markdown
from bench.results import read_runs
from bench.summary import CONTEXT_FILE, write_summary


def is_comparison(directory: Path) -> bool:
    """Whether ``directory`` holds a comparison run (not only a footprint)."""
    return (directory / CONTEXT_FILE).is_file()


def is_endpoints(directory: Path) -> bool:
    """Whether ``directory`` holds a ``python -m bench endpoints`` run."""
    context = directory / CONTEXT_FILE
    return context.is_file() and json.loads(context.read_text()).get("kind") == KIND


def write_reports(directory: Path) -> dict[str, Any]:
    """(Re)build every report file in ``directory``; returns the summary.

    ``footprint.json``, when there, adds its section to both reports.
    """
    footprint = read_footprint(directory)
    summary = write_summary(directory)
    text = markdown(summary)
    if footprint:
        text += "\n" + markdown_section(footprint, summary)
    (directory / "report.md").write_text(text)
    write_html(directory / "report.html", summary, read_runs(directory), text, footprint)
    return summary


def write_footprint_reports(directory: Path) -> None:
    """``report.md`` and ``report.html`` of a folder holding a footprint and no comparison."""
    footprint = read_footprint(directory)
    if footprint is None:
        raise FileNotFoundError(f"{directory} holds neither {CONTEXT_FILE} nor a footprint")
    text = "# Triptych footprint\n\n" + markdown_section(footprint, None)
    (directory / "report.md").write_text(text)
    write_footprint_html(directory / "report.html", footprint, text)
