"""A migrated database and a Flask app on it."""

from __future__ import annotations

import pytest
from flask import Flask

from domain.settings import Settings
from impl_flask import create_app
from storage_sqlalchemy.migrate import migrate

SECRET = "s" * 40


@pytest.fixture
def app(database_url: str) -> Flask:
    migrate(database_url)
    return create_app(Settings(database_url=database_url, secret_key=SECRET))
