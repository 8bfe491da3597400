"""One request per kind of answer the API gives (success and refusal), for the suites that
check what every answer carries whatever its status: CORS and security headers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from contract_tests.support import naming
from contract_tests.support.conduit import Conduit


@dataclass(frozen=True)
class Clients:
    """The checking client (answers held against the OpenAPI document) and a raw one, for
    answers outside the document; both send ``headers`` with every request."""

    conduit: Conduit
    raw: httpx.Client
    headers: Mapping[str, str]

    def send(
        self,
        method: str,
        path: str,
        *,
        json: object = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """A request through the checking client, with the common headers."""
        return self.conduit.client.request(
            method, path, json=json, content=content, headers={**self.headers, **(headers or {})}
        )


def _tags(c: Clients) -> httpx.Response:
    return c.send("GET", "/tags")


def _registration(c: Clients) -> httpx.Response:
    user = {"username": naming.username(), "email": naming.email(), "password": "password1"}
    return c.send("POST", "/users", json={"user": user})


def _deletion(c: Clients) -> httpx.Response:
    author = c.conduit.register()
    slug = c.conduit.create_article(author)["slug"]
    return c.send("DELETE", f"/articles/{slug}", headers=author.headers)


def _no_token(c: Clients) -> httpx.Response:
    return c.send("GET", "/user")


def _wrong_password(c: Clients) -> httpx.Response:
    user = c.conduit.register()
    return c.send("POST", "/users/login", json={"user": {"email": user.email, "password": "x" * 9}})


def _someone_elses_article(c: Clients) -> httpx.Response:
    slug = c.conduit.create_article(c.conduit.register())["slug"]
    intruder = c.conduit.register()
    return c.send("DELETE", f"/articles/{slug}", headers=intruder.headers)


def _unknown_article(c: Clients) -> httpx.Response:
    return c.send("GET", f"/articles/{naming.token()}")


def _taken_username(c: Clients) -> httpx.Response:
    taken = c.conduit.register().username
    user = {"username": taken, "email": naming.email(), "password": "password1"}
    return c.send("POST", "/users", json={"user": user})


def _invalid_body(c: Clients) -> httpx.Response:
    user = c.conduit.register()
    return c.send("POST", "/articles", content=b"{not json", headers={
        **user.headers, "Content-Type": "application/json"
    })  # fmt: skip


def _unknown_path(c: Clients) -> httpx.Response:
    return c.raw.get("/no-such-thing", headers=dict(c.headers))


def _method_not_allowed(c: Clients) -> httpx.Response:
    return c.raw.patch("/articles", headers=dict(c.headers))


ANSWERS: dict[str, tuple[int, Callable[[Clients], httpx.Response]]] = {
    "200-tags": (200, _tags),
    "201-registration": (201, _registration),
    "204-deletion": (204, _deletion),
    "401-no-token": (401, _no_token),
    "401-wrong-password": (401, _wrong_password),
    "403-someone-elses-article": (403, _someone_elses_article),
    "404-unknown-article": (404, _unknown_article),
    "404-unknown-path": (404, _unknown_path),
    "405-method-not-allowed": (405, _method_not_allowed),
    "409-taken-username": (409, _taken_username),
    "422-invalid-json": (422, _invalid_body),
}
