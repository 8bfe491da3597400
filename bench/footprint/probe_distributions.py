"""Run by any interpreter (a fresh venv's too): the installed closure of some requirements.

``python probe_distributions.py '{"impl": [...], "base": [...]}'`` prints, as JSON, every
distribution each list of requirements pulls in (markers evaluated here), with its version,
installed size (the files its RECORD lists) and what it requires. Standard library only, plus
``packaging`` or the copy pip carries.
"""

from __future__ import annotations

import json
import sys
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # checked against packaging, which an environment built by uv may hold alone
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
else:
    try:
        from packaging.requirements import Requirement
        from packaging.utils import canonicalize_name
    except ImportError:  # a bare venv: pip's own copy
        from pip._vendor.packaging.requirements import Requirement
        from pip._vendor.packaging.utils import canonicalize_name


def _applies(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""})


def _size(distribution: metadata.Distribution) -> int:
    total = 0
    for file in distribution.files or []:
        path = distribution.locate_file(file)
        try:
            total += path.stat().st_size  # type: ignore[attr-defined]
        except OSError:
            continue
    return total


def closure(requirements: list[str]) -> dict[str, dict[str, Any]]:
    """Every installed distribution ``requirements`` need, by canonical name."""
    found: dict[str, dict[str, Any]] = {}
    pending = [(Requirement(text), {""}) for text in requirements]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        requirement, parent_extras = pending.pop()
        if not _applies(requirement, parent_extras):
            continue
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            found.setdefault(name, {"version": None, "size": 0, "requires": []})
            continue
        entry = found.setdefault(
            name,
            {"version": distribution.version, "size": _size(distribution), "requires": []},
        )
        for text in distribution.requires or []:
            child = Requirement(text)
            if _applies(child, set(requirement.extras)):
                pending.append((child, set(requirement.extras)))
                child_name = canonicalize_name(child.name)
                if child_name not in entry["requires"]:
                    entry["requires"].append(child_name)
    return found


def main() -> None:
    wanted = json.loads(sys.argv[1])
    print(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "impl": closure(wanted["impl"]),
                "base": closure(wanted["base"]),
            }
        )
    )


if __name__ == "__main__":
    main()
