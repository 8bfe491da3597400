"""Comments (docs/contract.md, "Comments" and the 404 rules)."""

from __future__ import annotations

import pytest

from domain import services
from domain.errors import Forbidden, NotFound, Unauthorized, ValidationFailed
from domain.model import CommentView, ProfileView
from tests.domain.support import Member, ServiceClock, World, expect_error

COMMENT_NOT_FOUND = {"comment": ["not found"]}
ARTICLE_NOT_FOUND = {"article": ["not found"]}
INT64_MAX = 2**63 - 1


def comments(world: World, slug: str, viewer: Member | None = None) -> list[CommentView]:
    return services.comment_list(uow=world.uow, slug=slug, viewer_id=viewer.id if viewer else None)


def delete(world: World, member: Member, slug: str, comment_id: str | int) -> None:
    services.comment_delete(uow=world.uow, user_id=member.id, slug=slug, comment_id=comment_id)


def test_add_answers_the_comment(
    world: World, alice: Member, bob: Member, service_clock: ServiceClock
) -> None:
    slug = world.publish(alice).slug
    view = world.comment(bob, slug, "  Thank you so much!  ")
    assert view == CommentView(
        id=view.id,
        created_at=service_clock.moment,
        updated_at=service_clock.moment,
        body="  Thank you so much!  ",
        author=ProfileView(username="bob", bio=None, image=None, following=False),
    )
    assert comments(world, slug) == [view]


def test_a_new_comment_has_updated_at_equal_to_created_at(world: World, alice: Member) -> None:
    view = world.comment(alice, world.publish(alice).slug)
    assert view.updated_at == view.created_at


def test_add_answers_ones_own_comment_as_not_followed(
    world: World, alice: Member, bob: Member
) -> None:
    slug = world.publish(alice).slug
    services.profile_follow(uow=world.uow, user_id=alice.id, username="bob")
    view = world.comment(bob, slug)
    assert (view.author.username, view.author.following) == ("bob", False)
    assert [c.author.following for c in comments(world, slug, alice)] == [True]


@pytest.mark.parametrize("body", ["", "   ", "\n\t"])
def test_add_refuses_a_blank_body(world: World, alice: Member, body: str) -> None:
    slug = world.publish(alice).slug
    with expect_error(ValidationFailed, 422, {"body": ["can't be blank"]}):
        world.comment(alice, slug, body)
    assert world.uow.store.comments == {}


def test_add_to_an_unknown_article_is_not_found_before_values(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, ARTICLE_NOT_FOUND):
        world.comment(alice, "unknown", "")


def test_add_by_a_user_that_no_longer_exists(world: World, alice: Member) -> None:
    slug = world.publish(alice).slug
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.comment_add(uow=world.uow, user_id=404, slug=slug, body="boo")
    assert world.uow.store.comments == {}


def test_listed_newest_first_ties_by_higher_id(
    world: World, alice: Member, bob: Member, service_clock: ServiceClock
) -> None:
    slug = world.publish(alice).slug
    first = world.comment(alice, slug, "first")
    second = world.comment(bob, slug, "second")
    service_clock.advance(seconds=1)
    third = world.comment(alice, slug, "third")
    service_clock.advance(seconds=-10)
    oldest = world.comment(bob, slug, "backdated")
    assert first.id < second.id
    assert [c.body for c in comments(world, slug)] == ["third", "second", "first", "backdated"]
    assert [c.id for c in comments(world, slug)] == [third.id, second.id, first.id, oldest.id]


def test_list_is_per_article(world: World, alice: Member, bob: Member) -> None:
    one = world.publish(alice, "One").slug
    two = world.publish(alice, "Two").slug
    world.comment(bob, one, "on one")
    assert [c.body for c in comments(world, one)] == ["on one"]
    assert comments(world, two) == []


def test_list_shows_whether_the_viewer_follows_each_author(
    world: World, alice: Member, bob: Member, carol: Member
) -> None:
    slug = world.publish(alice).slug
    world.comment(alice, slug, "by alice")
    world.comment(bob, slug, "by bob")
    services.profile_follow(uow=world.uow, user_id=carol.id, username="bob")
    seen = {c.body: c.author.following for c in comments(world, slug, carol)}
    assert seen == {"by alice": False, "by bob": True}
    assert [c.author.following for c in comments(world, slug)] == [False, False]


def test_list_of_an_unknown_article(world: World) -> None:
    with expect_error(NotFound, 404, ARTICLE_NOT_FOUND):
        comments(world, "unknown")


@pytest.mark.parametrize("as_text", [False, True])
def test_author_deletes_their_comment(
    world: World, alice: Member, bob: Member, as_text: bool
) -> None:
    slug = world.publish(alice).slug
    kept = world.comment(bob, slug, "kept")
    gone = world.comment(bob, slug, "gone")
    delete(world, bob, slug, str(gone.id) if as_text else gone.id)
    assert comments(world, slug) == [kept]
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, bob, slug, gone.id)


def test_only_the_comment_author_may_delete_it(world: World, alice: Member, bob: Member) -> None:
    slug = world.publish(alice).slug
    view = world.comment(bob, slug)
    with expect_error(Forbidden, 403, {"comment": ["forbidden"]}):
        delete(world, alice, slug, view.id)
    assert comments(world, slug) == [view]


@pytest.mark.parametrize(
    "comment_id",
    [
        "",
        "abc",
        "1.0",
        "1e3",
        "-1",
        "+1",
        " 1",
        "1 ",
        "0",
        0,
        -1,
        "\u0661",  # ARABIC-INDIC DIGIT ONE
        "\u00b9",  # SUPERSCRIPT ONE
        str(2**63),
        2**63,
        str(2**64 + 1),
        "9" * 40,
        "9" * 5000,  # past the digits int() reads (4300)
        INT64_MAX,
        "999999",
    ],
)
def test_ids_that_are_not_comments_are_not_found(
    world: World, alice: Member, comment_id: str | int
) -> None:
    slug = world.publish(alice).slug
    world.comment(alice, slug)
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, alice, slug, comment_id)
    assert len(world.uow.store.comments) == 1


def test_the_int64_range_is_the_limit(world: World, alice: Member) -> None:
    slug = world.publish(alice).slug
    world.uow.store.next_id = INT64_MAX
    largest = world.comment(alice, slug, "largest")
    beyond = world.comment(alice, slug, "beyond")
    assert (largest.id, beyond.id) == (INT64_MAX, INT64_MAX + 1)
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, alice, slug, str(beyond.id))
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, alice, slug, beyond.id)
    delete(world, alice, slug, str(INT64_MAX))
    assert [c.body for c in comments(world, slug)] == ["beyond"]


def test_a_comment_of_another_article_is_not_found(
    world: World, alice: Member, bob: Member
) -> None:
    one = world.publish(alice, "One").slug
    two = world.publish(alice, "Two").slug
    on_one = world.comment(bob, one)
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, bob, two, on_one.id)
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, alice, two, on_one.id)
    assert comments(world, one) == [on_one]


def test_delete_on_an_unknown_article_is_not_found(
    world: World, alice: Member, bob: Member
) -> None:
    view = world.comment(bob, world.publish(alice).slug)
    with expect_error(NotFound, 404, ARTICLE_NOT_FOUND):
        delete(world, bob, "unknown", view.id)


def test_delete_by_a_user_that_no_longer_exists(world: World, alice: Member) -> None:
    slug = world.publish(alice).slug
    view = world.comment(alice, slug)
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.comment_delete(uow=world.uow, user_id=404, slug=slug, comment_id=view.id)
    assert comments(world, slug) == [view]


def test_deleting_the_article_deletes_its_comments(
    world: World, alice: Member, bob: Member
) -> None:
    slug = world.publish(alice).slug
    view = world.comment(bob, slug)
    services.article_delete(uow=world.uow, user_id=alice.id, slug=slug)
    world.publish(alice)
    assert comments(world, slug) == []
    with expect_error(NotFound, 404, COMMENT_NOT_FOUND):
        delete(world, bob, slug, view.id)
