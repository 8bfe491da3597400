"""What ``python -m impl_django serve --mode asgi`` refuses: ``--threads``, which only gunicorn's
threads take (on ASGI each request's blocking steps run on a thread of its own)."""

from __future__ import annotations

from pathlib import Path

from contract_tests.support.network import free_port
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
