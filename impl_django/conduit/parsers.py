"""The one body parser: JSON as the contract reads it (``domain.http_input.read_json``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from rest_framework.parsers import JSONParser

from domain.http_input import read_json


class ContractJSONParser(JSONParser):
    """``application/json`` read strictly: UTF-8, no ``NaN`` or ``Infinity``, bounded depth.

    A refusal is the domain's ``ValidationFailed``, which DRF lets through to the exception
    handler (its own parser would take ``NaN`` in non-strict mode and crash on deep nesting).
    """

    def parse(
        self,
        stream: IO[Any] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        return read_json(stream.read() if stream is not None else b"")
