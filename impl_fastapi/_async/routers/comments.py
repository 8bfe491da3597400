"""``/articles/{slug}/comments``."""

from __future__ import annotations

from fastapi import Response

from domain._async import services
from impl_fastapi.dependencies import AsyncUow, Caller, MaybeCaller, viewer_id
from impl_fastapi.rendering import render
from impl_fastapi.routing import API_PREFIX, ContractRouter
from impl_fastapi.schemas import CommentListResponse, CommentResponse, NewCommentRequest

router = ContractRouter(prefix=f"{API_PREFIX}/articles/{{slug}}/comments", tags=["Comments"])


@router.get("", response_model=CommentListResponse)
async def list_comments(slug: str, caller: MaybeCaller, uow: AsyncUow) -> Response:
    comments = await services.comment_list(uow=uow, slug=slug, viewer_id=viewer_id(caller))
    return render(CommentListResponse, {"comments": comments})


@router.post("", status_code=201, response_model=CommentResponse)
async def add_comment(
    slug: str, request: NewCommentRequest, caller: Caller, uow: AsyncUow
) -> Response:
    comment = await services.comment_add(
        uow=uow, user_id=caller.user_id, slug=slug, body=request.comment.body
    )
    return render(CommentResponse, {"comment": comment}, status_code=201)


@router.delete("/{comment_id}", status_code=204, response_class=Response)
async def delete_comment(slug: str, comment_id: str, caller: Caller, uow: AsyncUow) -> None:
    await services.comment_delete(uow=uow, user_id=caller.user_id, slug=slug, comment_id=comment_id)
