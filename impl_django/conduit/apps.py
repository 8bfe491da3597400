"""The app's configuration."""

from __future__ import annotations

from django.apps import AppConfig


class ConduitConfig(AppConfig):
    name = "impl_django.conduit"
    label = "conduit"
    verbose_name = "Conduit"
