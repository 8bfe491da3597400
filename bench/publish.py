"""``python -m bench publish RESULTS_DIR``: a comparison run, kept in ``docs/results/`` and shown
in the README.

The run's ``report.md`` and ``summary.json`` are copied beside ``summary.md`` (what ran, where,
with which versions, and the headline table) and ``chart.svg`` (requests/s per variant, drawn
from the summary in the report's colours). The README's block between the markers is then
rewritten from the published folder alone, so a test can rebuild it and fail when it differs.
"""

from __future__ import annotations

import json
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.chart_svg import throughput_svg
from bench.discovery import PROJECT_ROOT, variant_parts
from bench.report_md import spread_text, versions_list
from bench.summary import condition_title, fastest_first

BEGIN = "<!-- published-run:begin (python -m bench publish writes this block) -->"
END = "<!-- published-run:end -->"
SUMMARY = "summary.json"
CHART = "chart.svg"
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


class PublishError(ValueError):
    """A run that cannot be published, and why."""


def run_date(summary: dict[str, Any]) -> str:
    """The UTC day the run's first measurement started."""
    started = summary.get("started") or min(
        (run["measure_started_epoch"] for run in summary["runs"] if "measure_started_epoch" in run),
        default=None,
    )
    if started is None:
        raise PublishError("the run records no start time")
    moment = (
        datetime.fromisoformat(started)
        if isinstance(started, str)
        else datetime.fromtimestamp(started, UTC)
    )
    return moment.astimezone(UTC).date().isoformat()


def command_of(summary: dict[str, Any]) -> str:
    """The command that made the run: as recorded, or (for runs that predate the record) the
    compare command its options stand for."""
    if summary.get("command"):
        return str(summary["command"])
    options = summary["options"]
    words = ["python", "-m", "bench", "compare", "--db"]
    words.append("sqlite" if options["db"] == "sqlite" else "postgres")
    words += ["--impls", ",".join(summary["versions"])]
    words += ["--scenario", options["scenario"]]
    words += ["--users", ",".join(str(count) for count in options["users"])]
    words += ["--rounds", str(options["rounds"])]
    words += ["--duration", f"{options['duration']:g}", "--warmup", f"{options['warmup']:g}"]
    return shlex.join(words)


def framework_versions(summary: dict[str, Any]) -> str:
    """Each implementation's framework and version, as the run found them installed."""
    found: dict[str, str] = {}
    for variant, installed in summary["versions"].items():
        name, _ = variant_parts(variant)
        for distribution, version in installed.items():
            if distribution.lower() == name and distribution not in found:
                found[distribution] = version
    return ", ".join(f"{name} {version}" for name, version in sorted(found.items()))


def provenance(summary: dict[str, Any]) -> str:
    """One paragraph: when, on what, with which versions and command, the run was made."""
    machine = summary["machine"]
    memory = machine["memory_bytes"] / 2**30
    locust = next(
        (v.get("locust") for v in summary["versions"].values() if v.get("locust")), "unknown"
    )
    return (
        f"Measured on {run_date(summary)} with `{command_of(summary)}`: "
        f"{machine['cpu_model']}, {machine['cores']} cores, {memory:.0f} GiB, "
        f"Python {machine['python']}, {summary['database']['version']}; "
        f"{framework_versions(summary)}; Locust {locust}. "
        f"Scenario {summary['options']['scenario']}, {summary['options']['duration']:g} s "
        f"measured per round after {summary['options']['warmup']:g} s of warm-up, "
        f"{summary['options']['rounds']} round(s) interleaved, {_workers(summary)}. "
        f"{_warned(summary)}"
    )


def _warned(summary: dict[str, Any]) -> str:
    count = len(summary["warnings"])
    if not count:
        return "The run gave no warning."
    return f"The run gave {count} warning(s), listed in its summary."


def _workers(summary: dict[str, Any]) -> str:
    workers = summary["options"].get("workers") or {}
    if not workers:
        return "one worker process per server"
    return "worker processes " + ", ".join(f"{name} {count}" for name, count in workers.items())


def headline_table(summary: dict[str, Any]) -> str:
    """Per condition, each variant's requests/s, latency, CPU, memory and share of its floor,
    fastest first (medians across rounds, min–max in brackets)."""
    lines: list[str] = []
    several = len(summary["results"]) > 1
    for key, table in summary["results"].items():
        if several:
            lines += [f"**{condition_title(summary, key)}**", ""]
        lines += [
            "| variant | requests/s | vs fastest | p50 ms | p99 ms | server CPU % "
            "| peak memory MiB | share of floor |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, result in fastest_first(table):
            share = f"{result['floor_share']:.0%}" if result.get("floor") else "—"
            lines.append(
                f"| `{name}` | {spread_text(result['requests_per_second'])} "
                f"| {result['relative_to_fastest']:.2f}× | {spread_text(result['p50_ms'])} "
                f"| {spread_text(result['p99_ms'])} "
                f"| {spread_text(result['server_cpu_percent'])} "
                f"| {spread_text(result['server_peak_rss_mb'])} | {share} |"
            )
        lines.append("")
    return "\n".join(lines)


def summary_page(summary: dict[str, Any]) -> str:
    """``summary.md``: the run's provenance, headline table, chart, warnings and versions."""
    warnings = "\n".join(f"- {warning}" for warning in summary["warnings"]) or "- none"
    return (
        f"# Published run, {run_date(summary)}\n\n{provenance(summary)}\n\n"
        f"![Requests per second per variant]({CHART})\n\n{headline_table(summary)}\n"
        f"The whole report: [report.md](report.md). Raw figures: [{SUMMARY}]({SUMMARY}).\n\n"
        f"## Warnings\n\n{warnings}\n\n## Versions\n\n{versions_list(summary)}\n"
    )


def readme_block(folder: Path, root: Path) -> str:
    """The README's block for the run published in ``folder``, from its files alone."""
    summary = json.loads((folder / SUMMARY).read_text())
    where = folder.relative_to(root).as_posix()
    return (
        f"{BEGIN}\n"
        f"![Requests per second per variant, from the run published in {where}]"
        f"({where}/{CHART})\n\n"
        f"{headline_table(summary)}\n"
        f"{provenance(summary)} "
        f"[The run's summary]({where}/summary.md) · [its whole report]({where}/report.md).\n"
        f"{END}"
    )


def with_block(text: str, block: str) -> str:
    """``text`` with the part between the markers (markers included) replaced by ``block``."""
    begin, end = text.find(BEGIN), text.find(END)
    if begin < 0 or end < begin:
        raise PublishError(f"the README has no block between {BEGIN!r} and {END!r}")
    return text[:begin] + block + text[end + len(END) :]


def published_folder(text: str, root: Path) -> Path | None:
    """The published run the README's block names, if any: the folder of its chart."""
    begin, end = text.find(BEGIN), text.find(END)
    found = re.search(r"\]\(([^)\s]+)/" + re.escape(CHART) + r"\)", text[begin:end])
    return root / found.group(1) if begin >= 0 and found else None


def _unlinked(markdown: str, folder: Path) -> str:
    """``markdown`` with links to files that stay behind in the results folder (flame
    graphs, profiles) turned into plain code text."""

    def keep(match: re.Match[str]) -> str:
        target = match.group(2)
        if "://" in target or target.startswith("#") or (folder / target).exists():
            return match.group(0)
        return f"`{match.group(1)}`"

    return _LINK.sub(keep, markdown)


def _in_checkout(text: str) -> str:
    """``text`` with this checkout's own path left out of the paths it names (the servers'
    interpreter, the results folder), so that a published run names them as in any checkout."""
    return text.replace(f"{PROJECT_ROOT}/", "").replace(str(PROJECT_ROOT), ".")


def _checked(source: Path) -> dict[str, Any]:
    """The run's summary, refused when it is not a clean comparison run."""
    path = source / SUMMARY
    if not path.is_file() or not (source / "report.md").is_file():
        raise PublishError(f"{source} holds no summary.json and report.md of a compare run")
    summary: dict[str, Any] = json.loads(path.read_text())
    if summary.get("kind") is not None or "results" not in summary:
        raise PublishError(f"{source} is not a compare run (publish takes compare's reports)")
    for key, table in summary["results"].items():
        for name, result in table.items():
            where = f"{name} at {condition_title(summary, key)}"
            if not result["measured"]:
                raise PublishError(f"{where} has no numbers: a published run measures all")
            if result["failures"]:
                raise PublishError(f"{where} had {result['failures']} failed requests")
    return summary


def publish(source: Path, docs: Path, readme: Path, name: str | None = None) -> Path:
    """Copy the run in ``source`` to ``docs/<date>-<name>`` and show it in ``readme``."""
    summary = _checked(source)
    root = readme.resolve().parent
    if not docs.resolve().is_relative_to(root):
        raise PublishError(f"{docs} is outside {root}: the README could not link to it")
    text = readme.read_text()
    with_block(text, "")  # refused now, before anything is written, if it has no block
    options = summary["options"]
    kind = "sqlite" if options["db"] == "sqlite" else "postgresql"
    folder = docs / f"{run_date(summary)}-{name or kind + '-' + options['scenario']}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SUMMARY).write_text(_in_checkout((source / SUMMARY).read_text()))
    (folder / CHART).write_text(throughput_svg(summary))
    (folder / "summary.md").write_text(summary_page(summary))
    report = _in_checkout((source / "report.md").read_text())
    (folder / "report.md").write_text(_unlinked(report, folder))
    readme.write_text(with_block(text, readme_block(folder.resolve(), root)))
    return folder
