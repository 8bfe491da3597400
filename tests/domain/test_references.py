"""A favorite, comment or tag link whose article vanished meanwhile is the article's 404."""

from __future__ import annotations

import pytest

from domain.errors import NotFound
from domain.references import reference_violation


@pytest.mark.parametrize(
    "constraint",
    ["favorites_article_id_fkey", "comments_article_id_fkey", "article_tags_article_id_fkey"],
)
def test_a_vanished_article_is_not_found(constraint: str) -> None:
    error = reference_violation(constraint)
    assert isinstance(error, NotFound)
    assert error.body() == {"errors": {"article": ["not found"]}}


@pytest.mark.parametrize(
    "constraint", [None, "favorites_user_id_fkey", "articles_author_id_fkey", "users_email_key"]
)
def test_other_constraints_are_not_translated(constraint: str | None) -> None:
    assert reference_violation(constraint) is None
