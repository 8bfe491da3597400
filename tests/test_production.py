"""``ENVIRONMENT=production``: every implementation's ``serve`` refuses the development
signing secret with one line on stderr, and starts with a secret of its own."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from contract_tests.support.network import free_port, tls
from domain.settings import DEVELOPMENT_SECRET_KEY
from tests import servers
from tests.conftest import fresh_database

REFUSAL = (
    "error: ENVIRONMENT=production needs a SECRET_KEY of its own "
    "(a random secret of at least 32 bytes)"
)


@pytest.fixture(scope="module")
def launched(
    impl: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[servers.Launched]:
    """The variant served in production with a secret of its own and, beside it, a ``serve``
    in production with the development secret (``unset``, ``development``) and one in an
    unknown environment (``staging``)."""
    with fresh_database(request.config, tmp_path_factory.mktemp("database")) as url:
        own = servers.environment(url, "p" * 40, ENVIRONMENT="production")
        development = servers.environment(url, DEVELOPMENT_SECRET_KEY, ENVIRONMENT="production")
        unset = {name: value for name, value in development.items() if name != "SECRET_KEY"}
        staging = servers.environment(url, "p" * 40, ENVIRONMENT="staging")
        refusals = {"unset": unset, "development": development, "staging": staging}
        with servers.launched(impl, own, refusals) as launched:
            yield launched


@pytest.mark.parametrize("secret", ["unset", "development"])
@pytest.mark.parametrize("impl", servers.variants(), scope="module")
def test_production_refuses_the_development_secret(
    impl: str, secret: str, launched: servers.Launched
) -> None:
    result = launched.refusals[secret].result()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"{servers.prog(impl)}: {REFUSAL}"]
    assert result.stdout == ""


@pytest.mark.parametrize("impl", servers.variants(), scope="module")
def test_production_starts_with_a_secret_of_its_own(launched: servers.Launched) -> None:
    response = httpx.get(
        f"{launched.base_url.result()}/api/no-such-thing", timeout=10, verify=tls()
    )
    assert response.status_code == 404
    assert response.json() == {"errors": {"path": ["not found"]}}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("impl", servers.variants(), scope="module")
def test_an_unknown_environment_stops_the_server(impl: str, launched: servers.Launched) -> None:
    result = launched.refusals["staging"].result()
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
