"""Write ``summary.json``, ``report.md`` and ``report.html`` from a comparison's raw files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.report_html import write_html
from bench.report_md import markdown
from bench.results import read_runs
from bench.summary import write_summary


def write_reports(directory: Path) -> dict[str, Any]:
    """(Re)build every report file in ``directory``; returns the summary."""
    summary = write_summary(directory)
    text = markdown(summary)
    (directory / "report.md").write_text(text)
    write_html(directory / "report.html", summary, read_runs(directory), text)
    return summary
