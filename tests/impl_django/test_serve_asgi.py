"""What ``python -m impl_django serve`` refuses: ``--threads`` with ``--mode asgi``, which only
gunicorn's threads take (on ASGI each request's blocking steps run on a thread of its own), and
``--pool-size`` with ``--mode wsgi``; and the pool it sizes."""

from __future__ import annotations

from pathlib import Path

from contract_tests.support.network import free_port
from impl_django.database_url import POOL_SIZE, database_settings
from tests import servers
from tests.impl_django.conftest import environment


def test_threads_are_refused_on_asgi(database_url: str, tmp_path: Path) -> None:
    port = str(free_port())
    env = environment(database_url, tmp_path)
    args = ("serve", "--mode", "asgi", "--threads", "4", "--port", port)
    refused = servers.run_failing("django-asgi", env, *args)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.splitlines()[-1] == (
        f"{servers.prog('django-asgi')} serve: error: --threads applies to --mode wsgi: on ASGI "
        "each request's blocking steps run on a thread of its own"
    )
    assert "usage:" in refused.stderr
    assert "migrating" not in refused.stderr


def test_a_pool_size_is_refused_on_wsgi(database_url: str, tmp_path: Path) -> None:
    env = environment(database_url, tmp_path)
    args = ("serve", "--mode", "wsgi", "--pool-size", "4", "--port", str(free_port()))
    refused = servers.run_failing("django", env, *args)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.splitlines()[-1] == (
        f"{servers.prog('django')} serve: error: --pool-size applies to --mode asgi: on WSGI "
        "each thread keeps one connection, and --threads bounds them"
    )
    assert "migrating" not in refused.stderr


def test_the_pool_holds_the_size_asked_for_or_the_default() -> None:
    url = "postgresql://u@db/conduit"
    assert database_settings(url, pooled=True)["OPTIONS"]["pool"]["max_size"] == POOL_SIZE
    assert database_settings(url, pooled=True, pool_size=3)["OPTIONS"]["pool"]["max_size"] == 3
    assert "pool" not in database_settings(url, pool_size=3)["OPTIONS"]
