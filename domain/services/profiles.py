"""Profiles and following."""

from __future__ import annotations

from domain.errors import FOLLOW_SELF, ValidationFailed
from domain.model import ProfileView
from domain.ports import UnitOfWork
from domain.services.lookups import require_profile, require_user, require_viewer


def profile_get(*, uow: UnitOfWork, username: str, viewer_id: int | None) -> ProfileView:
    """A user as the viewer (anyone, when None) sees them."""
    with uow.reading():
        require_viewer(uow, viewer_id)
        user = require_profile(uow, username)
        following = viewer_id is not None and bool(uow.follows.followed_among(viewer_id, {user.id}))
        return ProfileView(
            username=user.username, bio=user.bio, image=user.image, following=following
        )


def profile_follow(*, uow: UnitOfWork, user_id: int, username: str) -> ProfileView:
    """Follow a user; following twice is the same as once."""
    with uow:
        require_user(uow, user_id)
        user = require_profile(uow, username)
        if user.id == user_id:
            raise ValidationFailed.of("profile", FOLLOW_SELF)
        uow.follows.add(follower_id=user_id, followed_id=user.id)
        uow.commit()
    return ProfileView(username=user.username, bio=user.bio, image=user.image, following=True)


def profile_unfollow(*, uow: UnitOfWork, user_id: int, username: str) -> ProfileView:
    """Stop following a user; unfollowing someone not followed changes nothing."""
    with uow:
        require_user(uow, user_id)
        user = require_profile(uow, username)
        uow.follows.remove(follower_id=user_id, followed_id=user.id)
        uow.commit()
    return ProfileView(username=user.username, bio=user.bio, image=user.image, following=False)
