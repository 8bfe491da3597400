"""The foreign keys of the shared schema that a concurrent delete can break, and the domain
errors they stand for.

A favorite, a comment or a tag link is written after its article was found; when the author
deletes the article in between, in another transaction, PostgreSQL refuses the row. The request
then meets what a later one would: the article is not found. (SQLite runs one writer at a time,
so there the article cannot vanish within a request.)
"""

from __future__ import annotations

from domain.errors import NOT_FOUND, NotFound

_ARTICLE_REFERENCES = frozenset(
    {"favorites_article_id_fkey", "comments_article_id_fkey", "article_tags_article_id_fkey"}
)


def reference_violation(constraint: str | None) -> Exception | None:
    """The domain error for a row whose article is gone, named by PostgreSQL's constraint."""
    if constraint in _ARTICLE_REFERENCES:
        return NotFound.of("article", NOT_FOUND)
    return None
