"""Profiles and following."""

from __future__ import annotations

from domain._async.lookups import require_profile, require_user, require_viewer
from domain._async.ports import AsyncUnitOfWork
from domain.errors import FOLLOW_SELF, ValidationFailed
from domain.model import ProfileView


async def profile_get(*, uow: AsyncUnitOfWork, username: str, viewer_id: int | None) -> ProfileView:
    """A user as the viewer (anyone, when None) sees them."""
    async with uow.reading():
        await require_viewer(uow, viewer_id)
        user = await require_profile(uow, username)
        following = viewer_id is not None and bool(
            await uow.follows.followed_among(viewer_id, {user.id})
        )
        return ProfileView(
            username=user.username, bio=user.bio, image=user.image, following=following
        )


async def profile_follow(*, uow: AsyncUnitOfWork, user_id: int, username: str) -> ProfileView:
    """Follow a user; following twice is the same as once."""
    async with uow:
        await require_user(uow, user_id)
        user = await require_profile(uow, username)
        if user.id == user_id:
            raise ValidationFailed.of("profile", FOLLOW_SELF)
        await uow.follows.add(follower_id=user_id, followed_id=user.id)
        await uow.commit()
    return ProfileView(username=user.username, bio=user.bio, image=user.image, following=True)


async def profile_unfollow(*, uow: AsyncUnitOfWork, user_id: int, username: str) -> ProfileView:
    """Stop following a user; unfollowing someone not followed changes nothing."""
    async with uow:
        await require_user(uow, user_id)
        user = await require_profile(uow, username)
        await uow.follows.remove(follower_id=user_id, followed_id=user.id)
        await uow.commit()
    return ProfileView(username=user.username, bio=user.bio, image=user.image, following=False)
