"""Helpers shared by the domain tests: error assertions, clocks and a small world builder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from domain import services
from domain.errors import DomainError
from domain.memory import MemoryUnitOfWork
from domain.model import ArticleView, CommentView
from domain.passwords import Argon2Cost, PasswordHasher
from domain.tokens import Principal, TokenCodec

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
OTHER_SECRET = "another-test-secret-just-as-long-for-hs256"
TOKEN_TTL = 3600
PASSWORD = "correct horse battery"
CHEAP_COST = Argon2Cost(time_cost=1, memory_cost_kib=8, parallelism=1)


@contextmanager
def expect_error(
    kind: type[DomainError], status: int, errors: dict[str, list[str]]
) -> Iterator[None]:
    """The block raises exactly ``kind`` with ``status`` and the whole ``errors`` dict."""
    with pytest.raises(DomainError) as caught:
        yield
    error = caught.value
    assert type(error) is kind
    assert error.http_status == status
    assert error.errors == errors
    assert error.body() == {"errors": errors}


class Clock:
    """A settable POSIX clock for ``TokenCodec``."""

    def __init__(self, start: float) -> None:
        self.seconds = start

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


class ServiceClock:
    """A settable ``now()`` for the services that stamp articles and comments."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass(frozen=True)
class Member:
    """A registered user and what it takes to act as them."""

    id: int
    username: str
    email: str
    password: str
    token: str

    @property
    def principal(self) -> Principal:
        return Principal(user_id=self.id, token=self.token)


class World:
    """Registers users, publishes articles and adds comments through the services."""

    def __init__(
        self, uow: MemoryUnitOfWork, passwords: PasswordHasher, tokens: TokenCodec
    ) -> None:
        self.uow = uow
        self.passwords = passwords
        self.tokens = tokens

    def register(
        self, username: str, *, email: str | None = None, password: str = PASSWORD
    ) -> Member:
        email = email if email is not None else f"{username}@example.com"
        view = services.user_register(
            uow=self.uow,
            passwords=self.passwords,
            tokens=self.tokens,
            username=username,
            email=email,
            password=password,
        )
        return Member(self.tokens.verify(view.token), username, email, password, view.token)

    def publish(
        self,
        author: Member,
        title: str = "How to train your dragon",
        *,
        description: str = "Ever wonder how?",
        body: str = "You have to believe.",
        tags: list[str] | None = None,
    ) -> ArticleView:
        return services.article_create(
            uow=self.uow,
            user_id=author.id,
            title=title,
            description=description,
            body=body,
            tag_list=tags,
        )

    def comment(self, author: Member, slug: str, body: str = "Nice one.") -> CommentView:
        return services.comment_add(uow=self.uow, user_id=author.id, slug=slug, body=body)


def cheap_hasher(cost: Argon2Cost = CHEAP_COST) -> PasswordHasher:
    return PasswordHasher(cost)
