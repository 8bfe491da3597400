"""The app's configuration."""

from __future__ import annotations

from django.apps import AppConfig


class ConduitConfig(AppConfig):
    name = "impl_django.conduit"
    label = "conduit"
    verbose_name = "Conduit"

    def ready(self) -> None:
        from impl_django.conduit import schema  # noqa: F401, PLC0415 - registers the extension
