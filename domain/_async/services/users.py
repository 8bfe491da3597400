"""Registration, login and the current user."""

from __future__ import annotations

import asyncio

from domain._async.lookups import require_user
from domain._async.ports import AsyncUnitOfWork
from domain.errors import BLANK, TAKEN, Conflict, Unauthorized, ValidationFailed
from domain.model import User, UserView
from domain.passwords import PasswordHasher
from domain.rules import Checker, optional_text
from domain.tokens import Principal, TokenCodec
from domain.unset import UNSET, Unset


async def user_register(
    *,
    uow: AsyncUnitOfWork,
    passwords: PasswordHasher,
    tokens: TokenCodec,
    username: str,
    email: str,
    password: str,
) -> UserView:
    """Create a user and answer it with a new token."""
    check = Checker()
    check.username(username)
    check.email(email)
    check.password(password)
    check.raise_if_any()
    password_hash = await asyncio.to_thread(passwords.hash, password)
    async with uow:
        await _ensure_unique(uow, username=username, email=email)
        user = await uow.users.add(
            username=username, email=email, password_hash=password_hash, bio=None, image=None
        )
        await uow.commit()
    return _view(user, tokens.issue(user.id))


async def user_login(
    *,
    uow: AsyncUnitOfWork,
    passwords: PasswordHasher,
    tokens: TokenCodec,
    email: str,
    password: str,
) -> UserView:
    """Check the credentials and answer the user with a new token."""
    check = Checker()
    check.present("email", email)
    check.present("password", password)
    check.raise_if_any()
    async with uow.reading():
        user = await uow.users.get_by_email(email)
    # Hashing is slow on purpose: it runs outside any transaction.
    if user is None:
        # The same work for an unknown email as for a known one.
        await asyncio.to_thread(passwords.verify, passwords.dummy_hash, password)
        raise Unauthorized.credentials()
    if not await asyncio.to_thread(passwords.verify, user.password_hash, password):
        raise Unauthorized.credentials()
    if passwords.needs_rehash(user.password_hash):
        await _rehash(uow, user.id, await asyncio.to_thread(passwords.hash, password))
    return _view(user, tokens.issue(user.id))


async def _rehash(uow: AsyncUnitOfWork, user_id: int, password_hash: str) -> None:
    """Store a hash made with the current cost, unless the user is gone meanwhile."""
    async with uow:
        user = await uow.users.get(user_id)
        if user is not None:
            user.password_hash = password_hash
            await uow.users.update(user)
            await uow.commit()


async def user_get_current(*, uow: AsyncUnitOfWork, principal: Principal) -> UserView:
    """The caller, with the token they sent."""
    async with uow.reading():
        return _view(await require_user(uow, principal.user_id), principal.token)


async def user_update(
    *,
    uow: AsyncUnitOfWork,
    passwords: PasswordHasher,
    principal: Principal,
    email: str | Unset = UNSET,
    username: str | Unset = UNSET,
    password: str | Unset = UNSET,
    bio: str | Unset | None = UNSET,
    image: str | Unset | None = UNSET,
) -> UserView:
    """Change the fields given; the others stay as they are."""
    async with uow:
        user = await require_user(uow, principal.user_id)
        if all(value is UNSET for value in (email, username, password, bio, image)):
            raise ValidationFailed.of("user", BLANK)
        check = Checker()
        if email is not UNSET:
            check.email(email)
        if username is not UNSET:
            check.username(username)
        if password is not UNSET:
            check.password(password)
        if bio is not UNSET:
            check.storable("bio", bio)
        if image is not UNSET:
            check.storable("image", image)
        check.raise_if_any()
        await _ensure_unique(
            uow,
            username=None if username is UNSET else username,
            email=None if email is UNSET else email,
            user_id=user.id,
        )
        if email is not UNSET:
            user.email = email
        if username is not UNSET:
            user.username = username
        if password is not UNSET:
            user.password_hash = await asyncio.to_thread(passwords.hash, password)
        if bio is not UNSET:
            user.bio = optional_text(bio)
        if image is not UNSET:
            user.image = optional_text(image)
        await uow.users.update(user)
        await uow.commit()
    return _view(user, principal.token)


async def _ensure_unique(
    uow: AsyncUnitOfWork, *, username: str | None, email: str | None, user_id: int | None = None
) -> None:
    """``Conflict`` naming each value that another user already has."""
    taken: dict[str, list[str]] = {}
    if username is not None:
        other = await uow.users.get_by_username(username)
        if other is not None and other.id != user_id:
            taken["username"] = [TAKEN]
    if email is not None:
        other = await uow.users.get_by_email(email)
        if other is not None and other.id != user_id:
            taken["email"] = [TAKEN]
    if taken:
        raise Conflict(taken)


def _view(user: User, token: str) -> UserView:
    return UserView(
        email=user.email, token=token, username=user.username, bio=user.bio, image=user.image
    )
