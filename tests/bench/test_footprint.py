"""The footprint: roles cover every file, counts and code follow the source, the route tables
give every operation, the OpenAPI comparison sees differences, and the report shows it all."""

from __future__ import annotations

import copy
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.__main__ import main
from bench.discovery import PROJECT_ROOT, implementations
from bench.footprint.code import code_footprint, package_files
from bench.footprint.collect import CONTRACT, code_view, locate_in_subprocess
from bench.footprint.dependencies import dependencies, requirements
from bench.footprint.files import write_footprint
from bench.footprint.html import side_by_side
from bench.footprint.lines import count_lines
from bench.footprint.openapi_diff import compare_documents
from bench.footprint.roles import ROLES, SHARED, matching
from bench.reporting import write_footprint_reports


@pytest.fixture(scope="module")
def contract() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CONTRACT.read_text())
    return loaded


@pytest.fixture(scope="module")
def located() -> dict[str, dict[str, Any]]:
    names = implementations()
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        return dict(zip(names, pool.map(locate_in_subprocess, names), strict=True))


def test_every_implementation_has_a_role_map() -> None:
    assert sorted(ROLES) == implementations()


@pytest.mark.parametrize("name", implementations())
def test_every_file_of_an_implementation_matches_exactly_one_role(name: str) -> None:
    files = package_files(PROJECT_ROOT / f"impl_{name}")
    assert files
    for file in files:
        assert len(matching(ROLES[name], file)) == 1, file


@pytest.mark.parametrize("package", sorted(SHARED))
def test_every_file_of_a_shared_package_matches_exactly_one_role(package: str) -> None:
    for file in package_files(PROJECT_ROOT / package):
        assert len(matching(SHARED[package], file)) == 1, file


def test_the_domain_s_async_source_counts_once_and_its_twin_apart() -> None:
    shared = code_footprint(PROJECT_ROOT, [])["shared"]["domain"]
    generated = shared["roles"]["generated sync twin"]
    listed = {item["file"]: item["role"] for item in shared["files"]}
    assert listed["domain/_async/services/articles.py"] == "domain"
    assert listed["domain/_sync/services/articles.py"] == "generated sync twin"
    by_hand = sum(role["code"] for name, role in shared["roles"].items() if name == "domain")
    assert shared["total"]["code"] == by_hand
    assert generated["files"] == sum(1 for role in listed.values() if role == "generated sync twin")
    assert shared["total"]["files"] == len(listed) - generated["files"]


def test_lines_are_code_blank_or_comment() -> None:
    source = '''"""A module
docstring."""

# a comment
x = 1  # code with a comment
text = """not a
docstring"""


def f() -> None:
    """One line."""
    return None
'''
    counts = count_lines(source)
    assert (counts.code, counts.blank, counts.comment) == (5, 3, 4)


def test_a_changed_line_of_a_view_changes_the_counts_and_the_code(
    tmp_path: Path, contract: dict[str, Any], located: dict[str, dict[str, Any]]
) -> None:
    shutil.copytree(PROJECT_ROOT / "impl_fastapi", tmp_path / "impl_fastapi")
    view = tmp_path / "impl_fastapi" / "_async" / "routers" / "articles.py"
    before_code = code_footprint(tmp_path, ["fastapi"])
    before_view = code_view(contract, {"fastapi": located["fastapi"]})  # as the copy is now
    text = view.read_text()
    assert "    new = request.article\n" in text
    view.write_text(
        text.replace("    new = request.article\n", "    sent = request.article\n    new = sent\n")
    )
    after_code = code_footprint(tmp_path, ["fastapi"])
    after_view = code_view(contract, {"fastapi": locate_in_subprocess("fastapi", tmp_path)})
    routing = "routing and views"
    before_lines = before_code["implementations"]["fastapi"]["roles"][routing]["code"]
    after_lines = after_code["implementations"]["fastapi"]["roles"][routing]["code"]
    assert after_lines == before_lines + 1
    footprint = {"implementations": ["fastapi"]}
    before_html = side_by_side({**footprint, "code_view": before_view})
    after_html = side_by_side({**footprint, "code_view": after_view})
    assert before_html != after_html
    assert "sent" in after_html
    assert "sent" not in before_html


def test_the_route_tables_give_every_contract_operation(
    contract: dict[str, Any], located: dict[str, dict[str, Any]]
) -> None:
    view = code_view(contract, located)
    assert len(view["operations"]) == 19
    for row in view["operations"]:
        for name in implementations():
            found = row["code"][name]
            assert len(found) == 1, (row["operation"], name)
            assert found[0]["file"].startswith(f"impl_{name}/")
            assert "def " in found[0]["source"]
    for name in implementations():
        handlers = view["error_mapping"][name]
        assert handlers
        assert all(h["file"].endswith("errors.py") for h in handlers)


def test_the_generated_documents_are_compared(
    contract: dict[str, Any], located: dict[str, dict[str, Any]]
) -> None:
    for name in implementations():
        found = compare_documents(contract, located[name]["openapi"])
        assert found["operations"]["matched"] == found["operations"]["contract"] == 19


def test_a_document_matches_itself(contract: dict[str, Any]) -> None:
    found = compare_documents(contract, contract)
    assert found["differences"] == []
    assert found["operations"]["without_difference"] == 19


def test_planted_differences_are_found(contract: dict[str, Any]) -> None:
    planted = copy.deepcopy(contract)
    article = planted["components"]["schemas"]["Article"]["properties"]
    del article["tagList"]
    article["favoritesCount"] = {"type": "string"}
    del planted["paths"]["/tags"]
    del planted["paths"]["/users"]["post"]["responses"]["409"]
    found = {
        (d["operation"], d["where"], d["what"])
        for d in compare_documents(contract, planted)["differences"]
    }
    assert ("GET /api/tags", "GET /api/tags", "operation not documented") in found
    assert ("POST /api/users", "409", "status not documented") in found
    assert (
        "POST /api/articles",
        "response 201.article.tagList",
        "property not documented",
    ) in found
    assert (
        "GET /api/articles/{slug}",
        "response 200.article.favoritesCount",
        "type string, contract integer",
    ) in found


def test_dependencies_are_those_beyond_the_base(tmp_path: Path) -> None:
    assert "SQLAlchemy>=2.0.30" in requirements(PROJECT_ROOT / "pyproject.toml", "fastapi")
    found = dependencies(["fastapi"], mode="current", cache=tmp_path)["fastapi"]
    names = {d["name"]: d for d in found["distributions"]}
    assert names["fastapi"]["direct"]
    assert names["sqlalchemy"]["direct"]
    assert not names["starlette"]["direct"]
    assert "argon2-cffi" not in names
    assert "pyjwt" not in names
    assert found["size_bytes"] > 0
    assert "current environment" in found["environment"]


def test_the_report_shows_the_footprint(
    tmp_path: Path, located: dict[str, dict[str, Any]], contract: dict[str, Any]
) -> None:
    names = implementations()
    fake_startup = {
        "runs": 1, "import_ms": 500.0, "first_answer_ms": 900.0,
        "idle_rss_mib": 80.0, "processes": 1,
    }  # fmt: skip
    footprint = {
        "implementations": names,
        "code": code_footprint(PROJECT_ROOT, names),
        "dependencies": dependencies(names, mode="current", cache=tmp_path / "cache"),
        "startup": dict.fromkeys(names, fake_startup),
        "code_view": code_view(contract, located),
        "openapi": {n: compare_documents(contract, located[n]["openapi"]) for n in names},
        "seconds": {"total": 1, "code": 0.1, "routes_and_documents": 0.5, "dependencies": 0.2,
                    "startup": 0.2},
    }  # fmt: skip
    folder = tmp_path / "report"
    write_footprint(folder, footprint)
    write_footprint_reports(folder)
    text = (folder / "report.md").read_text()
    assert "## Footprint" in text
    assert "| routing and views |" in text
    assert "`POST /api/articles`" in text
    page = (folder / "report.html").read_text()
    assert 'id="code-createArticle"' in page
    assert 'id="code-errors"' in page
    assert "Plotly.newPlot" in page
    assert '<span class="k">def</span>' in page  # highlighted by Pygments
    assert main(["report", str(folder)]) == 0
    assert json.loads((folder / "footprint.json").read_text())["implementations"] == names
