"""Pydantic models of every request and response body, one pair per endpoint family."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel

from domain.timestamps import format_timestamp
from domain.unset import UNSET

Timestamp = Annotated[datetime, PlainSerializer(format_timestamp, return_type=str)]


def _refuse_null(value: object) -> object:
    """Fields an update may leave out but not send as null (``contract_message`` words it)."""
    if value is None:
        raise ValueError("null is not allowed here")
    return value


PatchText = Annotated[str | None, AfterValidator(_refuse_null)]
PatchTags = Annotated[list[str] | None, AfterValidator(_refuse_null)]


class Input(BaseModel):
    """Request fields, named in camelCase; unknown keys are ignored."""

    model_config = ConfigDict(alias_generator=to_camel, extra="ignore")

    def given(self, name: str) -> Any:
        """The field's value if the client sent it, ``UNSET`` otherwise (defaults are not
        validated, so a field that refuses null can still default to None)."""
        return getattr(self, name) if name in self.model_fields_set else UNSET


class Output(BaseModel):
    """Response fields, named in camelCase, read from the domain's views."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, validate_by_alias=False
    )


# Users


class NewUser(Input):
    username: str
    email: str
    password: str


class NewUserRequest(Input):
    user: NewUser


class LoginUser(Input):
    email: str
    password: str


class LoginRequest(Input):
    user: LoginUser


class UserPatch(Input):
    """Only the fields sent change; the domain refuses an update that sends none."""

    email: PatchText = None
    username: PatchText = None
    password: PatchText = None
    bio: str | None = None
    image: str | None = None


class UpdateUserRequest(Input):
    user: UserPatch


class UserOut(Output):
    email: str
    token: str
    username: str
    bio: str | None
    image: str | None


class UserResponse(Output):
    user: UserOut


# Profiles


class ProfileOut(Output):
    username: str
    bio: str | None
    image: str | None
    following: bool


class ProfileResponse(Output):
    profile: ProfileOut


# Articles


class NewArticle(Input):
    title: str
    description: str
    body: str
    tag_list: list[str] = []


class NewArticleRequest(Input):
    article: NewArticle


class ArticlePatch(Input):
    """Only the fields sent change; the domain refuses an update that sends none."""

    title: PatchText = None
    description: PatchText = None
    body: PatchText = None
    tag_list: PatchTags = None


class UpdateArticleRequest(Input):
    article: ArticlePatch


class ArticleListItem(Output):
    slug: str
    title: str
    description: str
    tag_list: list[str]
    created_at: Timestamp
    updated_at: Timestamp
    favorited: bool
    favorites_count: int
    author: ProfileOut


class ArticleOut(ArticleListItem):
    body: str


class ArticleResponse(Output):
    article: ArticleOut


class ArticleListResponse(Output):
    articles: list[ArticleListItem]
    articles_count: int


# Comments


class NewComment(Input):
    body: str


class NewCommentRequest(Input):
    comment: NewComment


class CommentOut(Output):
    id: int
    created_at: Timestamp
    updated_at: Timestamp
    body: str
    author: ProfileOut


class CommentResponse(Output):
    comment: CommentOut


class CommentListResponse(Output):
    comments: list[CommentOut]


# Tags


class TagListResponse(Output):
    tags: list[str]
