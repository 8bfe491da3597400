"""The footprint's tables as data (headers and rows), rendered as Markdown or as HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from bench.footprint.roles import ROLE_ORDER
from bench.summary import condition_title

MIB = 2**20


def inline_html(text: str) -> str:
    """Markdown's ``**bold**`` and ```code``` of a cell, as HTML."""
    escaped = html.escape(text)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", escaped)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""
    numeric_from: int = 1  # columns from this one on are right-aligned

    def markdown(self) -> str:
        align = ["---" if i < self.numeric_from else "---:" for i in range(len(self.headers))]
        lines = [f"#### {self.title}", ""]
        if self.note:
            lines += [self.note, ""]
        lines += [
            "| " + " | ".join(self.headers) + " |",
            "| " + " | ".join(align) + " |",
            *("| " + " | ".join(row) + " |" for row in self.rows),
            "",
        ]
        return "\n".join(lines)

    def html(self) -> str:
        def cell(tag: str, index: int, text: str) -> str:
            style = ' class="num"' if index >= self.numeric_from else ""
            return f"<{tag}{style}>{inline_html(text)}</{tag}>"

        head = "".join(cell("th", i, h) for i, h in enumerate(self.headers))
        body = "".join(
            "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
            for row in self.rows
        )
        note = f"<p>{inline_html(self.note)}</p>" if self.note else ""
        return (
            f"<h4>{html.escape(self.title)}</h4>{note}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def code_tables(footprint: dict[str, Any]) -> list[Table]:
    code = footprint["code"]
    impls = list(code["implementations"])
    roles = [r for r in ROLE_ORDER if any(r in code["implementations"][i]["roles"] for i in impls)]
    table = Table(
        "Lines of code by role (code lines, files in brackets)",
        ["role", *impls],
        note="Counted from the source: code lines only; blank, comment and docstring lines apart.",
    )
    for role in roles:
        cells = []
        for impl in impls:
            found = code["implementations"][impl]["roles"].get(role)
            cells.append(f"{found['code']} ({found['files']})" if found else "—")
        table.rows.append([role, *cells])
    totals = [code["implementations"][i]["total"] for i in impls]
    table.rows.append(["**total code**", *(f"**{t['code']}** ({t['files']})" for t in totals)])
    table.rows.append(["blank lines", *(str(t["blank"]) for t in totals)])
    table.rows.append(["comment and docstring lines", *(str(t["comment"]) for t in totals)])
    shared_users = code.get("uses_shared_storage", {})
    table.rows.append(
        ["uses storage_sqlalchemy", *("yes" if shared_users.get(i) else "no" for i in impls)]
    )
    shared = Table(
        "Shared packages (counted once, not in the totals above)",
        ["package", "files", "code", "blank", "comment/docstring"],
    )
    for package, found in code["shared"].items():
        total = found["total"]
        shared.rows.append(
            [package, str(total["files"]), str(total["code"]), str(total["blank"]),
             str(total["comment"])]
        )  # fmt: skip
    return [table, shared]


def dependency_tables(footprint: dict[str, Any]) -> list[Table]:
    deps = footprint["dependencies"]
    table = Table(
        "Dependencies beyond the domain's own (argon2-cffi, PyJWT and what they need)",
        ["implementation", "direct", "transitive", "total", "installed MiB", "read from"],
        numeric_from=1,
    )
    lists = Table("What each installs (direct in bold)", ["implementation", "distributions"])
    for impl, found in deps.items():
        where = found["environment"] + (" (cached)" if found.get("cached") else "")
        table.rows.append(
            [impl, str(found["direct"]), str(found["transitive"]), str(found["count"]),
             f"{found['size_bytes'] / MIB:.1f}", where]
        )  # fmt: skip
        names = ", ".join(
            f"**{d['name']}** {d['version']}" if d["direct"] else f"{d['name']} {d['version']}"
            for d in found["distributions"]
        )
        lists.rows.append([impl, names])
    lists.numeric_from = 9
    return [table, lists]


def _load_memory(summary: dict[str, Any] | None, impl: str) -> tuple[str, str]:
    if not summary or not summary.get("results"):
        return "no comparison run", "no comparison run"
    key, table = list(summary["results"].items())[-1]
    users = condition_title(summary, key)
    result = table.get(impl) or {}
    peak = result.get("server_peak_rss_mb")
    end = result.get("server_end_rss_mb")
    return (
        f"{peak['median']:.0f} ({users})" if peak else "not measured",
        f"{end['median']:.0f} ({users})" if end else "not recorded",
    )


def startup_table(footprint: dict[str, Any], summary: dict[str, Any] | None) -> Table:
    runs = max((s["runs"] for s in footprint["startup"].values()), default=1)
    table = Table(
        "Start-up and memory",
        ["implementation", "import + create_app ms", "serve → first 200 ms",
         "idle RSS MiB (processes)", "peak RSS under load MiB", "RSS at end of load MiB"],
        note=f"Medians of {runs} run(s), each a new process on a fresh migrated SQLite database; "
        "`serve` with 1 worker, timed from process start to `GET /api/tags` answering 200 "
        "(Django's `serve` collects and compresses static files only when none are collected yet). "
        "RSS sums every server process "
        "(master and workers). Memory under load is the comparison run's, at its largest "
        "user count.",
    )  # fmt: skip
    for impl, found in footprint["startup"].items():
        peak, end = _load_memory(summary, impl)
        table.rows.append(
            [impl, f"{found['import_ms']:.0f}", f"{found['first_answer_ms']:.0f}",
             f"{found['idle_rss_mib']:.0f} ({found['processes']})", peak, end]
        )  # fmt: skip
    return table


def _location(snippets: list[dict[str, Any]]) -> str:
    if not snippets:
        return "not found"
    return "; ".join(
        f"`{s['file']}:{s['start']}–{s['end']}` ({s['end'] - s['start'] + 1} lines)"
        for s in snippets
    )


def code_view_table(footprint: dict[str, Any]) -> Table:
    impls = footprint["implementations"]
    view = footprint["code_view"]
    table = Table(
        "Where each operation's code is (from each framework's route table)",
        ["operation", *impls],
        numeric_from=99,
    )
    for row in view["operations"]:
        table.rows.append([f"`{row['operation']}`", *(_location(row["code"][i]) for i in impls)])
    table.rows.append(["error mapping", *(_location(view["error_mapping"][i]) for i in impls)])
    return table


def openapi_tables(footprint: dict[str, Any]) -> list[Table]:
    kinds = ["operation", "status", "parameter", "request", "response"]
    table = Table(
        "Each framework's generated /api/openapi.json against contract_tests/openapi.yml",
        ["implementation", "OpenAPI", "operations matched", "without difference",
         *(f"{k} differences" for k in kinds)],
    )  # fmt: skip
    listed = Table("Every difference", ["implementation", "operation", "where", "difference"],
                   numeric_from=9)  # fmt: skip
    for impl, found in footprint["openapi"].items():
        ops = found["operations"]
        table.rows.append(
            [impl, str(found["openapi_version"]), f"{ops['matched']}/{ops['contract']}",
             f"{ops['without_difference']}/{ops['contract']}",
             *(str(found["by_kind"].get(k, 0)) for k in kinds)]
        )  # fmt: skip
        for difference in found["differences"]:
            listed.rows.append(
                [impl, f"`{difference['operation']}`", difference["where"], difference["what"]]
            )
    return [table, listed]


def timing_note(footprint: dict[str, Any]) -> str:
    seconds = footprint["seconds"]
    return (
        f"Measured in {seconds['total']:.0f} s (lines {seconds['code']:.1f} s, routes and "
        f"documents {seconds['routes_and_documents']:.0f} s, dependencies "
        f"{seconds['dependencies']:.0f} s, start-up {seconds['startup']:.0f} s)."
    )


def markdown_section(footprint: dict[str, Any], summary: dict[str, Any] | None) -> str:
    """The footprint section of ``report.md``."""
    parts = [
        "## Footprint: what each framework costs to write and to run",
        "",
        timing_note(footprint),
        "",
        "### Code",
        "",
        *(t.markdown() for t in code_tables(footprint)),
        "### Dependencies",
        "",
        *(t.markdown() for t in dependency_tables(footprint)),
        "### Start-up and memory",
        "",
        startup_table(footprint, summary).markdown(),
        "### Code side by side",
        "",
        "The code itself, highlighted in three columns, is in report.html.",
        "",
        code_view_table(footprint).markdown(),
        "### Generated documentation",
        "",
        *(t.markdown() for t in openapi_tables(footprint)),
    ]
    return "\n".join(parts)
