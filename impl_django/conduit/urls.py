"""The API's routes, as the contract names them (no trailing slashes)."""

from __future__ import annotations

from django.urls import path

from impl_django.conduit.views import articles, comments, profiles, tags, users

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
