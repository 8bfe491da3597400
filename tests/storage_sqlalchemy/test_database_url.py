"""``DATABASE_URL`` takes the forms users write."""

from __future__ import annotations

import pytest

from storage_sqlalchemy.engine import sqlalchemy_url


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("sqlite:///data/app.sqlite3", "sqlite"),
        ("sqlite:////tmp/app.sqlite3", "sqlite"),
        ("postgresql://user:secret@db:5432/conduit", "postgresql+psycopg"),
        ("postgres://user:secret@db/conduit", "postgresql+psycopg"),
        ("postgresql+psycopg://user@db/conduit", "postgresql+psycopg"),
    ],
)
def test_ordinary_urls_get_a_driver(given: str, driver: str) -> None:
    url = sqlalchemy_url(given)
    assert url.drivername == driver
    assert url.database == given.rsplit("/", 1)[1] or url.database == given.split("///", 1)[1]


def test_credentials_survive() -> None:
    url = sqlalchemy_url("postgresql://user:s%40cret@db:6543/conduit")
    assert (url.username, url.password, url.host, url.port) == ("user", "s@cret", "db", 6543)
