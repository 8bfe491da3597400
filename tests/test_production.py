"""``ENVIRONMENT=production``: every implementation's ``serve`` refuses the development
signing secret with one line on stderr, and starts with a secret of its own."""

from __future__ import annotations

import httpx
import pytest

from contract_tests.support.network import free_port
from domain.settings import DEVELOPMENT_SECRET_KEY
from tests import servers

REFUSAL = (
    "error: ENVIRONMENT=production needs a SECRET_KEY of its own "
    "(a random secret of at least 32 bytes)"
)


@pytest.mark.parametrize("secret", ["unset", "development"])
@pytest.mark.parametrize("impl", servers.variants())
def test_production_refuses_the_development_secret(
    impl: str, secret: str, database_url: str
) -> None:
    env = servers.environment(database_url, DEVELOPMENT_SECRET_KEY, ENVIRONMENT="production")
    if secret == "unset":
        del env["SECRET_KEY"]
    result = servers.refused_to_serve(impl, env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"{servers.prog(impl)}: {REFUSAL}"]
    assert result.stdout == ""


@pytest.mark.parametrize("impl", servers.variants())
def test_production_starts_with_a_secret_of_its_own(impl: str, database_url: str) -> None:
    env = servers.environment(database_url, "p" * 40, ENVIRONMENT="production")
    with servers.serving(impl, env) as (base_url, _):
        response = httpx.get(f"{base_url}/api/no-such-thing", timeout=10)
    assert response.status_code == 404
    assert response.json() == {"errors": {"path": ["not found"]}}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("impl", servers.variants())
def test_an_unknown_environment_stops_the_server(impl: str, database_url: str) -> None:
    env = servers.environment(database_url, "p" * 40, ENVIRONMENT="staging")
    result = servers.refused_to_serve(impl, env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{servers.prog(impl)}: error: ENVIRONMENT must be development or production, not 'staging'"
    ]


def test_django_refuses_debug_in_production(database_url: str) -> None:
    env = servers.environment(database_url, "p" * 40, ENVIRONMENT="production", DEBUG="1")
    result = servers.run_failing("django", env, "serve", "--port", str(free_port()))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "python -m impl_django: error: DEBUG must be off when ENVIRONMENT=production"
    ]
