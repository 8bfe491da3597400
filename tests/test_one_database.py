"""One database, any implementation: what one writes, every other reads back alike.

Every variant (an implementation as it is served: ``fastapi`` on its event loop,
``fastapi-sync`` in its thread pool, ...) serves one database at once, started one after another:
the first migrates the empty database, each next one takes the tables as those before it left
them. Two databases are served so, in opposite orders, so that for each ordered pair of variants
there is one where the first was started, and migrated, before the second. On it the first writes
through its API; the second must answer the same JSON, tokens apart, then keep writing to it.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from contract_tests.support.network import tls
from tests.conftest import fresh_database
from tests.servers import environment, serving, variants

PAIRS = list(itertools.permutations(variants(), 2))
PASSWORD = "one-database-password"
# The orders the variants are started in, each on a database of its own.
ORDERS = {"forward": tuple(variants()), "backward": tuple(reversed(variants()))}


def test_there_are_implementations_to_pair() -> None:
    assert len(variants()) >= 2


def _token(user: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Token {user['token']}"}


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.request.url}: {response.text[:500]}"
    return response.json() if response.content else None


def _register(api: httpx.Client, name: str) -> dict[str, Any]:
    user = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered: dict[str, Any] = _ok(api.post("/users", json={"user": user}), 201)["user"]
    return registered


def write(api: httpx.Client) -> dict[str, Any]:
    """A user and a follower, an article with tags that the follower favorites and comments."""
    suffix = secrets.token_hex(4)
    author = _register(api, f"author-{suffix}")
    reader = _register(api, f"reader-{suffix}")
    _ok(api.put("/user", json={"user": {"bio": "writes"}}, headers=_token(author)))
    _ok(api.post(f"/profiles/{author['username']}/follow", headers=_token(reader)))
    article = {
        "title": f"Shared {suffix}",
        "description": "one database",
        "body": "read by everyone",
        "tagList": [f"zeta-{suffix}", f"Alpha-{suffix}"],
    }
    slug = _ok(api.post("/articles", json={"article": article}, headers=_token(author)), 201)[
        "article"
    ]["slug"]
    _ok(api.post(f"/articles/{slug}/favorite", headers=_token(reader)))
    comment = {"comment": {"body": "first"}}
    _ok(api.post(f"/articles/{slug}/comments", json=comment, headers=_token(reader)), 201)
    return {"author": author, "reader": reader, "slug": slug}


def read(api: httpx.Client, written: dict[str, Any]) -> dict[str, Any]:
    """Everything ``write`` stored, as the API answers it (tokens left out)."""
    author, reader, slug = written["author"], written["reader"], written["slug"]
    seen = {
        "me": _ok(api.get("/user", headers=_token(author))),
        "login": _ok(
            api.post(
                "/users/login", json={"user": {"email": author["email"], "password": PASSWORD}}
            )
        ),
        "profile": _ok(api.get(f"/profiles/{author['username']}", headers=_token(reader))),
        "article": _ok(api.get(f"/articles/{slug}", headers=_token(reader))),
        "by author": _ok(api.get("/articles", params={"author": author["username"]})),
        "favorited": _ok(api.get("/articles", params={"favorited": reader["username"]})),
        "feed": _ok(api.get("/articles/feed", headers=_token(reader))),
        "comments": _ok(api.get(f"/articles/{slug}/comments", headers=_token(author))),
    }
    for answer in (seen["me"], seen["login"]):
        answer["user"].pop("token")
    seen["tags"] = sorted(
        set(seen["article"]["article"]["tagList"]) & set(_ok(api.get("/tags"))["tags"])
    )
    return seen


def keep_writing(api: httpx.Client, written: dict[str, Any]) -> None:
    """New rows get ids after the old ones, and deleting cascades to what the other wrote."""
    slug, author, reader = written["slug"], written["author"], written["reader"]
    comment = {"comment": {"body": "second"}}
    _ok(api.post(f"/articles/{slug}/comments", json=comment, headers=_token(author)), 201)
    comments = _ok(api.get(f"/articles/{slug}/comments"))["comments"]
    assert [c["body"] for c in comments] == ["second", "first"]
    assert comments[0]["id"] > comments[1]["id"]
    _ok(api.delete(f"/articles/{slug}", headers=_token(author)), 204)
    assert api.get(f"/articles/{slug}").status_code == 404
    favorited = _ok(api.get("/articles", params={"favorited": reader["username"]}))
    assert favorited == {"articles": [], "articlesCount": 0}


class Servers:
    """Every variant serving each order's database, started when a test first asks."""

    def __init__(self, config: pytest.Config, folders: pytest.TempPathFactory) -> None:
        self.config = config
        self.folders = folders
        self.stack = ExitStack()
        self.secret = secrets.token_hex(32)
        self.base_urls: dict[str, dict[str, str]] = {}

    def api_url(self, writer: str, reader: str) -> tuple[str, str]:
        """The writer's and the reader's API on the database where the writer came first."""
        order = next(
            name for name, order in ORDERS.items() if order.index(writer) < order.index(reader)
        )
        if order not in self.base_urls:
            self.base_urls[order] = self._start(order)
        started = self.base_urls[order]
        return f"{started[writer]}/api", f"{started[reader]}/api"

    def _start(self, order: str) -> dict[str, str]:
        database_url = self.stack.enter_context(
            fresh_database(self.config, self.folders.mktemp(order))
        )
        env = environment(database_url, self.secret)
        # Each ``serve`` migrates before it answers: one after another, in the order's order.
        return {
            variant: self.stack.enter_context(serving(variant, env))[0] for variant in ORDERS[order]
        }


@pytest.fixture(scope="module")
def servers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Servers]:
    started = Servers(request.config, tmp_path_factory)
    with started.stack:
        yield started


@pytest.mark.parametrize(("writer", "reader"), PAIRS, ids=[f"{a}-then-{b}" for a, b in PAIRS])
def test_what_one_implementation_writes_another_reads(
    writer: str, reader: str, servers: Servers
) -> None:
    writer_url, reader_url = servers.api_url(writer, reader)
    with httpx.Client(base_url=writer_url, verify=tls()) as api:
        written = write(api)
        seen_by_writer = read(api, written)
    with httpx.Client(base_url=reader_url, verify=tls()) as api:
        assert read(api, written) == seen_by_writer
        keep_writing(api, written)
