"""The admin: browse, search, filter and moderate what the API stores.

Users, articles and comments come into being through the API only, where the domain sets
slugs, hashes and timestamps; here they can be read, corrected and deleted (the database
deletes what depends on them).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from impl_django.conduit import models


class ModerationAdmin(admin.ModelAdmin[Any]):
    """Nothing is added here: the API creates every record."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.User)
class UserAdmin(ModerationAdmin):
    list_display = ("username", "email", "bio")
    search_fields = ("username", "email")
    exclude = ("password_hash",)


@admin.register(models.Article)
class ArticleAdmin(ModerationAdmin):
    list_display = ("title", "slug", "author", "created_at", "updated_at")
    list_filter = ("created_at", "tags")
    list_select_related = ("author",)
    search_fields = ("title", "slug", "description", "author__username")
    readonly_fields = ("slug", "author", "created_at", "updated_at")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")


@admin.register(models.Comment)
class CommentAdmin(ModerationAdmin):
    list_display = ("id", "article", "author", "created_at")
    list_filter = ("created_at",)
    list_select_related = ("article", "author")
    search_fields = ("body", "author__username", "article__slug")
    readonly_fields = ("article", "author", "created_at", "updated_at")
    ordering = ("-created_at", "-id")


@admin.register(models.Tag)
class TagAdmin(ModerationAdmin):
    list_display = ("name",)
    search_fields = ("name",)
