"""Creating, reading, updating and deleting articles (docs/contract.md, "Articles")."""

from __future__ import annotations

import re
from typing import Any

import pytest

import domain._sync.services.articles as articles_module
from domain import services
from domain.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from domain.model import ArticleView, ProfileView
from domain.ports import UnitOfWork
from tests.domain.support import Member, ServiceClock, World, expect_error

BLANK = "can't be blank"
NOT_FOUND = {"article": ["not found"]}
FORBIDDEN = {"article": ["forbidden"]}


def update(world: World, member: Member, slug: str, **fields: Any) -> ArticleView:
    return services.article_update(uow=world.uow, user_id=member.id, slug=slug, **fields)


def get(world: World, slug: str, viewer: Member | None = None) -> ArticleView:
    return services.article_get(uow=world.uow, slug=slug, viewer_id=viewer.id if viewer else None)


def stale_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain slug looked free when checked, but was taken before the write."""
    candidates = articles_module._slug_candidates

    def racing(uow: UnitOfWork, base: str) -> list[str]:
        return [base, *candidates(uow, base)]

    monkeypatch.setattr(articles_module, "_slug_candidates", racing)


def test_create_answers_the_article(
    world: World, alice: Member, service_clock: ServiceClock
) -> None:
    view = world.publish(alice, "How to train your dragon", tags=["dragons", "training"])
    assert view == ArticleView(
        slug="how-to-train-your-dragon",
        title="How to train your dragon",
        description="Ever wonder how?",
        body="You have to believe.",
        tag_list=["dragons", "training"],
        created_at=service_clock.moment,
        updated_at=service_clock.moment,
        favorited=False,
        favorites_count=0,
        author=ProfileView(username="alice", bio=None, image=None, following=False),
    )
    assert get(world, view.slug) == view


def test_a_new_article_has_updated_at_equal_to_created_at(world: World, alice: Member) -> None:
    view = world.publish(alice)
    assert view.updated_at == view.created_at
    assert view.created_at.microsecond % 1000 == 0


def test_values_are_stored_as_sent_but_tags_are_trimmed_merged_and_sorted(
    world: World, alice: Member
) -> None:
    view = world.publish(
        alice,
        "  Spaced title ",
        description=" d ",
        body="\tb\n",
        tags=[" zeta", "alpha ", "zeta", "Alpha"],
    )
    assert (view.title, view.description, view.body) == ("  Spaced title ", " d ", "\tb\n")
    assert view.tag_list == ["Alpha", "alpha", "zeta"]
    assert view.slug == "spaced-title"


@pytest.mark.parametrize("tags", [None, []])
def test_create_without_tags(world: World, alice: Member, tags: list[str] | None) -> None:
    assert world.publish(alice, tags=tags).tag_list == []


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"title": ""}, {"title": [BLANK]}),
        ({"title": "   "}, {"title": [BLANK]}),
        ({"title": "t" * 256}, {"title": ["is too long (maximum is 255 characters)"]}),
        ({"description": " "}, {"description": [BLANK]}),
        ({"body": ""}, {"body": [BLANK]}),
        ({"tags": ["ok", " "]}, {"tagList": ["can't contain a blank tag"]}),
        ({"tags": ["t" * 65]}, {"tagList": ["is too long (maximum is 64 characters)"]}),
        (
            {"title": "", "description": "", "body": "", "tags": [""]},
            {
                "title": [BLANK],
                "description": [BLANK],
                "body": [BLANK],
                "tagList": ["can't contain a blank tag"],
            },
        ),
    ],
)
def test_create_refuses_bad_values(
    world: World, alice: Member, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    values: dict[str, Any] = {"title": "Title", "description": "d", "body": "b"} | fields
    with expect_error(ValidationFailed, 422, errors):
        world.publish(alice, **values)
    assert world.uow.store.articles == {}


def test_create_by_a_user_that_no_longer_exists(world: World) -> None:
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.article_create(uow=world.uow, user_id=404, title="T", description="d", body="b")
    assert world.uow.store.articles == {}


def test_a_taken_slug_gets_a_random_suffix(world: World, alice: Member, bob: Member) -> None:
    first = world.publish(alice, "Same title")
    second = world.publish(bob, "Same title")
    third = world.publish(alice, "SAME  title!")
    assert first.slug == "same-title"
    assert re.fullmatch(r"same-title-[a-z0-9]{8}", second.slug)
    assert re.fullmatch(r"same-title-[a-z0-9]{8}", third.slug)
    assert len({first.slug, second.slug, third.slug}) == 3
    assert get(world, second.slug).author.username == "bob"


def test_a_title_without_letters_or_digits_gets_the_slug_article(
    world: World, alice: Member
) -> None:
    assert world.publish(alice, "!!!").slug == "article"
    assert re.fullmatch(r"article-[a-z0-9]{8}", world.publish(alice, "???").slug)


def test_a_slug_that_a_path_names_is_never_given(world: World, alice: Member) -> None:
    created = world.publish(alice, "Feed")
    assert re.fullmatch(r"feed-[a-z0-9]{8}", created.slug)
    renamed = update(world, alice, world.publish(alice, "Other").slug, title="FEED!")
    assert re.fullmatch(r"feed-[a-z0-9]{8}", renamed.slug)


def test_a_slug_taken_in_a_race_falls_back_to_a_suffix(
    world: World, alice: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.publish(alice, "Racing")
    stale_check(monkeypatch)
    second = world.publish(alice, "Racing")
    assert re.fullmatch(r"racing-[a-z0-9]{8}", second.slug)


def test_when_every_slug_is_taken_creation_is_a_conflict(
    world: World, alice: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.publish(alice, "Racing")
    world.publish(alice, "Racing again")
    monkeypatch.setattr(articles_module, "with_suffix", lambda base: "racing-again")
    with expect_error(Conflict, 409, {"slug": ["has already been taken"]}):
        world.publish(alice, "Racing")
    assert len(world.uow.store.articles) == 2


def test_get_of_an_unknown_slug(world: World, alice: Member) -> None:
    world.publish(alice, "Known")
    with expect_error(NotFound, 404, NOT_FOUND):
        get(world, "unknown")
    with expect_error(NotFound, 404, NOT_FOUND):
        get(world, "KNOWN")


def test_get_shows_the_readers_favorite_and_follow_state(
    world: World, alice: Member, bob: Member, carol: Member
) -> None:
    slug = world.publish(alice).slug
    services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    services.profile_follow(uow=world.uow, user_id=bob.id, username="alice")
    as_bob = get(world, slug, bob)
    assert (as_bob.favorited, as_bob.favorites_count, as_bob.author.following) == (True, 1, True)
    as_carol = get(world, slug, carol)
    assert (as_carol.favorited, as_carol.favorites_count, as_carol.author.following) == (
        False,
        1,
        False,
    )
    anonymous = get(world, slug)
    assert (anonymous.favorited, anonymous.favorites_count, anonymous.author.following) == (
        False,
        1,
        False,
    )


def test_update_changes_only_the_fields_sent(
    world: World, alice: Member, service_clock: ServiceClock
) -> None:
    created = world.publish(alice, "Original", tags=["a", "b"])
    service_clock.advance(seconds=5)
    view = update(world, alice, created.slug, body="New body")
    assert view.body == "New body"
    assert (view.slug, view.title, view.description, view.tag_list) == (
        "original",
        "Original",
        "Ever wonder how?",
        ["a", "b"],
    )
    assert view.created_at == created.created_at
    assert view.updated_at == service_clock.moment
    service_clock.advance(seconds=5)
    view = update(world, alice, created.slug, description="New description")
    assert (view.description, view.body) == ("New description", "New body")
    assert view.updated_at == service_clock.moment
    assert get(world, "original") == view


def test_updated_at_moves_on_every_accepted_update(
    world: World, alice: Member, service_clock: ServiceClock
) -> None:
    created = world.publish(alice)
    moments = []
    for _ in range(3):
        service_clock.advance(milliseconds=1)
        moments.append(update(world, alice, created.slug, body="again").updated_at)
    assert moments[0] > created.updated_at
    assert moments == sorted(set(moments))


def test_updated_at_never_goes_back(
    world: World, alice: Member, service_clock: ServiceClock
) -> None:
    created = world.publish(alice)
    service_clock.advance(seconds=-60)
    assert update(world, alice, created.slug, body="again").updated_at >= created.updated_at


def test_a_new_title_brings_a_new_slug(world: World, alice: Member) -> None:
    created = world.publish(alice, "Old title", tags=["t"])
    view = update(world, alice, created.slug, title="Brand new title")
    assert (view.slug, view.title, view.tag_list) == ("brand-new-title", "Brand new title", ["t"])
    with expect_error(NotFound, 404, NOT_FOUND):
        get(world, "old-title")
    assert get(world, "brand-new-title") == view


@pytest.mark.parametrize("title", ["Old title", "Old  Title!", "old-title"])
def test_a_title_with_the_same_slug_keeps_the_slug(world: World, alice: Member, title: str) -> None:
    created = world.publish(alice, "Old title")
    view = update(world, alice, created.slug, title=title)
    assert (view.slug, view.title) == ("old-title", title)


def test_a_suffixed_slug_is_kept_when_the_title_is_sent_unchanged(
    world: World, alice: Member
) -> None:
    world.publish(alice, "Twin")
    second = world.publish(alice, "Twin")
    view = update(world, alice, second.slug, title="Twin", body="changed")
    assert view.slug == second.slug


@pytest.mark.parametrize("title", ["TWIN", "twin!", "Twín"])
def test_a_suffixed_slug_is_kept_when_the_title_slugifies_alike(
    world: World, alice: Member, title: str
) -> None:
    world.publish(alice, "Twin")
    second = world.publish(alice, "Twin")
    view = update(world, alice, second.slug, title=title)
    assert (view.slug, view.title) == (second.slug, title)
    assert get(world, second.slug).title == title


def test_a_new_title_whose_slug_is_taken_gets_a_suffix(world: World, alice: Member) -> None:
    world.publish(alice, "Taken")
    mine = world.publish(alice, "Mine")
    view = update(world, alice, mine.slug, title="Taken")
    assert re.fullmatch(r"taken-[a-z0-9]{8}", view.slug)
    assert get(world, "taken").title == "Taken"
    assert get(world, view.slug).title == "Taken"


def test_a_new_slug_taken_in_a_race_falls_back_to_a_suffix(
    world: World, alice: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.publish(alice, "Taken")
    mine = world.publish(alice, "Mine")
    stale_check(monkeypatch)
    view = update(world, alice, mine.slug, title="Taken")
    assert re.fullmatch(r"taken-[a-z0-9]{8}", view.slug)


def test_when_every_new_slug_is_taken_the_update_is_a_conflict_and_changes_nothing(
    world: World, alice: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.publish(alice, "Taken")
    world.publish(alice, "Taken too")
    mine = world.publish(alice, "Mine")
    monkeypatch.setattr(articles_module, "with_suffix", lambda base: "taken-too")
    with expect_error(Conflict, 409, {"slug": ["has already been taken"]}):
        update(world, alice, mine.slug, title="Taken", body="changed")
    assert get(world, "mine") == mine


def test_tag_list_left_out_keeps_the_tags_and_empty_clears_them(
    world: World, alice: Member
) -> None:
    slug = world.publish(alice, tags=["a", "b"]).slug
    assert update(world, alice, slug, body="x").tag_list == ["a", "b"]
    assert update(world, alice, slug, tag_list=[" c ", "b", "c"]).tag_list == ["b", "c"]
    assert update(world, alice, slug, tag_list=[]).tag_list == []
    assert get(world, slug).tag_list == []


def test_update_with_no_known_field_is_refused(world: World, alice: Member) -> None:
    slug = world.publish(alice).slug
    with expect_error(ValidationFailed, 422, {"article": [BLANK]}):
        update(world, alice, slug)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"title": ""}, {"title": [BLANK]}),
        ({"title": "t" * 256}, {"title": ["is too long (maximum is 255 characters)"]}),
        ({"description": "  "}, {"description": [BLANK]}),
        ({"body": ""}, {"body": [BLANK]}),
        ({"tag_list": [""]}, {"tagList": ["can't contain a blank tag"]}),
        (
            {"title": " ", "body": "fine", "tag_list": ["t" * 65]},
            {"title": [BLANK], "tagList": ["is too long (maximum is 64 characters)"]},
        ),
    ],
)
def test_update_refuses_bad_values_and_changes_nothing(
    world: World, alice: Member, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    created = world.publish(alice, tags=["kept"])
    with expect_error(ValidationFailed, 422, errors):
        update(world, alice, created.slug, **fields)
    assert get(world, created.slug) == created


def test_update_of_an_unknown_slug(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, NOT_FOUND):
        update(world, alice, "unknown", body="x")


def test_update_of_someone_elses_article_is_forbidden_and_changes_nothing(
    world: World, alice: Member, bob: Member
) -> None:
    created = world.publish(alice)
    with expect_error(Forbidden, 403, FORBIDDEN):
        update(world, bob, created.slug, title="Hijacked", body="x", tag_list=[])
    assert get(world, created.slug) == created


def test_not_found_comes_before_values(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, NOT_FOUND):
        update(world, alice, "unknown", title="", body="")


def test_forbidden_comes_before_values(world: World, alice: Member, bob: Member) -> None:
    slug = world.publish(alice).slug
    with expect_error(Forbidden, 403, FORBIDDEN):
        update(world, bob, slug, title="", tag_list=[""])


def test_update_answers_the_authors_own_view(world: World, alice: Member, bob: Member) -> None:
    slug = world.publish(alice).slug
    services.article_favorite(uow=world.uow, user_id=alice.id, slug=slug)
    services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    view = update(world, alice, slug, body="x")
    assert (view.favorited, view.favorites_count, view.author.following) == (True, 2, False)


def test_delete_removes_the_article_its_comments_and_favorites(
    world: World, alice: Member, bob: Member
) -> None:
    slug = world.publish(alice, tags=["gone"]).slug
    kept = world.publish(alice, "Kept", tags=["kept"])
    world.comment(bob, slug)
    kept_comment = world.comment(bob, kept.slug)
    services.article_favorite(uow=world.uow, user_id=bob.id, slug=slug)
    services.article_favorite(uow=world.uow, user_id=bob.id, slug=kept.slug)
    services.article_delete(uow=world.uow, user_id=alice.id, slug=slug)
    with expect_error(NotFound, 404, NOT_FOUND):
        get(world, slug)
    store = world.uow.store
    assert [a.slug for a in store.articles.values()] == ["kept"]
    assert list(store.comments) == [kept_comment.id]
    assert {article_id for _, article_id in store.favorites} == {
        a.id for a in store.articles.values()
    }
    assert services.tag_list(uow=world.uow) == ["kept"]


def test_delete_of_an_unknown_slug(world: World, alice: Member) -> None:
    with expect_error(NotFound, 404, NOT_FOUND):
        services.article_delete(uow=world.uow, user_id=alice.id, slug="unknown")


def test_delete_of_someone_elses_article_is_forbidden_and_keeps_it(
    world: World, alice: Member, bob: Member
) -> None:
    created = world.publish(alice)
    world.comment(bob, created.slug)
    with expect_error(Forbidden, 403, FORBIDDEN):
        services.article_delete(uow=world.uow, user_id=bob.id, slug=created.slug)
    assert get(world, created.slug) == created
    assert len(world.uow.store.comments) == 1


def test_delete_by_a_user_that_no_longer_exists(world: World, alice: Member) -> None:
    slug = world.publish(alice).slug
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.article_delete(uow=world.uow, user_id=404, slug=slug)
    assert get(world, slug).slug == slug
