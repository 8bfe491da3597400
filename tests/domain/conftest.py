"""Fixtures for the domain tests: an in-memory unit of work, cheap hashing, tokens, factories."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

import domain._sync.services.articles as articles_module
import domain._sync.services.comments as comments_module
from domain.memory import MemoryStore, MemoryUnitOfWork
from domain.passwords import PasswordHasher
from domain.tokens import TokenCodec
from tests.domain.support import SECRET, TOKEN_TTL, Clock, Member, ServiceClock, World, cheap_hasher


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def uow(store: MemoryStore) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(store)


@pytest.fixture(scope="session")
def passwords() -> PasswordHasher:
    return cheap_hasher()


@pytest.fixture
def clock() -> Clock:
    """Starts at the wall clock: PyJWT also checks ``exp`` against the real time."""
    return Clock(float(int(time.time())))


@pytest.fixture
def tokens(clock: Clock) -> TokenCodec:
    return TokenCodec(SECRET, TOKEN_TTL, clock=clock)


@pytest.fixture
def service_clock(monkeypatch: pytest.MonkeyPatch) -> ServiceClock:
    """Freezes ``now()`` where articles and comments are stamped."""
    fake = ServiceClock(datetime(2026, 1, 31, 12, 0, tzinfo=UTC))
    monkeypatch.setattr(articles_module, "now", fake)
    monkeypatch.setattr(comments_module, "now", fake)
    return fake


@pytest.fixture
def world(uow: MemoryUnitOfWork, passwords: PasswordHasher, tokens: TokenCodec) -> World:
    return World(uow, passwords, tokens)


@pytest.fixture
def alice(world: World) -> Member:
    return world.register("alice")


@pytest.fixture
def bob(world: World) -> Member:
    return world.register("bob")


@pytest.fixture
def carol(world: World) -> Member:
    return world.register("carol")
