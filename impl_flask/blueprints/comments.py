"""``/articles/<slug>/comments``."""

from __future__ import annotations

from typing import Any

from domain import services
from domain.tokens import Principal
from impl_flask.auth import login_optional, login_required, viewer_id
from impl_flask.extensions import unit_of_work
from impl_flask.parsing import ApiBlueprint
from impl_flask.schemas import CommentListResponse, CommentResponse, NewCommentRequest

blp = ApiBlueprint(
    "comments", __name__, url_prefix="/articles/<slug>/comments", description="Comments"
)


@blp.get("")
@login_optional
@blp.response(200, CommentListResponse)
def list_comments(slug: str, *, caller: Principal | None) -> object:
    comments = services.comment_list(uow=unit_of_work(), slug=slug, viewer_id=viewer_id(caller))
    return {"comments": comments}


@blp.post("")
@login_required
@blp.arguments(NewCommentRequest)
@blp.response(201, CommentResponse)
def add_comment(body: dict[str, Any], slug: str, *, caller: Principal) -> object:
    comment = services.comment_add(
        uow=unit_of_work(), user_id=caller.user_id, slug=slug, body=body["comment"]["body"]
    )
    return {"comment": comment}


@blp.delete("/<comment_id>")
@login_required
@blp.response(204)
def delete_comment(slug: str, comment_id: str, *, caller: Principal) -> None:
    services.comment_delete(
        uow=unit_of_work(), user_id=caller.user_id, slug=slug, comment_id=comment_id
    )
