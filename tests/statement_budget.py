"""The statement budget: every contract operation's SQL, counted as the driver sends it.

``docs/statement-budget.md`` holds the table; ``operations`` plays every operation through an
app's HTTP interface in a fixed order, and the counters below record what reaches the database
meanwhile: every statement, and BEGIN, COMMIT and ROLLBACK only when the driver really sends
them (psycopg 3 sends BEGIN by itself before the first statement outside autocommit; sqlite3
commits or rolls back only inside a transaction), liveness checks included.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import Engine, event

if TYPE_CHECKING:  # Django's and Flask's environments have no asyncio extension
    from sqlalchemy.ext.asyncio import AsyncEngine

BUDGET_FILE = Path(__file__).resolve().parent.parent / "docs" / "statement-budget.md"
PASSWORD = "statement-budget"


@dataclass
class StatementLog:
    """What one operation sent, one short label per statement (``SELECT users``, ``BEGIN``)."""

    labels: list[str] = field(default_factory=list)
    recording: bool = False

    def add(self, label: str) -> None:
        if self.recording:
            self.labels.append(label)

    @contextmanager
    def measuring(self) -> Iterator[list[str]]:
        """Record what is sent within the block, into the list yielded."""
        self.labels, self.recording = [], True
        try:
            yield self.labels
        finally:
            self.recording = False


_TABLE = re.compile(r'\b(?:FROM|INTO|UPDATE|JOIN)\s+"?(\w+)', re.IGNORECASE)


_PARENTHESES = re.compile(r"\([^()]*\)")


def label(sql: str) -> str:
    """``SELECT users``: the statement's verb and the first table it names outside
    parentheses (a subquery's tables are part of the statement that holds it)."""
    words = sql.split(None, 1)
    verb = words[0].upper() if words else "?"
    if verb in {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}:
        return verb
    outer, inner = sql, ""
    while outer != inner:
        inner, outer = outer, _PARENTHESES.sub("", outer)
    found = _TABLE.search(outer)
    return f"{verb} {found.group(1)}" if found else verb


def in_transaction(dbapi_connection: Any) -> bool:
    """Whether the driver's connection is inside a transaction (so COMMIT/ROLLBACK are sent)."""
    if _is_asyncpg(dbapi_connection):  # through SQLAlchemy's adapter, which begins as psycopg
        return dbapi_connection._transaction is not None
    info = getattr(dbapi_connection, "info", None)
    status = getattr(info, "transaction_status", None)
    if status is not None:  # psycopg 3: IDLE is 0
        return int(status) != 0
    driver = getattr(dbapi_connection, "driver_connection", dbapi_connection)  # aiosqlite's
    return bool(driver.in_transaction)  # sqlite3


def begins_implicitly(dbapi_connection: Any) -> bool:
    """Whether the driver will send BEGIN before the next statement: psycopg 3 by itself, and
    asyncpg through SQLAlchemy's adapter (sqlite3 sends it as SQL)."""
    if _is_asyncpg(dbapi_connection):
        return bool(
            dbapi_connection._transaction is None
            and dbapi_connection.isolation_level != "autocommit"
        )
    info = getattr(dbapi_connection, "info", None)
    if info is None or not hasattr(info, "transaction_status"):
        return False
    return not dbapi_connection.autocommit and int(info.transaction_status) == 0


def _is_asyncpg(dbapi_connection: Any) -> bool:
    return type(dbapi_connection).__name__ == "AsyncAdapt_asyncpg_connection"


def count_sqlalchemy(*engines: Engine | AsyncEngine) -> StatementLog:
    """Listen to ``engines`` (an app's engine and its reading engine, blocking or async):
    statements, transactions as sent, pre-pings. A variant that shares a pool with one
    listened to already (the reading engine on SQLite) has its events through that one."""
    log = StatementLog()
    pools: list[object] = []
    for given in engines:
        engine = given if isinstance(given, Engine) else given.sync_engine
        if not any(engine.pool is pool for pool in pools):
            pools.append(engine.pool)
            _listen(engine, log)
    return log


def _listen(engine: Engine, log: StatementLog) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _statement(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        dbapi = conn.connection.dbapi_connection
        if begins_implicitly(dbapi):
            log.add("BEGIN")
        log.add(label(statement))

    @event.listens_for(engine, "commit")
    def _commit(conn: Any) -> None:
        if in_transaction(conn.connection.dbapi_connection):
            log.add("COMMIT")

    @event.listens_for(engine, "rollback")
    def _rollback(conn: Any) -> None:
        if in_transaction(conn.connection.dbapi_connection):
            log.add("ROLLBACK")

    @event.listens_for(engine, "reset")
    def _reset(dbapi_connection: Any, _record: Any, _state: Any) -> None:
        if in_transaction(dbapi_connection):
            log.add("ROLLBACK")

    ping = engine.dialect.do_ping

    def counted_ping(dbapi_connection: Any) -> bool:
        log.add("SELECT 1 (liveness check)")
        return ping(dbapi_connection)

    engine.dialect.do_ping = counted_ping  # type: ignore[method-assign]


@contextmanager
def count_django() -> Iterator[StatementLog]:
    """Count what Django's connections send: statements, transactions as sent, health checks.

    On this thread's default connection (where a WSGI app, called by the test, runs its
    requests), and on each connection made meanwhile on another thread: on ASGI every request
    runs its blocking steps on a thread of its own, with a connection of its own.
    """
    from django.db import DEFAULT_DB_ALIAS, connections  # noqa: PLC0415 - Django is set up by then
    from django.db.backends.signals import connection_created  # noqa: PLC0415

    log = StatementLog()
    own = connections[DEFAULT_DB_ALIAS]
    watched, counted = [own], [_count_on(own, log)]

    def created(sender: object, connection: Any, **_: object) -> None:
        if not any(connection is seen for seen in watched):  # a reconnect is counted already
            watched.append(connection)
            counted.append(_count_on(connection, log))

    connection_created.connect(created, weak=False, dispatch_uid=id(log))
    try:
        yield log
    finally:
        connection_created.disconnect(dispatch_uid=id(log))
        for uncount in reversed(counted):
            uncount()


def _count_on(connection: Any, log: StatementLog) -> Callable[[], None]:
    """Count what one of Django's connections (a ``DatabaseWrapper``) sends; returns what stops
    the counting."""

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if connection.connection is not None and begins_implicitly(connection.connection):
            log.add("BEGIN")
        log.add(label(sql))
        return execute(sql, params, many, context)

    def ending(name: str, method: Callable[[], None]) -> Callable[[], None]:
        def ended() -> None:
            if connection.connection is not None and in_transaction(connection.connection):
                log.add(name)
            method()

        return ended

    # The methods Django calls to commit, roll back and check health, wrapped on this instance.
    commit, rollback, usable = connection._commit, connection._rollback, connection.is_usable

    def checked() -> bool:
        """Count what the health check sends (the stock backend's ``SELECT 1``), not the call."""
        dbapi = connection.connection
        if dbapi is None:
            return bool(usable())
        cursor = dbapi.cursor

        def counted_cursor(*args: Any, **kwargs: Any) -> Any:
            log.add("SELECT 1 (health check)")
            return cursor(*args, **kwargs)

        dbapi.cursor = counted_cursor
        try:
            return bool(usable())
        finally:
            del dbapi.cursor

    connection._commit = ending("COMMIT", commit)
    connection._rollback = ending("ROLLBACK", rollback)
    connection.is_usable = checked
    connection.execute_wrappers.append(wrapper)

    def uncount() -> None:
        connection.execute_wrappers.remove(wrapper)
        del connection._commit, connection._rollback, connection.is_usable

    return uncount


@dataclass(frozen=True)
class Operation:
    """One request of the contract, as the budget table names it."""

    name: str
    caller: str  # "anonymous" or "signed in"
    method: str
    path: str
    body: dict[str, Any] | None = None
    status: int = 200


def _token(client: httpx.Client, username: str) -> str:
    email = f"{username}@budget.example"
    body = {"user": {"username": username, "email": email, "password": PASSWORD}}
    answer = client.post("/api/users", json=body)
    assert answer.status_code == 201, answer.text
    token: str = answer.json()["user"]["token"]
    return token


def _prepare(client: httpx.Client, names: dict[str, str]) -> dict[str, str]:
    """Three users; two articles of alice's (one tagged), bob's comment, follow and favorite."""
    alice, bob = _token(client, names["alice"]), _token(client, names["bob"])
    _token(client, names["carol"])
    headers = {"Authorization": f"Token {alice}"}
    article = {"title": "Dragons", "description": "d", "body": "b", "tagList": ["x", "y"]}
    answer = client.post("/api/articles", json={"article": article}, headers=headers)
    assert answer.status_code == 201, answer.text
    slug = answer.json()["article"]["slug"]
    plain = {"title": "Plain", "description": "d", "body": "b"}
    assert client.post("/api/articles", json={"article": plain}, headers=headers).is_success
    bob_headers = {"Authorization": f"Token {bob}"}
    comment = {"comment": {"body": "Nice"}}
    answer = client.post(f"/api/articles/{slug}/comments", json=comment, headers=bob_headers)
    assert answer.status_code == 201, answer.text
    follow = f"/api/profiles/{names['alice']}/follow"
    assert client.post(follow, headers=bob_headers).is_success
    assert client.post(f"/api/articles/{slug}/favorite", headers=bob_headers).is_success
    return {"bob": bob, "slug": slug}


def operations(slug: str, names: dict[str, str]) -> list[Operation]:
    """Every operation of the contract, in an order whose state each one needs (bob acts).

    ``MINE`` and ``LAST`` stand for the article and the comment bob creates on the way.
    """
    mine = "/api/articles/MINE"
    alice, bob, carol, dave = (names[name] for name in ("alice", "bob", "carol", "dave"))
    new = {"title": "Mine", "description": "d", "body": "b", "tagList": ["x", "z"]}
    return [
        Operation("POST /api/users", "anonymous", "POST", "/api/users", {"user": {
            "username": dave, "email": f"{dave}@budget.example", "password": PASSWORD}}, 201),
        Operation("POST /api/users/login", "anonymous", "POST", "/api/users/login", {"user": {
            "email": f"{bob}@budget.example", "password": PASSWORD}}),
        Operation("GET /api/user", "signed in", "GET", "/api/user"),
        Operation("PUT /api/user", "signed in", "PUT", "/api/user", {"user": {"bio": "Hi"}}),
        Operation("GET /api/profiles/:username", "anonymous", "GET", f"/api/profiles/{alice}"),
        Operation("GET /api/profiles/:username", "signed in", "GET", f"/api/profiles/{alice}"),
        Operation("POST /api/profiles/:username/follow", "signed in", "POST",
                  f"/api/profiles/{carol}/follow"),
        Operation("DELETE /api/profiles/:username/follow", "signed in", "DELETE",
                  f"/api/profiles/{carol}/follow"),
        Operation("GET /api/articles", "anonymous", "GET", "/api/articles"),
        Operation("GET /api/articles", "signed in", "GET", "/api/articles"),
        Operation("GET /api/articles?tag=", "anonymous", "GET", "/api/articles?tag=x"),
        Operation("GET /api/articles?author=", "anonymous", "GET", f"/api/articles?author={alice}"),
        Operation("GET /api/articles?favorited=", "anonymous", "GET",
                  f"/api/articles?favorited={bob}"),
        Operation("GET /api/articles/feed", "signed in", "GET", "/api/articles/feed"),
        Operation("GET /api/articles/:slug", "anonymous", "GET", f"/api/articles/{slug}"),
        Operation("GET /api/articles/:slug", "signed in", "GET", f"/api/articles/{slug}"),
        Operation("POST /api/articles", "signed in", "POST", "/api/articles",
                  {"article": new}, 201),
        Operation("PUT /api/articles/:slug", "signed in", "PUT", mine,
                  {"article": {"body": "b2", "tagList": ["z"]}}),
        Operation("POST /api/articles/:slug/favorite", "signed in", "POST",
                  f"/api/articles/{slug}/favorite"),
        Operation("DELETE /api/articles/:slug/favorite", "signed in", "DELETE",
                  f"/api/articles/{slug}/favorite"),
        Operation("GET /api/articles/:slug/comments", "anonymous", "GET",
                  f"/api/articles/{slug}/comments"),
        Operation("GET /api/articles/:slug/comments", "signed in", "GET",
                  f"/api/articles/{slug}/comments"),
        Operation("POST /api/articles/:slug/comments", "signed in", "POST",
                  f"/api/articles/{slug}/comments", {"comment": {"body": "More"}}, 201),
        Operation("DELETE /api/articles/:slug/comments/:id", "signed in", "DELETE",
                  f"/api/articles/{slug}/comments/LAST", status=204),
        Operation("DELETE /api/articles/:slug", "signed in", "DELETE", mine, status=204),
        Operation("GET /api/tags", "anonymous", "GET", "/api/tags"),
    ]  # fmt: skip


def measure(client: httpx.Client, log: StatementLog) -> dict[tuple[str, str], list[str]]:
    """Play every operation once (as new users); what each sent, by (operation, caller)."""
    suffix = secrets.token_hex(3)
    names = {name: f"{name}{suffix}" for name in ("alice", "bob", "carol", "dave")}
    prepared = _prepare(client, names)
    bob = {"Authorization": f"Token {prepared['bob']}"}
    sent: dict[tuple[str, str], list[str]] = {}
    created = {"MINE": "", "LAST": ""}
    for operation in operations(prepared["slug"], names):
        path = operation.path
        for placeholder, value in created.items():
            path = path.replace(placeholder, value)
        headers = bob if operation.caller == "signed in" else {}
        with log.measuring() as labels:
            answer = client.request(operation.method, path, json=operation.body, headers=headers)
        assert answer.status_code == operation.status, (operation, answer.text)
        if operation.name == "POST /api/articles":
            created["MINE"] = answer.json()["article"]["slug"]
        if operation.name == "POST /api/articles/:slug/comments":
            created["LAST"] = str(answer.json()["comment"]["id"])
        sent[operation.name, operation.caller] = labels
    return sent


@dataclass(frozen=True)
class Budget:
    """One row of the table: how many statements each storage may send."""

    operation: str
    caller: str
    sqlalchemy: int
    django: int


def read_budget(path: Path = BUDGET_FILE) -> dict[tuple[str, str], Budget]:
    """The rows of the table between the ``budget`` markers."""
    text = path.read_text()
    table = text.split("<!-- budget:start -->", 1)[1].split("<!-- budget:end -->", 1)[0]
    rows: dict[tuple[str, str], Budget] = {}
    for line in table.strip().splitlines()[2:]:
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        operation, caller, _before, sqlalchemy, django = cells[:5]
        rows[operation, caller] = Budget(operation, caller, int(sqlalchemy), int(django))
    return rows


def over_budget(sent: dict[tuple[str, str], list[str]], storage: str) -> list[str]:
    """Each operation whose count differs from the table's, with what it sent."""
    budget = read_budget()
    problems = [f"{key} is missing from the table" for key in sent if key not in budget]
    problems += [f"{key} was not played" for key in budget if key not in sent]
    for key, labels in sent.items():
        allowed = getattr(budget[key], storage) if key in budget else None
        if allowed is not None and len(labels) != allowed:
            problems.append(f"{key}: {len(labels)} statements, the table says {allowed}: {labels}")
    return problems
