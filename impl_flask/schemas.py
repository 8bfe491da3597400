"""Marshmallow schemas of every request and response body, one family per resource.

Request schemas check only the shape (the wrapper object, required fields present and not
null, JSON types) and speak the contract's messages; the domain checks the values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from domain import errors, rules
from domain.timestamps import format_timestamp

# Marshmallow's error keys: "required" (missing), "null", "invalid" (wrong JSON type).
_TEXT: dict[str, Any] = {
    "required": errors.BLANK,
    "null": errors.BLANK,
    "invalid": errors.NOT_A_STRING,
}
_TAGS: dict[str, Any] = {"null": errors.NOT_A_STRING_LIST, "invalid": errors.NOT_A_STRING_LIST}
_WRAPPER: dict[str, Any] = {"required": errors.BLANK, "null": errors.BLANK}


def _text(*, required: bool = False, nullable: bool = False) -> fields.String:
    """A string field; only ``nullable`` ones accept null."""
    return fields.String(required=required, allow_none=nullable, error_messages=_TEXT)


def _tags(**options: Any) -> fields.List[Any]:
    """``tagList``: null, a non-array or an array holding a non-string is one error."""
    inner = fields.String(error_messages=_TAGS)
    return fields.List(inner, data_key="tagList", error_messages=_TAGS, **options)


def _wrapper(schema: type[Input]) -> fields.Nested:
    return fields.Nested(schema, required=True, error_messages=_WRAPPER)


class Input(Schema):
    """Request fields; unknown keys are ignored, and a value that is not an object is refused."""

    error_messages = {"type": errors.NOT_AN_OBJECT}

    class Meta:
        unknown = EXCLUDE


class Output(Schema):
    """Response fields: every one is always present (null where the contract allows it)."""

    def on_bind_field(self, field_name: str, field_obj: fields.Field[Any]) -> None:
        field_obj.required = True


class Timestamp(fields.DateTime):
    """The contract's timestamps: UTC with milliseconds and ``Z``."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> str:
        assert value is not None
        return format_timestamp(value)


class WholeNumber(fields.Integer):
    """A query integer as ``domain.rules.whole_number`` reads it: ``1.0``, ``+1``, `` 1`` or
    ``1e3`` are refused."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        number = rules.whole_number(value) if isinstance(value, str) else None
        if number is None:
            raise self.make_error("invalid")
        return number


# Users


class NewUser(Input):
    username = _text(required=True)
    email = _text(required=True)
    password = _text(required=True)


class NewUserRequest(Input):
    user = _wrapper(NewUser)


class LoginUser(Input):
    email = _text(required=True)
    password = _text(required=True)


class LoginRequest(Input):
    user = _wrapper(LoginUser)


class UserPatch(Input):
    """Only the fields sent change; the domain refuses an update that sends none."""

    email = _text()
    username = _text()
    password = _text()
    bio = _text(nullable=True)
    image = _text(nullable=True)


class UpdateUserRequest(Input):
    user = _wrapper(UserPatch)


class UserOut(Output):
    email = fields.String()
    token = fields.String()
    username = fields.String()
    bio = fields.String(allow_none=True)
    image = fields.String(allow_none=True)


class UserResponse(Output):
    user = fields.Nested(UserOut)


# Profiles


class ProfileOut(Output):
    username = fields.String()
    bio = fields.String(allow_none=True)
    image = fields.String(allow_none=True)
    following = fields.Boolean()


class ProfileResponse(Output):
    profile = fields.Nested(ProfileOut)


# Articles


class PageQuery(Input):
    limit = WholeNumber(
        error_messages={"invalid": errors.LIMIT_RANGE},
        metadata={"description": "Page size, 1 to 100 (default 20)."},
    )
    offset = WholeNumber(
        error_messages={"invalid": errors.OFFSET_RANGE},
        metadata={"description": "Matches to skip (default 0)."},
    )


class ArticleListQuery(PageQuery):
    tag = fields.String(metadata={"description": "Only articles with this tag."})
    author = fields.String(metadata={"description": "Only articles by this username."})
    favorited = fields.String(metadata={"description": "Only articles this username favorited."})


class NewArticle(Input):
    title = _text(required=True)
    description = _text(required=True)
    body = _text(required=True)
    tag_list = _tags(load_default=list)


class NewArticleRequest(Input):
    article = _wrapper(NewArticle)


class ArticlePatch(Input):
    """Only the fields sent change; the domain refuses an update that sends none."""

    title = _text()
    description = _text()
    body = _text()
    tag_list = _tags()


class UpdateArticleRequest(Input):
    article = _wrapper(ArticlePatch)


class ArticleListItem(Output):
    slug = fields.String()
    title = fields.String()
    description = fields.String()
    tag_list = fields.List(fields.String(), data_key="tagList")
    created_at = Timestamp(data_key="createdAt")
    updated_at = Timestamp(data_key="updatedAt")
    favorited = fields.Boolean()
    favorites_count = fields.Integer(data_key="favoritesCount")
    author = fields.Nested(ProfileOut)


class ArticleOut(ArticleListItem):
    body = fields.String()


class ArticleResponse(Output):
    article = fields.Nested(ArticleOut)


class ArticleListResponse(Output):
    articles = fields.List(fields.Nested(ArticleListItem))
    articles_count = fields.Integer(data_key="articlesCount")


# Comments


class NewComment(Input):
    body = _text(required=True)


class NewCommentRequest(Input):
    comment = _wrapper(NewComment)


class CommentOut(Output):
    id = fields.Integer()
    created_at = Timestamp(data_key="createdAt")
    updated_at = Timestamp(data_key="updatedAt")
    body = fields.String()
    author = fields.Nested(ProfileOut)


class CommentResponse(Output):
    comment = fields.Nested(CommentOut)


class CommentListResponse(Output):
    comments = fields.List(fields.Nested(CommentOut))


# Tags


class TagListResponse(Output):
    tags = fields.List(fields.String())


# Errors


class ErrorsSchema(Schema):
    """Every refusal: ``{"errors": {key: [message, ...]}}``."""

    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True)
