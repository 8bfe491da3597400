"""schemathesis hooks that ``python -m contract_tests.fuzz`` loads (``SCHEMATHESIS_HOOKS``).

A title change moves an article to a new slug (``docs/contract.md``, "Articles"): the old slug
then names no article. The stateful phase follows links from the article it created, and may
do so after another step renamed it; the 404 that ``PUT /articles/{slug}`` makes right is then
reported as a resource "just created" and lost (ST302, ``ensure_resource_availability``), since
schemathesis counts a ``DELETE`` as removing a resource's sub-paths but not a ``PUT`` that moved
them. Seed 2 shows it on every implementation: ``POST /articles`` 201 ``k-14``, then
``PUT /articles/k-14`` 200 ``h-d``, then ``DELETE /articles/k-14/favorite`` 404.

The check stays on. These hooks remember the slugs a successful update moved away from (and
forget one when a new article takes it again), and drop an ST302 failure only when its request
named such a slug: every other "created, then not found" still fails the run.
"""

from __future__ import annotations

import threading
from typing import Any

import schemathesis
from schemathesis.openapi.checks import EnsureResourceAvailability

ARTICLE = "/articles/{slug}"
_moved_away: set[str] = set()
_lock = threading.Lock()  # schemathesis --workers calls hooks from several threads


def moved_slug(
    method: str, path: str, status: int, sent: dict[str, Any], answer: Any
) -> str | None:
    """The slug an answered ``PUT /articles/{slug}`` moved its article away from, if it did."""
    if (method.upper(), path, status) != ("PUT", ARTICLE, 200):
        return None
    old = sent.get("slug")
    new = answer.get("article", {}).get("slug") if isinstance(answer, dict) else None
    return old if isinstance(old, str) and isinstance(new, str) and new != old else None


def created_slug(method: str, path: str, status: int, answer: Any) -> str | None:
    """The slug of an article ``POST /articles`` created."""
    if (method.upper(), path, status) != ("POST", "/articles", 201) or not isinstance(answer, dict):
        return None
    slug = answer.get("article", {}).get("slug")
    return slug if isinstance(slug, str) else None


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    """Keep track of the slugs articles moved away from, and of those taken again."""
    try:
        answer = response.json()
    except ValueError:
        return
    sent = dict(case.path_parameters or {})
    moved = moved_slug(case.method, case.path, response.status_code, sent, answer)
    taken = created_slug(case.method, case.path, response.status_code, answer)
    with _lock:
        if moved is not None:
            _moved_away.add(moved)
        if taken is not None:
            _moved_away.discard(taken)


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Drop "created resource not found" for a slug that an update moved away from."""
    if not isinstance(failure, EnsureResourceAvailability):
        return True
    slug = (case.path_parameters or {}).get("slug")
    with _lock:
        return slug not in _moved_away
