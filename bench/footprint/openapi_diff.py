"""Each framework's generated OpenAPI document held against the contract's own.

Operations are matched by method and path (parameter names aside, the server's URL prefixed
to the contract's paths); then their status codes, query parameters, and request and response
bodies (``application/json`` schemas: types, nullability, property names, required
properties, to ``MAX_DEPTH`` levels) are compared. Every difference is listed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

MAX_DEPTH = 6
METHODS = ("get", "put", "post", "delete", "patch")
JSON = "application/json"


@dataclass(frozen=True, slots=True)
class Difference:
    """One way a generated document says something other than the contract."""

    operation: str
    kind: str  # operation, status, parameter, request, response
    where: str
    what: str


def _resolve(document: dict[str, Any], node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 50:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def _key(method: str, path: str) -> str:
    return f"{method.upper()} {re.sub(r'{[^}]*}', '{}', path)}"


def operations(document: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """``METHOD /path`` (parameters as ``{}``) to (the path as written, the operation)."""
    servers = document.get("servers") or [{}]
    prefix = str(servers[0].get("url", "")).rstrip("/")
    prefix = prefix if prefix.startswith("/") else ""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for path, written in document.get("paths", {}).items():
        item = _resolve(document, written)
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                operation = dict(_resolve(document, item[method]))
                operation["parameters"] = [*shared, *operation.get("parameters", [])]
                full = f"{prefix}{path}"
                found[_key(method, full)] = (f"{method.upper()} {full}", operation)
    return found


class _Comparison:
    def __init__(self, contract: dict[str, Any], generated: dict[str, Any]) -> None:
        self.contract = contract
        self.generated = generated
        self.found: list[Difference] = []
        self.operation = ""

    def add(self, kind: str, where: str, what: str) -> None:
        self.found.append(Difference(self.operation, kind, where, what))

    def schema(self, document: dict[str, Any], node: Any) -> tuple[dict[str, Any], bool]:
        """A schema with ``$ref``, one-member ``allOf`` and nullable unions unwrapped."""
        node = _resolve(document, node) or {}
        nullable = bool(node.get("nullable"))
        for _ in range(10):
            if "allOf" in node and len(node["allOf"]) == 1:
                node = _resolve(document, node["allOf"][0])
                continue
            union = node.get("anyOf") or node.get("oneOf")
            if union:
                variants = [_resolve(document, v) for v in union]
                rest = [v for v in variants if v.get("type") != "null"]
                if len(rest) < len(variants):
                    nullable = True
                if len(rest) == 1:
                    node = rest[0]
                    continue
            break
        return node, nullable or node.get("nullable", False)

    def types(self, node: dict[str, Any], nullable: bool) -> set[str]:
        kind = node.get("type")
        found = set(kind) if isinstance(kind, list) else {kind} if kind else set()
        if not found and "properties" in node:
            found = {"object"}
        if found and nullable:
            found.add("null")
        return found

    def compare(self, kind: str, where: str, expected: Any, actual: Any, depth: int = 0) -> None:
        wanted, wanted_null = self.schema(self.contract, expected)
        got, got_null = self.schema(self.generated, actual)
        wanted_types, got_types = self.types(wanted, wanted_null), self.types(got, got_null)
        if wanted_types and got_types and wanted_types != got_types:
            self.add(kind, where, f"type {_types(got_types)}, contract {_types(wanted_types)}")
        elif wanted_types and not got_types:
            self.add(kind, where, f"no type, contract {_types(wanted_types)}")
        if depth >= MAX_DEPTH:
            return
        if "object" in wanted_types:
            self._properties(kind, where, wanted, got, depth)
        if "array" in wanted_types and "items" in wanted:
            self.compare(kind, f"{where}[]", wanted["items"], got.get("items", {}), depth + 1)

    def _properties(
        self, kind: str, where: str, wanted: dict[str, Any], got: dict[str, Any], depth: int
    ) -> None:
        wanted_props, got_props = wanted.get("properties", {}), got.get("properties", {})
        for name in wanted_props.keys() - got_props.keys():
            self.add(kind, f"{where}.{name}", "property not documented")
        for name in got_props.keys() - wanted_props.keys():
            self.add(kind, f"{where}.{name}", "property not in the contract")
        wanted_required = set(wanted.get("required", [])) & got_props.keys()
        got_required = set(got.get("required", [])) & wanted_props.keys()
        for name in wanted_required - got_required:
            self.add(kind, f"{where}.{name}", "optional, contract: required")
        for name in got_required - wanted_required:
            self.add(kind, f"{where}.{name}", "required, contract: optional")
        for name in sorted(wanted_props.keys() & got_props.keys()):
            self.compare(kind, f"{where}.{name}", wanted_props[name], got_props[name], depth + 1)

    def body(self, document: dict[str, Any], node: Any) -> Any:
        node = _resolve(document, node) or {}
        content = node.get("content") or {}
        media = content.get(JSON) or next(iter(content.values()), None)
        return None if media is None else media.get("schema", {})

    def parameters(self, document: dict[str, Any], operation: dict[str, Any]) -> set[str]:
        return {
            parameter["name"]
            for parameter in (_resolve(document, p) for p in operation.get("parameters", []))
            if parameter.get("in") == "query"
        }

    def operation_pair(self, wanted: dict[str, Any], got: dict[str, Any]) -> None:
        wanted_codes = set(wanted.get("responses", {}))
        got_codes = set(got.get("responses", {}))
        for code in sorted(wanted_codes - got_codes):
            self.add("status", code, "status not documented")
        for code in sorted(got_codes - wanted_codes):
            self.add("status", code, "status not in the contract")
        wanted_query = self.parameters(self.contract, wanted)
        got_query = self.parameters(self.generated, got)
        for name in sorted(wanted_query - got_query):
            self.add("parameter", name, "query parameter not documented")
        for name in sorted(got_query - wanted_query):
            self.add("parameter", name, "query parameter not in the contract")
        self._bodies("request", self.body(self.contract, wanted.get("requestBody")),
                     self.body(self.generated, got.get("requestBody")))  # fmt: skip
        for code in sorted(wanted_codes & got_codes):
            wanted_body = self.body(self.contract, wanted["responses"][code])
            got_body = self.body(self.generated, got["responses"][code])
            self._bodies(f"response {code}", wanted_body, got_body)

    def _bodies(self, where: str, wanted: Any, got: Any) -> None:
        kind = "request" if where == "request" else "response"
        if wanted is not None and got is None:
            self.add(kind, where, "body not documented")
        elif wanted is None and got is not None:
            self.add(kind, where, "body documented, contract: none")
        elif wanted is not None:
            self.compare(kind, where, wanted, got)


def _types(types: set[str]) -> str:
    return "|".join(sorted(types))


def compare_documents(contract: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    """How far ``generated`` is from ``contract``: matched operations and every difference."""
    comparison = _Comparison(contract, generated)
    wanted, got = operations(contract), operations(generated)
    for key, (name, operation) in wanted.items():
        comparison.operation = name
        if key not in got:
            comparison.add("operation", name, "operation not documented")
            continue
        comparison.operation_pair(operation, got[key][1])
    for key in got.keys() - wanted.keys():
        comparison.operation = got[key][0]
        comparison.add("operation", got[key][0], "operation not in the contract")
    differences = comparison.found
    clean = {d.operation for d in differences}
    return {
        "openapi_version": generated.get("openapi"),
        "operations": {
            "contract": len(wanted),
            "documented": len(got),
            "matched": len(wanted.keys() & got.keys()),
            "without_difference": sum(1 for name, _ in wanted.values() if name not in clean),
        },
        "by_kind": dict(Counter(d.kind for d in differences)),
        "differences": [asdict(d) for d in differences],
    }
