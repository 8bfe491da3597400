"""The request schemas of ``contract_tests/openapi.yml`` accept exactly what the domain accepts.

A fuzzer takes the document at its word: a value its schema allows must pass the domain's
value rules, and a value it forbids must be refused. Each catalogue below is held against both.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from domain.rules import Checker
from tests.conftest import PROJECT_ROOT

DOCUMENT_URI = "urn:triptych:contract:openapi"
WHITE_SPACE = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
OTHER_CHARACTERS = ["\ufeff", "\u200b", "\x00", "\x01", "\x7f", "é", "名", "😀", "\u0301"]


@cache
def registry() -> Registry[Any]:
    document = yaml.safe_load((PROJECT_ROOT / "contract_tests" / "openapi.yml").read_text())
    resource: Resource[Any] = Resource.from_contents(document, default_specification=DRAFT202012)
    loaded: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
    return loaded


def allows(schema: str, value: object) -> bool:
    """Whether ``components/schemas/<schema>`` of the document allows ``value``."""
    pointer = {"$ref": f"{DOCUMENT_URI}#/components/schemas/{schema}"}
    return Draft202012Validator(pointer, registry=registry()).is_valid(value)


def disagreements(
    schema: str, rule: Callable[[Checker, Any], object], values: list[Any]
) -> list[Any]:
    """The values that the schema and the domain's rule judge differently."""
    found = []
    for value in values:
        checker = Checker()
        rule(checker, value)
        if allows(schema, value) != (not checker.errors):
            found.append(value)
    return found


def around(core: str) -> list[str]:
    """``core`` alone, inside, before and after every white-space character, and others."""
    values = [core, ""]
    for extra in WHITE_SPACE + OTHER_CHARACTERS:
        values += [extra, extra * 3, extra + core, core + extra, core[:1] + extra + core[1:]]
    return values


CASES: dict[str, tuple[Callable[[Checker, Any], object], list[Any]]] = {
    "NotBlankText": (lambda check, value: check.present("field", value), around("text")),
    "UsernameValue": (
        Checker.username,
        [*around("jake"), "J4ke_the.dog-1", "a" * 64, "a" * 65, "jake@home", "jäke", "٣"],
    ),
    "EmailValue": (
        Checker.email,
        [
            *around("jake@example.com"),
            "a@b",
            "x" * 250 + "@a.b",
            "x" * 251 + "@a.b",
            "jake",
            "@b",
            "a@",
            "a@b@c",
        ],
    ),
    "PasswordValue": (
        Checker.password,
        [*around("password"), "x" * 7, "x" * 8, "x" * 128, "x" * 129, " " * 8, " " * 7 + "x"],
    ),
    "TitleValue": (Checker.title, [*around("Dragons"), "x" * 255, "x" * 256, " " * 254 + "x"]),
    "TagValue": (
        lambda check, value: check.tags([value]),
        [
            *around("dragons"),
            "x" * 64,
            "x" * 65,
            " " * 100 + "x" * 64 + "\n" * 9,
            "x" + " " * 62 + "x",
            "x" + " " * 63 + "x",
        ],
    ),
    "TagListValue": (
        Checker.tags,
        [[], ["a", "a "], ["a", ""], ["a", " \t"], ["x" * 65], ["a\x00"], [" b ", "c"]],
    ),
    "OptionalText": (
        lambda check, value: check.storable("field", value),
        [None, "", " ", "bio", "a\x00b", "\x00"],
    ),
}


@pytest.mark.parametrize("schema", sorted(CASES))
def test_the_schema_allows_what_the_domain_accepts(schema: str) -> None:
    rule, values = CASES[schema]
    assert len(values) > 5
    assert disagreements(schema, rule, values) == []
