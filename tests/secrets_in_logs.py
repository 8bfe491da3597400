"""A served implementation never writes a password or a token to its logs, access log on."""

from __future__ import annotations

import signal
import uuid

import httpx

from contract_tests.support.network import tls
from tests import servers


def assert_no_secrets_in_the_logs(impl: str, database_url: str, **extra_env: str) -> None:
    """Serve ``impl`` with its access log on, register, log in, fail to log in, use the token
    and refuse bad ones; then neither a password, a token nor the signing key is in its output
    (stdout and stderr), which does log the requests."""
    secret_key = f"key-{uuid.uuid4().hex}"
    password, wrong_password = f"pw-{uuid.uuid4().hex}", f"wrong-{uuid.uuid4().hex}"
    name = f"logs_{uuid.uuid4().hex[:12]}"
    env = servers.environment(database_url, secret_key, **extra_env)
    with servers.serving(impl, env, "--access-log") as (base_url, server):
        with httpx.Client(base_url=f"{base_url}/api", timeout=10, verify=tls()) as http:
            user = {"username": name, "email": f"{name}@example.com", "password": password}
            registered = http.post("/users", json={"user": user})
            assert registered.status_code == 201, registered.text
            login = {"email": user["email"], "password": password}
            logged_in = http.post("/users/login", json={"user": login})
            assert logged_in.status_code == 200, logged_in.text
            refused = http.post(
                "/users/login", json={"user": {**login, "password": wrong_password}}
            )
            assert refused.status_code == 401, refused.text
            tokens = [registered.json()["user"]["token"], logged_in.json()["user"]["token"]]
            for token in tokens:
                assert http.get("/user", headers={"Authorization": f"Token {token}"}).is_success
                bad = {"Authorization": f"Token {token}x"}
                assert http.get("/articles/feed", headers=bad).status_code == 401
            too_long = {"user": {"password": password * 10}}
            update = http.put("/user", json=too_long, headers={"Authorization": f"Token {token}"})
            assert update.status_code == 422, update.text
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=30)
    output = stdout + stderr
    assert "/api/users/login" in output, f"no access log in the output of impl_{impl}:\n{output}"
    signatures = [token.rsplit(".", 1)[1] for token in tokens]
    for secret in [password, wrong_password, secret_key, *tokens, *signatures]:
        assert secret not in output, f"impl_{impl} logged a secret:\n{output}"
