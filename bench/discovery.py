"""Which implementations exist: every ``impl_<name>`` package with a ``__main__.py``."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def implementations(root: Path = PROJECT_ROOT) -> list[str]:
    """The names (``fastapi``, ...) of the runnable implementations under ``root``, sorted."""
    return sorted(
        path.parent.name.removeprefix("impl_")
        for path in root.glob("impl_*/__main__.py")
        if path.is_file()
    )


def floor_module(name: str, root: Path = PROJECT_ROOT) -> str | None:
    """The module serving framework ``name``'s minimal JSON endpoint, if there is one."""
    if (root / "bench" / "floors" / f"{name}_floor.py").is_file():
        return f"bench.floors.{name}_floor"
    return None
