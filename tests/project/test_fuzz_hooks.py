"""``contract_tests/fuzz_hooks.py``: an ST302 failure is dropped only for a slug that an update
moved away from, and every other one is kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from schemathesis.openapi.checks import EnsureResourceAvailability

from contract_tests import fuzz_hooks


@dataclass
class Case:
    method: str
    path: str
    path_parameters: dict[str, Any] = field(default_factory=dict)


@dataclass
class Response:
    status_code: int
    body: Any

    def json(self) -> Any:
        return self.body


def lost(slug: str) -> tuple[EnsureResourceAvailability, Case]:
    failure = EnsureResourceAvailability(
        operation="POST /articles",
        message="The API returned `404 Not Found` for a resource that was just created.",
        created_with="POST /articles",
        not_available_with="DELETE /articles/{slug}/favorite",
    )
    return failure, Case("DELETE", "/articles/{slug}/favorite", {"slug": slug})


def call(method: str, path: str, slug: str | None, status: int, answered: str | None) -> None:
    parameters = {"slug": slug} if slug is not None else {}
    body = {"article": {"slug": answered}} if answered is not None else {}
    fuzz_hooks.after_call(None, Case(method, path, parameters), Response(status, body))


@pytest.fixture(autouse=True)
def _forget() -> None:
    fuzz_hooks._moved_away.clear()


def test_a_slug_an_update_moved_away_from_excuses_its_404() -> None:
    call("POST", "/articles", None, 201, "k-14")
    call("PUT", "/articles/{slug}", "k-14", 200, "h-d")
    failure, case = lost("k-14")
    assert fuzz_hooks.filter_failure(None, failure, case, Response(404, {})) is False


@pytest.mark.parametrize(
    "update",
    [
        ("PUT", "/articles/{slug}", "k-14", 200, "k-14"),  # the slug stayed
        ("PUT", "/articles/{slug}", "k-14", 422, None),  # the update was refused
        ("PUT", "/articles/{slug}", "other", 200, "h-d"),  # another article moved
        ("DELETE", "/articles/{slug}/favorite", "k-14", 200, "h-d"),  # no move
    ],
)
def test_any_other_lost_resource_still_fails(update: tuple[str, str, str, int, str | None]) -> None:
    call(*update)
    failure, case = lost("k-14")
    assert fuzz_hooks.filter_failure(None, failure, case, Response(404, {})) is True


def test_a_slug_taken_again_by_a_new_article_is_no_longer_excused() -> None:
    call("PUT", "/articles/{slug}", "k-14", 200, "h-d")
    call("POST", "/articles", None, 201, "k-14")
    failure, case = lost("k-14")
    assert fuzz_hooks.filter_failure(None, failure, case, Response(404, {})) is True


def test_other_failures_are_never_dropped() -> None:
    call("PUT", "/articles/{slug}", "k-14", 200, "h-d")
    _, case = lost("k-14")
    other = AssertionError("a 500")
    assert fuzz_hooks.filter_failure(None, other, case, Response(500, {})) is True
