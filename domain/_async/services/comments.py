"""Comments on articles."""

from __future__ import annotations

from domain._async.lookups import require_article, require_user, require_viewer
from domain._async.ports import AsyncUnitOfWork
from domain._async.views import comment_views
from domain.errors import FORBIDDEN, NOT_FOUND, Forbidden, NotFound
from domain.model import CommentView
from domain.rules import Checker
from domain.timestamps import now

_ID_MAX = 2**63 - 1


async def comment_list(
    *, uow: AsyncUnitOfWork, slug: str, viewer_id: int | None
) -> list[CommentView]:
    """The article's comments, newest first."""
    async with uow.reading():
        await require_viewer(uow, viewer_id)
        article = await require_article(uow, slug)
        return await comment_views(uow, viewer_id, await uow.comments.list_for_article(article.id))


async def comment_add(*, uow: AsyncUnitOfWork, user_id: int, slug: str, body: str) -> CommentView:
    """Comment on an article."""
    async with uow:
        await require_user(uow, user_id)
        article = await require_article(uow, slug)
        check = Checker()
        check.present("body", body)
        check.raise_if_any()
        comment = await uow.comments.add(
            article_id=article.id, author_id=user_id, body=body, created_at=now()
        )
        [view] = await comment_views(uow, user_id, [comment])
        await uow.commit()
    return view


async def comment_delete(
    *, uow: AsyncUnitOfWork, user_id: int, slug: str, comment_id: str | int
) -> None:
    """Delete one's own comment; an id that is not a whole number is not found."""
    async with uow:
        await require_user(uow, user_id)
        article = await require_article(uow, slug)
        number = _parse_id(comment_id)
        comment = await uow.comments.get(number) if number is not None else None
        if comment is None or comment.article_id != article.id:
            raise NotFound.of("comment", NOT_FOUND)
        if comment.author_id != user_id:
            raise Forbidden.of("comment", FORBIDDEN)
        await uow.comments.delete(comment.id)
        await uow.commit()


_ID_DIGITS = len(str(_ID_MAX))  # longer digit strings name no id (and int() may refuse them)


def _parse_id(raw: str | int) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif raw.isascii() and raw.isdigit() and len(raw) <= _ID_DIGITS:
        number = int(raw)
    else:
        return None
    return number if 0 < number <= _ID_MAX else None
