"""``/tags``."""

from __future__ import annotations

from domain import services
from impl_flask.extensions import unit_of_work
from impl_flask.parsing import ApiBlueprint
from impl_flask.schemas import TagListResponse

blp = ApiBlueprint("tags", __name__, description="Tags")


@blp.get("/tags")
@blp.response(200, TagListResponse)
def list_tags() -> object:
    return {"tags": services.tag_list(uow=unit_of_work())}
