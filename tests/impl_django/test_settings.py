"""Settings come from the environment: database URLs, debug, hosts, and the shared settings."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

from domain.settings import SettingsError
from impl_django import MODE_VARIABLE
from impl_django.database_url import POOL, UnsupportedDatabaseURL, database_settings
from tests.conftest import PROJECT_ROOT


def test_sqlite_relative_and_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = database_settings("sqlite:///data/app.sqlite3")
    assert relative["ENGINE"] == "django.db.backends.sqlite3"
    assert relative["NAME"] == "data/app.sqlite3"
    assert (tmp_path / "data").is_dir()
    absolute = database_settings(f"sqlite:///{tmp_path}/x/app.sqlite3")
    assert absolute["NAME"] == f"{tmp_path}/x/app.sqlite3"
    assert absolute["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_postgresql_url_parts(scheme: str) -> None:
    settings = database_settings(
        f"{scheme}://us%40er:p%3Ass@db.example:6543/conduit?sslmode=require"
    )
    assert settings["ENGINE"] == "impl_django.postgresql"
    assert (settings["USER"], settings["PASSWORD"]) == ("us@er", "p:ss")
    assert (settings["HOST"], settings["PORT"], settings["NAME"]) == (
        "db.example",
        "6543",
        "conduit",
    )
    options = {"sslmode": "require", "connect_timeout": 5, "answer_timeout": 5}
    assert settings["OPTIONS"] == options


def test_a_postgresql_url_may_set_its_own_connect_timeout() -> None:
    settings = database_settings("postgresql://db/conduit?connect_timeout=2", timeout=7)
    assert settings["OPTIONS"] == {"connect_timeout": "2", "answer_timeout": 7}


def test_database_timeout_bounds_connecting_and_each_answer() -> None:
    settings = database_settings("postgresql://db/conduit", timeout=3)
    assert settings["OPTIONS"] == {"connect_timeout": 3, "answer_timeout": 3}


def test_postgresql_url_without_credentials_or_port() -> None:
    settings = database_settings("postgresql://127.0.0.1/conduit")
    assert (settings["USER"], settings["PASSWORD"], settings["PORT"]) == ("", "", "")


def test_other_databases_are_refused() -> None:
    with pytest.raises(UnsupportedDatabaseURL, match="mysql"):
        database_settings("mysql://localhost/conduit")


def _settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> dict[str, Any]:
    unset = ("DEBUG", "ALLOWED_HOSTS", "TEST_CLOCK", "CORS_ALLOWED_ORIGINS", "ENVIRONMENT")
    for name in (*unset, MODE_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/s.sqlite3")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("STATIC_ROOT", str(tmp_path / "static"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(PROJECT_ROOT / "impl_django" / "settings.py"))


def test_defaults_are_safe_for_local_use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = _settings(monkeypatch, tmp_path)
    assert settings["DEBUG"] is False
    assert {"localhost", "127.0.0.1", "testserver"} <= set(settings["ALLOWED_HOSTS"])
    assert settings["SECRET_KEY"] == "k" * 40
    assert settings["DATABASES"]["default"]["NAME"] == f"{tmp_path}/s.sqlite3"
    assert settings["STATIC_ROOT"] == tmp_path / "static"
    assert "impl_django.conduit.middleware.TestClockMiddleware" not in settings["MIDDLEWARE"]


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = _settings(
        monkeypatch, tmp_path, DEBUG="1", ALLOWED_HOSTS="api.example, .example.org", TEST_CLOCK="1"
    )
    assert settings["DEBUG"] is True
    assert settings["ALLOWED_HOSTS"] == ["api.example", ".example.org"]
    assert settings["TRIPTYCH"].test_clock is True
    middleware = settings["MIDDLEWARE"]
    # Inside the header and CORS middleware, so that its refusals carry their headers too.
    cors = middleware.index("corsheaders.middleware.CorsMiddleware")
    assert middleware[cors + 1] == "impl_django.conduit.middleware.TestClockMiddleware"


def test_database_timeout_reaches_the_database_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _settings(
        monkeypatch, tmp_path, DATABASE_URL="postgresql://db/conduit", DATABASE_TIMEOUT="4"
    )
    options = settings["DATABASES"]["default"]["OPTIONS"]
    assert (options["connect_timeout"], options["answer_timeout"]) == (4, 4)


def test_any_origin_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = _settings(monkeypatch, tmp_path)
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is True
    assert settings["CORS_ALLOW_CREDENTIALS"] is False
    assert settings["CORS_URLS_REGEX"] == r"^/api/"
    middleware = settings["MIDDLEWARE"]
    assert middleware.index("django.middleware.security.SecurityMiddleware") < middleware.index(
        "corsheaders.middleware.CorsMiddleware"
    )


def test_an_origin_list_allows_only_those(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = _settings(
        monkeypatch, tmp_path, CORS_ALLOWED_ORIGINS="https://a.example, http://localhost:5173"
    )
    assert settings["CORS_ALLOW_ALL_ORIGINS"] is False
    assert settings["CORS_ALLOWED_ORIGINS"] == ["https://a.example", "http://localhost:5173"]


WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
ON_THE_LOOP = "impl_django.conduit.middleware.StaticFilesMiddleware"


def test_wsgi_by_default_its_threads_keeping_their_connections(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _settings(monkeypatch, tmp_path, DATABASE_URL="postgresql://db/conduit")
    assert (settings["SERVING_MODE"], settings["ASYNC"]) == ("wsgi", False)
    assert WHITENOISE in settings["MIDDLEWARE"]
    assert ON_THE_LOOP not in settings["MIDDLEWARE"]
    database = settings["DATABASES"]["default"]
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (600, True)
    assert "pool" not in database["OPTIONS"]


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_asgi_a_connection_per_request_from_a_pool_on_postgresql(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: str
) -> None:
    url = "postgresql://db/conduit" if engine == "postgresql" else f"sqlite:///{tmp_path}/s.db"
    settings = _settings(
        monkeypatch, tmp_path, DATABASE_URL=url, DATABASE_TIMEOUT="4", DJANGO_MODE="asgi"
    )
    assert (settings["SERVING_MODE"], settings["ASYNC"]) == ("asgi", True)
    assert ON_THE_LOOP in settings["MIDDLEWARE"]
    assert WHITENOISE not in settings["MIDDLEWARE"]
    database = settings["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0
    pool = POOL if engine == "postgresql" else None  # its wait is not the database timeout
    assert database["OPTIONS"].get("pool") == pool


def test_an_unknown_mode_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="DJANGO_MODE must be one of wsgi, asgi, not 'fast'"):
        _settings(monkeypatch, tmp_path, DJANGO_MODE="fast")
