"""The database goes away under a live server, and comes back.

The server reaches PostgreSQL through a proxy the tests switch off (the port refuses and open
connections are reset), silence (connections are accepted and never answered), mute (answers stop
in the middle of a statement) or reset. Whatever the failure, the answer is a prompt
``503 {"errors":{"database":["unavailable"]}}``, never a hang or a 500, and the server serves
again as soon as the database is back, without a restart.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import httpx
import pytest
from jsonschema import Draft202012Validator

from contract_tests.support import naming
from contract_tests.support.conduit import Conduit, User
from contract_tests.support.openapi_contract import contract
from tests.hardening.conftest import DATABASE_TIMEOUT_SECONDS
from tests.hardening.live import LiveServer
from tests.hardening.proxy import TcpProxy
from tests.hardening.storm import raw

UNAVAILABLE = b'{"errors":{"database":["unavailable"]}}'
REFUSED_BOUND_SECONDS = 3  # a refused connection is answered about at once
# A connection that is never accepted, or a statement whose answer never comes, is given up
# after DATABASE_TIMEOUT seconds: one wait, plus slack.
SILENT_BOUND_SECONDS = DATABASE_TIMEOUT_SECONDS + 2
ROUNDS = 4  # each request again, to meet every worker
Request = tuple[str, str, Mapping[str, object] | None]  # method, path, body


def _requests(user: User, slug: str) -> list[tuple[str, str, Mapping[str, object] | None, int]]:
    """Reads and writes, anonymous and authenticated: method, path, body, status when up."""
    article = {"article": {"title": naming.title(), "description": "d", "body": "b"}}
    return [
        ("GET", "/tags", None, 200),
        ("GET", "/articles", None, 200),
        ("GET", f"/articles/{slug}", None, 200),
        ("GET", "/user", None, 200),
        ("POST", f"/articles/{slug}/favorite", None, 200),
        ("POST", "/articles", article, 201),
        ("POST", "/users/login", {"user": {"email": user.email, "password": user.password}}, 200),
    ]


def _send(
    client: httpx.Client, user: User, method: str, path: str, body: Mapping[str, object] | None
) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.request(method, path, json=body, headers=user.headers)
    return response, time.monotonic() - started


def _assert_unavailable(response: httpx.Response, elapsed: float, bound: float) -> None:
    where = f"{response.request.method} {response.request.url.path}"
    assert (response.status_code, response.content) == (503, UNAVAILABLE), where
    assert response.headers["content-type"] == "application/json", where
    assert elapsed < bound, f"{where} took {elapsed:.1f} s"
    documented = contract().document["components"]["schemas"]["UnavailableError"]
    Draft202012Validator(documented).validate(response.json())


def _assert_all_unavailable(
    client: httpx.Client,
    user: User,
    requests: list[Request],
    bound: float,
) -> None:
    for method, path, body in requests:
        response, elapsed = _send(client, user, method, path, body)
        _assert_unavailable(response, elapsed, bound)


def _assert_served(client: httpx.Client, user: User, slug: str) -> None:
    for _ in range(ROUNDS):
        for method, path, body, status in _requests(user, slug):
            response, _ = _send(client, user, method, path, body)
            assert response.status_code == status, (method, path, response.text[:300])


def test_a_database_gone_is_a_prompt_503_and_its_return_is_served(
    live_server: LiveServer, proxy: TcpProxy, api: Conduit
) -> None:
    user = api.register()
    slug = api.create_article(user, tags=[naming.tag()])["slug"]

    proxy.stop()
    with raw(live_server.base_url) as client:
        for _ in range(ROUNDS):
            for method, path, body, _status in _requests(user, slug):
                response, elapsed = _send(client, user, method, path, body)
                _assert_unavailable(response, elapsed, REFUSED_BOUND_SECONDS)
            registration = {"user": {"username": naming.username(), "email": naming.email()}}
            registration["user"]["password"] = naming.password()
            response, elapsed = _send(client, user, "POST", "/users", registration)
            _assert_unavailable(response, elapsed, REFUSED_BOUND_SECONDS)

        proxy.start()
        _assert_served(client, user, slug)
    assert api.article(slug)["author"]["username"] == user.username


@pytest.mark.parametrize("fault", ["silent", "mute"])
def test_a_database_that_does_not_answer_is_a_503_within_the_timeout(
    live_server: LiveServer, proxy: TcpProxy, api: Conduit, fault: str
) -> None:
    """Silent: connections are accepted and never answered, so connecting times out. Mute: the
    pooled connections stay open, the statements reach the database and their answers never
    come back, so each wait for one times out; the connections that waited are dropped, and
    once answers flow again on the connections still open, every worker serves as before."""
    user = api.register()
    slug = api.create_article(user)["slug"]
    fail, recover = (
        (proxy.silence, proxy.start) if fault == "silent" else (proxy.mute, proxy.unmute)
    )

    fail()
    with raw(live_server.base_url) as client:
        reads: list[Request] = [
            ("GET", f"/articles/{slug}", None),
            ("GET", "/tags", None),
            ("GET", "/user", None),
        ]
        _assert_all_unavailable(client, user, reads, SILENT_BOUND_SECONDS)
        recover()
        _assert_served(client, user, slug)


def test_a_write_whose_answer_never_comes_is_a_503_and_leaves_nothing_written(
    live_server: LiveServer, proxy: TcpProxy, api: Conduit
) -> None:
    """The article's row is sent (its body is the marker the proxy waits for), the answer is
    lost: the transaction, with the tags stored before it, is rolled back as a whole."""
    user = api.register()
    title, marker, tags = naming.title(), f"body {naming.token()}", [naming.tag(), naming.tag()]
    article = {"article": {"title": title, "description": "d", "body": marker, "tagList": tags}}

    proxy.mute(after=marker.encode())
    with raw(live_server.base_url) as client:
        _assert_all_unavailable(
            client, user, [("POST", "/articles", article)], SILENT_BOUND_SECONDS
        )
        proxy.unmute()
        _assert_served(client, user, api.create_article(user)["slug"])
    written = api.articles(author=user.username, limit=100)["articles"]
    assert written
    assert title not in [article["title"] for article in written]
    assert not set(tags) & set(api.tags())


def test_connections_reset_between_requests_are_replaced_unnoticed(
    live_server: LiveServer, proxy: TcpProxy, api: Conduit
) -> None:
    """As after a restart of PostgreSQL: the pooled connections are dead, the database is up;
    every request is served on a fresh connection."""
    user = api.register()
    slug = api.create_article(user)["slug"]
    with raw(live_server.base_url) as client:
        for _ in range(ROUNDS):
            proxy.drop_connections()
            _assert_served(client, user, slug)
