"""The footprint section of ``report.html``: tables, a chart of lines by role, and the code
of every operation side by side, highlighted with Pygments."""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from bench.footprint.roles import ROLE_ORDER
from bench.footprint.tables import (
    code_tables,
    dependency_tables,
    openapi_tables,
    startup_table,
    timing_note,
)

CSS_CLASS = "source"
STYLE = """
.footprint table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}
.footprint th,.footprint td{border:1px solid #ddd;padding:3px 8px;vertical-align:top;
text-align:left}
.footprint td.num,.footprint th.num{text-align:right}
table.side{table-layout:fixed;width:100%}
table.side td{width:33%;padding:0}
table.side th.operation{background:#eef;text-align:left;font-size:15px;padding:6px}
.side .where{font-size:11px;color:#555;padding:3px 6px;background:#fafafa}
.side .source{font-size:11.5px;overflow-x:auto}
.side .source pre{margin:0;padding:4px 6px;white-space:pre;background:none}
.side .linenos{color:#999}
"""


def lines_by_role(footprint: dict[str, Any]) -> go.Figure:
    """Stacked bars: code lines per role, each implementation and each shared package."""
    code = footprint["code"]
    bars: dict[str, dict[str, Any]] = {
        **{impl: found["roles"] for impl, found in code["implementations"].items()},
        **{f"{package} (shared)": found["roles"] for package, found in code["shared"].items()},
    }
    figure = go.Figure()
    for role in ROLE_ORDER:
        values = [roles.get(role, {}).get("code", 0) for roles in bars.values()]
        if any(values):
            figure.add_bar(name=role, x=list(bars), y=values)
    figure.update_layout(
        title="Lines of code by role (blank, comment and docstring lines not counted)",
        yaxis_title="code lines",
        barmode="stack",
        height=450,
    )
    return figure


def _anchor(operation_id: str | None, operation: str) -> str:
    return f"code-{operation_id or operation.replace(' ', '-').replace('/', '-')}"


def _cell(snippets: list[dict[str, Any]]) -> str:
    if not snippets:
        return '<div class="where">not found in the route table</div>'
    parts = []
    for found in snippets:
        label = found.get("registered_for")
        where = f"{found['file']}:{found['start']}–{found['end']} · {found['name']}"
        if label:
            where += f" · registered for {label}"
        formatter = HtmlFormatter(
            linenos="inline", linenostart=found["start"], cssclass=CSS_CLASS, wrapcode=True
        )
        parts.append(
            f'<div class="where">{html.escape(where)}</div>'
            + highlight(found["source"], PythonLexer(), formatter)
        )
    return "".join(parts)


def side_by_side(footprint: dict[str, Any]) -> str:
    """One table: a heading row per operation, then each implementation's code in a column."""
    impls = footprint["implementations"]
    view = footprint["code_view"]
    head = "".join(f"<th>{html.escape(impl)}</th>" for impl in impls)
    rows = []
    for row in view["operations"]:
        anchor = _anchor(row["operation_id"], row["operation"])
        rows.append(
            f'<tr id="{anchor}"><th class="operation" colspan="{len(impls)}">'
            f"{html.escape(row['operation'])} <small>({row['operation_id']})</small></th></tr>"
            "<tr>" + "".join(f"<td>{_cell(row['code'][i])}</td>" for i in impls) + "</tr>"
        )
    rows.append(
        f'<tr id="code-errors"><th class="operation" colspan="{len(impls)}">Error mapping '
        "<small>(the functions registered with each framework)</small></th></tr>"
        "<tr>" + "".join(f"<td>{_cell(view['error_mapping'][i])}</td>" for i in impls) + "</tr>"
    )
    index = " · ".join(
        f'<a href="#{_anchor(r["operation_id"], r["operation"])}">{html.escape(r["operation"])}</a>'
        for r in view["operations"]
    )
    return (
        f'<p>{index} · <a href="#code-errors">error mapping</a></p>'
        f'<table class="side"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def css() -> str:
    rules: str = HtmlFormatter(cssclass=CSS_CLASS).get_style_defs(f".{CSS_CLASS}")  # type: ignore[no-untyped-call]
    return STYLE + rules


def html_section(footprint: dict[str, Any], summary: dict[str, Any] | None, chart: str) -> str:
    """The section's HTML; ``chart`` is the lines-by-role figure already rendered."""
    tables = [*code_tables(footprint)]
    return f"""<section class="footprint" id="footprint">
<h2>Footprint: what each framework costs to write and to run</h2>
<p>{html.escape(timing_note(footprint))}</p>
<h3>Code</h3>{"".join(t.html() for t in tables)}
{chart}
<h3>Dependencies</h3>{"".join(t.html() for t in dependency_tables(footprint))}
<h3>Start-up and memory</h3>{startup_table(footprint, summary).html()}
<h3 id="side-by-side">Code side by side</h3>
<p>Each operation of the contract, located through each framework's own route table, and
the error handlers registered with each framework; line numbers are the files' own.</p>
{side_by_side(footprint)}
<h3>Generated documentation</h3>{"".join(t.html() for t in openapi_tables(footprint))}
</section>"""
