"""The domain on an event loop: the services and ports of ``domain.services`` and
``domain.ports``, to be awaited (their source, ``domain._async``).

    from domain import aio
    view = await aio.services.article_get(uow=uow, slug=slug, viewer_id=None)
"""

from domain._async import services
from domain._async.memory import AsyncMemoryUnitOfWork
from domain._async.ports import (
    AsyncArticleRepository,
    AsyncCommentRepository,
    AsyncFavoriteRepository,
    AsyncFollowRepository,
    AsyncTagRepository,
    AsyncUnitOfWork,
    AsyncUserRepository,
)

__all__ = [
    "AsyncArticleRepository",
    "AsyncCommentRepository",
    "AsyncFavoriteRepository",
    "AsyncFollowRepository",
    "AsyncMemoryUnitOfWork",
    "AsyncTagRepository",
    "AsyncUnitOfWork",
    "AsyncUserRepository",
    "services",
]
