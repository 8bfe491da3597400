"""What the Flask app adds around the contract: its wiring, errors that are never HTML, and
the shared engine set-up."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from flask import Flask
from sqlalchemy import text

from domain.settings import SettingsError
from impl_flask import create_app
from impl_flask.extensions import conduit, db, unit_of_work
from tests.conftest import PROJECT_ROOT


def test_importing_the_package_wires_nothing() -> None:
    probe = "import sys, impl_flask; "
    probe += "print([m for m in ('flask', 'sqlalchemy') if m in sys.modules])"
    result = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "e" * 40)
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "60")
    monkeypatch.setenv("TEST_CLOCK", "1")
    app = create_app()
    with app.app_context():
        settings = conduit().settings
    assert (settings.secret_key, settings.token_ttl_seconds, settings.test_clock) == (
        "e" * 40,
        60,
        True,
    )


def test_bad_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        create_app()


def test_units_of_work_use_the_app_context_session(app: Flask) -> None:
    with app.app_context(), unit_of_work() as uow:
        assert uow.session is db.session()  # type: ignore[attr-defined]


def test_engine_is_set_up_as_the_shared_storage_does(app: Flask) -> None:
    with app.app_context():
        dialect = db.engine.dialect
        if dialect.name == "sqlite":
            assert db.session.scalar(text("PRAGMA foreign_keys")) == 1
            assert db.session.scalar(text("PRAGMA journal_mode")) == "wal"
        else:
            assert (dialect.name, dialect.driver) == ("postgresql", "psycopg")
            assert db.engine.pool.size() == 10  # type: ignore[attr-defined]


def test_unknown_path_answers_in_the_error_format(app: Flask) -> None:
    response = app.test_client().get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json == {"errors": {"path": ["not found"]}}


def test_unknown_method_answers_in_the_error_format(app: Flask) -> None:
    response = app.test_client().patch("/api/tags")
    assert response.status_code == 405
    assert response.json == {"errors": {"method": ["not allowed"]}}
    assert "GET" in response.headers["Allow"]


def test_too_large_body_answers_in_the_error_format(app: Flask) -> None:
    body = b'{"user": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = app.test_client().post(
        "/api/users", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json == {"errors": {"request": ["is too large"]}}


def test_unexpected_error_is_logged_not_shown(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/broken", view_func=broken)
    with caplog.at_level(logging.ERROR, logger="triptych.flask"):
        response = app.test_client().get("/api/broken", headers={"Origin": "http://page.example"})
    assert response.status_code == 500
    assert response.json == {"errors": {"server": ["internal error"]}}
    assert "secret internals" not in response.text
    assert "secret internals" in caplog.text
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_debug_stays_off_whatever_flask_debug_says(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "e" * 40)
    assert create_app().debug is False


def test_the_documentation_page_goes_without_a_content_security_policy(app: Flask) -> None:
    response = app.test_client().get("/api/docs")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
