"""The ports: what the domain needs from storage, implemented once per ORM.

The synchronous twin's (``domain._sync.ports``, generated from ``domain._async.ports``); the
async ports are in ``domain.aio``.
"""

from domain._sync.ports import (
    ArticleRepository,
    CommentRepository,
    FavoriteRepository,
    FollowRepository,
    TagRepository,
    UnitOfWork,
    UserRepository,
)

__all__ = [
    "ArticleRepository",
    "CommentRepository",
    "FavoriteRepository",
    "FollowRepository",
    "TagRepository",
    "UnitOfWork",
    "UserRepository",
]
