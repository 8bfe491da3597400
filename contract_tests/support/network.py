"""Ports for the servers the suite and its sibling suites start, and the TLS context of the
clients that talk to them."""

from __future__ import annotations

import functools
import socket
import ssl

import httpx


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@functools.cache
def tls() -> ssl.SSLContext:
    """One verifying TLS context for every client of a server over the network.

    httpx builds a new context, loading the whole CA bundle, for each client it is not given
    one: about 40 ms of CPU, which over a suite of a thousand tests costs more than its requests.
    """
    return httpx.create_ssl_context()
