"""Settings read from the environment, checked once."""

from __future__ import annotations

import logging

import jwt
import pytest

from domain.passwords import Argon2Cost, PasswordHasher
from domain.settings import (
    DEFAULT_DATABASE_URL,
    DEFAULT_TOKEN_TTL_SECONDS,
    DEVELOPMENT_SECRET_KEY,
    Settings,
    SettingsError,
    is_development_secret,
)
from domain.tokens import TokenCodec

KEY = "k" * 32


def test_defaults_with_an_empty_environment(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="triptych"):
        settings = Settings.from_env({})
    assert settings == Settings(
        database_url="sqlite:///data/triptych.sqlite3",
        database_timeout_seconds=5,
        secret_key=DEVELOPMENT_SECRET_KEY,
        token_ttl_seconds=7 * 24 * 3600,
        argon2=Argon2Cost(time_cost=3, memory_cost_kib=65536, parallelism=4),
    )
    assert DEFAULT_DATABASE_URL == "sqlite:///data/triptych.sqlite3"
    assert DEFAULT_TOKEN_TTL_SECONDS == 604800


@pytest.mark.parametrize(
    "environ", [{}, {"SECRET_KEY": ""}, {"SECRET_KEY": DEVELOPMENT_SECRET_KEY}]
)
def test_development_key_logs_a_warning(
    caplog: pytest.LogCaptureFixture, environ: dict[str, str]
) -> None:
    with caplog.at_level(logging.WARNING, logger="triptych"):
        settings = Settings.from_env(environ)
    assert settings.secret_key == DEVELOPMENT_SECRET_KEY
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            "triptych",
            logging.WARNING,
            "SECRET_KEY is not set: tokens are signed with a development key",
        )
    ]


def test_overrides(caplog: pytest.LogCaptureFixture) -> None:
    environ = {
        "DATABASE_URL": "postgresql://db/triptych",
        "DATABASE_TIMEOUT": "2",
        "DATABASE_POOL_SIZE": "40",
        "SECRET_KEY": KEY,
        "TOKEN_TTL_SECONDS": "60",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST": "16",
        "ARGON2_PARALLELISM": "2",
    }
    with caplog.at_level(logging.DEBUG, logger="triptych"):
        settings = Settings.from_env(environ)
    assert settings == Settings(
        database_url="postgresql://db/triptych",
        database_timeout_seconds=2,
        database_pool_size=40,
        secret_key=KEY,
        token_ttl_seconds=60,
        argon2=Argon2Cost(time_cost=1, memory_cost_kib=16, parallelism=2),
    )
    assert caplog.records == []


@pytest.mark.parametrize(
    "name",
    [
        "DATABASE_URL",
        "DATABASE_TIMEOUT",
        "DATABASE_POOL_SIZE",
        "TOKEN_TTL_SECONDS",
        "ARGON2_TIME_COST",
        "ARGON2_PARALLELISM",
    ],
)
def test_empty_values_mean_the_default(name: str) -> None:
    assert Settings.from_env({"SECRET_KEY": KEY, name: ""}) == Settings(secret_key=KEY)


def test_multibyte_secret_key_is_measured_in_bytes() -> None:
    key = "é" * 16  # 16 characters, 32 bytes
    assert Settings.from_env({"SECRET_KEY": key}).secret_key == key


@pytest.mark.parametrize("key", ["short", "k" * 31, "é" * 15])
def test_short_secret_key_is_refused(key: str) -> None:
    with pytest.raises(SettingsError, match=r"^SECRET_KEY must be at least 32 bytes long$"):
        Settings.from_env({"SECRET_KEY": key})


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("DATABASE_TIMEOUT", "0"),
        ("DATABASE_TIMEOUT", "2.5"),
        ("DATABASE_POOL_SIZE", "0"),
        ("TOKEN_TTL_SECONDS", "0"),
        ("TOKEN_TTL_SECONDS", "-5"),
        ("TOKEN_TTL_SECONDS", "1.5"),
        ("TOKEN_TTL_SECONDS", "a week"),
        ("ARGON2_TIME_COST", "0"),
        ("ARGON2_TIME_COST", "three"),
        ("ARGON2_MEMORY_COST", "-1"),
        ("ARGON2_MEMORY_COST", "64k"),
        ("ARGON2_PARALLELISM", "0"),
        ("ARGON2_PARALLELISM", "4.0"),
    ],
)
def test_bad_numbers_are_refused(name: str, raw: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"SECRET_KEY": KEY, name: raw})
    assert str(caught.value) == f"{name} must be a positive whole number, not {raw!r}"
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("memory", "parallelism"), [("7", "1"), ("15", "2"), ("31", "4"), ("8", "2")]
)
def test_memory_below_eight_kib_per_lane_is_refused(memory: str, parallelism: str) -> None:
    environ = {"SECRET_KEY": KEY, "ARGON2_MEMORY_COST": memory, "ARGON2_PARALLELISM": parallelism}
    with pytest.raises(
        SettingsError, match=r"^ARGON2_MEMORY_COST must be at least 8 KiB per ARGON2_PARALLELISM$"
    ):
        Settings.from_env(environ)


def test_memory_of_exactly_eight_kib_per_lane_is_accepted() -> None:
    environ = {"SECRET_KEY": KEY, "ARGON2_MEMORY_COST": "16", "ARGON2_PARALLELISM": "2"}
    assert Settings.from_env(environ).argon2 == Argon2Cost(3, 16, 2)


def test_reads_os_environ_when_no_mapping_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", KEY)
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "120")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for name in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)
    assert Settings.from_env() == Settings(secret_key=KEY, token_ttl_seconds=120)


def test_settings_build_a_hasher_and_a_codec() -> None:
    settings = Settings.from_env(
        {
            "SECRET_KEY": KEY,
            "ARGON2_TIME_COST": "1",
            "ARGON2_MEMORY_COST": "8",
            "ARGON2_PARALLELISM": "1",
            "TOKEN_TTL_SECONDS": "60",
        }
    )
    hasher = settings.password_hasher()
    assert isinstance(hasher, PasswordHasher)
    hashed = hasher.hash("s3cret-password")
    assert "m=8,t=1,p=1" in hashed
    assert hasher.verify(hashed, "s3cret-password") is True
    codec = settings.token_codec()
    assert isinstance(codec, TokenCodec)
    assert codec.verify(codec.issue(5)) == 5
    claims = jwt.decode(codec.issue(5), KEY, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == 60


def test_any_origin_and_development_by_default() -> None:
    settings = Settings.from_env({"SECRET_KEY": KEY})
    assert settings.cors_allowed_origins == ("*",)
    assert settings.any_origin is True
    assert settings.environment == "development"
    assert settings.production is False


@pytest.mark.parametrize(
    ("raw", "origins"),
    [
        ("", ("*",)),
        (" , ", ("*",)),
        ("*", ("*",)),
        ("https://app.example", ("https://app.example",)),
        (
            " http://localhost:5173 ,https://app.example:8443,",
            ("http://localhost:5173", "https://app.example:8443"),
        ),
        ("http://[::1]:3000", ("http://[::1]:3000",)),
        ("https://app.example,*", ("*",)),
    ],
)
def test_allowed_origins_are_a_comma_separated_list(raw: str, origins: tuple[str, ...]) -> None:
    settings = Settings.from_env({"SECRET_KEY": KEY, "CORS_ALLOWED_ORIGINS": raw})
    assert settings.cors_allowed_origins == origins
    assert settings.any_origin is (origins == ("*",))


@pytest.mark.parametrize(
    "origin",
    [
        "app.example",
        "https://app.example/",
        "https://app.example/path",
        "https://app.example?x=1",
        "ftp://app.example",
        "https://App.example",
        "https://user@app.example",
        "https://app.example:0",
        "https://app.example:99999",
        "null",
    ],
)
def test_an_origin_that_browsers_never_send_is_refused(origin: str) -> None:
    with pytest.raises(SettingsError, match=r"^CORS_ALLOWED_ORIGINS must list origins") as caught:
        Settings.from_env(
            {"SECRET_KEY": KEY, "CORS_ALLOWED_ORIGINS": f"https://ok.example,{origin}"}
        )
    assert repr(origin) in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "production"),
    [("production", True), (" Production ", True), ("development", False), ("", False)],
)
def test_environment_names_production(raw: str, production: bool) -> None:
    assert Settings.from_env({"SECRET_KEY": KEY, "ENVIRONMENT": raw}).production is production


def test_an_unknown_environment_is_refused() -> None:
    with pytest.raises(
        SettingsError, match=r"^ENVIRONMENT must be development or production, not 'prod'$"
    ):
        Settings.from_env({"ENVIRONMENT": "prod"})


@pytest.mark.parametrize("secret", [None, "", DEVELOPMENT_SECRET_KEY])
def test_production_refuses_the_development_secret(secret: str | None) -> None:
    environ = {"ENVIRONMENT": "production"}
    if secret is not None:
        environ["SECRET_KEY"] = secret
    settings = Settings.from_env(environ)  # reading is fine; serving is not
    assert is_development_secret(settings.secret_key)
    with pytest.raises(
        SettingsError,
        match=r"^ENVIRONMENT=production needs a SECRET_KEY of its own \(a random secret of at "
        r"least 32 bytes\)$",
    ):
        settings.check_production()


def test_production_accepts_a_secret_of_its_own_and_development_accepts_any() -> None:
    Settings.from_env({"ENVIRONMENT": "production", "SECRET_KEY": KEY}).check_production()
    Settings.from_env({}).check_production()
    assert not is_development_secret(KEY)
