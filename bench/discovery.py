"""Which implementations exist: every ``impl_<name>`` package with a ``__main__.py``; and
their variants: each implementation as it is served, once per mode its package lists.
"""

from __future__ import annotations

import ast
from pathlib import Path

from bench.plan import Knobs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def implementations(root: Path = PROJECT_ROOT) -> list[str]:
    """The names (``fastapi``, ...) of the runnable implementations under ``root``, sorted."""
    return sorted(
        path.parent.name.removeprefix("impl_")
        for path in root.glob("impl_*/__main__.py")
        if path.is_file()
    )


def floor_module(name: str, root: Path = PROJECT_ROOT) -> str | None:
    """The module serving framework ``name``'s minimal JSON endpoint (the framework of a
    variant's implementation, for a variant), if there is one."""
    framework, _ = variant_parts(name)
    if (root / "bench" / "floors" / f"{framework}_floor.py").is_file():
        return f"bench.floors.{framework}_floor"
    return None


def implementations_of(variants: list[str]) -> list[str]:
    """The implementations these variants serve, each once, in order."""
    return list(dict.fromkeys(variant_parts(variant)[0] for variant in variants))


def modes(name: str, root: Path = PROJECT_ROOT) -> tuple[str, ...]:
    """The serving modes implementation ``name`` lists (``MODES = (...)`` in its package's
    ``__init__.py``, read without importing it), the default first; none for one mode only."""
    return _listed(name, "MODES", root)


def _listed(name: str, constant: str, root: Path) -> tuple[str, ...]:
    """The tuple of strings ``constant = (...)`` in ``impl_<name>``'s ``__init__.py``."""
    tree = ast.parse((root / f"impl_{name}" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [
            getattr(target, "id", None) for target in node.targets
        ] == [constant]:
            listed = ast.literal_eval(node.value)
            return tuple(str(item) for item in listed)
    return ()


def on_event_loop(variant: str, root: Path = PROJECT_ROOT) -> bool:
    """Whether ``variant`` serves its requests on an event loop (its package's
    ``EVENT_LOOP_MODES`` names its mode), rather than each on a thread."""
    name, mode = variant_parts(variant)
    own = mode or next(iter(modes(name, root)), "")
    return own in _listed(name, "EVENT_LOOP_MODES", root)


def knobs(variants: list[str], root: Path = PROJECT_ROOT) -> Knobs:
    """The knob each variant's ``serve`` takes: ``--pool-size`` on an event loop, else
    ``--threads``."""
    looped = {variant for variant in variants if on_event_loop(variant, root)}
    return Knobs(threaded=frozenset(set(variants) - looped), event_loop=frozenset(looped))


def variants(root: Path = PROJECT_ROOT) -> list[str]:
    """Every implementation as it is served: ``<name>`` in its default mode, and
    ``<name>-<mode>`` in each other (``fastapi``, ``fastapi-sync``, ...), sorted."""
    found = []
    for name in implementations(root):
        found.append(name)
        found += [f"{name}-{mode}" for mode in modes(name, root)[1:]]
    return sorted(found)


def variant_parts(variant: str) -> tuple[str, str | None]:
    """``fastapi-sync``: the implementation ``fastapi`` in its mode ``sync``; a name alone is an
    implementation in its default mode. A version (``fastapi-sync@0.138.0``) changes neither."""
    name, _, mode = unversioned(variant).partition("-")
    return name, mode or None


def unversioned(variant: str) -> str:
    """``fastapi-sync`` for ``fastapi-sync@0.138.0`` (a variant served with ``--with``)."""
    return variant.partition("@")[0]


def serve_command(variant: str, python: str) -> list[str]:
    """``python -m impl_<name> serve`` for ``variant``, with ``--mode`` for a mode of its own;
    the caller adds the host, port and workers."""
    name, mode = variant_parts(variant)
    return [python, "-m", f"impl_{name}", "serve", *(["--mode", mode] if mode else [])]
