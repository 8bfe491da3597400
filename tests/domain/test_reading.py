"""``uow.reading()``: services that only read enter it, and it commits nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from domain import services
from domain.memory import MemoryStore, MemoryUnitOfWork, ReadOnlyUnitOfWork
from domain.passwords import PasswordHasher
from domain.tokens import TokenCodec
from tests.domain.support import PASSWORD, Member, World
from tests.domain.test_memory_uow import add_user


class ModeSpy(MemoryUnitOfWork):
    """Records, for every block entered, whether it was entered for reading."""

    def __init__(self, store: MemoryStore) -> None:
        super().__init__(store)
        self.modes: list[bool] = []

    def __enter__(self) -> ModeSpy:
        self.modes.append(self.read_only)
        super().__enter__()
        return self


def test_a_reading_block_cannot_commit(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with pytest.raises(ReadOnlyUnitOfWork), uow.reading():
        uow.commit()
    assert uow.commits == 0


def test_leaving_a_reading_block_ends_read_only_mode(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    modes: list[bool] = []

    def read() -> None:
        with uow.reading():
            modes.append(uow.read_only)
            raise LookupError

    with pytest.raises(LookupError):
        read()
    assert modes == [True]
    assert not uow.read_only
    with uow:
        uow.commit()
    assert uow.commits == 1


def test_reading_sees_what_is_committed_not_what_is_pending(store: MemoryStore) -> None:
    writer, reader = MemoryUnitOfWork(store), MemoryUnitOfWork(store)
    with writer:
        add_user(writer, "kept")
        writer.commit()
    with writer:
        add_user(writer, "lost")
        with reader.reading():
            assert reader.users.get_by_username("kept") is not None
            assert reader.users.get_by_username("lost") is None


def _calls(alice: Member, bob: Member, slug: str) -> dict[str, Callable[[Any], object]]:
    """Every service that only reads, with arguments that find something."""
    return {
        "tag_list": lambda uow: services.tag_list(uow=uow),
        "article_list": lambda uow: services.article_list(uow=uow, viewer_id=bob.id),
        "article_feed": lambda uow: services.article_feed(uow=uow, user_id=bob.id),
        "article_get": lambda uow: services.article_get(uow=uow, slug=slug, viewer_id=bob.id),
        "comment_list": lambda uow: services.comment_list(uow=uow, slug=slug, viewer_id=None),
        "profile_get": lambda uow: services.profile_get(
            uow=uow, username=alice.username, viewer_id=bob.id
        ),
        "user_get_current": lambda uow: services.user_get_current(uow=uow, principal=bob.principal),
    }


def test_every_reading_service_enters_for_reading_only(
    store: MemoryStore, world: World, alice: Member, bob: Member
) -> None:
    slug = world.publish(alice, tags=["dragons"]).slug
    world.comment(bob, slug)
    for name, call in _calls(alice, bob, slug).items():
        spy = ModeSpy(store)
        call(spy)
        assert spy.modes == [True], name


def test_login_reads_for_reading_only_and_writes_apart(
    store: MemoryStore, world: World, alice: Member, passwords: PasswordHasher, tokens: TokenCodec
) -> None:
    spy = ModeSpy(store)
    services.user_login(
        uow=spy, passwords=passwords, tokens=tokens, email=alice.email, password=PASSWORD
    )
    assert spy.modes == [True]


def test_writing_services_keep_their_transaction(store: MemoryStore, alice: Member) -> None:
    spy = ModeSpy(store)
    view = services.article_create(
        uow=spy, user_id=alice.id, title="Dragons", description="d", body="b"
    )
    services.article_favorite(uow=spy, user_id=alice.id, slug=view.slug)
    assert spy.modes == [False, False]
    assert spy.commits == 2
