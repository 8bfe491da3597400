"""Answers rendered in the endpoint's own thread.

FastAPI validates what a synchronous endpoint returns against its ``response_model`` in a
second trip through the thread pool; a ``Response`` it returns is sent as it is. So the
endpoints render their answer themselves, with the same Pydantic model (kept in the route for
the generated documentation) and the same JSON writer FastAPI would use, in one trip.
"""

from __future__ import annotations

from fastapi import Response

from impl_fastapi.schemas import Output


def render(model: type[Output], content: object, status_code: int = 200) -> Response:
    """``content`` (the domain's views) read into ``model`` and written as compact JSON."""
    body = model.model_validate(content, from_attributes=True).model_dump_json(by_alias=True)
    return Response(body, status_code=status_code, media_type="application/json")
