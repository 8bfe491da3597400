"""argon2id hashing, and login re-hashing when the configured cost changed."""

from __future__ import annotations

import pytest

from domain import services
from domain.memory import MemoryUnitOfWork
from domain.passwords import Argon2Cost, PasswordHasher
from domain.tokens import TokenCodec
from tests.domain.support import CHEAP_COST, PASSWORD, Member, World, cheap_hasher

OTHER_COST = Argon2Cost(time_cost=2, memory_cost_kib=16, parallelism=1)


def test_hash_is_argon2id_with_the_configured_cost(passwords: PasswordHasher) -> None:
    hashed = passwords.hash("s3cret-password")
    assert hashed.startswith("$argon2id$")
    assert "m=8,t=1,p=1" in hashed
    assert "s3cret-password" not in hashed


def test_hashes_are_salted(passwords: PasswordHasher) -> None:
    assert passwords.hash("same password") != passwords.hash("same password")


def test_verify_accepts_the_password(passwords: PasswordHasher) -> None:
    assert passwords.verify(passwords.hash("s3cret-password"), "s3cret-password") is True


@pytest.mark.parametrize("attempt", ["s3cret-passworD", "s3cret-password ", "", "s3cret"])
def test_verify_refuses_another_password(passwords: PasswordHasher, attempt: str) -> None:
    assert passwords.verify(passwords.hash("s3cret-password"), attempt) is False


@pytest.mark.parametrize(
    "malformed", ["", "not a hash", "$argon2id$v=19$m=8,t=1,p=1$broken", "$2b$12$abcdefghijkl"]
)
def test_verify_with_a_malformed_hash_is_false(passwords: PasswordHasher, malformed: str) -> None:
    assert passwords.verify(malformed, "s3cret-password") is False


def test_needs_rehash_only_for_another_cost(passwords: PasswordHasher) -> None:
    hashed = passwords.hash("s3cret-password")
    assert passwords.needs_rehash(hashed) is False
    assert PasswordHasher(OTHER_COST).needs_rehash(hashed) is True


def test_default_cost_is_rfc_9106_low_memory() -> None:
    assert Argon2Cost() == Argon2Cost(time_cost=3, memory_cost_kib=65536, parallelism=4)


def test_default_hasher_uses_the_default_cost(passwords: PasswordHasher) -> None:
    default = PasswordHasher()
    assert default.needs_rehash(passwords.hash("x" * 8)) is True


def test_dummy_hash_is_computed_once_and_matches_no_usual_password(
    passwords: PasswordHasher,
) -> None:
    dummy = passwords.dummy_hash
    assert passwords.dummy_hash is dummy
    assert dummy.startswith("$argon2id$")
    assert passwords.verify(dummy, "") is False
    assert passwords.verify(dummy, PASSWORD) is False


def test_login_rehashes_when_the_cost_changed(
    uow: MemoryUnitOfWork, tokens: TokenCodec, alice: Member
) -> None:
    old_hash = uow.store.users[alice.id].password_hash
    stronger = PasswordHasher(OTHER_COST)
    commits = uow.commits
    view = services.user_login(
        uow=uow, passwords=stronger, tokens=tokens, email=alice.email, password=PASSWORD
    )
    new_hash = uow.store.users[alice.id].password_hash
    assert view.username == "alice"
    assert new_hash != old_hash
    assert "m=16,t=2,p=1" in new_hash
    assert stronger.needs_rehash(new_hash) is False
    assert stronger.verify(new_hash, PASSWORD) is True
    assert uow.commits == commits + 1


def test_login_keeps_the_hash_when_the_cost_is_the_same(
    uow: MemoryUnitOfWork, tokens: TokenCodec, alice: Member
) -> None:
    old_hash = uow.store.users[alice.id].password_hash
    commits = uow.commits
    services.user_login(
        uow=uow,
        passwords=cheap_hasher(CHEAP_COST),
        tokens=tokens,
        email=alice.email,
        password=PASSWORD,
    )
    assert uow.store.users[alice.id].password_hash == old_hash
    assert uow.commits == commits


def test_login_after_rehash_still_works_with_the_new_cost(
    world: World, tokens: TokenCodec, alice: Member
) -> None:
    stronger = PasswordHasher(OTHER_COST)
    for _ in range(2):
        view = services.user_login(
            uow=world.uow, passwords=stronger, tokens=tokens, email=alice.email, password=PASSWORD
        )
        assert tokens.verify(view.token) == alice.id
