"""Slugs as docs/contract.md describes them."""

from __future__ import annotations

import re

import pytest

from domain.slugs import slugify, with_suffix


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("How to train your dragon", "how-to-train-your-dragon"),
        ("  Hello,   World!  ", "hello-world"),
        ("C++ & Python 3.12", "c-python-3-12"),
        ("Crème brûlée à la façon", "creme-brulee-a-la-facon"),
        ("ÅNGSTRÖM", "angstrom"),
        ("\ufb01ne print", "fine-print"),
        ("--dash--", "dash"),
        ("snake_case_title", "snake-case-title"),
        ("!!!", "article"),
        ("", "article"),
        ("日本語", "article"),
        ("a" * 150, "a" * 100),
        ("a" * 99 + " b", "a" * 99),
        ("b " + "a" * 120, "b-" + "a" * 98),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_output_alphabet() -> None:
    slug = slugify("Ünïcødé — “quotes” & emoji 🐉 42")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert slug == "unicde-quotes-emoji-42"


def test_with_suffix_appends_eight_lowercase_letters_or_digits() -> None:
    suffixed = {with_suffix("my-title") for _ in range(20)}
    assert all(re.fullmatch(r"my-title-[a-z0-9]{8}", slug) for slug in suffixed)
    assert len(suffixed) > 1
