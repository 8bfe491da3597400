"""``python -m impl_django serve``: migrates, serves the API and the admin with its static
files, and stops cleanly on SIGTERM."""

from __future__ import annotations

import re
import signal
import threading
import time
from pathlib import Path

import httpx

from impl_django.__main__ import collect_static_files_once
from tests import servers
from tests.impl_django.conftest import SECRET, environment, manage, serving
from tests.secrets_in_logs import assert_no_secrets_in_the_logs


def test_serve_migrates_answers_and_stops_on_sigterm(database_url: str) -> None:
    with serving(servers.environment(database_url, SECRET)) as (base_url, server):
        response = httpx.get(f"{base_url}/api/tags", timeout=5)
        assert response.status_code == 200
        assert response.json() == {"tags": []}
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert "migrating" in stderr
    assert "Shutting down: Master" in stderr
    # PostgreSQL connections are kept and checked by a socket poll; SQLite's need no check.
    checks = "true" if database_url.startswith("postgres") else "false"
    assert f'"conn_health_checks": {checks}' in stderr
    assert '"threads": 8, "worker_class": "gthread"' in stderr
    assert stdout == ""


def test_a_superuser_logs_into_the_admin_and_gets_its_stylesheet(
    database_url: str, tmp_path: Path
) -> None:
    """On a ``STATIC_ROOT`` of its own, which ``serve`` collects into on its first start."""
    env = environment(database_url, tmp_path, DJANGO_SUPERUSER_PASSWORD="admin-password-1")
    manage(env, "migrate")
    manage(env, "createsuperuser", "--no-input", "--username", "admin", "--email", "a@example.com")
    with serving(env) as (base_url, _server), httpx.Client(base_url=base_url, timeout=10) as web:
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


def test_no_password_or_token_reaches_the_logs(database_url: str) -> None:
    assert_no_secrets_in_the_logs("django", database_url)


def test_servers_started_together_on_one_static_root_collect_once(tmp_path: Path) -> None:
    root = tmp_path / "static"
    inside: list[int] = []
    most_inside = 0
    collections = 0
    entered = threading.Barrier(3)

    def collect() -> None:
        nonlocal most_inside, collections
        inside.append(1)
        most_inside = max(most_inside, len(inside))
        time.sleep(0.2)  # the others reach the lock meanwhile
        root.mkdir(exist_ok=True)
        (root / "staticfiles.json").write_text("{}")
        collections += 1
        inside.pop()

    def start() -> None:
        entered.wait()
        collect_static_files_once(root, collect)

    starts = [threading.Thread(target=start) for _ in range(3)]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join(10)
    assert (collections, most_inside) == (1, 1)
    collect_static_files_once(root, collect)
    assert collections == 1
