"""The README shows a published run as ``python -m bench publish`` wrote it: its block is
rebuilt from the published folder's files and must match, so no figure is typed by hand."""

from __future__ import annotations

from pathlib import Path

from bench.publish import BEGIN, END, published_folder, readme_block

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_shows_a_published_run_exactly_as_published() -> None:
    readme = (ROOT / "README.md").read_text()
    assert readme.count(BEGIN) == 1, "one published block"
    assert readme.count(END) == 1, "one published block"
    folder = published_folder(readme, ROOT)
    assert folder is not None, "the block names no docs/results/<run>/chart.svg"
    for name in ("summary.json", "summary.md", "report.md", "chart.svg"):
        assert (folder / name).is_file(), f"{folder.relative_to(ROOT)} lacks {name}"
    shown = readme[readme.index(BEGIN) : readme.index(END) + len(END)]
    assert shown == readme_block(folder, ROOT), (
        "the README's published block differs from its run: run python -m bench publish"
    )


def test_the_newest_published_run_is_the_one_shown() -> None:
    days = {path.name[:10] for path in (ROOT / "docs" / "results").iterdir() if path.is_dir()}
    shown = published_folder((ROOT / "README.md").read_text(), ROOT)
    assert shown is not None
    assert shown.name[:10] == max(days)
