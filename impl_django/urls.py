"""The site: the API under ``/api``, its documentation, and the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView

urlpatterns = [
    path("api/", include("impl_django.conduit.urls")),
    path("api/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("api/docs", SpectacularSwaggerView.as_view(url_name="openapi"), name="docs"),
    path("admin/", admin.site.urls),
]

handler400 = "impl_django.conduit.errors.bad_request"
handler404 = "impl_django.conduit.errors.page_not_found"
handler500 = "impl_django.conduit.errors.server_error"
