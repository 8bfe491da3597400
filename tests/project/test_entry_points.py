"""The commands the README and docs promise exist and are what CI runs."""

from __future__ import annotations

import ast
import os
import re

from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text()


def test_readme_commands_are_executable_scripts() -> None:
    commands = re.findall(r"^(scripts/\w+)", README, re.MULTILINE)
    assert commands[:2] == ["scripts/compare", "scripts/test"]
    for command in commands:
        assert os.access(PROJECT_ROOT / command, os.X_OK), command


def test_ci_runs_the_readme_test_command() -> None:
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "export CI=true" in ci
    assert re.search(r"^exec scripts/test$", ci, re.MULTILINE)
    assert os.access(PROJECT_ROOT / ".ci" / "run", os.X_OK)


def test_nox_runs_every_implementation_with_a_server_entry_point() -> None:
    noxfile = (PROJECT_ROOT / "noxfile.py").read_text()
    listed = re.search(r"^IMPLEMENTATIONS = (\[.*\])$", noxfile, re.MULTILINE)
    assert listed is not None
    entry_points = sorted(p.parent.name for p in PROJECT_ROOT.glob("impl_*/__main__.py"))
    assert sorted(f"impl_{name}" for name in ast.literal_eval(listed.group(1))) == entry_points


def test_the_sessions_the_docs_name_are_in_the_noxfile() -> None:
    tree = ast.parse((PROJECT_ROOT / "noxfile.py").read_text())
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    pages = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").rglob("*.md"))]
    text = "\n".join(page.read_text() for page in pages)
    named = set(re.findall(r"scripts/test -s \"?(\w+)", text))
    assert {"quick", "contract", "domain"} <= named
    assert named <= defined


def test_nox_runs_every_variant() -> None:
    from bench.discovery import variants  # noqa: PLC0415

    noxfile = (PROJECT_ROOT / "noxfile.py").read_text()
    listed = re.search(r"^VARIANTS = (\[.*\])$", noxfile, re.MULTILINE)
    assert listed is not None
    assert sorted(ast.literal_eval(listed.group(1))) == variants()
