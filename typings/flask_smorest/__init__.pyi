# Type stubs for the part of flask-smorest that Triptych uses; the package ships none.
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import flask
import marshmallow
from apispec import APISpec
from webargs.flaskparser import FlaskParser

_View = Callable[..., Any]
_SchemaArg = type[marshmallow.Schema] | marshmallow.Schema

class Blueprint(flask.Blueprint):
    ARGUMENTS_PARSER: ClassVar[FlaskParser]
    description: str
    def __init__(
        self,
        name: str,
        import_name: str,
        *args: Any,
        description: str = ...,
        **kwargs: Any,
    ) -> None: ...
    def arguments(
        self,
        schema: _SchemaArg,
        *,
        location: str = ...,
        content_type: str | None = ...,
        required: bool = ...,
        description: str | None = ...,
        **kwargs: Any,
    ) -> Callable[[_View], _View]: ...
    def response(
        self,
        status_code: int,
        schema: _SchemaArg | None = ...,
        *,
        description: str | None = ...,
        **kwargs: Any,
    ) -> Callable[[_View], _View]: ...
    @staticmethod
    def doc(**kwargs: Any) -> Callable[[_View], _View]: ...

class Api:
    ERROR_SCHEMA: ClassVar[type[marshmallow.Schema]]
    spec: APISpec
    def __init__(
        self,
        app: flask.Flask | None = ...,
        *,
        spec_kwargs: Mapping[str, Any] | None = ...,
        config_prefix: str = ...,
    ) -> None: ...
    def register_blueprint(
        self, blp: Blueprint, *, parameters: list[Any] | None = ..., **options: Any
    ) -> None: ...
