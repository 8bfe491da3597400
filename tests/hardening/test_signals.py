"""Stopping ``serve``: SIGTERM lets the requests in flight finish and exits 0; SIGKILL in the
middle of a write storm loses nothing that was acknowledged and leaves nothing half-written."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from contract_tests.support import naming
from contract_tests.support.conduit import User
from contract_tests.support.targets import postgres_database
from tests.hardening.conftest import environment
from tests.hardening.live import LiveServer
from tests.hardening.storm import conduit, raw

# A registration hashes for seconds with these (the suite's usual cost is a millisecond): about
# four on a 2-core machine, well past IN_FLIGHT_SECONDS even on a faster one.
SLOW_HASHING = {"ARGON2_TIME_COST": "120", "ARGON2_MEMORY_COST": "65536"}
IN_FLIGHT_SECONDS = 1.5  # between sending the request and the signal
STORM_THREADS = 6
STORM_ACKNOWLEDGED = 60  # writes acknowledged before the kill
STORM_TAGS = 3


@pytest.fixture
def database_url(postgres_server_url: str) -> Iterator[str]:
    with postgres_database(postgres_server_url) as url:
        yield url


@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_finishes_the_request_in_flight_and_exits_0(
    impl: str, workers: int, database_url: str, tmp_path: Path
) -> None:
    env = environment(database_url, **SLOW_HASHING)
    server = LiveServer(impl, env, tmp_path, workers=workers)
    server.start()
    name = naming.username()
    payload = {"user": {"username": name, "email": naming.email(), "password": naming.password()}}
    answered: dict[str, Any] = {}

    def register() -> None:
        with raw(server.base_url) as client:
            answered["response"] = client.post("/users", json=payload, timeout=120)
            answered["at"] = time.monotonic()

    try:
        request = threading.Thread(target=register)
        request.start()
        time.sleep(IN_FLIGHT_SECONDS)
        server.signal(signal.SIGTERM)
        signalled_at = time.monotonic()
        request.join(120)
        status = server.wait()
    finally:
        server.stop()

    response: httpx.Response = answered["response"]
    assert answered["at"] > signalled_at, "the request had finished before the signal"
    assert response.status_code == 201, response.text
    assert response.json()["user"]["username"] == name
    assert status == 0, server.log()
    with psycopg.connect(database_url) as connection:
        row = connection.execute("SELECT count(*) FROM users WHERE username = %s", [name])
        assert row.fetchone() == (1,)


@dataclass
class Acknowledged:
    """What the server answered 201 to during the storm."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def count(self) -> int:
        return len(self.articles) + len(self.comments) + len(self.users)


def _storm(
    base_url: str, author: User, slug: str, seen: Acknowledged, stop: threading.Event
) -> None:
    """Articles with tags, comments and registrations until ``stop``; what is answered 201 is
    recorded, any other answer is a failure, a broken connection is no answer."""
    with raw(base_url) as client:
        while not stop.is_set():
            token = naming.token()
            article = {
                "title": f"Storm {token}",
                "description": f"d {token}",
                "body": f"b {token}",
                "tagList": [f"storm{token}{n}" for n in range(STORM_TAGS)],
            }
            comment = {"body": f"c {token}"}
            user = {"username": f"u{token}", "email": f"{token}@example.com", "password": "p" * 12}
            writes = [
                ("/articles", "article", article, seen.articles, author.headers),
                (f"/articles/{slug}/comments", "comment", comment, seen.comments, author.headers),
                ("/users", "user", user, seen.users, {}),
            ]
            for path, key, sent, record, headers in writes:
                try:
                    response = client.post(path, json={key: sent}, headers=headers)
                except httpx.TransportError:
                    continue
                with seen.lock:
                    if response.status_code == 201:
                        record.append({**response.json()[key], "sent": sent})
                    else:
                        seen.failures.append(f"{path} {response.status_code} {response.text}")


def test_sigkill_in_a_write_storm_loses_nothing_acknowledged(
    impl: str, database_url: str, tmp_path: Path
) -> None:
    server = LiveServer(impl, environment(database_url), tmp_path, workers=2)
    server.start()
    try:
        api = conduit(server.base_url)
        with api.client:
            author = api.register()
            slug = api.create_article(author)["slug"]
        seen, stop = Acknowledged(), threading.Event()
        threads = [
            threading.Thread(target=_storm, args=(server.base_url, author, slug, seen, stop))
            for _ in range(STORM_THREADS)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while seen.count < STORM_ACKNOWLEDGED and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill_all()
        stop.set()
        for thread in threads:
            thread.join(60)
        assert not seen.failures, seen.failures[:5]
        assert seen.count >= STORM_ACKNOWLEDGED

        server.start()  # the same database, after the crash
        _assert_all_there(server.base_url, slug, seen)
    finally:
        server.stop()
    _assert_nothing_half_written(database_url)


def _assert_all_there(base_url: str, slug: str, seen: Acknowledged) -> None:
    api = conduit(base_url)
    with api.client:
        for acknowledged in seen.articles:
            stored = api.article(acknowledged["slug"])
            sent = acknowledged["sent"]
            assert stored["tagList"] == sorted(sent["tagList"])
            for key in ("title", "description", "body", "createdAt"):
                assert stored[key] == acknowledged[key]
        stored_comments = {comment["id"]: comment for comment in api.comments(slug)}
        for acknowledged in seen.comments:
            assert stored_comments[acknowledged["id"]]["body"] == acknowledged["body"]
        for acknowledged in seen.users:
            sent = acknowledged["sent"]
            login = api.login(sent["email"], sent["password"])
            assert login.status_code == 200, sent
            assert login.json()["user"]["username"] == sent["username"]
        api.create_article(api.register(), tags=[naming.tag()])  # and it takes writes again


def _assert_nothing_half_written(database_url: str) -> None:
    """Every storm article in the database, answered or not, has all its tags."""
    query = """
        SELECT a.slug, count(t.tag_id) FROM articles a
        LEFT JOIN article_tags t ON t.article_id = a.id
        WHERE a.title LIKE 'Storm %' GROUP BY a.slug
    """
    with psycopg.connect(database_url) as connection:
        counts: dict[str, int] = dict(connection.execute(query).fetchall())
    assert counts
    assert {slug: n for slug, n in counts.items() if n != STORM_TAGS} == {}
