"""Favorites (docs/contract.md, "Articles")."""

from __future__ import annotations

from domain import services
from domain.errors import NotFound, Unauthorized
from tests.domain.support import Member, World, expect_error


def test_favorite_and_unfavorite(world: World, alice: Member, bob: Member) -> None:
    slug = world.publish(alice).slug
    view = services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    assert (view.slug, view.favorited, view.favorites_count) == (slug, True, 1)
    view = services.article_unfavorite(uow=world.uow, user_id=bob.id, slug=slug)
    assert (view.slug, view.favorited, view.favorites_count) == (slug, False, 0)
    assert world.uow.store.favorites == set()


def test_counts_are_exact(world: World, alice: Member, bob: Member, carol: Member) -> None:
    slug = world.publish(alice).slug
    other = world.publish(alice, "Other").slug
    for member in (alice, bob, carol):
        services.article_favorite(uow=world.uow, user_id=member.id, slug=slug)
    services.article_favorite(uow=world.uow, user_id=bob.id, slug=other)
    assert services.article_get(uow=world.uow, slug=slug, viewer_id=None).favorites_count == 3
    view = services.article_unfavorite(uow=world.uow, user_id=carol.id, slug=slug)
    assert (view.favorited, view.favorites_count) == (False, 2)
    as_alice = services.article_get(uow=world.uow, slug=slug, viewer_id=alice.id)
    assert (as_alice.favorited, as_alice.favorites_count) == (True, 2)
    assert services.article_get(uow=world.uow, slug=other, viewer_id=None).favorites_count == 1


def test_favoriting_twice_is_the_same_as_once(world: World, alice: Member, bob: Member) -> None:
    slug = world.publish(alice).slug
    first = services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    second = services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    assert first == second
    assert second.favorites_count == 1


def test_unfavoriting_twice_or_never_favorited_is_fine(
    world: World, alice: Member, bob: Member
) -> None:
    slug = world.publish(alice).slug
    services.article_favorite(uow=world.uow, user_id=alice.id, slug=slug)
    for _ in range(2):
        view = services.article_unfavorite(uow=world.uow, user_id=bob.id, slug=slug)
        assert (view.favorited, view.favorites_count) == (False, 1)


def test_favorite_answers_the_author_as_the_caller_sees_them(
    world: World, alice: Member, bob: Member
) -> None:
    slug = world.publish(alice).slug
    services.profile_follow(uow=world.uow, user_id=bob.id, username="alice")
    assert services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug).author.following
    assert services.article_unfavorite(uow=world.uow, user_id=bob.id, slug=slug).author.following


def test_favorite_of_an_unknown_article(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, {"article": ["not found"]}):
        services.article_favorite(uow=world.uow, user_id=alice.id, slug="unknown")
    with expect_error(NotFound, 404, {"article": ["not found"]}):
        services.article_unfavorite(uow=world.uow, user_id=alice.id, slug="unknown")


def test_favorite_by_a_user_that_no_longer_exists(world: World, alice: Member) -> None:
    slug = world.publish(alice).slug
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.article_favorite(uow=world.uow, user_id=404, slug=slug)
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.article_unfavorite(uow=world.uow, user_id=404, slug=slug)
    assert world.uow.store.favorites == set()
