"""Registration, login, the current user and its update (docs/contract.md, "Users")."""

from __future__ import annotations

from typing import Any

import pytest

from domain import services
from domain.errors import Conflict, Unauthorized, ValidationFailed
from domain.memory import MemoryUnitOfWork
from domain.model import UserView
from domain.passwords import PasswordHasher
from domain.tokens import Principal, TokenCodec
from tests.domain.support import PASSWORD, Member, World, expect_error

BLANK = "can't be blank"
INVALID = "is invalid"
TAKEN = "has already been taken"


def register(world: World, **fields: str) -> UserView:
    values = {"username": "jake", "email": "jake@jake.jake", "password": "jakejake"} | fields
    return services.user_register(
        uow=world.uow, passwords=world.passwords, tokens=world.tokens, **values
    )


def login(world: World, email: str, password: str) -> UserView:
    return services.user_login(
        uow=world.uow,
        passwords=world.passwords,
        tokens=world.tokens,
        email=email,
        password=password,
    )


def update(world: World, member: Member, **fields: Any) -> UserView:
    return services.user_update(
        uow=world.uow, passwords=world.passwords, principal=member.principal, **fields
    )


def test_register_answers_the_user_with_a_token(world: World, tokens: TokenCodec) -> None:
    view = register(world)
    assert (view.username, view.email, view.bio, view.image) == (
        "jake",
        "jake@jake.jake",
        None,
        None,
    )
    user = world.uow.store.users[tokens.verify(view.token)]
    assert (user.username, user.email, user.bio, user.image) == view_fields(view)
    assert user.password_hash != "jakejake"
    assert world.passwords.verify(user.password_hash, "jakejake")


def view_fields(view: UserView) -> tuple[str, str, str | None, str | None]:
    return view.username, view.email, view.bio, view.image


def test_register_stores_values_as_sent(world: World) -> None:
    view = register(world, username="Jake.The-Dog_1", email="Jake@Example.COM")
    assert (view.username, view.email) == ("Jake.The-Dog_1", "Jake@Example.COM")


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"username": ""}, {"username": [BLANK]}),
        ({"username": "  "}, {"username": [BLANK]}),
        ({"username": "jake smith"}, {"username": [INVALID]}),
        ({"username": "j" * 65}, {"username": ["is too long (maximum is 64 characters)"]}),
        ({"email": ""}, {"email": [BLANK]}),
        ({"email": "jake"}, {"email": [INVALID]}),
        ({"email": "j" * 250 + "@j.jj"}, {"email": ["is too long (maximum is 254 characters)"]}),
        ({"password": ""}, {"password": [BLANK]}),
        ({"password": "jake"}, {"password": ["is too short (minimum is 8 characters)"]}),
        ({"password": "j" * 129}, {"password": ["is too long (maximum is 128 characters)"]}),
        (
            {"username": "", "email": "nope", "password": "short"},
            {
                "username": [BLANK],
                "email": [INVALID],
                "password": ["is too short (minimum is 8 characters)"],
            },
        ),
    ],
)
def test_register_refuses_bad_values(
    world: World, fields: dict[str, str], errors: dict[str, list[str]]
) -> None:
    with expect_error(ValidationFailed, 422, errors):
        register(world, **fields)
    assert world.uow.store.users == {}


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"username": "alice"}, {"username": [TAKEN]}),
        ({"email": "alice@example.com"}, {"email": [TAKEN]}),
        (
            {"username": "alice", "email": "alice@example.com"},
            {"username": [TAKEN], "email": [TAKEN]},
        ),
    ],
)
def test_register_refuses_taken_values(
    world: World, alice: Member, fields: dict[str, str], errors: dict[str, list[str]]
) -> None:
    with expect_error(Conflict, 409, errors):
        register(world, **fields)
    assert [u.username for u in world.uow.store.users.values()] == ["alice"]


def test_uniqueness_is_an_exact_match(world: World, alice: Member) -> None:
    view = register(world, username="Alice", email="ALICE@example.com")
    assert (view.username, view.email) == ("Alice", "ALICE@example.com")


def test_values_are_checked_before_uniqueness(world: World, alice: Member) -> None:
    with expect_error(ValidationFailed, 422, {"email": [INVALID]}):
        register(world, username="alice", email="not-an-email")


def test_login_answers_the_user_with_a_new_token(
    world: World, alice: Member, tokens: TokenCodec
) -> None:
    view = login(world, "alice@example.com", PASSWORD)
    assert view_fields(view) == ("alice", "alice@example.com", None, None)
    assert tokens.verify(view.token) == alice.id


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alice@example.com", "wrong password"),
        ("alice@example.com", PASSWORD.upper()),
        ("ALICE@example.com", PASSWORD),
        ("nobody@example.com", PASSWORD),
        ("nobody@example.com", "whatever-it-is"),
    ],
)
def test_login_with_wrong_credentials(
    world: World, alice: Member, email: str, password: str
) -> None:
    with expect_error(Unauthorized, 401, {"credentials": ["invalid"]}):
        login(world, email, password)


@pytest.mark.parametrize(
    ("email", "password", "errors"),
    [
        ("", PASSWORD, {"email": [BLANK]}),
        ("alice@example.com", " ", {"password": [BLANK]}),
        (" ", "", {"email": [BLANK], "password": [BLANK]}),
    ],
)
def test_login_with_blank_fields(
    world: World, alice: Member, email: str, password: str, errors: dict[str, list[str]]
) -> None:
    with expect_error(ValidationFailed, 422, errors):
        login(world, email, password)


def test_login_with_a_short_password_is_just_wrong(world: World, alice: Member) -> None:
    with expect_error(Unauthorized, 401, {"credentials": ["invalid"]}):
        login(world, "alice@example.com", "short")


def test_current_user_is_answered_with_the_token_sent(world: World, alice: Member) -> None:
    principal = Principal(alice.id, "the-token-as-sent")
    view = services.user_get_current(uow=world.uow, principal=principal)
    assert view == UserView("alice@example.com", "the-token-as-sent", "alice", None, None)


def test_current_user_that_no_longer_exists_is_unauthorized(world: World) -> None:
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        services.user_get_current(uow=world.uow, principal=Principal(404, "t"))


def test_update_changes_only_the_fields_sent(world: World, alice: Member) -> None:
    view = update(world, alice, bio="I like to skateboard")
    assert view == UserView("alice@example.com", alice.token, "alice", "I like to skateboard", None)
    view = update(world, alice, image="https://i.example/a.png")
    assert view.bio == "I like to skateboard"
    assert view.image == "https://i.example/a.png"
    view = update(world, alice, email="new@example.com", username="alice2")
    assert view_fields(view) == (
        "alice2",
        "new@example.com",
        "I like to skateboard",
        "https://i.example/a.png",
    )
    stored = world.uow.store.users[alice.id]
    assert (stored.username, stored.email, stored.bio, stored.image) == view_fields(view)


@pytest.mark.parametrize(("sent", "stored"), [(None, None), ("", None), ("  \t", None)])
@pytest.mark.parametrize("field", ["bio", "image"])
def test_blank_or_null_bio_and_image_are_stored_as_null(
    world: World, alice: Member, field: str, sent: str | None, stored: str | None
) -> None:
    update(world, alice, **{field: "something"})
    view = update(world, alice, **{field: sent})
    assert getattr(view, field) is stored
    assert getattr(world.uow.store.users[alice.id], field) is stored


def test_bio_is_stored_as_sent(world: World, alice: Member) -> None:
    assert update(world, alice, bio="  spaced  ").bio == "  spaced  "


def test_update_of_the_password(world: World, alice: Member, tokens: TokenCodec) -> None:
    update(world, alice, password="a brand new password")
    with expect_error(Unauthorized, 401, {"credentials": ["invalid"]}):
        login(world, alice.email, PASSWORD)
    assert tokens.verify(login(world, alice.email, "a brand new password").token) == alice.id


def test_update_with_no_known_field_is_refused(world: World, alice: Member) -> None:
    with expect_error(ValidationFailed, 422, {"user": [BLANK]}):
        update(world, alice)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"email": ""}, {"email": [BLANK]}),
        ({"email": "nope"}, {"email": [INVALID]}),
        ({"username": " "}, {"username": [BLANK]}),
        ({"username": "has space"}, {"username": [INVALID]}),
        ({"password": ""}, {"password": [BLANK]}),
        ({"password": "short"}, {"password": ["is too short (minimum is 8 characters)"]}),
        (
            {"email": "", "username": "", "password": "", "bio": "kept?"},
            {"email": [BLANK], "username": [BLANK], "password": [BLANK]},
        ),
    ],
)
def test_update_refuses_bad_values_and_changes_nothing(
    world: World, alice: Member, fields: dict[str, str], errors: dict[str, list[str]]
) -> None:
    before = world.uow.store.users[alice.id]
    with expect_error(ValidationFailed, 422, errors):
        update(world, alice, **fields)
    assert world.uow.store.users[alice.id] == before


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"username": "bob"}, {"username": [TAKEN]}),
        ({"email": "bob@example.com"}, {"email": [TAKEN]}),
        ({"username": "bob", "email": "bob@example.com"}, {"username": [TAKEN], "email": [TAKEN]}),
        ({"username": "bob", "bio": "changed"}, {"username": [TAKEN]}),
    ],
)
def test_update_to_another_users_values_is_a_conflict_and_changes_nothing(
    world: World,
    alice: Member,
    bob: Member,
    fields: dict[str, str],
    errors: dict[str, list[str]],
) -> None:
    before = world.uow.store.users[alice.id]
    with expect_error(Conflict, 409, errors):
        update(world, alice, **fields)
    assert world.uow.store.users[alice.id] == before


def test_update_to_ones_own_values_is_fine(world: World, alice: Member) -> None:
    view = update(world, alice, username="alice", email="alice@example.com")
    assert view_fields(view) == ("alice", "alice@example.com", None, None)


def test_update_by_a_user_that_no_longer_exists(world: World) -> None:
    with expect_error(Unauthorized, 401, {"token": ["is missing"]}):
        update(world, Member(404, "ghost", "g@example.com", PASSWORD, "t"), bio="boo")


def test_update_hashes_with_the_hasher_given(
    world: World, alice: Member, passwords: PasswordHasher
) -> None:
    update(world, alice, password="another password")
    stored = world.uow.store.users[alice.id].password_hash
    assert passwords.verify(stored, "another password")
    assert not passwords.needs_rehash(stored)


def test_a_refused_registration_leaves_no_trace(world: World, uow: MemoryUnitOfWork) -> None:
    register(world)
    with expect_error(Conflict, 409, {"username": [TAKEN]}):
        register(world, email="other@jake.jake")
    assert len(uow.store.users) == 1
