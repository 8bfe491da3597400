"""The in-memory unit of work keeps nothing without a commit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import SlugTaken
from domain.memory import MemoryStore, MemoryUnitOfWork
from domain.model import Article, ArticleQuery
from domain.ports import UnitOfWork

WHEN = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)


def add_user(uow: UnitOfWork, username: str = "jake") -> int:
    user = uow.users.add(
        username=username, email=f"{username}@example.com", password_hash="h", bio=None, image=None
    )
    return user.id


def add_article(uow: MemoryUnitOfWork, author: int, slug: str, tags: list[str]) -> Article:
    return uow.articles.add(
        slug=slug,
        title="t",
        description="d",
        body="b",
        author_id=author,
        tags=tags,
        created_at=WHEN,
    )


def test_nothing_is_kept_without_commit(store: MemoryStore) -> None:
    with MemoryUnitOfWork(store) as uow:
        add_user(uow)
        assert uow.users.get_by_username("jake") is not None
    assert store.users == {}
    with MemoryUnitOfWork(store) as again:
        assert again.users.get_by_username("jake") is None


def test_commit_keeps_the_work(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        user_id = add_user(uow)
        uow.commit()
    assert uow.commits == 1
    assert store.users[user_id].username == "jake"
    with MemoryUnitOfWork(store) as other:
        found = other.users.get(user_id)
        assert found is not None
        assert found.email == "jake@example.com"


def test_exception_rolls_back_and_propagates(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        add_user(uow, "kept")
        uow.commit()

    def fail_midway() -> None:
        with uow:
            add_user(uow, "lost")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail_midway()
    assert sorted(u.username for u in store.users.values()) == ["kept"]
    assert uow.users.get_by_username("lost") is None
    assert uow.users.get_by_username("kept") is not None


def test_work_after_commit_is_rolled_back(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        add_user(uow, "first")
        uow.commit()
        add_user(uow, "second")
    assert sorted(u.username for u in store.users.values()) == ["first"]


def test_rollback_forgets_uncommitted_work() -> None:
    uow = MemoryUnitOfWork()
    add_user(uow)
    uow.rollback()
    assert uow.users.get_by_username("jake") is None
    assert uow.store.users == {}


def test_entering_starts_from_the_committed_state(store: MemoryStore) -> None:
    first, second = MemoryUnitOfWork(store), MemoryUnitOfWork(store)
    with first:
        user_id = add_user(first)
        first.commit()
    with second:
        assert second.users.get(user_id) is not None


def test_returned_entities_are_copies(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        user = uow.users.get(add_user(uow))
        assert user is not None
        user.bio = "changed without update"
        assert uow.users.get(user.id) == user.__class__(user.id, "jake", "jake@example.com", "h")
        article = uow.articles.add(
            slug="s",
            title="t",
            description="d",
            body="b",
            author_id=user.id,
            tags=["b", "a", "a"],
            created_at=WHEN,
        )
        assert article.tags == ["a", "b"]
        article.tags.append("c")
        stored = uow.articles.get_by_slug("s")
        assert stored is not None
        assert stored.tags == ["a", "b"]
        assert stored.updated_at == stored.created_at == WHEN


def test_ids_increase_and_are_never_reused(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        ids = [add_user(uow, name) for name in ("a", "b", "c")]
        uow.commit()
    assert ids == sorted(ids)
    assert len(set(ids)) == 3


def test_repositories_look_ups(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        jake, anne = add_user(uow, "jake"), add_user(uow, "anne")
        assert uow.users.get(999) is None
        assert uow.users.get_by_email("nobody@example.com") is None
        assert set(uow.users.get_many([jake, anne, 999])) == {jake, anne}
        uow.follows.add(follower_id=jake, followed_id=anne)
        uow.follows.add(follower_id=jake, followed_id=anne)
        assert uow.follows.followed_among(jake, [jake, anne]) == {anne}
        assert uow.follows.followed_among(anne, [jake]) == set()
        uow.follows.remove(follower_id=jake, followed_id=anne)
        uow.follows.remove(follower_id=jake, followed_id=anne)
        assert uow.follows.followed_among(jake, [anne]) == set()
        assert uow.comments.get(999) is None


def test_article_slugs_are_unique(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        author = add_user(uow)
        first = add_article(uow, author, "taken", [])
        with pytest.raises(SlugTaken):
            add_article(uow, author, "taken", [])
        second = add_article(uow, author, "free", [])
        second.slug = "taken"
        with pytest.raises(SlugTaken):
            uow.articles.update(second)
        first.tags = ["z", "y", "z"]
        uow.articles.update(first)
        stored = uow.articles.get_by_slug("taken")
        assert stored is not None
        assert stored.tags == ["y", "z"]
        assert uow.articles.count(ArticleQuery()) == 2
        assert uow.articles.get_by_slug("missing") is None


def test_deleting_an_article_cascades(store: MemoryStore) -> None:
    uow = MemoryUnitOfWork(store)
    with uow:
        author = add_user(uow)
        article = add_article(uow, author, "s", ["x"])
        other = add_article(uow, author, "o", ["y"])
        uow.favorites.add(user_id=author, article_id=article.id)
        uow.favorites.add(user_id=author, article_id=other.id)
        uow.comments.add(article_id=article.id, author_id=author, body="c", created_at=WHEN)
        kept = uow.comments.add(article_id=other.id, author_id=author, body="c", created_at=WHEN)
        uow.articles.delete(article.id)
        uow.articles.delete(article.id)
        uow.commit()
    assert set(store.articles) == {other.id}
    assert store.favorites == {(author, other.id)}
    assert set(store.comments) == {kept.id}
    with MemoryUnitOfWork(store) as again:
        assert again.tags.list_in_use() == ["y"]
        assert again.favorites.counts([article.id, other.id]) == {other.id: 1}


class RecordingUnitOfWork(UnitOfWork):
    """The port's own ``with`` behaviour, without the in-memory overrides."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def commit(self) -> None:
        self.calls.append("commit")

    def rollback(self) -> None:
        self.calls.append("rollback")


def test_the_port_rolls_back_on_leaving_the_block() -> None:
    uow = RecordingUnitOfWork()
    with uow as entered:
        assert entered is uow
        uow.commit()
    assert uow.calls == ["commit", "rollback"]
    with pytest.raises(ValueError, match="refused"), uow:
        raise ValueError("refused")
    assert uow.calls == ["commit", "rollback", "rollback"]
