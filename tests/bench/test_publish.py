"""``python -m bench publish``: a run copied to docs/results and shown in the README, from the
published files alone."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bench.__main__ import main
from bench.chart_svg import ticks
from bench.discovery import PROJECT_ROOT
from bench.options import compare_options, parser
from bench.palette import colours
from bench.publish import BEGIN, END, PublishError, publish, published_folder, readme_block
from bench.reporting import write_reports
from tests.bench.test_report import raw  # noqa: F401  (the fixture: a run's raw files)

README = f"# Project\n\nBefore.\n\n{BEGIN}\nold figures\n{END}\n\nAfter.\n"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def run(raw: Path) -> Path:  # noqa: F811
    context = json.loads((raw / "context.json").read_text())
    context["options"].update(db="sqlite", workers={})
    (raw / "context.json").write_text(json.dumps(context))
    write_reports(raw)
    return raw


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "docs" / "results").mkdir(parents=True)
    (root / "README.md").write_text(README)
    return root


def test_a_run_is_copied_with_its_chart_and_shown_between_the_markers(
    run: Path, site: Path
) -> None:
    folder = publish(run, site / "docs" / "results", site / "README.md")
    assert folder.name == "2027-01-15-sqlite-mixed"  # the day its first measurement started
    assert {path.name for path in folder.iterdir()} == {
        "summary.json", "summary.md", "report.md", "chart.svg"
    }  # fmt: skip
    readme = (site / "README.md").read_text()
    assert readme.startswith("# Project\n\nBefore.\n\n")
    assert readme.endswith("\n\nAfter.\n")
    assert "old figures" not in readme
    assert "](docs/results/2027-01-15-sqlite-mixed/chart.svg)" in readme
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    assert [row.split("|")[1].strip() for row in rows] == ["`a`", "`b`"]  # fastest first
    assert "| 110 (100–120) | 1.00× |" in rows[0]
    assert "| 60 (50–70) | 0.55× |" in rows[1]
    assert "Measured on 2027-01-15 with `python -m bench compare --db sqlite" in readme
    assert "Test CPU, 2 cores, 16 GiB, Python 3.11, SQLite 3" in readme


def test_the_readme_block_is_rebuilt_from_the_published_folder_alone(run: Path, site: Path) -> None:
    folder = publish(run, site / "docs" / "results", site / "README.md")
    readme = (site / "README.md").read_text()
    assert published_folder(readme, site) == folder
    assert readme_block(folder, site) in readme
    publish(run, site / "docs" / "results", site / "README.md")  # again: the same README
    assert (site / "README.md").read_text() == readme


def test_the_chart_draws_each_variant_in_its_report_colour(run: Path, site: Path) -> None:
    folder = publish(run, site / "docs" / "results", site / "README.md")
    chart = ElementTree.parse(folder / "chart.svg").getroot()  # noqa: S314  (written here)
    bars = {
        rect.findtext(f"{SVG}title", "").split(":")[0]: rect
        for rect in chart.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    }
    palette = colours(json.loads((folder / "summary.json").read_text()))
    assert {name: bar.get("fill") for name, bar in bars.items()} == palette
    assert float(bars["a"].get("width", 0)) > float(bars["b"].get("width", 0)) > 0


def test_links_to_files_left_behind_become_plain_text(run: Path, site: Path) -> None:
    report = run / "report.md"
    report.write_text(report.read_text() + "\nFlame graph: [runs/x/a.svg](runs/x/a.svg)\n")
    folder = publish(run, site / "docs" / "results", site / "README.md")
    assert "Flame graph: `runs/x/a.svg`" in (folder / "report.md").read_text()


def test_a_run_with_failed_requests_is_refused_and_the_readme_kept(
    run: Path, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = json.loads((run / "summary.json").read_text())
    summary["results"]["8"]["b"]["failures"] = 3
    (run / "summary.json").write_text(json.dumps(summary))
    arguments = ["publish", str(run), "--docs", str(site / "docs" / "results")]
    assert main([*arguments, "--readme", str(site / "README.md")]) == 2
    assert "b at 8 users had 3 failed requests" in capsys.readouterr().err
    assert (site / "README.md").read_text() == README
    assert not any((site / "docs" / "results").iterdir())


def test_a_readme_without_the_markers_is_refused(run: Path, site: Path) -> None:
    (site / "README.md").write_text("# Project\n")
    with pytest.raises(PublishError, match="no block between"):
        publish(run, site / "docs" / "results", site / "README.md")
    assert not any((site / "docs" / "results").iterdir())


def test_axis_ticks_are_round_and_reach_the_top() -> None:
    assert ticks(473) == [0, 100, 200, 300, 400, 500]
    assert ticks(1650) == [0, 500, 1000, 1500, 2000]
    assert ticks(12) == [0, 2, 4, 6, 8, 10, 12]
    assert ticks(0) == [0.0, 1.0]


def test_a_run_s_recorded_command_and_start_are_what_it_names(run: Path, site: Path) -> None:
    context = json.loads((run / "context.json").read_text())
    context.update(started="2026-12-05T18:13:02+00:00", command="python -m bench compare --x")
    (run / "context.json").write_text(json.dumps(context))
    write_reports(run)
    folder = publish(run, site / "docs" / "results", site / "README.md", name="nightly")
    assert folder.name == "2026-12-05-nightly"
    assert (
        "Measured on 2026-12-05 with `python -m bench compare --x`:"
        in (site / "README.md").read_text()
    )


def test_compare_records_its_command_line_and_start() -> None:
    args = parser().parse_args(["compare", "--impls", "flask", "--rounds", "2"])
    args.invocation = "python -m bench compare --impls flask --rounds 2"
    options = compare_options(args, ["flask"])
    assert options.command == "python -m bench compare --impls flask --rounds 2"
    assert options.started.endswith("+00:00")


def test_a_docs_folder_outside_the_readme_s_is_refused(run: Path, site: Path) -> None:
    with pytest.raises(PublishError, match="outside"):
        publish(run, site.parent / "elsewhere", site / "README.md")
    assert not (site.parent / "elsewhere").exists()
    assert (site / "README.md").read_text() == README


def test_the_checkout_s_own_path_is_left_out(run: Path, site: Path) -> None:
    report = run / "report.md"
    report.write_text(report.read_text() + f"\n- server: `{PROJECT_ROOT}/.venv/bin/python -m x`\n")
    summary = json.loads((run / "summary.json").read_text())
    summary["options"]["out"] = f"{PROJECT_ROOT}/bench/results/x"
    (run / "summary.json").write_text(json.dumps(summary))
    folder = publish(run, site / "docs" / "results", site / "README.md")
    assert "- server: `.venv/bin/python -m x`" in (folder / "report.md").read_text()
    published = json.loads((folder / "summary.json").read_text())
    assert published["options"]["out"] == "bench/results/x"
