"""Profiles and following (docs/contract.md, "Profiles")."""

from __future__ import annotations

from domain import services
from domain.errors import NotFound, Unauthorized, ValidationFailed
from domain.model import ProfileView
from tests.domain.support import Member, World, expect_error

NOT_FOUND = {"profile": ["not found"]}


def test_anonymous_readers_never_follow(world: World, alice: Member, bob: Member) -> None:
    services.profile_follow(uow=world.uow, user_id=bob.id, username="alice")
    view = services.profile_get(uow=world.uow, username="alice", viewer_id=None)
    assert view == ProfileView(username="alice", bio=None, image=None, following=False)


def test_profile_shows_bio_and_image(world: World, alice: Member) -> None:
    services.user_update(
        uow=world.uow, passwords=world.passwords, principal=alice.principal, bio="b", image="i"
    )
    view = services.profile_get(uow=world.uow, username="alice", viewer_id=alice.id)
    assert view == ProfileView(username="alice", bio="b", image="i", following=False)


def test_unknown_profile_is_not_found(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, NOT_FOUND):
        services.profile_get(uow=world.uow, username="nobody", viewer_id=None)
    with expect_error(NotFound, 404, NOT_FOUND):
        services.profile_get(uow=world.uow, username="Alice", viewer_id=alice.id)


def test_follow_and_unfollow(world: World, alice: Member, bob: Member, carol: Member) -> None:
    followed = services.profile_follow(uow=world.uow, user_id=bob.id, username="alice")
    assert followed == ProfileView(username="alice", bio=None, image=None, following=True)
    assert services.profile_get(uow=world.uow, username="alice", viewer_id=bob.id).following
    assert not services.profile_get(uow=world.uow, username="alice", viewer_id=carol.id).following
    assert not services.profile_get(uow=world.uow, username="bob", viewer_id=alice.id).following
    unfollowed = services.profile_unfollow(uow=world.uow, user_id=bob.id, username="alice")
    assert unfollowed == ProfileView(username="alice", bio=None, image=None, following=False)
    assert not services.profile_get(uow=world.uow, username="alice", viewer_id=bob.id).following
    assert world.uow.store.follows == set()


def test_following_twice_is_the_same_as_once(world: World, alice: Member, bob: Member) -> None:
    first = services.profile_follow(uow=world.uow, user_id=bob.id, username="alice")
    second = services.profile_follow(uow=world.uow, user_id=bob.id, username="alice")
    assert first == second
    assert world.uow.store.follows == {(bob.id, alice.id)}
    services.profile_unfollow(uow=world.uow, user_id=bob.id, username="alice")
    again = services.profile_unfollow(uow=world.uow, user_id=bob.id, username="alice")
    assert again.following is False
    assert world.uow.store.follows == set()


def test_following_yourself_is_refused(world: World, alice: Member) -> None:
    with expect_error(ValidationFailed, 422, {"profile": ["can't follow yourself"]}):
        services.profile_follow(uow=world.uow, user_id=alice.id, username="alice")
    assert world.uow.store.follows == set()


def test_unfollowing_yourself_answers_your_profile(world: World, alice: Member) -> None:
    view = services.profile_unfollow(uow=world.uow, user_id=alice.id, username="alice")
    assert view == ProfileView(username="alice", bio=None, image=None, following=False)


def test_follow_of_an_unknown_profile(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, NOT_FOUND):
        services.profile_follow(uow=world.uow, user_id=alice.id, username="nobody")
    with expect_error(NotFound, 404, NOT_FOUND):
        services.profile_unfollow(uow=world.uow, user_id=alice.id, username="nobody")


def test_follow_by_a_user_that_no_longer_exists(world: World, alice: Member) -> None:
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.profile_follow(uow=world.uow, user_id=404, username="alice")
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.profile_unfollow(uow=world.uow, user_id=404, username="nobody")
    assert world.uow.store.follows == set()
