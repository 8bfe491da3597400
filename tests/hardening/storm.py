"""Many clients released at once: one thread and one HTTP connection pool each."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import httpx

from contract_tests.support.conduit import Conduit, contract_client
from contract_tests.support.network import tls
from contract_tests.support.targets import live_target

T = TypeVar("T")
BARRIER_SECONDS = 60


def conduit(base_url: str) -> Conduit:
    """A Conduit client whose every answer is checked against the OpenAPI document, so any
    status it does not document (a 500 above all) fails the test."""
    return Conduit(contract_client(live_target(base_url)))


def together(base_url: str, count: int, action: Callable[[int, Conduit], T]) -> list[T]:
    """``action(index, client)`` in ``count`` threads, released together by a barrier once each
    has its own client; the results in index order. An error in any thread is raised here."""
    barrier = threading.Barrier(count)

    def run(index: int) -> T:
        with conduit(base_url).client as client:
            barrier.wait(BARRIER_SECONDS)
            return action(index, Conduit(client))

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(run, index) for index in range(count)]
        return [future.result() for future in futures]


def raw(base_url: str) -> httpx.Client:
    """A plain client for answers the OpenAPI document does not list per operation; each
    request on a new connection, so that successive requests meet the server's workers."""
    return httpx.Client(
        base_url=f"{base_url}/api",
        timeout=30,
        limits=httpx.Limits(max_keepalive_connections=0),
        verify=tls(),
    )
