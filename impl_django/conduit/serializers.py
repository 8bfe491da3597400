"""Input serializers check a request's shape only; output serializers render the domain's views.

Values (blank, length, format) are the domain's to judge, so text reaches it as sent: blank
strings are allowed and never trimmed. Fields are named as the JSON keys are (camelCase).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.request import Request

from domain import errors, rules
from domain.errors import ValidationFailed
from domain.timestamps import format_timestamp
from domain.unset import UNSET


def parse_body(serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
    """The validated body of ``request``, which must hold a JSON object."""
    data = request.data
    if request.stream is None or not isinstance(data, dict):
        raise ValidationFailed.of("request", errors.NOT_A_JSON_OBJECT)
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def given(fields: Mapping[str, Any], name: str) -> Any:
    """A field an update sent (null included), or ``UNSET`` when it was left out."""
    return fields.get(name, UNSET)


# Field types


class Text(serializers.CharField):
    """A JSON string, exactly as sent: no coercion of numbers, no trimming, blank allowed."""

    default_error_messages = {
        "required": errors.BLANK,
        "null": errors.BLANK,
        "invalid": errors.NOT_A_STRING,
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_blank=True, trim_whitespace=False, **kwargs)
        self.validators = []  # NUL characters are the domain's to refuse

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return data


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TagList(serializers.Field[list[str], list[str], list[str], Any]):
    """A JSON array of strings."""

    default_error_messages = {
        "null": errors.NOT_A_STRING_LIST,
        "invalid": errors.NOT_A_STRING_LIST,
    }

    def to_internal_value(self, data: Any) -> list[str]:
        if not isinstance(data, list) or not all(isinstance(tag, str) for tag in data):
            self.fail("invalid")
        return data

    def to_representation(self, value: list[str]) -> list[str]:
        return list(value)


class Wrapper(serializers.Serializer[Any]):
    """The object a body wraps its fields in (``user``, ``article``, ``comment``)."""

    default_error_messages = {
        "required": errors.BLANK,
        "null": errors.BLANK,
        "invalid": errors.NOT_AN_OBJECT,
    }

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)
class QueryInteger(serializers.Field[int, str, int, Any]):
    """An integer written in digits only (``1.0`` and ``1e3`` are not); range is the domain's."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(required=False, error_messages={"invalid": message}, **kwargs)

    def get_value(self, dictionary: Mapping[str, Any]) -> Any:
        """The last value given, even an empty one (DRF would take ``?limit=`` as absent)."""
        return dictionary.get(self.field_name, empty) if self.field_name else empty

    def to_internal_value(self, data: Any) -> int:
        number = rules.whole_number(data) if isinstance(data, str) else None
        if number is None:
            self.fail("invalid")
        return number

    def to_representation(self, value: int) -> int:
        return value


@extend_schema_field(OpenApiTypes.DATETIME)
class Timestamp(serializers.Field[Any, Any, str, Any]):
    """``2026-01-31T12:00:00.000Z``."""

    def to_representation(self, value: Any) -> str:
        return format_timestamp(value)


# Users


class UserRegisterFields(Wrapper):
    username = Text()
    email = Text()
    password = Text()


class UserRegisterInput(serializers.Serializer[Any]):
    user = UserRegisterFields()


class UserLoginFields(Wrapper):
    email = Text()
    password = Text()


class UserLoginInput(serializers.Serializer[Any]):
    user = UserLoginFields()


class UserUpdateFields(Wrapper):
    """Only the fields sent change; the domain refuses an update that sends none."""

    email = Text(required=False)
    username = Text(required=False)
    password = Text(required=False)
    bio = Text(required=False, allow_null=True)
    image = Text(required=False, allow_null=True)


class UserUpdateInput(serializers.Serializer[Any]):
    user = UserUpdateFields()


class UserFields(serializers.Serializer[Any]):
    email = serializers.CharField()
    token = serializers.CharField()
    username = serializers.CharField()
    bio = serializers.CharField(allow_null=True)
    image = serializers.CharField(allow_null=True)


class UserOutput(serializers.Serializer[Any]):
    user = UserFields()


# Profiles


class ProfileFields(serializers.Serializer[Any]):
    username = serializers.CharField()
    bio = serializers.CharField(allow_null=True)
    image = serializers.CharField(allow_null=True)
    following = serializers.BooleanField()


class ProfileOutput(serializers.Serializer[Any]):
    profile = ProfileFields()


# Articles


class ArticleListQuery(serializers.Serializer[Any]):
    tag = Text(required=False)
    author = Text(required=False)
    favorited = Text(required=False)
    limit = QueryInteger(errors.LIMIT_RANGE)
    offset = QueryInteger(errors.OFFSET_RANGE)


class FeedQuery(serializers.Serializer[Any]):
    limit = QueryInteger(errors.LIMIT_RANGE)
    offset = QueryInteger(errors.OFFSET_RANGE)


class ArticleCreateFields(Wrapper):
    title = Text()
    description = Text()
    body = Text()
    tagList = TagList(required=False)


class ArticleCreateInput(serializers.Serializer[Any]):
    article = ArticleCreateFields()


class ArticleUpdateFields(Wrapper):
    """Only the fields sent change; the domain refuses an update that sends none."""

    title = Text(required=False)
    description = Text(required=False)
    body = Text(required=False)
    tagList = TagList(required=False)


class ArticleUpdateInput(serializers.Serializer[Any]):
    article = ArticleUpdateFields()


class ArticleListItem(serializers.Serializer[Any]):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    tagList = serializers.ListField(child=serializers.CharField(), source="tag_list")
    createdAt = Timestamp(source="created_at")
    updatedAt = Timestamp(source="updated_at")
    favorited = serializers.BooleanField()
    favoritesCount = serializers.IntegerField(source="favorites_count")
    author = ProfileFields()


class ArticleFields(ArticleListItem):
    body = serializers.CharField()


class ArticleOutput(serializers.Serializer[Any]):
    article = ArticleFields()


class ArticleListOutput(serializers.Serializer[Any]):
    articles = ArticleListItem(many=True)
    articlesCount = serializers.IntegerField(source="articles_count")


# Comments


class CommentAddFields(Wrapper):
    body = Text()


class CommentAddInput(serializers.Serializer[Any]):
    comment = CommentAddFields()


class CommentFields(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    createdAt = Timestamp(source="created_at")
    updatedAt = Timestamp(source="updated_at")
    body = serializers.CharField()
    author = ProfileFields()


class CommentOutput(serializers.Serializer[Any]):
    comment = CommentFields()


class CommentListOutput(serializers.Serializer[Any]):
    comments = CommentFields(many=True)


# Tags


class TagListOutput(serializers.Serializer[Any]):
    tags = serializers.ListField(child=serializers.CharField())
