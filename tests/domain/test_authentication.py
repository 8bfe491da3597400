"""The caller is checked first: authentication (401) comes before shape, existence and values.

docs/contract.md: "A request is checked in this order: authentication (401), shape (422),
existence (404), ownership (403), values (422), uniqueness (409)", and a 401 answers "a header
that is not a valid, unexpired token of an existing user" -- on endpoints where authentication
is optional too. The adapters only verify the token's signature; whether its user exists is
known to the domain alone.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain import services
from domain.errors import Unauthorized
from domain.tokens import Principal
from tests.domain.support import PASSWORD, Member, World, expect_error

GHOST = 404  # a user id with a well-signed token but no user behind it
TOKEN_MISSING = {"token": ["is missing"]}

Call = Callable[[World, str], object]


def ghost_principal() -> Principal:
    return Principal(user_id=GHOST, token="well-signed")


REQUIRED: dict[str, Call] = {
    "article_create with blank values": lambda w, slug: services.article_create(
        uow=w.uow, user_id=GHOST, title="", description="", body=""
    ),
    "article_update with no field": lambda w, slug: services.article_update(
        uow=w.uow, user_id=GHOST, slug=slug
    ),
    "article_update of an unknown slug": lambda w, slug: services.article_update(
        uow=w.uow, user_id=GHOST, slug="unknown", title=""
    ),
    "article_update with blank values": lambda w, slug: services.article_update(
        uow=w.uow, user_id=GHOST, slug=slug, title=""
    ),
    "article_delete of an unknown slug": lambda w, slug: services.article_delete(
        uow=w.uow, user_id=GHOST, slug="unknown"
    ),
    "article_feed with a bad limit": lambda w, slug: services.article_feed(
        uow=w.uow, user_id=GHOST, limit=0
    ),
    "article_favorite of an unknown slug": lambda w, slug: services.article_favorite(
        uow=w.uow, user_id=GHOST, slug="unknown"
    ),
    "comment_add with a blank body": lambda w, slug: services.comment_add(
        uow=w.uow, user_id=GHOST, slug=slug, body=""
    ),
    "comment_delete with a bad id": lambda w, slug: services.comment_delete(
        uow=w.uow, user_id=GHOST, slug=slug, comment_id="x"
    ),
    "profile_follow of an unknown name": lambda w, slug: services.profile_follow(
        uow=w.uow, user_id=GHOST, username="nobody"
    ),
    "user_update with no field": lambda w, slug: services.user_update(
        uow=w.uow, passwords=w.passwords, principal=ghost_principal()
    ),
    "user_update with bad values": lambda w, slug: services.user_update(
        uow=w.uow, passwords=w.passwords, principal=ghost_principal(), email="nope"
    ),
    "user_update to a taken name": lambda w, slug: services.user_update(
        uow=w.uow, passwords=w.passwords, principal=ghost_principal(), username="alice"
    ),
}

OPTIONAL: dict[str, Call] = {
    "article_list": lambda w, slug: services.article_list(uow=w.uow, viewer_id=GHOST),
    "article_get": lambda w, slug: services.article_get(uow=w.uow, slug=slug, viewer_id=GHOST),
    "comment_list": lambda w, slug: services.comment_list(uow=w.uow, slug=slug, viewer_id=GHOST),
    "profile_get": lambda w, slug: services.profile_get(
        uow=w.uow, username="alice", viewer_id=GHOST
    ),
}


@pytest.fixture
def slug(world: World, alice: Member) -> str:
    return world.publish(alice).slug


@pytest.mark.parametrize("call", REQUIRED.values(), ids=REQUIRED.keys())
def test_an_unknown_caller_is_unauthorized_before_anything_else(
    world: World, slug: str, call: Call
) -> None:
    before = (dict(world.uow.store.articles), dict(world.uow.store.users))
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        call(world, slug)
    assert (world.uow.store.articles, world.uow.store.users) == before


@pytest.mark.parametrize("call", OPTIONAL.values(), ids=OPTIONAL.keys())
def test_an_unknown_reader_is_unauthorized_where_authentication_is_optional(
    world: World, slug: str, call: Call
) -> None:
    with expect_error(Unauthorized, 401, TOKEN_MISSING):
        call(world, slug)


def test_anonymous_readers_are_welcome(world: World, slug: str) -> None:
    assert services.article_list(uow=world.uow, viewer_id=None).articles_count == 1
    assert services.article_get(uow=world.uow, slug=slug, viewer_id=None).slug == slug
    assert services.comment_list(uow=world.uow, slug=slug, viewer_id=None) == []
    profile = services.profile_get(uow=world.uow, username="alice", viewer_id=None)
    assert profile.username == "alice"


def test_login_does_not_need_a_token(world: World, alice: Member) -> None:
    view = services.user_login(
        uow=world.uow,
        passwords=world.passwords,
        tokens=world.tokens,
        email=alice.email,
        password=PASSWORD,
    )
    assert view.username == "alice"
