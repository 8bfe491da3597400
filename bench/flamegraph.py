"""A flame graph as a self-contained SVG, drawn from a py-spy speedscope file.

Each bar is a function; its width is its share of the samples with its callees, and the bars
above it are what it called. Hovering a bar shows its name, place and share. Bars narrower
than ``MIN_SHARE`` of the whole are left out, so that the file stays small.
"""

from __future__ import annotations

import html
import zlib
from dataclasses import dataclass, field
from typing import Any

WIDTH = 1200
ROW = 17
MIN_SHARE = 0.002
CHARACTER = 7  # about how wide a character of the 11px label is


@dataclass
class Node:
    """A function on one path of calls, with the samples spent in it and its callees."""

    frame: int
    weight: float = 0.0
    children: dict[int, Node] = field(default_factory=dict)


def call_tree(data: dict[str, Any]) -> Node:
    """Every profile's stacks merged into one tree (the root stands for the whole)."""
    root = Node(-1)
    for profile in data["profiles"]:
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            root.weight += weight
            node = root
            for frame in stack:
                node = node.children.setdefault(frame, Node(frame))
                node.weight += weight
    return root


def _colour(name: str) -> str:
    """A warm colour that stays the same for a function from one graph to the next."""
    shade = zlib.crc32(name.encode()) % 80
    return f"rgb({205 + shade // 3},{90 + shade},{40 + shade // 2})"


def _depth(node: Node, whole: float) -> int:
    """How many levels of bars wide enough to draw there are at and above ``node``."""
    if whole <= 0 or node.weight / whole < MIN_SHARE:
        return 0
    return 1 + max((_depth(child, whole) for child in node.children.values()), default=0)


def render_svg(data: dict[str, Any], title: str) -> str:
    """The flame graph of a speedscope profile (``bench.profiling.read_profile``)."""
    frames = data["shared"]["frames"]
    root = call_tree(data)
    depth = max(_depth(root, root.weight) - 1, 0)  # the root is not drawn
    height = (depth + 2) * ROW
    bars: list[str] = []

    def draw(node: Node, x: float, level: int) -> None:
        width = WIDTH * node.weight / root.weight
        frame = frames[node.frame]
        name = frame.get("name", "?")
        where = f"{frame.get('file', '')}:{frame.get('line', '')}"
        y = height - (level + 1) * ROW
        label = name if len(name) * CHARACTER < width - 6 else ""
        text = f'<text x="{x + 3:.1f}" y="{y + ROW - 5}">{html.escape(label)}</text>'
        bars.append(
            f"<g><title>{html.escape(name)} ({html.escape(where)}): "
            f"{100 * node.weight / root.weight:.1f}%</title>"
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW - 1}" '
            f'fill="{_colour(name)}"/>' + (text if label else "") + "</g>"
        )
        above(node, x, level + 1)

    def above(node: Node, x: float, level: int) -> None:
        for child in sorted(node.children.values(), key=lambda child: -child.weight):
            if child.weight / root.weight >= MIN_SHARE:
                draw(child, x, level)
            x += WIDTH * child.weight / root.weight

    if root.weight > 0:
        above(root, 0.0, 0)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="11">'
        f'<text x="0" y="12" font-size="13">{html.escape(title)}</text>{"".join(bars)}</svg>'
    )
