"""Slugs: readable, derived from the title, unique."""

from __future__ import annotations

import re
import secrets
import string
import unicodedata

SLUG_BASE_MAX = 100
SUFFIX_LENGTH = 8
_ALPHABET = string.ascii_lowercase + string.digits
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Slugs that a path of the contract names: ``/articles/feed`` is the feed, never an article.
RESERVED = frozenset({"feed"})


def slugify(title: str) -> str:
    """The title folded to ASCII, lower-cased, runs of other characters as one ``-``."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ALNUM.sub("-", folded.lower()).strip("-")[:SLUG_BASE_MAX].rstrip("-")
    return slug or "article"


def is_reserved(slug: str) -> bool:
    """Whether ``slug`` is a word of the contract's paths, so no article may hold it."""
    return slug in RESERVED


def with_suffix(base: str) -> str:
    """``base`` with ``-`` and a random suffix, for when ``base`` itself is taken."""
    return f"{base}-{''.join(secrets.choice(_ALPHABET) for _ in range(SUFFIX_LENGTH))}"
