"""The container files are checked here, since no Docker engine runs where the tests do."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT_ROOT

IMPLEMENTATIONS = sorted(
    path.name.removeprefix("impl_")
    for path in PROJECT_ROOT.glob("impl_*")
    if (path / "__main__.py").is_file()
)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    return loaded


def test_there_is_an_implementation_to_check() -> None:
    assert "fastapi" in IMPLEMENTATIONS


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_compose_builds_and_serves_each_implementation(compose: dict[str, Any], impl: str) -> None:
    service = compose["services"][impl]
    assert service["build"]["context"] == "."
    assert service["build"]["args"]["IMPL"] == impl
    assert service["environment"]["DATABASE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in service["environment"]["DATABASE_URL"]
    assert len(service["environment"]["SECRET_KEY"].split(":-", 1)[-1]) >= 32
    assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    [mapping] = service["ports"]
    assert mapping.endswith(":8000")


def test_implementations_have_distinct_host_ports(compose: dict[str, Any]) -> None:
    ports = [compose["services"][impl]["ports"][0].split(":")[0] for impl in IMPLEMENTATIONS]
    assert len(set(ports)) == len(ports)


def test_postgres_service_is_health_checked(compose: dict[str, Any]) -> None:
    postgres = compose["services"]["postgres"]
    env = postgres["environment"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    expected = f"postgresql://{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}@postgres:5432/"
    for impl in IMPLEMENTATIONS:
        url = compose["services"][impl]["environment"]["DATABASE_URL"]
        assert url == expected + env["POSTGRES_DB"]


def test_dockerfile_installs_and_serves_the_chosen_implementation() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    assert re.search(r"^ARG IMPL=\w+$", dockerfile, re.MULTILINE)
    assert "COPY domain ./domain" in dockerfile
    assert "COPY impl_${IMPL} ./impl_${IMPL}" in dockerfile
    assert 'pip install ".[${IMPL}]"' in dockerfile
    assert "python -m impl_${IMPL} serve --host 0.0.0.0 --port 8000" in dockerfile
    assert re.search(r"^USER (?!root)\w+$", dockerfile, re.MULTILINE)


def test_dockerfile_copies_only_files_that_exist() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, re.MULTILINE):
        for name in source.split():
            for impl in IMPLEMENTATIONS:
                assert (PROJECT_ROOT / name.replace("${IMPL}", impl)).exists(), name
