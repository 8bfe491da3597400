"""Routing: FastAPI's router answering ``HEAD`` wherever it answers ``GET``, and the path
segment that names an article."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from starlette.convertors import StringConvertor, register_url_convertor

from domain.slugs import RESERVED


class ArticleSlugConvertor(StringConvertor):
    """A path segment naming an article: any but a word of the contract's paths.

    No article's slug is ``feed``, so ``/articles/feed`` is the feed's path whatever the
    method: ``PUT /articles/feed`` is a 405, not an update of an article named ``feed``.
    Used as ``{slug:article_slug}``.
    """

    regex = "(?!(?:" + "|".join(sorted(RESERVED)) + ")$)[^/]+"


register_url_convertor("article_slug", ArticleSlugConvertor())


class ContractRouter(APIRouter):
    """An ``APIRouter`` whose ``GET`` routes serve ``HEAD`` too, as Starlette's own routes do.

    FastAPI's routes answer only the methods they name. Each ``GET`` route gets a twin for
    ``HEAD`` that runs the same endpoint (the server sends the headers and drops the body) and
    stays out of the generated OpenAPI document.
    """

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        """Add the route, and its ``HEAD`` twin when it serves ``GET``."""
        super().add_api_route(path, endpoint, **options)
        if "GET" in {method.upper() for method in options.get("methods") or ["GET"]}:
            twin = {**options, "methods": ["HEAD"], "include_in_schema": False}
            super().add_api_route(path, endpoint, **twin)
