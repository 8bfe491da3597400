"""Request bodies read as the contract says, for flask-smorest's ``@blp.arguments``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, NoReturn

from flask import Request
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser

from domain import errors


class ContractParser(FlaskParser):
    """A body must be a JSON object sent as ``application/json``; refusals raise
    Marshmallow's ``ValidationError`` for the one error handler to answer."""

    def load_json(self, req: Request, schema: Schema) -> dict[str, Any]:
        raw = req.get_data(cache=True) if req.is_json else b""
        if not raw:
            raise ValidationError({"request": [errors.NOT_A_JSON_OBJECT]})
        try:
            body = json.loads(raw)
        except ValueError:
            raise ValidationError({"request": [errors.NOT_JSON]}) from None
        if not isinstance(body, dict):
            raise ValidationError({"request": [errors.NOT_A_JSON_OBJECT]})
        return body

    def handle_error(
        self,
        error: ValidationError,
        req: Request,
        schema: Schema,
        *,
        error_status_code: int | None,
        error_headers: Mapping[str, str] | None,
    ) -> NoReturn:
        raise error


class ApiBlueprint(Blueprint):
    """A flask-smorest blueprint whose ``arguments`` use ``ContractParser``."""

    ARGUMENTS_PARSER = ContractParser()
