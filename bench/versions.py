"""Framework versions as variants: ``--with fastapi==0.138.0`` serves FastAPI's variants from a
virtual environment of their own, with that version installed, as ``fastapi@0.138.0``.

Each ``--with`` is one pinned set (``--with "django==5.1 djangorestframework==3.15.2"``) for
one implementation, whose extra names every requirement in it. Its environment holds the
project's base requirements, the implementation's extra with the pinned ones in place of the
extra's own, and nothing of the project itself: the server runs the checkout's code (it is
started in the project's folder). Environments are kept under ``bench/results/.cache/venvs``,
one per Python, platform and set of requirements, so a second run reuses them.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bench.discovery import PROJECT_ROOT, implementations, variant_parts
from bench.footprint.dependencies import requirements

if TYPE_CHECKING:
    from bench.options import CompareOptions

CACHE = PROJECT_ROOT / "bench" / "results" / ".cache" / "venvs"
READY = "ready.json"  # written last: an environment without it was not finished
INSTALL_TIMEOUT = 900
PYPROJECT = PROJECT_ROOT / "pyproject.toml"


@dataclass(frozen=True)
class Pinned:
    """One ``--with``: requirements for one implementation, and the variants to serve with them."""

    impl: str
    requirements: tuple[str, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Environment:
    """A built environment: its interpreter and the versions installed in it."""

    python: str
    versions: dict[str, str]
    reused: bool


def _canonical(name: str) -> str:
    from packaging.utils import canonicalize_name  # noqa: PLC0415

    return str(canonicalize_name(name))


def _name(requirement: str) -> str:
    from packaging.requirements import InvalidRequirement, Requirement  # noqa: PLC0415

    try:
        return _canonical(Requirement(requirement).name)
    except InvalidRequirement as error:
        raise ValueError(f"--with {requirement!r} is no requirement: {error}") from None


def parse_pinned(text: str, pyproject: Path = PYPROJECT, root: Path = PROJECT_ROOT) -> Pinned:
    """``--with``'s value: requirement specifiers, separated by spaces, all of one
    implementation's extra (the implementation they belong to is the one that lists them)."""
    wanted = tuple(text.split())
    if not wanted:
        raise ValueError("--with needs a requirement, such as fastapi==0.138.0")
    names = {_name(requirement) for requirement in wanted}
    owners = [
        impl
        for impl in implementations(root)
        if names <= {_name(r) for r in requirements(pyproject, impl)}
    ]
    if not owners:
        raise ValueError(
            f"--with {text!r}: no implementation's extra lists {', '.join(sorted(names))}"
        )
    if len(owners) > 1:
        raise ValueError(
            f"--with {text!r}: {', '.join(owners)} all list it; add their framework "
            f"(--with '{owners[0]} {text}')"
        )
    return Pinned(owners[0], wanted)


def served_variants(pinned: Pinned, chosen: list[str]) -> Pinned:
    """The variants a pinned set is served as: those of its implementation among ``chosen``
    (``--impls``), or its default mode alone when ``--impls`` named none of them."""
    own = tuple(variant for variant in chosen if variant_parts(variant)[0] == pinned.impl)
    return Pinned(pinned.impl, pinned.requirements, own or (pinned.impl,))


def variant_name(variant: str, pinned: Pinned, environment: Environment) -> str:
    """``fastapi@0.138.0``: the variant, at the version installed of each pinned requirement
    (the first by its version alone, others by name and version)."""
    by_name = {_canonical(name): version for name, version in environment.versions.items()}
    installed = [
        (name, by_name.get(name, "?"))
        for name in (_name(requirement) for requirement in pinned.requirements)
    ]
    first, *others = installed
    return f"{variant}@{first[1]}" + "".join(f"+{name}=={version}" for name, version in others)


def _key(wanted: list[str]) -> str:
    identity = [wanted, platform.python_version(), platform.machine(), sys.executable]
    return hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:16]


def _installer() -> list[str] | None:
    """uv, when it is on the PATH or beside this interpreter (far faster than pip)."""
    beside = Path(sys.executable).with_name("uv")
    found = str(beside) if beside.is_file() else shutil.which("uv")
    return [found] if found else None


def environment_requirements(pinned: Pinned, pyproject: Path = PYPROJECT) -> list[str]:
    """What a pinned set's environment installs: the base requirements, the extra's without
    the pinned names, and the pinned set."""
    pinned_names = {_name(requirement) for requirement in pinned.requirements}
    found = list(requirements(pyproject, None))
    found += [r for r in requirements(pyproject, pinned.impl) if _name(r) not in pinned_names]
    return [r for r in dict.fromkeys(found) if _name(r) != "triptych"] + list(pinned.requirements)


def build(
    pinned: Pinned,
    say: Callable[[str], None],
    probe: list[str],
    cache: Path = CACHE,
    pyproject: Path = PYPROJECT,
) -> Environment:
    """The environment of ``pinned`` (built, or reused from ``cache``); ``probe`` names the
    distributions whose versions it reports."""
    wanted = environment_requirements(pinned, pyproject)
    folder = cache / f"{pinned.impl}-{_key(wanted)}"
    ready = folder / READY
    python = folder / "bin" / "python"
    label = " ".join(pinned.requirements)
    if ready.is_file() and python.exists():
        say(f"--with {label}: reusing {folder}")
        return Environment(str(python), json.loads(ready.read_text())["versions"], reused=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    say(f"--with {label}: building a virtual environment in {folder} (a minute or two)")
    uv = _installer()
    log = folder.with_suffix(".log")
    with log.open("w") as sink:
        steps = (
            [[*uv, "venv", "--quiet", "--python", sys.executable, str(folder)],
             [*uv, "pip", "install", "--quiet", "--python", str(python), *wanted]]
            if uv
            else [[sys.executable, "-m", "venv", str(folder)],
                  [str(python), "-m", "pip", "install", "--quiet", *wanted]]
        )  # fmt: skip
        for step in steps:
            done = subprocess.run(  # noqa: S603 - the bench's own command lines
                step, stdout=sink, stderr=subprocess.STDOUT, timeout=INSTALL_TIMEOUT, check=False
            )
            if done.returncode != 0:
                raise RuntimeError(
                    f"--with {label}: {step[0]} {step[1]} failed (exit {done.returncode}); "
                    f"see {log}"
                )
    probed = {_canonical(name) for name in probe}
    own = [name for name in map(_name, pinned.requirements) if name not in probed]
    versions = installed_versions(str(python), probe + own)
    ready.write_text(json.dumps({"requirements": wanted, "versions": versions}, indent=2) + "\n")
    say(f"--with {label}: ready in {time.monotonic() - started:.0f} s")
    return Environment(str(python), versions, reused=False)


def installed_versions(python: str, names: list[str]) -> dict[str, str]:
    """The versions of ``names`` installed for ``python`` (of those installed)."""
    script = (
        "import json, sys\n"
        "from importlib import metadata\n"
        "found = {}\n"
        "for name in json.loads(sys.argv[1]):\n"
        "    try:\n"
        "        found[name] = metadata.version(name)\n"
        "    except metadata.PackageNotFoundError:\n"
        "        pass\n"
        "print(json.dumps(found))\n"
    )
    wanted = list(dict.fromkeys(names))
    answer = subprocess.run(  # noqa: S603 - our own script, no shell
        [python, "-I", "-c", script, json.dumps(wanted)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found: dict[str, str] = json.loads(answer.stdout)
    return found


def prepare(options: CompareOptions, say: Callable[[str], None]) -> CompareOptions:
    """Build (or reuse) each ``--with``'s environment; the options then name its variants
    (``fastapi@0.138.0``) among the implementations, each with its interpreter and versions."""
    if not options.pinned:
        return options
    from bench.machine import version_names  # noqa: PLC0415

    names = list(options.impls)
    interpreters: dict[str, str] = {}
    installed: dict[str, dict[str, str]] = {}
    for pinned in options.pinned:
        environment = build(pinned, say, version_names(pinned.impl))
        for variant in pinned.variants:
            name = variant_name(variant, pinned, environment)
            if name in interpreters:
                raise ValueError(f"two --with options both make {name}")
            names.append(name)
            interpreters[name] = environment.python
            installed[name] = environment.versions
    return replace(options, impls=names, interpreters=interpreters, pinned_versions=installed)
