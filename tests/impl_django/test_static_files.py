"""``serve`` collects the static files once: servers started together on one ``STATIC_ROOT``
take turns, and the first collects."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from impl_django.__main__ import collect_static_files_once


def test_servers_started_together_on_one_static_root_collect_once(tmp_path: Path) -> None:
    root = tmp_path / "static"
    inside: list[int] = []
    most_inside = 0
    collections = 0
    entered = threading.Barrier(3)

    def collect() -> None:
        nonlocal most_inside, collections
        inside.append(1)
        most_inside = max(most_inside, len(inside))
        time.sleep(0.2)  # the others reach the lock meanwhile
        root.mkdir(exist_ok=True)
        (root / "staticfiles.json").write_text("{}")
        collections += 1
        inside.pop()

    def start() -> None:
        entered.wait()
        collect_static_files_once(root, collect)

    starts = [threading.Thread(target=start) for _ in range(3)]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join(10)
    assert (collections, most_inside) == (1, 1)
    collect_static_files_once(root, collect)
    assert collections == 1
