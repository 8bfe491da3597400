"""Check HTTP responses against the project's OpenAPI document."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.yml"
DOCUMENT_URI = "urn:triptych:contract:openapi"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
FULL = "full"  # the project's contract, as every implementation here meets it
REALWORLD = "realworld"  # what the RealWorld specification itself fixes, for any Conduit API
LEVELS = (FULL, REALWORLD)
# What the project's document pins down beyond the RealWorld specification, and the realworld
# level leaves out: no field but the documented ones, and the strings' patterns. (Headers and
# compact JSON are checked at the full level only, too.)
PINNED_KEYWORDS = frozenset({"additionalProperties", "pattern"})


class ContractViolation(AssertionError):
    """A response that the OpenAPI document does not allow."""


@dataclass(frozen=True)
class PathTemplate:
    """One templated path of the document, compiled for matching."""

    template: str
    pattern: re.Pattern[str]
    literal_segments: int

    @classmethod
    def compile(cls, template: str) -> PathTemplate:
        segments = template.strip("/").split("/")
        parts: list[str] = []
        literal = 0
        for segment in segments:
            if segment.startswith("{") and segment.endswith("}"):
                parts.append("[^/]+")
            else:
                parts.append(re.escape(segment))
                literal += 1
        return cls(template, re.compile("^/" + "/".join(parts) + "$"), literal)


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class OpenApiContract:
    """The response side of an OpenAPI 3.1 document, ready to judge responses."""

    def __init__(self, document: Mapping[str, Any], *, strict: bool = True) -> None:
        self.document = document
        self.strict = strict
        resource: Resource[Any] = Resource.from_contents(
            document, default_specification=DRAFT202012
        )
        self._registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
        self._templates = sorted(
            (PathTemplate.compile(template) for template in document["paths"]),
            key=lambda compiled: -compiled.literal_segments,
        )
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def load(cls, path: Path = OPENAPI_PATH) -> OpenApiContract:
        """Read the document from a YAML file."""
        with path.open(encoding="utf-8") as stream:
            return cls(yaml.safe_load(stream))

    def match_path(self, path: str) -> str | None:
        """The template matching a concrete path, preferring literal segments."""
        for compiled in self._templates:
            if compiled.pattern.match(path):
                return compiled.template
        return None

    def _resolve(self, node: Mapping[str, Any], pointer: str) -> tuple[Mapping[str, Any], str]:
        """Follow local `$ref`s, returning the target node and its JSON pointer."""
        while "$ref" in node:
            reference = node["$ref"]
            if not reference.startswith("#/"):
                raise ContractViolation(f"only local references are supported: {reference}")
            pointer = reference[1:]
            target: Any = self.document
            for token in pointer.lstrip("/").split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
            node = target
        return node, pointer

    def _validator(self, pointer: str) -> Draft202012Validator:
        if pointer not in self._validators:
            self._validators[pointer] = Draft202012Validator(
                {"$ref": f"{DOCUMENT_URI}#{pointer}"}, registry=self._registry
            )
        return self._validators[pointer]

    def check(
        self,
        method: str,
        path: str,
        status: int,
        content_type: str | None,
        body: bytes,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Raise `ContractViolation` unless the document allows this response (its headers
        too, when they are given: a case-insensitive mapping such as httpx's)."""
        where = f"{method.upper()} {path} -> {status}"
        template = self.match_path(path)
        if template is None:
            raise ContractViolation(f"{where}: path not in the contract")
        path_item = self.document["paths"][template]
        operation = path_item.get(method.lower())
        if operation is None:
            raise ContractViolation(f"{where}: method not in the contract for {template}")
        responses = operation["responses"]
        if str(status) not in responses:
            raise ContractViolation(
                f"{where}: status not documented for {method.upper()} {template} "
                f"(documented: {', '.join(sorted(responses))}); body: {body[:500]!r}"
            )
        base = f"/paths/{_escape_pointer(template)}/{method.lower()}/responses/{status}"
        response, pointer = self._resolve(responses[str(status)], base)
        if headers is not None and self.strict:
            self._check_headers(where, response, pointer, headers)
        content = response.get("content")
        if status == 204 or not content:
            if body:
                raise ContractViolation(f"{where}: the body must be empty, got {body[:500]!r}")
            return
        if "application/json" not in content:
            raise ContractViolation(f"{where}: the contract documents no JSON body")
        if content_type is None or content_type.split(";")[0].strip() != "application/json":
            raise ContractViolation(f"{where}: content type {content_type!r} is not JSON")
        try:
            payload = json.loads(body)
        except ValueError as error:
            raise ContractViolation(
                f"{where}: body is not JSON ({error}): {body[:500]!r}"
            ) from None
        schema_pointer = f"{pointer}/content/application~1json/schema"
        problem = best_match(self._validator(schema_pointer).iter_errors(payload))
        if problem is not None:
            location = "/".join(str(part) for part in problem.absolute_path) or "(root)"
            raise ContractViolation(
                f"{where}: body breaks the contract at {location}: {problem.message}; "
                f"body: {json.dumps(payload)[:1000]}"
            )
        if self.strict and body != compact_json(payload):
            raise ContractViolation(
                f"{where}: body is not compact UTF-8 JSON without a trailing newline: "
                f"{body[:300]!r}"
            )

    def _check_headers(
        self, where: str, response: Mapping[str, Any], pointer: str, headers: Mapping[str, str]
    ) -> None:
        """Every required header documented for the response is present, and every
        documented header that is present matches its schema."""
        for name, declared in response.get("headers", {}).items():
            header, header_pointer = self._resolve(
                declared, f"{pointer}/headers/{_escape_pointer(name)}"
            )
            value = headers.get(name)
            if value is None:
                if header.get("required", False):
                    raise ContractViolation(f"{where}: header {name} is missing")
                continue
            problem = best_match(self._validator(f"{header_pointer}/schema").iter_errors(value))
            if problem is not None:
                raise ContractViolation(f"{where}: header {name}: {value!r}: {problem.message}")


def compact_json(payload: object) -> bytes:
    """JSON as every implementation writes it: no white space, UTF-8 text unescaped."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def relaxed(node: Any) -> Any:
    """A copy of a document without the keywords the RealWorld specification leaves open."""
    if isinstance(node, Mapping):
        return {key: relaxed(value) for key, value in node.items() if key not in PINNED_KEYWORDS}
    if isinstance(node, list):
        return [relaxed(item) for item in node]
    return node


@cache
def contract(level: str = FULL) -> OpenApiContract:
    """The project's contract, loaded once per level: ``full``, or ``realworld`` (no header,
    extra field, pattern or white-space rule of the project's own)."""
    full = OpenApiContract.load()
    if level == FULL:
        return full
    return OpenApiContract(relaxed(full.document), strict=False)
