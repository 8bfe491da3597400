"""Checks every storage runs: a unique rule that the database decides, past the domain's check.

The services look for a taken username, email or slug before they insert, so through the API a
unique constraint refuses a row only when another writer commits the same value between that
look and the insert. These checks reach the constraint directly, with a second unit of work
committing the value first (in a thread of its own, with a connection of its own), and expect
the domain's error, a unit of work that is still usable where the service goes on (a slug taken
under a savepoint), and nothing stored by the refused writer.

``interleaved`` runs the race as it happens: the first unit of work looks (and finds nothing)
before the second commits. Only PostgreSQL lets two writers' transactions overlap; SQLite takes
the write lock at a writer's first statement, so there the look sees the committed row and the
race cannot happen.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from domain.errors import TAKEN, Conflict, NotFound, SlugTaken
from domain.model import User
from domain.ports import UnitOfWork

NewUnitOfWork = Callable[[], UnitOfWork]
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def run_in_a_thread(work: Callable[[], None]) -> None:
    """``work`` in a new thread, waited for; what it raises is raised here."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the other writer did not finish"
    if failures:
        raise failures[0]


@dataclass(frozen=True)
class Storage:
    """A storage under test: its units of work, and what runs a second writer beside them."""

    new_uow: NewUnitOfWork
    interleaved: bool
    in_another_thread: Callable[[Callable[[], None]], None] = run_in_a_thread


def _name() -> str:
    return f"u{uuid.uuid4().hex[:12]}"


def _add_user(uow: UnitOfWork, *, username: str, email: str) -> int:
    return uow.users.add(username=username, email=email, password_hash="h", bio=None, image=None).id


@contextmanager
def _past_the_check(
    storage: Storage, look: Callable[[UnitOfWork], bool], elsewhere: Callable[[], None]
) -> Iterator[UnitOfWork]:
    """A writing unit of work whose check passed while another writer, ``elsewhere``, commits
    the same value: interleaved, the check runs in the unit of work first; otherwise the other
    writer commits before the unit of work begins, as if its check had run earlier."""
    if not storage.interleaved:
        storage.in_another_thread(elsewhere)
    with storage.new_uow() as uow:
        if storage.interleaved:
            assert look(uow), "the check found the value before the other writer committed it"
            storage.in_another_thread(elsewhere)
        yield uow


def _written_past_the_check(
    storage: Storage,
    look: Callable[[UnitOfWork], bool],
    elsewhere: Callable[[], None],
    write: Callable[[UnitOfWork], object],
) -> None:
    """``write`` and commit in a unit of work past its check (see ``_past_the_check``)."""
    with _past_the_check(storage, look, elsewhere) as uow:
        write(uow)
        uow.commit()


def _registering(storage: Storage, *, username: str, email: str) -> Callable[[], None]:
    def register() -> None:
        with storage.new_uow() as other:
            _add_user(other, username=username, email=email)
            other.commit()

    return register


_USER_BY: dict[str, Callable[[UnitOfWork, str], User | None]] = {
    "username": lambda uow, value: uow.users.get_by_username(value),
    "email": lambda uow, value: uow.users.get_by_email(value),
}


def _check_a_taken(storage: Storage, taken: str) -> None:
    """``taken`` (``username`` or ``email``) of a user that another writer registers first."""
    first = {"username": _name(), "email": f"{_name()}@example.com"}
    late = {"username": _name(), "email": f"{_name()}@example.com", taken: first[taken]}
    other = "email" if taken == "username" else "username"
    by = _USER_BY[taken]
    with pytest.raises(Conflict) as refused:
        _written_past_the_check(
            storage,
            lambda uow: by(uow, first[taken]) is None,
            _registering(storage, **first),
            lambda uow: _add_user(uow, **late),
        )
    assert refused.value.errors == {taken: [TAKEN]}
    with storage.new_uow().reading() as uow:
        assert _USER_BY[other](uow, late[other]) is None


def check_a_taken_username(storage: Storage) -> None:
    _check_a_taken(storage, "username")


def check_a_taken_email(storage: Storage) -> None:
    _check_a_taken(storage, "email")


def _add_article(uow: UnitOfWork, author_id: int, slug: str) -> int:
    article = uow.articles.add(
        slug=slug,
        title=slug,
        description="d",
        body="b",
        author_id=author_id,
        tags=[f"t{slug}"],
        created_at=NOW,
    )
    return article.id


def _publishing(storage: Storage, author_id: int, slug: str) -> Callable[[], None]:
    def publish() -> None:
        with storage.new_uow() as other:
            _add_article(other, author_id, slug)
            other.commit()

    return publish


def _author(storage: Storage) -> int:
    with storage.new_uow() as uow:
        author_id = _add_user(uow, username=_name(), email=f"{_name()}@example.com")
        uow.commit()
    return author_id


def _slug_is_free(slug: str) -> Callable[[UnitOfWork], bool]:
    return lambda uow: not uow.articles.slug_exists(slug)


def check_a_taken_slug_leaves_the_writer_free_to_take_another(storage: Storage) -> None:
    """As ``article_create`` does: on ``SlugTaken`` it tries a suffixed slug, same transaction."""
    author_id = _author(storage)
    slug = f"slug-{_name()}"
    elsewhere = _publishing(storage, author_id, slug)
    with _past_the_check(storage, _slug_is_free(slug), elsewhere) as uow:
        with pytest.raises(SlugTaken):
            _add_article(uow, author_id, slug)
        _add_article(uow, author_id, f"{slug}-2")
        uow.commit()
    with storage.new_uow().reading() as uow:
        first, second = uow.articles.get_by_slug(slug), uow.articles.get_by_slug(f"{slug}-2")
        assert first is not None
        assert second is not None
        assert first.tags == [f"t{slug}"]
        assert second.tags == [f"t{slug}-2"]


def check_a_slug_taken_by_an_update(storage: Storage) -> None:
    """As ``article_update`` does when a new title moves the slug onto a taken one."""
    author_id = _author(storage)
    slug, wanted = f"slug-{_name()}", f"slug-{_name()}"
    with storage.new_uow() as uow:
        _add_article(uow, author_id, slug)
        uow.commit()
    elsewhere = _publishing(storage, author_id, wanted)
    with _past_the_check(storage, _slug_is_free(wanted), elsewhere) as uow:
        article = uow.articles.get_by_slug(slug)
        assert article is not None
        article.slug, article.title = wanted, "moved"
        with pytest.raises(SlugTaken):
            uow.articles.update(article)
        article.slug = f"{wanted}-2"
        uow.articles.update(article)
        uow.commit()
    with storage.new_uow().reading() as uow:
        assert uow.articles.get_by_slug(slug) is None
        moved = uow.articles.get_by_slug(f"{wanted}-2")
        assert moved is not None
        assert moved.title == "moved"


def check_a_comment_on_an_article_deleted_meanwhile(storage: Storage) -> None:
    """The article is found, then deleted by its author in another transaction before the
    comment is written: the comment meets what a later request would, no article. Only where
    writers overlap (PostgreSQL: see ``interleaved``)."""
    assert storage.interleaved
    author_id = _author(storage)
    slug = f"slug-{_name()}"
    with storage.new_uow() as uow:
        article_id = _add_article(uow, author_id, slug)
        uow.commit()

    def delete() -> None:
        with storage.new_uow() as other:
            other.articles.delete(article_id)
            other.commit()

    with pytest.raises(NotFound) as refused:
        _written_past_the_check(
            storage,
            lambda uow: uow.articles.get_by_slug(slug) is not None,
            delete,
            lambda uow: uow.comments.add(
                article_id=article_id, author_id=author_id, body="late", created_at=NOW
            ),
        )
    assert refused.value.errors == {"article": ["not found"]}


UNIQUE_CHECKS = [
    check_a_taken_username,
    check_a_taken_email,
    check_a_taken_slug_leaves_the_writer_free_to_take_another,
    check_a_slug_taken_by_an_update,
]


@pytest.mark.parametrize("check", UNIQUE_CHECKS, ids=lambda check: check.__name__)
def test_a_unique_rule_decided_by_the_database(
    storage: Storage, check: Callable[[Storage], None]
) -> None:
    """Collected by each storage's module, which imports it beside its ``storage`` fixture."""
    check(storage)


def test_a_comment_on_an_article_deleted_meanwhile(storage: Storage) -> None:
    """Collected by each storage's module, as the test above."""
    if not storage.interleaved:
        pytest.skip("SQLite runs one writer at a time: an article cannot vanish within a request")
    check_a_comment_on_an_article_deleted_meanwhile(storage)
