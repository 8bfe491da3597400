"""Unique violations of the shared schema, as each database reports them."""

from __future__ import annotations

import pytest

from domain.errors import Conflict, SlugTaken
from domain.unique import unique_violation


@pytest.mark.parametrize(
    ("constraint", "message", "key"),
    [
        ("users_username_key", "duplicate key value", "username"),
        (None, "UNIQUE constraint failed: users.username", "username"),
        ("users_email_key", "duplicate key value", "email"),
        (None, "UNIQUE constraint failed: users.email", "email"),
    ],
)
def test_taken_names_are_conflicts(constraint: str | None, message: str, key: str) -> None:
    error = unique_violation(constraint, message)
    assert isinstance(error, Conflict)
    assert error.errors == {key: ["has already been taken"]}


@pytest.mark.parametrize(
    ("constraint", "message"),
    [("articles_slug_key", "duplicate"), (None, "UNIQUE constraint failed: articles.slug")],
)
def test_a_taken_slug_is_slug_taken(constraint: str | None, message: str) -> None:
    assert isinstance(unique_violation(constraint, message), SlugTaken)


@pytest.mark.parametrize(
    ("constraint", "message"),
    [
        ("follows_follower_id_followed_id_key", "duplicate"),
        (None, "UNIQUE constraint failed: tags.name"),
        (None, "FOREIGN KEY constraint failed"),
    ],
)
def test_other_violations_are_not_the_domains(constraint: str | None, message: str) -> None:
    assert unique_violation(constraint, message) is None
