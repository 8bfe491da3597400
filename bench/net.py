"""The loopback address the bench serves on, free ports, and waiting for a server to answer."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(url: str, server: subprocess.Popen[bytes] | None, timeout: float) -> str | None:
    """None once ``url`` answers 200; otherwise why not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            return f"the server exited with code {server.returncode} before answering"
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our URL
                if answer.status == 200:
                    return None
        except OSError:
            pass
        time.sleep(0.2)
    return f"{url} did not answer 200 within {timeout:.0f} s"
