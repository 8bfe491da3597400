"""The API's routes, as the contract names them (no trailing slashes), to the async views on
ASGI and to their blocking twin on WSGI."""

from __future__ import annotations

from django.conf import settings
from django.urls import path

if settings.ASYNC:
    from impl_django.conduit._async.views import articles, comments, profiles, tags, users
else:
    from impl_django.conduit._sync.views import (  # type: ignore[no-redef]  # the twin
        articles,
        comments,
        profiles,
        tags,
        users,
    )

urlpatterns = [
    path("users", users.UserRegisterApi.as_view()),
    path("users/login", users.UserLoginApi.as_view()),
    path("user", users.CurrentUserApi.as_view()),
    path("profiles/<str:username>", profiles.ProfileApi.as_view()),
    path("profiles/<str:username>/follow", profiles.FollowApi.as_view()),
    path("articles", articles.ArticlesApi.as_view()),
    path("articles/feed", articles.FeedApi.as_view()),
    path("articles/<str:slug>", articles.ArticleApi.as_view()),
    path("articles/<str:slug>/favorite", articles.FavoriteApi.as_view()),
    path("articles/<str:slug>/comments", comments.CommentsApi.as_view()),
    path("articles/<str:slug>/comments/<str:id>", comments.CommentApi.as_view()),
    path("tags", tags.TagsApi.as_view()),
]
