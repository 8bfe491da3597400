"""A contract-checking HTTP client and a thin Conduit API on top of it for arranging tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from contract_tests.support import naming
from contract_tests.support.checks import json_of
from contract_tests.support.network import tls
from contract_tests.support.openapi_contract import ContractViolation, contract
from contract_tests.support.targets import Target


def contract_client(target: Target) -> httpx.Client:
    """An httpx client whose every response is checked against the OpenAPI document."""
    prefix = urlsplit(target.api_url).path.rstrip("/")

    def check(response: httpx.Response) -> None:
        response.read()
        path = response.request.url.path
        if not path.startswith(f"{prefix}/"):
            raise ContractViolation(f"request outside the API root {prefix}: {path}")
        contract(target.level).check(
            response.request.method,
            path[len(prefix) :],
            response.status_code,
            response.headers.get("content-type"),
            response.content,
            headers=response.headers,
        )

    return httpx.Client(
        base_url=target.api_url,
        transport=target.transport,
        event_hooks={"response": [check]},
        follow_redirects=False,
        timeout=30.0,
        verify=tls(),
    )


def auth(token: str, scheme: str = "Token") -> dict[str, str]:
    """An Authorization header."""
    return {"Authorization": f"{scheme} {token}"}


@dataclass(frozen=True)
class User:
    """A registered user as the tests know it."""

    username: str
    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """The user's Authorization header."""
        return auth(self.token)


def headers_of(user: User | None) -> dict[str, str]:
    """The Authorization header of a user, or none for an anonymous reader."""
    return user.headers if user is not None else {}


class Conduit:
    """Calls that arrange the state a test needs, each checking its own success."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def register(
        self,
        *,
        username: str | None = None,
        email: str | None = None,
        password: str | None = None,
    ) -> User:
        """Register a fresh user."""
        name = username or naming.username()
        mail = email or naming.email()
        secret = password or naming.password()
        payload = {"user": {"username": name, "email": mail, "password": secret}}
        user = json_of(self.client.post("/users", json=payload), 201)["user"]
        return User(username=name, email=mail, password=secret, token=user["token"])

    def current_user(self, user: User) -> dict[str, Any]:
        """`GET /user` as this user."""
        current: dict[str, Any] = json_of(self.client.get("/user", headers=user.headers), 200)[
            "user"
        ]
        return current

    def login(self, email: str, password: str) -> httpx.Response:
        """`POST /users/login`."""
        return self.client.post(
            "/users/login", json={"user": {"email": email, "password": password}}
        )

    def create_article(
        self,
        author: User,
        *,
        title: str | None = None,
        description: str = "A description.",
        body: str = "A body.",
        tags: list[str] | None = None,
    ) -> dict[str, Any]:
        """Publish an article."""
        fields: dict[str, Any] = {
            "title": title or naming.title(),
            "description": description,
            "body": body,
        }
        if tags is not None:
            fields["tagList"] = tags
        response = self.client.post("/articles", json={"article": fields}, headers=author.headers)
        article: dict[str, Any] = json_of(response, 201)["article"]
        return article

    def article(self, slug: str, reader: User | None = None) -> dict[str, Any]:
        """`GET /articles/<slug>`, which must succeed."""
        response = self.client.get(f"/articles/{slug}", headers=headers_of(reader))
        article: dict[str, Any] = json_of(response, 200)["article"]
        return article

    def articles(self, reader: User | None = None, **params: str | int) -> dict[str, Any]:
        """`GET /articles` with these query parameters."""
        response = self.client.get("/articles", params=params, headers=headers_of(reader))
        page: dict[str, Any] = json_of(response, 200)
        return page

    def feed(self, reader: User, **params: str | int) -> dict[str, Any]:
        """`GET /articles/feed` with these query parameters."""
        response = self.client.get("/articles/feed", params=params, headers=reader.headers)
        page: dict[str, Any] = json_of(response, 200)
        return page

    def follow(self, follower: User, username: str) -> dict[str, Any]:
        """Follow a user."""
        response = self.client.post(f"/profiles/{username}/follow", headers=follower.headers)
        profile: dict[str, Any] = json_of(response, 200)["profile"]
        return profile

    def favorite(self, user: User, slug: str) -> dict[str, Any]:
        """Favorite an article."""
        response = self.client.post(f"/articles/{slug}/favorite", headers=user.headers)
        article: dict[str, Any] = json_of(response, 200)["article"]
        return article

    def comment(self, user: User, slug: str, body: str | None = None) -> dict[str, Any]:
        """Comment on an article."""
        payload = {"comment": {"body": body or f"Comment {naming.token()}"}}
        response = self.client.post(
            f"/articles/{slug}/comments", json=payload, headers=user.headers
        )
        comment: dict[str, Any] = json_of(response, 201)["comment"]
        return comment

    def comments(self, slug: str, reader: User | None = None) -> list[dict[str, Any]]:
        """`GET /articles/<slug>/comments`, which must succeed."""
        response = self.client.get(f"/articles/{slug}/comments", headers=headers_of(reader))
        comments: list[dict[str, Any]] = json_of(response, 200)["comments"]
        return comments

    def tags(self) -> list[str]:
        """`GET /tags`."""
        tags: list[str] = json_of(self.client.get("/tags"), 200)["tags"]
        return tags
