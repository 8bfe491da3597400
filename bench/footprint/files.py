"""``footprint.json`` in a report folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FOOTPRINT_FILE = "footprint.json"


def write_footprint(directory: Path, footprint: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FOOTPRINT_FILE
    path.write_text(json.dumps(footprint, indent=2) + "\n")
    return path


def read_footprint(directory: Path) -> dict[str, Any] | None:
    path = directory / FOOTPRINT_FILE
    if not path.is_file():
        return None
    found: dict[str, Any] = json.loads(path.read_text())
    return found
