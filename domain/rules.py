"""Value rules for every field the contract accepts, collected per request."""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.errors import (
    BLANK,
    BLANK_TAG,
    INVALID,
    LIMIT_RANGE,
    OFFSET_RANGE,
    ValidationFailed,
    too_long,
    too_short,
)

USERNAME_MAX = 64
EMAIL_MAX = 254
PASSWORD_MIN = 8
PASSWORD_MAX = 128
TITLE_MAX = 255
TAG_MAX = 64
LIMIT_DEFAULT = 20
LIMIT_MAX = 100
OFFSET_MAX = 2**63 - 1  # what databases take; a larger offset skips every match all the same
NUL = "\x00"  # no database text type stores it, so no stored value holds it
# Text no database can store or look up: NUL, and lone surrogates (U+D800 to U+DFFF), which
# JSON's ``\ud800`` escapes can carry but no UTF-8 (nor any database encoding) can.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_PAST_64_BITS = 2**64  # what a longer digit string reads as: out of every range all the same
_USERNAME = re.compile(r"[\w.-]+")  # letters and digits of any script (Unicode \w)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class Checker:
    """Collects messages per field and raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)

    def present(self, key: str, value: str) -> bool:
        """Record ``can't be blank`` for an empty or white-space value; true if it has text."""
        if not value.strip():
            self.add(key, BLANK)
            return False
        return self.storable(key, value)

    def storable(self, key: str, value: str | None) -> bool:
        """Record ``is invalid`` for text no database can store; true if it can be stored."""
        if value is not None and not storable(value):
            self.add(key, INVALID)
            return False
        return True

    def length(self, key: str, value: str, *, minimum: int = 1, maximum: int | None = None) -> None:
        if len(value) < minimum:
            self.add(key, too_short(minimum))
        elif maximum is not None and len(value) > maximum:
            self.add(key, too_long(maximum))

    def username(self, value: str) -> None:
        if self.present("username", value):
            if len(value) > USERNAME_MAX:
                self.add("username", too_long(USERNAME_MAX))
            elif not _USERNAME.fullmatch(value):
                self.add("username", INVALID)

    def email(self, value: str) -> None:
        if self.present("email", value):
            if len(value) > EMAIL_MAX:
                self.add("email", too_long(EMAIL_MAX))
            elif not _EMAIL.fullmatch(value):
                self.add("email", INVALID)

    def password(self, value: str) -> None:
        if self.present("password", value):
            self.length("password", value, minimum=PASSWORD_MIN, maximum=PASSWORD_MAX)

    def title(self, value: str) -> None:
        if self.present("title", value):
            self.length("title", value, maximum=TITLE_MAX)

    def tags(self, values: Iterable[str]) -> list[str]:
        """The tags trimmed, merged and sorted; records a message for a blank or long one."""
        tags = {value.strip() for value in values}
        if "" in tags:
            self.add("tagList", BLANK_TAG)
        if not all(storable(tag) for tag in tags):
            self.add("tagList", INVALID)
        if any(len(tag) > TAG_MAX for tag in tags):
            self.add("tagList", too_long(TAG_MAX))
        return sorted(tags - {""})


def optional_text(value: str | None) -> str | None:
    """``bio`` and ``image``: an empty or white-space string is stored as null."""
    return value if value is not None and value.strip() else None


def whole_number(text: str) -> int | None:
    """A query integer (``limit``, ``offset``) as the contract writes it: ASCII digits with an
    optional leading ``-``; None for anything else (``+1``, `` 1``, ``1.0``, ``1e3``, ``1_0``,
    other scripts' digits). One with more digits than 64 bits hold reads as 2^64 (or -2^64),
    which ``page`` treats as the number it stands for; ``int()`` refuses past 4,300 digits."""
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    digits = text.removeprefix("-").lstrip("0")
    magnitude = _PAST_64_BITS if len(digits) > len(str(_PAST_64_BITS)) else int(digits or "0")
    return -magnitude if text.startswith("-") else magnitude


def page(limit: int | None, offset: int | None) -> tuple[int, int]:
    """Checked ``limit`` and ``offset`` with their defaults."""
    checker = Checker()
    limit = LIMIT_DEFAULT if limit is None else limit
    offset = 0 if offset is None else offset
    if not 1 <= limit <= LIMIT_MAX:
        checker.add("limit", LIMIT_RANGE)
    if offset < 0:
        checker.add("offset", OFFSET_RANGE)
    checker.raise_if_any()
    return limit, min(offset, OFFSET_MAX)


def storable(text: str) -> bool:
    """Whether a database can store ``text``: no NUL character, no lone surrogate."""
    return _UNSTORABLE.search(text) is None


def findable(*keys: str | None) -> bool:
    """Whether look-up keys could match stored values at all (each is storable text)."""
    return all(key is None or storable(key) for key in keys)
