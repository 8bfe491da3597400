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
    assert service["environment"]["ENVIRONMENT"] == "production"
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", service["environment"]["SECRET_KEY"])
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
    assert re.search(r"^\s+ENVIRONMENT=production \\$", dockerfile, re.MULTILINE)


def test_the_docs_say_how_to_give_compose_its_secret() -> None:
    page = (PROJECT_ROOT / "docs" / "operations.md").read_text()
    containers = page[page.index("## Containers") :]
    end = containers.find("\n## ", 1)
    containers = containers if end < 0 else containers[:end]
    assert "export SECRET_KEY=" in containers
    assert containers.index("export SECRET_KEY=") < containers.index("docker compose up")


def test_dockerfile_copies_only_files_that_exist() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, re.MULTILINE):
        for name in source.split():
            for impl in IMPLEMENTATIONS:
                assert (PROJECT_ROOT / name.replace("${IMPL}", impl)).exists(), name


def test_implementations_are_health_checked_and_wait_for_the_seed(compose: dict[str, Any]) -> None:
    for impl in IMPLEMENTATIONS:
        service = compose["services"][impl]
        assert "/api/tags" in " ".join(service["healthcheck"]["test"])
        assert service["depends_on"]["seed"]["condition"] == "service_completed_successfully"


def test_seed_fills_the_shared_database_once(compose: dict[str, Any]) -> None:
    seed = compose["services"]["seed"]
    assert seed["command"] == ["python", "-m", "bench", "seed"]
    assert seed["build"]["args"]["IMPL"] in IMPLEMENTATIONS
    assert seed["depends_on"]["postgres"]["condition"] == "service_healthy"
    for impl in IMPLEMENTATIONS:
        url = compose["services"][impl]["environment"]["DATABASE_URL"]
        assert seed["environment"]["DATABASE_URL"] == url
    assert (PROJECT_ROOT / "bench" / "__main__.py").is_file()


def test_locust_runs_a_master_and_scalable_workers(compose: dict[str, Any]) -> None:
    master = compose["services"]["locust-master"]
    worker = compose["services"]["locust-worker"]
    for service in (master, worker):
        assert service["image"].startswith("locustio/locust:")
        assert "./bench:/mnt/triptych/bench:ro" in service["volumes"]
        locustfile = service["environment"]["LOCUST_LOCUSTFILE"]
        assert locustfile == "/mnt/triptych/bench/locustfile.py"
        assert service["environment"]["PYTHONPATH"] == "/mnt/triptych"
    assert "--master" in master["command"]
    assert master["ports"] == ["8089:8089"]
    target = master["command"][master["command"].index("--host") + 1]
    host = target.removeprefix("${TARGET:-http://").split(":")[0]
    assert host in IMPLEMENTATIONS
    assert master["depends_on"][host]["condition"] == "service_healthy"
    assert worker["command"] == ["--worker", "--master-host", "locust-master"]
    assert "ports" not in worker  # scaled with --scale locust-worker=N
    assert "container_name" not in worker


def test_locust_image_matches_the_bench_s_locust() -> None:
    compose_text = (PROJECT_ROOT / "docker-compose.yml").read_text()
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text()
    image = re.search(r"locustio/locust:(\d+)\.(\d+)", compose_text)
    floor = re.search(r'"locust>=(\d+)\.(\d+)', pyproject)
    assert image
    assert floor
    assert tuple(map(int, image.groups())) >= tuple(map(int, floor.groups()))


def test_dockerfile_ships_the_bench_for_seeding() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    assert "COPY bench ./bench" in dockerfile
    assert "bench/results" in (PROJECT_ROOT / ".dockerignore").read_text()
