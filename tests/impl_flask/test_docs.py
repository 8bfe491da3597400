"""The OpenAPI document flask-smorest generates: valid, and naming every contract operation."""

from __future__ import annotations

import re
from typing import Any

import yaml
from flask import Flask
from openapi_spec_validator import validate

from tests.conftest import PROJECT_ROOT

METHODS = {"get", "post", "put", "delete", "patch"}


def _operations(document: dict[str, Any], prefix: str = "") -> dict[str, tuple[str, str]]:
    """Each operation id, with its method and its path (parameter names left out)."""
    return {
        operation["operationId"]: (method, re.sub(r"\{[^}]*\}", "{}", prefix + path))
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def _document(app: Flask) -> dict[str, Any]:
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert isinstance(document, dict)
    return document


def test_openapi_document_is_valid(app: Flask) -> None:
    document = _document(app)
    validate(document)
    assert document["openapi"].startswith("3.")


def test_openapi_document_names_every_contract_operation(app: Flask) -> None:
    contract = yaml.safe_load((PROJECT_ROOT / "contract_tests" / "openapi.yml").read_text())
    expected = _operations(contract, prefix=contract["servers"][0]["url"])
    assert len(expected) == 19
    assert _operations(_document(app)) == expected


def test_request_bodies_come_from_the_marshmallow_schemas(app: Flask) -> None:
    document = _document(app)
    body = document["paths"]["/api/users"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NewUserRequest"
    }
    new_user = document["components"]["schemas"]["NewUser"]
    assert set(new_user["required"]) == {"username", "email", "password"}
    assert "tagList" in document["components"]["schemas"]["ArticleListItem"]["properties"]


def test_interactive_docs_are_served(app: Flask) -> None:
    response = app.test_client().get("/api/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
    assert "/api/openapi.json" in response.text
