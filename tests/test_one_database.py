"""One database, any implementation: what one writes, every other reads back alike.

For each ordered pair of variants (an implementation as it is served: ``fastapi`` on its event
loop, ``fastapi-sync`` in its thread pool, ...), the first migrates a fresh database and writes
through its API; the second migrates the same database (taking the tables as they are) and
must answer the same JSON, tokens apart, then keep writing to it.
"""

from __future__ import annotations

import itertools
import secrets
from typing import Any

import httpx
import pytest

from tests.servers import environment, serving, variants

PAIRS = list(itertools.permutations(variants(), 2))
PASSWORD = "one-database-password"


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


@pytest.mark.parametrize(("writer", "reader"), PAIRS, ids=[f"{a}-then-{b}" for a, b in PAIRS])
def test_what_one_implementation_writes_another_reads(
    writer: str, reader: str, database_url: str
) -> None:
    env = environment(database_url, secrets.token_hex(32))
    # Each ``serve`` migrates first: the writer a fresh database, the reader the writer's.
    with serving(writer, env) as (base_url, _), httpx.Client(base_url=f"{base_url}/api") as api:
        written = write(api)
        seen_by_writer = read(api, written)
    with serving(reader, env) as (base_url, _), httpx.Client(base_url=f"{base_url}/api") as api:
        assert read(api, written) == seen_by_writer
        keep_writing(api, written)
