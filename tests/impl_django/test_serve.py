"""``python -m impl_django serve`` in the session's mode (gunicorn for WSGI, uvicorn for ASGI):
migrates, serves the API and the admin with its static files, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import httpx

from contract_tests.support.network import tls
from impl_django.database_url import POOL_SIZE
from impl_django.server import CONFIGURATION
from tests.impl_django.conftest import environment, manage, serving
from tests.secrets_in_logs import assert_no_secrets_in_the_logs


def configuration(stderr: str) -> dict[str, object]:
    """What ``serve`` logged of its configuration."""
    lines = [line for line in stderr.splitlines() if CONFIGURATION in line]
    assert len(lines) == 1, stderr
    described: dict[str, object] = json.loads(lines[0].split(CONFIGURATION, 1)[1])
    return described


def test_serve_migrates_answers_and_stops_on_sigterm(
    database_url: str, static_root: Path, mode: str, variant: str
) -> None:
    with serving(variant, environment(database_url, static_root)) as (base_url, server):
        response = httpx.get(f"{base_url}/api/tags", timeout=5, verify=tls())
        assert response.status_code == 200
        assert response.json() == {"tags": []}
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert "migrating" in stderr
    described = configuration(stderr)
    postgresql = database_url.startswith("postgres")
    if mode == "asgi":
        assert "Shutting down" in stderr
        assert "Finished server process" in stderr
        # A connection per request, from a pool on PostgreSQL, checked by a socket poll.
        assert described == {
            "access_log": False,
            "conn_health_checks": False,
            "conn_max_age": 0,
            "head_bytes": 65536,
            "http": "httptools",
            "loop": "uvloop",
            "server": "uvicorn",
            "workers": 1,
            **({"pool_size": POOL_SIZE} if postgresql else {}),
        }
    else:
        assert "Shutting down: Master" in stderr
        # PostgreSQL connections are kept and checked by a socket poll; SQLite's need no check.
        assert described["server"] == "gunicorn"
        assert described["conn_health_checks"] is postgresql
        assert (described["threads"], described["worker_class"]) == (8, "gthread")
    assert stdout == ""


def test_a_superuser_logs_into_the_admin_and_gets_its_stylesheet(
    database_url: str, static_root: Path, variant: str
) -> None:
    """On the session's ``STATIC_ROOT``, empty until the first ``serve`` collects into it."""
    env = environment(database_url, static_root, DJANGO_SUPERUSER_PASSWORD="admin-password-1")
    manage(env, "migrate")
    manage(env, "createsuperuser", "--no-input", "--username", "admin", "--email", "a@example.com")
    with (
        serving(variant, env) as (base_url, _server),
        httpx.Client(base_url=base_url, timeout=10, verify=tls()) as web,
    ):
        login = web.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        assert token is not None
        logged_in = web.post(
            "/admin/login/?next=/admin/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": "admin",
                "password": "admin-password-1",
                "next": "/admin/",
            },
        )
        assert logged_in.status_code == 302, logged_in.text[:500]
        articles = web.get("/admin/conduit/article/")
        assert articles.status_code == 200
        assert "Select article to change" in articles.text
        stylesheet = re.search(r'href="(/static/admin/css/base[^"]*\.css)"', articles.text)
        assert stylesheet is not None
        css = web.get(stylesheet.group(1))
        assert css.status_code == 200
        assert css.headers["content-type"].startswith("text/css")


def test_no_password_or_token_reaches_the_logs(
    database_url: str, static_root: Path, variant: str
) -> None:
    assert_no_secrets_in_the_logs(variant, database_url, STATIC_ROOT=str(static_root))
