"""Everything ``footprint.json`` holds, measured in one go."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bench.discovery import PROJECT_ROOT
from bench.footprint.code import code_footprint
from bench.footprint.dependencies import dependencies
from bench.footprint.openapi_diff import _key, compare_documents, operations
from bench.footprint.startup import startup

CONTRACT = PROJECT_ROOT / "contract_tests" / "openapi.yml"


def locate_in_subprocess(name: str, root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """``bench.footprint.locate`` run on the packages under ``root`` (then the project's)."""
    paths = [str(root), str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]
    answer = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "bench.footprint.locate", name],
        cwd=root,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if answer.returncode != 0:
        raise RuntimeError(f"locating {name}'s routes failed:\n{answer.stderr}")
    found: dict[str, Any] = json.loads(answer.stdout)
    return found


def code_view(contract: dict[str, Any], located: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """For every operation of the contract, the code handling it in each implementation."""
    rows = []
    for key, (name, operation) in operations(contract).items():
        handlers = {
            impl: [
                {k: route[k] for k in ("name", "file", "start", "end", "source")}
                for route in found["routes"]
                if _key(route["method"], route["path"]) == key
            ]
            for impl, found in located.items()
        }
        rows.append({"operation": name, "operation_id": operation.get("operationId"),
                     "code": handlers})  # fmt: skip
    errors = {
        impl: [
            {k: h[k] for k in ("registered_for", "name", "file", "start", "end", "source")}
            for h in found["error_handlers"]
        ]
        for impl, found in located.items()
    }
    return {"operations": rows, "error_mapping": errors}


def measure(
    impls: list[str],
    *,
    dependency_mode: str,
    repeat: int,
    refresh: bool = False,
    root: Path = PROJECT_ROOT,
    say: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Code, dependencies, start-up, code side by side and generated documents of ``impls``.

    ``dependency_mode``: ``fresh`` (fresh venvs, cached), ``current`` (this environment), or
    ``cached`` (the fresh venvs' cached answer where there is one, else this environment).
    """
    seconds: dict[str, float] = {}
    started = time.monotonic()
    say("footprint: counting lines of code")
    code = code_footprint(root, impls)
    seconds["code"] = time.monotonic() - started
    mark = time.monotonic()
    say("footprint: reading each framework's route table and generated OpenAPI document")
    located = {name: locate_in_subprocess(name, root) for name in impls}
    contract = yaml.safe_load(CONTRACT.read_text())
    view = code_view(contract, located)
    documents = {name: compare_documents(contract, got["openapi"]) for name, got in located.items()}
    seconds["routes_and_documents"] = time.monotonic() - mark
    mark = time.monotonic()
    deps = dependencies(impls, mode=dependency_mode, refresh=refresh, say=say)
    seconds["dependencies"] = time.monotonic() - mark
    mark = time.monotonic()
    start = startup(impls, repeat, say=say)
    seconds["startup"] = time.monotonic() - mark
    seconds["total"] = time.monotonic() - started
    return {
        "implementations": impls,
        "code": code,
        "dependencies": deps,
        "startup": start,
        "code_view": view,
        "openapi": documents,
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
    }
