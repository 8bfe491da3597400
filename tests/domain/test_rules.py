"""Value rules per field (docs/contract.md, "Field rules")."""

from __future__ import annotations

import pytest

from domain import rules
from domain.errors import ValidationFailed
from domain.rules import Checker, optional_text
from tests.domain.support import expect_error

BLANK = "can't be blank"
INVALID = "is invalid"


def messages(run: str, value: str) -> dict[str, list[str]]:
    checker = Checker()
    getattr(checker, run)(value)
    return checker.errors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jake", {}),
        ("J4ke_the.dog-1", {}),
        ("a", {}),
        ("a" * 64, {}),
        ("a" * 65, {"username": ["is too long (maximum is 64 characters)"]}),
        ("", {"username": [BLANK]}),
        ("   ", {"username": [BLANK]}),
        ("jake smith", {"username": [INVALID]}),
        (" jake", {"username": [INVALID]}),
        ("jake\n", {"username": [INVALID]}),
        ("jake@home", {"username": [INVALID]}),
        ("jake/../x", {"username": [INVALID]}),
        ("jake!", {"username": [INVALID]}),
        ("jäke", {}),  # letters of any script
        ("名前", {}),
        ("jake٣", {}),  # digits of any script
        ("ja\u0301ke", {"username": [INVALID]}),  # a combining mark is not a word character
    ],
)
def test_username_rule(value: str, expected: dict[str, list[str]]) -> None:
    assert messages("username", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jake@example.com", {}),
        ("a@b", {}),
        ("x" * 250 + "@a.b", {}),
        ("x" * 251 + "@a.b", {"email": ["is too long (maximum is 254 characters)"]}),
        ("", {"email": [BLANK]}),
        (" \t", {"email": [BLANK]}),
        ("jake", {"email": [INVALID]}),
        ("@example.com", {"email": [INVALID]}),
        ("jake@", {"email": [INVALID]}),
        ("ja ke@example.com", {"email": [INVALID]}),
        ("jake@exa@mple.com", {"email": [INVALID]}),
        (" jake@example.com", {"email": [INVALID]}),
    ],
)
def test_email_rule(value: str, expected: dict[str, list[str]]) -> None:
    assert messages("email", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12345678", {}),
        ("x" * 128, {}),
        ("1234567", {"password": ["is too short (minimum is 8 characters)"]}),
        ("x" * 129, {"password": ["is too long (maximum is 128 characters)"]}),
        ("", {"password": [BLANK]}),
        (" " * 10, {"password": [BLANK]}),
        ("  pass  word  ", {}),
    ],
)
def test_password_rule(value: str, expected: dict[str, list[str]]) -> None:
    assert messages("password", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("T", {}),
        ("t" * 255, {}),
        ("t" * 256, {"title": ["is too long (maximum is 255 characters)"]}),
        ("", {"title": [BLANK]}),
        ("\n ", {"title": [BLANK]}),
    ],
)
def test_title_rule(value: str, expected: dict[str, list[str]]) -> None:
    assert messages("title", value) == expected


@pytest.mark.parametrize(
    ("values", "tags", "expected"),
    [
        ([], [], {}),
        (["b", "a", "c"], ["a", "b", "c"], {}),
        (["  dragons ", "dragons", "Dragons"], ["Dragons", "dragons"], {}),
        (["t" * 64], ["t" * 64], {}),
        ([" " + "t" * 64 + " "], ["t" * 64], {}),
        (["ok", ""], ["ok"], {"tagList": ["can't contain a blank tag"]}),
        (["ok", "   "], ["ok"], {"tagList": ["can't contain a blank tag"]}),
        (["t" * 65], ["t" * 65], {"tagList": ["is too long (maximum is 64 characters)"]}),
        (
            ["", "t" * 65],
            ["t" * 65],
            {"tagList": ["can't contain a blank tag", "is too long (maximum is 64 characters)"]},
        ),
    ],
)
def test_tags_rule(values: list[str], tags: list[str], expected: dict[str, list[str]]) -> None:
    checker = Checker()
    assert checker.tags(values) == tags
    assert checker.errors == expected


def test_checker_collects_every_field_before_raising() -> None:
    checker = Checker()
    checker.username("bad name")
    checker.email("nope")
    checker.password("short")
    checker.present("body", " ")
    with expect_error(
        ValidationFailed,
        422,
        {
            "username": [INVALID],
            "email": [INVALID],
            "password": ["is too short (minimum is 8 characters)"],
            "body": [BLANK],
        },
    ):
        checker.raise_if_any()


def test_checker_without_messages_does_not_raise() -> None:
    checker = Checker()
    assert checker.present("body", "text") is True
    checker.length("body", "text", minimum=1, maximum=10)
    checker.raise_if_any()
    assert checker.errors == {}


def test_length_without_maximum_only_checks_minimum() -> None:
    checker = Checker()
    checker.length("body", "x" * 10_000)
    checker.length("other", "")
    assert checker.errors == {"other": ["is too short (minimum is 1 characters)"]}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\t\n", None),
        ("I like to skateboard", "I like to skateboard"),
        ("  padded  ", "  padded  "),
    ],
)
def test_optional_text_turns_blank_into_null(value: str | None, expected: str | None) -> None:
    assert optional_text(value) == expected


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        (None, None, (20, 0)),
        (1, 0, (1, 0)),
        (100, 5, (100, 5)),
        (None, 40, (20, 40)),
        (7, None, (7, 0)),
    ],
)
def test_page_defaults_and_bounds(
    limit: int | None, offset: int | None, expected: tuple[int, int]
) -> None:
    assert rules.page(limit, offset) == expected


LIMIT = {"limit": ["must be an integer from 1 to 100"]}
OFFSET = {"offset": ["must be a non-negative integer"]}


@pytest.mark.parametrize(
    ("limit", "offset", "errors"),
    [
        (0, 0, LIMIT),
        (-1, None, LIMIT),
        (101, 0, LIMIT),
        (20, -1, OFFSET),
        (0, -1, LIMIT | OFFSET),
    ],
)
def test_page_refuses_out_of_range(
    limit: int | None, offset: int | None, errors: dict[str, list[str]]
) -> None:
    with expect_error(ValidationFailed, 422, errors):
        rules.page(limit, offset)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("-0", 0),
        ("20", 20),
        ("-3", -3),
        ("007", 7),
        ("0" * 5000 + "5", 5),
        ("18446744073709551615", 2**64 - 1),
        ("9" * 5000, 2**64),
        ("-" + "9" * 5000, -(2**64)),
    ],
)
def test_whole_numbers_are_read(text: str, number: int) -> None:
    assert rules.whole_number(text) == number


@pytest.mark.parametrize(
    "text", ["", "-", "+5", " 5", "5 ", "1.0", "1e3", "0x10", "1_0", "\uff15", "\u0665", "NaN"]
)
def test_anything_else_is_not_a_whole_number(text: str) -> None:
    assert rules.whole_number(text) is None
