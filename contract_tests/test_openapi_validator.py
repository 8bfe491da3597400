"""The response checker itself and the shape of the OpenAPI document; no server needed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from contract_tests.support.openapi_contract import (
    REALWORLD,
    ContractViolation,
    OpenApiContract,
    compact_json,
    contract,
)

TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"
JSON = "application/json"


def profile(**overrides: Any) -> dict[str, Any]:
    return {"username": "jake", "bio": None, "image": None, "following": False, **overrides}


def article(**overrides: Any) -> dict[str, Any]:
    return {
        "slug": "how-to-train-your-dragon",
        "title": "How to train your dragon",
        "description": "Ever wonder how?",
        "body": "You have to believe",
        "tagList": ["dragons", "training"],
        "createdAt": "2026-01-31T12:00:00.000Z",
        "updatedAt": "2026-01-31T12:00:00.000Z",
        "favorited": False,
        "favoritesCount": 0,
        "author": profile(),
        **overrides,
    }


def encoded(value: object) -> bytes:
    return compact_json(value)


def check(method: str, path: str, status: int, body: object, content_type: str = JSON) -> None:
    contract().check(method, path, status, content_type, encoded(body))


def test_accepts_a_valid_article() -> None:
    check("GET", "/articles/how-to-train-your-dragon", 200, {"article": article()})


def test_rejects_an_extra_field_in_an_article() -> None:
    with pytest.raises(ContractViolation, match="Additional properties"):
        check("GET", "/articles/x", 200, {"article": article(extra=1)})


def test_rejects_an_extra_field_in_a_nested_profile() -> None:
    with pytest.raises(ContractViolation, match="author"):
        check("GET", "/articles/x", 200, {"article": article(author=profile(email="a@b.c"))})


def test_rejects_a_body_in_a_list_item() -> None:
    with pytest.raises(ContractViolation, match="body"):
        check("GET", "/articles", 200, {"articles": [article()], "articlesCount": 1})


def test_accepts_a_list_item_without_body() -> None:
    item = article()
    del item["body"]
    check("GET", "/articles", 200, {"articles": [item], "articlesCount": 1})


@pytest.mark.parametrize(
    "timestamp",
    [
        "2026-01-31T12:00:00Z",
        "2026-01-31T12:00:00.000000Z",
        "2026-01-31T12:00:00.000+00:00",
        "2026-01-31 12:00:00.000Z",
        "2026-01-31T12:00:00.000",
    ],
)
def test_rejects_a_timestamp_without_exactly_milliseconds_and_z(timestamp: str) -> None:
    with pytest.raises(ContractViolation, match="createdAt"):
        check("GET", "/articles/x", 200, {"article": article(createdAt=timestamp)})


def test_rejects_an_undocumented_status() -> None:
    with pytest.raises(ContractViolation, match="status not documented"):
        check("GET", "/tags", 502, {"errors": {"server": ["broke"]}})


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (413, {"errors": {"request": ["is too large"]}}),
        (500, {"errors": {"server": ["internal error"]}}),
        (503, {"errors": {"database": ["unavailable"]}}),
    ],
)
def test_every_operation_documents_the_generic_refusals(status: int, body: object) -> None:
    document = contract().document
    operations = [
        (method, path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "delete"}
    ]
    assert len(operations) == 19
    for method, path in operations:
        concrete = path.replace("{id}", "1").replace("{slug}", "s").replace("{username}", "u")
        check(method, concrete, status, body)
    with pytest.raises(ContractViolation, match="body breaks the contract"):
        check("GET", "/tags", status, {"errors": {"server": ["broke"]}})


def test_a_refused_token_names_its_scheme() -> None:
    token_missing = contract().document["components"]["responses"]["TokenMissing"]
    assert token_missing["headers"]["WWW-Authenticate"]["schema"] == {"const": "Token"}


def test_rejects_a_status_documented_only_for_other_operations() -> None:
    with pytest.raises(ContractViolation, match="status not documented"):
        check("DELETE", "/articles/x", 200, {"article": article()})


def test_rejects_an_unknown_path() -> None:
    with pytest.raises(ContractViolation, match="path not in the contract"):
        check("GET", "/nothing/here", 200, {})


def test_rejects_a_body_on_204() -> None:
    with pytest.raises(ContractViolation, match="must be empty"):
        contract().check("DELETE", "/articles/x", 204, JSON, b"{}")


def test_accepts_an_empty_204() -> None:
    contract().check("DELETE", "/articles/x/comments/7", 204, None, b"")


def test_rejects_a_non_json_body() -> None:
    with pytest.raises(ContractViolation, match="not JSON"):
        contract().check("GET", "/tags", 200, JSON, b"<html></html>")


@pytest.mark.parametrize(
    "written",
    [
        json.dumps({"tags": ["é"]}).encode(),  # spaces, and \u-escaped text
        json.dumps({"tags": ["é"]}, separators=(",", ":")).encode(),  # \u-escaped text
        compact_json({"tags": ["é"]}) + b"\n",
        b'{"tags": ["e"]}',
    ],
)
def test_rejects_json_that_is_not_written_compactly(written: bytes) -> None:
    with pytest.raises(ContractViolation, match="compact UTF-8"):
        contract().check("GET", "/tags", 200, JSON, written)


def test_accepts_compact_utf8_json() -> None:
    contract().check("GET", "/tags", 200, JSON, '{"tags":["é","z"]}'.encode())


def test_rejects_a_wrong_content_type() -> None:
    with pytest.raises(ContractViolation, match="content type"):
        check("GET", "/tags", 200, {"tags": []}, content_type="text/html")


@pytest.mark.parametrize(
    "body",
    [
        {"errors": {}},
        {"errors": {"title": []}},
        {"errors": {"title": "can't be blank"}},
        {"errors": {"title": ["can't be blank"]}, "message": "bad"},
        {"error": {"title": ["can't be blank"]}},
    ],
)
def test_rejects_malformed_error_bodies(body: object) -> None:
    with pytest.raises(ContractViolation):
        check("POST", "/articles", 422, body)


@pytest.mark.parametrize(
    ("method", "path", "status", "body"),
    [
        ("GET", "/user", 401, {"errors": {"token": ["invalid"]}}),
        ("POST", "/users/login", 401, {"errors": {"token": ["is missing"]}}),
        ("GET", "/profiles/x", 404, {"errors": {"profile": ["missing"]}}),
        ("PUT", "/articles/x", 403, {"errors": {"user": ["forbidden"]}}),
        ("POST", "/users", 409, {"errors": {"title": ["has already been taken"]}}),
    ],
)
def test_rejects_wrong_keys_or_messages_for_fixed_errors(
    method: str, path: str, status: int, body: object
) -> None:
    with pytest.raises(ContractViolation):
        check(method, path, status, body)


def test_rejects_a_string_count() -> None:
    with pytest.raises(ContractViolation, match="favoritesCount"):
        check("GET", "/articles/x", 200, {"article": article(favoritesCount="1")})


def test_rejects_a_missing_nullable_field() -> None:
    author = profile()
    del author["bio"]
    with pytest.raises(ContractViolation, match="bio"):
        check("GET", "/profiles/jake", 200, {"profile": author})


def test_prefers_literal_path_segments() -> None:
    assert contract().match_path("/articles/feed") == "/articles/feed"
    assert contract().match_path("/articles/feed-me") == "/articles/{slug}"


def walk_schemas(node: object, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in the document that declares a JSON Schema object type."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield pointer, node
        for key, value in node.items():
            yield from walk_schemas(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_schemas(value, f"{pointer}/{index}")


def test_every_response_object_refuses_unknown_properties() -> None:
    document = contract().document
    response_objects = [
        (pointer, schema)
        for pointer, schema in walk_schemas(document["components"])
        if not pointer.startswith("/requestBodies")
    ]
    assert len(response_objects) >= 15
    for pointer, schema in response_objects:
        assert "additionalProperties" in schema, pointer
        if "properties" in schema:
            assert schema["additionalProperties"] is False, pointer


def test_every_schema_is_valid_draft_2020_12() -> None:
    schemas = contract().document["components"]["schemas"]
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    assert schemas["Timestamp"]["pattern"] == TIMESTAMP_PATTERN


def test_servers_are_relative_to_api() -> None:
    assert contract().document["servers"] == [{"url": "/api"}]


def test_a_contract_can_be_built_from_any_document() -> None:
    minimal = OpenApiContract(
        {
            "openapi": "3.1.0",
            "paths": {
                "/ping": {
                    "get": {
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {
                                    JSON: {
                                        "schema": {
                                            "type": "object",
                                            "additionalProperties": False,
                                            "properties": {"pong": {"const": True}},
                                        }
                                    }
                                },
                            }
                        }
                    }
                }
            },
        }
    )
    minimal.check("GET", "/ping", 200, JSON, b'{"pong":true}')
    with pytest.raises(ContractViolation):
        minimal.check("GET", "/ping", 200, JSON, b'{"pong":false}')


SECURE = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Vary": "Accept-Encoding, origin",
}


def check_headers(headers: dict[str, str]) -> None:
    contract().check("GET", "/tags", 200, JSON, encoded({"tags": []}), headers=headers)


def test_accepts_the_documented_headers_with_or_without_an_allowed_origin() -> None:
    check_headers(SECURE)
    check_headers({**SECURE, "Access-Control-Allow-Origin": "*"})


@pytest.mark.parametrize("name", sorted(SECURE))
def test_rejects_an_answer_without_a_required_header(name: str) -> None:
    headers = {key: value for key, value in SECURE.items() if key != name}
    with pytest.raises(ContractViolation, match=f"header {name} is missing"):
        check_headers(headers)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-Frame-Options", "SAMEORIGIN"),
        ("Cache-Control", "no-cache"),
        ("Vary", "Accept-Encoding"),
        ("Vary", "Originator"),
        ("Access-Control-Allow-Origin", ""),
    ],
)
def test_rejects_a_header_of_another_value(name: str, value: str) -> None:
    with pytest.raises(ContractViolation, match=f"header {name}"):
        check_headers({**SECURE, name: value})


def test_headers_are_checked_on_empty_answers_too() -> None:
    with pytest.raises(ContractViolation, match="header Cache-Control is missing"):
        contract().check(
            "DELETE",
            "/articles/x",
            204,
            None,
            b"",
            headers={k: v for k, v in SECURE.items() if k != "Cache-Control"},
        )


def test_the_realworld_level_takes_what_the_realworld_specification_leaves_open() -> None:
    # An extra field, a timestamp without milliseconds, indented JSON and no security headers:
    # each breaks the project's contract, none the RealWorld specification.
    loose = article(createdAt="2026-01-31T12:00:00Z", extra="field")
    body = json.dumps({"article": loose}, indent=2).encode()
    with pytest.raises(ContractViolation):
        contract().check("GET", "/articles/x", 200, JSON, body, headers={})
    contract(REALWORLD).check("GET", "/articles/x", 200, JSON, body, headers={})


def test_the_realworld_level_still_holds_statuses_types_and_required_fields() -> None:
    realworld = contract(REALWORLD)
    with pytest.raises(ContractViolation, match="status not documented"):
        realworld.check("GET", "/articles/x", 418, JSON, encoded({"article": article()}))
    missing = {key: value for key, value in article().items() if key != "slug"}
    with pytest.raises(ContractViolation, match="slug"):
        realworld.check("GET", "/articles/x", 200, JSON, encoded({"article": missing}))
    with pytest.raises(ContractViolation, match="favoritesCount"):
        realworld.check(
            "GET", "/articles/x", 200, JSON, encoded({"article": article(favoritesCount="1")})
        )
