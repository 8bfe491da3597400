"""The services: keyword-only functions named ``<entity>_<action>``: coroutines in
``domain._async``, plain functions in its generated twin ``domain._sync``.

Each takes a unit of work and runs in one transaction; each raises only ``DomainError``s.
"""

from domain._async.services.articles import (
    article_create,
    article_delete,
    article_favorite,
    article_feed,
    article_get,
    article_list,
    article_unfavorite,
    article_update,
)
from domain._async.services.comments import comment_add, comment_delete, comment_list
from domain._async.services.profiles import profile_follow, profile_get, profile_unfollow
from domain._async.services.tags import tag_list
from domain._async.services.users import user_get_current, user_login, user_register, user_update

__all__ = [
    "article_create",
    "article_delete",
    "article_favorite",
    "article_feed",
    "article_get",
    "article_list",
    "article_unfavorite",
    "article_update",
    "comment_add",
    "comment_delete",
    "comment_list",
    "profile_follow",
    "profile_get",
    "profile_unfollow",
    "tag_list",
    "user_get_current",
    "user_login",
    "user_register",
    "user_update",
]
