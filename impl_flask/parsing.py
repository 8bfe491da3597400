"""Request bodies read as the contract says, for flask-smorest's ``@blp.arguments``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from flask import Request
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser

from domain import errors
from domain.http_input import read_json

JSON = "application/json"  # not ``application/*+json``, which Flask's ``is_json`` takes too


class ContractParser(FlaskParser):
    """A body must be a JSON object sent as ``application/json``, read by the domain's strict
    ``read_json`` (which raises the domain's ``ValidationFailed``); the other refusals raise
    Marshmallow's ``ValidationError``; the one error handler answers both."""

    def load_json(self, req: Request, schema: Schema) -> dict[str, Any]:
        raw = req.get_data(cache=True) if req.mimetype == JSON else b""
        if not raw:
            raise ValidationError({"request": [errors.NOT_A_JSON_OBJECT]})
        body = read_json(raw)
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
