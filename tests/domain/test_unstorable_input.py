"""Text no database stores (a NUL character) is refused or finds nothing; huge offsets page on."""

from __future__ import annotations

import pytest

from domain import rules, services
from domain.errors import NotFound, ValidationFailed
from domain.model import ArticlePage
from tests.domain.support import Member, World, expect_error

NUL = "\x00"


@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_registration_refuses_nul(world: World, field: str) -> None:
    values = {"username": "jake", "email": "jake@example.com", "password": "jakejake"}
    values[field] = values[field] + NUL
    with pytest.raises(ValidationFailed) as caught:
        services.user_register(
            uow=world.uow, passwords=world.passwords, tokens=world.tokens, **values
        )
    assert caught.value.errors == {field: ["is invalid"]}
    assert world.uow.store.users == {}


@pytest.mark.parametrize("field", ["bio", "image", "username", "email", "password"])
def test_update_refuses_nul(world: World, alice: Member, field: str) -> None:
    before = dict(world.uow.store.users)
    with pytest.raises(ValidationFailed) as caught:
        services.user_update(
            uow=world.uow,
            passwords=world.passwords,
            principal=alice.principal,
            **{field: f"abcdefgh{NUL}"},
        )
    assert caught.value.errors == {field: ["is invalid"]}
    assert world.uow.store.users == before


def test_update_accepts_null_bio_and_image(world: World, alice: Member) -> None:
    view = services.user_update(
        uow=world.uow, passwords=world.passwords, principal=alice.principal, bio=None, image=None
    )
    assert (view.bio, view.image) == (None, None)


def test_article_and_comment_refuse_nul(world: World, alice: Member) -> None:
    refused = {"title": ["is invalid"], "body": ["is invalid"], "tagList": ["is invalid"]}
    with expect_error(ValidationFailed, 422, refused):
        services.article_create(
            uow=world.uow,
            user_id=alice.id,
            title=f"T{NUL}",
            description="d",
            body=f"B{NUL}",
            tag_list=[f"t{NUL}"],
        )
    slug = world.publish(alice).slug
    with expect_error(ValidationFailed, 422, {"body": ["is invalid"]}):
        services.comment_add(uow=world.uow, user_id=alice.id, slug=slug, body=NUL + "x")
    assert services.comment_list(uow=world.uow, slug=slug, viewer_id=None) == []


def test_lookups_with_nul_find_nothing(world: World, alice: Member) -> None:
    world.publish(alice, tags=["dragons"])
    empty = ArticlePage(articles=[], articles_count=0)
    assert services.article_list(uow=world.uow, viewer_id=None, tag="dragons") != empty
    assert services.article_list(uow=world.uow, viewer_id=None, tag=f"dragons{NUL}") == empty
    assert services.article_list(uow=world.uow, viewer_id=None, author=NUL) == empty
    assert services.article_list(uow=world.uow, viewer_id=None, favorited=NUL) == empty
    with expect_error(NotFound, 404, {"article": ["not found"]}):
        services.article_get(uow=world.uow, slug=NUL, viewer_id=None)
    with expect_error(NotFound, 404, {"profile": ["not found"]}):
        services.profile_get(uow=world.uow, username=NUL, viewer_id=None)


@pytest.mark.parametrize("offset", [2**63 - 1, 2**63, 10**30])
def test_huge_offsets_are_capped_to_what_databases_take(offset: int) -> None:
    assert rules.page(None, offset) == (rules.LIMIT_DEFAULT, rules.OFFSET_MAX)
    assert rules.OFFSET_MAX == 2**63 - 1


def test_findable() -> None:
    assert rules.findable("a", None, "b")
    assert not rules.findable("a", f"b{NUL}")


UNSTORABLE = ["\ud800", "\udfff", "a\udc00\ud800b", NUL]


@pytest.mark.parametrize("text", UNSTORABLE)
def test_lone_surrogates_are_unstorable_like_nul(text: str) -> None:
    assert not rules.storable(text)
    assert not rules.findable("a", text)


@pytest.mark.parametrize("text", ["", "plain", "😀", "\U0010ffff\ufffe", "\ud7ff\ue000"])
def test_any_other_text_is_storable(text: str) -> None:
    assert rules.storable(text)


@pytest.mark.parametrize("text", UNSTORABLE)
def test_registration_and_login_refuse_unstorable_text(world: World, text: str) -> None:
    refused = {"email": ["is invalid"], "password": ["is invalid"]}
    with expect_error(ValidationFailed, 422, {"username": ["is invalid"], **refused}):
        services.user_register(
            uow=world.uow,
            passwords=world.passwords,
            tokens=world.tokens,
            username=f"jake{text}",
            email=f"jake{text}@example.com",
            password=f"jakejake{text}",
        )
    with expect_error(ValidationFailed, 422, refused):
        services.user_login(
            uow=world.uow,
            passwords=world.passwords,
            tokens=world.tokens,
            email=f"jake{text}@example.com",
            password=f"jakejake{text}",
        )


def test_articles_refuse_lone_surrogates_and_lookups_find_nothing(
    world: World, alice: Member
) -> None:
    refused = {"title": ["is invalid"], "description": ["is invalid"], "tagList": ["is invalid"]}
    with expect_error(ValidationFailed, 422, refused):
        services.article_create(
            uow=world.uow,
            user_id=alice.id,
            title="T\ud800",
            description="\udfff",
            body="B",
            tag_list=["fine", "t\ud800"],
        )
    with expect_error(NotFound, 404, {"article": ["not found"]}):
        services.article_get(uow=world.uow, slug="\ud800", viewer_id=None)
    empty = ArticlePage(articles=[], articles_count=0)
    assert services.article_list(uow=world.uow, viewer_id=None, tag="\udfff") == empty
