"""The smoke comparison's report (nox -s bench) lists every implementation, without failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.discovery import implementations, variants

pytestmark = pytest.mark.smoke


@pytest.fixture
def summary(request: pytest.FixtureRequest) -> dict[str, object]:
    folder = request.config.getoption("--smoke-report")
    if folder is None:
        pytest.skip("no --smoke-report: run through nox -s bench")
    loaded: dict[str, object] = json.loads((Path(folder) / "summary.json").read_text())
    return loaded


def test_every_implementation_was_measured_without_failures(summary: dict[str, object]) -> None:
    results = summary["results"]
    assert isinstance(results, dict)
    for table in results.values():
        assert sorted(table) == variants()
        for result in table.values():
            assert result["measured"] is True
            assert result["requests"] > 0
            assert result["failures"] == 0
            assert result["floor"]["failures"] == 0


def test_the_report_names_every_implementation(request: pytest.FixtureRequest) -> None:
    folder = request.config.getoption("--smoke-report")
    if folder is None:
        pytest.skip("no --smoke-report: run through nox -s bench")
    text = (Path(folder) / "report.md").read_text()
    for name in variants():
        assert f"| {name} |" in text


def test_the_comparison_measured_the_footprint(request: pytest.FixtureRequest) -> None:
    folder = request.config.getoption("--smoke-report")
    if folder is None:
        pytest.skip("no --smoke-report: run through nox -s bench")
    footprint = json.loads((Path(folder) / "footprint.json").read_text())
    assert sorted(footprint["code"]["implementations"]) == implementations()
    assert sorted(footprint["startup"]) == implementations()
    assert "## Footprint" in (Path(folder) / "report.md").read_text()
    assert 'id="code-createArticle"' in (Path(folder) / "report.html").read_text()
