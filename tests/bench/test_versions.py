"""``--with``: framework versions as variants, each served from a cached environment of its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bench.__main__ import main
from bench.cell import server_command
from bench.discovery import floor_module, on_event_loop, variant_parts
from bench.options import parse_compare, parse_endpoints
from bench.plan import Run
from bench.versions import (
    Environment,
    Pinned,
    build,
    environment_requirements,
    parse_pinned,
    variant_name,
)

AVAILABLE = ["django", "django-asgi", "fastapi", "fastapi-sync", "flask"]


def test_a_requirement_belongs_to_the_implementation_whose_extra_lists_it() -> None:
    assert parse_pinned("fastapi==0.138.0") == Pinned("fastapi", ("fastapi==0.138.0",))
    pinned = parse_pinned("Django==5.1.4 djangorestframework>=3.15")
    assert pinned.impl == "django"
    assert pinned.requirements == ("Django==5.1.4", "djangorestframework>=3.15")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("uvicorn==0.30.0", "django, fastapi all list it"),  # both extras serve on uvicorn
        ("requests==2.32.0", "no implementation's extra lists requests"),
        ("fastapi===", "is no requirement"),
        ("fastapi==0.138.0 flask==3.1.0", "no implementation's extra lists"),
    ],
)
def test_a_requirement_of_no_single_implementation_is_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_pinned(text)


def test_with_alone_runs_the_pinned_versions_of_the_default_mode() -> None:
    options = parse_compare(["--with", "fastapi==0.138.0", "--with", "fastapi==0.163.2"], AVAILABLE)
    assert options.impls == []  # the installed versions are not run unless --impls names them
    assert [(p.requirements, p.variants) for p in options.pinned] == [
        (("fastapi==0.138.0",), ("fastapi",)),
        (("fastapi==0.163.2",), ("fastapi",)),
    ]


def test_with_impls_runs_those_variants_as_installed_and_at_each_version() -> None:
    options = parse_compare(
        ["--impls", "fastapi,fastapi-sync,flask", "--with", "fastapi==0.138.0"], AVAILABLE
    )
    assert options.impls == ["fastapi", "fastapi-sync", "flask"]
    [pinned] = options.pinned
    assert pinned.variants == ("fastapi", "fastapi-sync")


def test_endpoints_take_the_option_too() -> None:
    options = parse_endpoints(["--with", "flask==3.1.0"], AVAILABLE)
    assert [p.variants for p in options.pinned] == [("flask",)]


def test_a_bad_requirement_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--with", "requests==2"])
    assert "no implementation's extra lists requests" in capsys.readouterr().err


def test_a_versioned_variant_is_its_variant_for_everything_but_its_interpreter() -> None:
    assert variant_parts("fastapi-sync@0.138.0") == ("fastapi", "sync")
    assert on_event_loop("fastapi@0.138.0")
    assert not on_event_loop("fastapi-sync@0.138.0")
    assert floor_module("flask@3.1.0") == "bench.floors.flask_floor"
    python = "/venvs/fastapi/bin/python"
    run = Run("fastapi-sync@0.138.0", 1, 16)
    assert server_command(run.impl, run, 8000, 1, python)[:6] == [
        python, "-m", "impl_fastapi", "serve", "--mode", "sync",
    ]  # fmt: skip
    floor = Run("flask@3.1.0", 1, 16, floor=True)
    assert server_command(floor.impl, floor, 8000, 1, python)[0] == python


def test_the_name_says_the_installed_versions() -> None:
    environment = Environment("python", {"Django": "5.1.4", "djangorestframework": "3.15.2"}, False)
    pinned = Pinned("django", ("django==5.1.4", "djangorestframework>=3.15"))
    assert variant_name("django-asgi", pinned, environment) == (
        "django-asgi@5.1.4+djangorestframework==3.15.2"
    )


def test_the_environment_holds_the_extra_with_the_pinned_versions_in_place() -> None:
    wanted = environment_requirements(Pinned("fastapi", ("fastapi==0.138.0",)))
    assert "fastapi==0.138.0" in wanted
    assert not any(r.startswith("fastapi>") for r in wanted)  # the extra's own is replaced
    assert any(r.startswith("uvicorn") for r in wanted)  # the rest of the extra stays
    assert any(r.lower().startswith("sqlalchemy") for r in wanted)  # and the base requirements
    assert not any(r.startswith("triptych") for r in wanted)  # the code is the checkout's


def test_an_environment_is_built_once_then_reused(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = []\n'
        '[project.optional-dependencies]\nfastapi = ["packaging>=20"]\n'
    )
    pinned = Pinned("fastapi", ("packaging>=20",), ("fastapi",))
    said: list[str] = []
    cache = tmp_path / "venvs"
    first = build(pinned, said.append, ["packaging"], cache=cache, pyproject=pyproject)
    assert not first.reused
    assert first.versions["packaging"]
    assert Path(first.python).parent.parent.parent == cache
    made = os.stat(first.python, follow_symlinks=False).st_mtime_ns
    second = build(pinned, said.append, ["packaging"], cache=cache, pyproject=pyproject)
    assert second.reused
    assert second == Environment(first.python, first.versions, reused=True)
    assert os.stat(second.python, follow_symlinks=False).st_mtime_ns == made
    assert any("reusing" in line for line in said)
    assert sys.executable != first.python
