"""uvicorn's httptools protocol with the domain's bound on a request's head (431 past it)."""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from domain.head_limit import bounded_head

BoundedHeadProtocol = bounded_head(HttpToolsProtocol)
PROTOCOL = f"{__name__}:BoundedHeadProtocol"  # uvicorn's ``http``, importable in every worker
