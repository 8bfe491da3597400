"""The services on an event loop (``domain.aio``, the source) answer as their synchronous twin
(``domain.services``, generated from it) does.

The domain's other tests run the twin. Here one scenario that calls every service, refusals
included, runs through both, each over an in-memory store of its own, and every answer must be
the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

import domain._async.services.articles as async_articles
import domain._async.services.comments as async_comments
import domain._sync.services.articles as sync_articles
import domain._sync.services.comments as sync_comments
from domain import aio, services
from domain.errors import DomainError
from domain.memory import MemoryStore, MemoryUnitOfWork
from domain.passwords import PasswordHasher
from domain.tokens import Principal, TokenCodec
from tests.domain.support import SECRET, TOKEN_TTL, cheap_hasher

Call = Callable[..., Any]
PASSWORD = "correct horse battery"


def _answer(run: Callable[[], Any]) -> Any:
    try:
        return run()
    except DomainError as error:
        return type(error), error.errors


def _scenario(call: Call, tokens: TokenCodec) -> list[Any]:
    """Every service, with a refusal or two, in the order a client might call them."""
    answers: list[Any] = []

    def step(name: str, **arguments: Any) -> Any:
        answers.append(_answer(lambda: call(name, **arguments)))
        return answers[-1]

    users = {}
    for name in ("ann", "bo"):
        view = step("user_register", username=name, email=f"{name}@example.com", password=PASSWORD)
        users[name] = Principal(user_id=tokens.verify(view.token), token=view.token)
    ann, bo = users["ann"], users["bo"]
    step("user_register", username="ann", email="ann@example.com", password=PASSWORD)
    step("user_login", email="bo@example.com", password=PASSWORD)
    step("user_login", email="bo@example.com", password="wrong password")
    step("user_get_current", principal=ann)
    step("user_update", principal=ann, bio="writes", image=None)
    step("profile_follow", user_id=bo.user_id, username="ann")
    step("profile_get", username="ann", viewer_id=bo.user_id)
    step("profile_follow", user_id=ann.user_id, username="ann")
    created = step(
        "article_create",
        user_id=ann.user_id,
        title="Twins",
        description="d",
        body="b",
        tag_list=["zeta", "alpha"],
    )
    slug = created.slug
    step("article_create", user_id=ann.user_id, title="", description="d", body="b")
    moved = step("article_update", user_id=ann.user_id, slug=slug, title="Twins, again")
    step("article_update", user_id=bo.user_id, slug=moved.slug, body="not yours")
    step("article_favorite", user_id=bo.user_id, slug=moved.slug)
    step("article_get", slug=moved.slug, viewer_id=bo.user_id)
    step("article_get", slug=slug, viewer_id=None)
    step("article_list", viewer_id=bo.user_id, tag="alpha")
    step("article_list", viewer_id=None, favorited="bo", limit=5, offset=0)
    step("article_feed", user_id=bo.user_id)
    comment = step("comment_add", user_id=bo.user_id, slug=moved.slug, body="Nice.")
    step("comment_list", slug=moved.slug, viewer_id=ann.user_id)
    step("comment_delete", user_id=ann.user_id, slug=moved.slug, comment_id=comment.id)
    step("comment_delete", user_id=bo.user_id, slug=moved.slug, comment_id=str(comment.id))
    step("tag_list")
    step("article_unfavorite", user_id=bo.user_id, slug=moved.slug)
    step("profile_unfollow", user_id=bo.user_id, username="ann")
    step("article_delete", user_id=ann.user_id, slug=moved.slug)
    step("article_get", slug=moved.slug, viewer_id=None)
    return answers


def _with_services(passwords: PasswordHasher, tokens: TokenCodec) -> dict[str, Any]:
    return {
        "user_register": {"passwords": passwords, "tokens": tokens},
        "user_login": {"passwords": passwords, "tokens": tokens},
        "user_update": {"passwords": passwords},
    }


@pytest.fixture
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    for module in (async_articles, async_comments, sync_articles, sync_comments):
        monkeypatch.setattr(module, "now", lambda: moment)


@pytest.mark.usefixtures("stopped_clock")
def test_the_async_services_answer_as_their_twin_does() -> None:
    passwords = cheap_hasher()
    tokens = TokenCodec(SECRET, TOKEN_TTL, clock=lambda: 1_800_000_000.0)
    extra = _with_services(passwords, tokens)
    sync_store, async_store = MemoryStore(), MemoryStore()

    def call_twin(name: str, **arguments: Any) -> Any:
        service = getattr(services, name)
        return service(uow=MemoryUnitOfWork(sync_store), **extra.get(name, {}), **arguments)

    def call_source(name: str, **arguments: Any) -> Any:
        service = getattr(aio.services, name)
        uow = aio.AsyncMemoryUnitOfWork(async_store)
        return asyncio.run(service(uow=uow, **extra.get(name, {}), **arguments))

    twin = _scenario(call_twin, tokens)
    source = _scenario(call_source, tokens)
    assert source == twin
    refused = [answer[0].__name__ for answer in twin if isinstance(answer, tuple)]
    assert refused == [
        "Conflict",  # the name and email taken
        "Unauthorized",  # the wrong password
        "ValidationFailed",  # following oneself
        "ValidationFailed",  # no title
        "Forbidden",  # another's article
        "NotFound",  # the slug the title change left
        "Forbidden",  # another's comment
        "NotFound",  # the deleted article
    ]
    unsalted = [  # the stores alike but for the hashes' random salts
        replace(store, users={i: replace(u, password_hash="") for i, u in store.users.items()})
        for store in (sync_store, async_store)
    ]
    assert unsalted[0] == unsalted[1]
