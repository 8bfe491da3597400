"""``python -m bench dbproxy``: the round trip it adds to PostgreSQL's, bytes intact and in order
at full speed, half-closed connections, failures kept to their connection, memory bounded, the
command's life, and the database URLs it rewrites."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any, cast

import psycopg
import pytest
import uvloop

from bench import dbproxy
from bench.options import DEFAULT_POSTGRES_URL, parser

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
MIB = 1024 * 1024


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """On uvloop, as ``python -m bench dbproxy`` runs."""
    uvloop.run(scenario())


# --- PostgreSQL through the proxy -----------------------------------------------------------


@pytest.fixture(scope="module")
def postgres_url() -> str:
    """The local PostgreSQL server's URL; unreachable, a skip, but a failure on CI."""
    url = os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL at {url} is unreachable ({error})"
        if ON_CI:
            pytest.fail(f"{reason}; CI must test PostgreSQL")
        pytest.skip(reason)
    return url


@contextmanager
def proxy_process(
    upstream: dbproxy.Address, latency_ms: float, log: Path
) -> Iterator[dbproxy.Proxy]:
    proxy = dbproxy.start(upstream, latency_ms, log=log)
    try:
        yield proxy
    finally:
        proxy.stop()


def round_trips(connections: list[psycopg.Connection[Any]], count: int) -> list[float]:
    """The median time of ``SELECT 1`` on each connection, in milliseconds, measured in turns
    so that every connection sees the same load on the machine."""
    times: list[list[float]] = [[] for _ in connections]
    for _ in range(count):
        for connection, taken in zip(connections, times, strict=True):
            started = time.perf_counter()
            connection.execute("SELECT 1").fetchone()
            taken.append(time.perf_counter() - started)
    return [1000 * statistics.median(taken) for taken in times]


def test_the_proxy_adds_the_round_trip_asked_for(postgres_url: str, tmp_path: Path) -> None:
    upstream = dbproxy.upstream_of(postgres_url)
    with (
        proxy_process(upstream, 0.0, tmp_path / "zero.log") as zero,
        proxy_process(upstream, 5.0, tmp_path / "five.log") as five,
    ):
        urls = [
            postgres_url,
            dbproxy.proxied_url(postgres_url, zero.host, zero.port),
            dbproxy.proxied_url(postgres_url, five.host, five.port),
        ]
        connections = [psycopg.connect(url, autocommit=True) for url in urls]
        try:
            round_trips(connections, 20)  # warm up
            direct, through_zero, through_five = round_trips(connections, 200)
        finally:
            for connection in connections:
                connection.close()
    figures = f"SELECT 1: direct {direct:.3f} ms, proxied {through_zero:.3f} ms at 0 ms, "
    figures += f"{through_five:.3f} ms at 5 ms (medians)"
    assert through_five - direct == pytest.approx(5.0, abs=0.5), figures
    assert through_zero - direct < 1.0, figures


# --- The command ------------------------------------------------------------------------------


def test_the_command_announces_its_port_forwards_and_stops_cleanly(tmp_path: Path) -> None:
    log = tmp_path / "dbproxy.log"
    with socket.create_server(("127.0.0.1", 0)) as upstream:
        upstream.settimeout(10)
        proxy = dbproxy.start(upstream.getsockname()[:2], 1.0, log=log)
        try:
            assert proxy.port != 0
            with socket.create_connection((proxy.host, proxy.port), timeout=10) as client:
                client.sendall(b"ping")
                served, _ = upstream.accept()
                with served:
                    assert served.recv(16) == b"ping"
                    served.sendall(b"pong")
                    assert client.recv(16) == b"pong"
            upstream.close()  # the next connection finds nothing upstream: it alone is closed
            with socket.create_connection((proxy.host, proxy.port), timeout=10) as client:
                assert client.recv(16) == b""
            assert proxy.process.poll() is None
        finally:
            code = proxy.stop()
    assert code == 0
    announced = f"dbproxy: listening on 127.0.0.1:{proxy.port}, forwarding to 127.0.0.1:"
    assert announced in log.read_text()
    assert "with 1.0 ms added per round trip" in log.read_text()


def test_start_fails_with_the_log_when_the_proxy_exits(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=r"exited with 2(.|\n)*HOST:PORT"):
        dbproxy.start(("127.0.0.1", 70000), 1.0, log=tmp_path / "dbproxy.log")


def test_the_command_line() -> None:
    args = parser().parse_args(
        ["dbproxy", "--listen", "127.0.0.2:6543", "--upstream", "[::1]:5433", "--latency", "0.3"]
    )
    assert (args.command, args.listen, args.upstream, args.latency) == (
        "dbproxy",
        ("127.0.0.2", 6543),
        ("::1", 5433),
        0.3,
    )
    defaults = parser().parse_args(["dbproxy", "--latency", "1"])
    assert (defaults.listen, defaults.upstream) == (("127.0.0.1", 0), ("127.0.0.1", 5432))
    for wrong in (["--latency", "-1"], ["--latency", "1", "--upstream", "localhost"]):
        with pytest.raises(SystemExit):
            parser().parse_args(["dbproxy", *wrong])


# --- Bytes through the proxy ------------------------------------------------------------------


@asynccontextmanager
async def echo_server(received: bytearray) -> AsyncIterator[dbproxy.Address]:
    """A server that sends back what it reads and, at its end, closes."""

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(64 * 1024):
            received.extend(data)
            writer.write(data)
            await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    async with server:
        yield server.sockets[0].getsockname()[:2]


async def echoed(address: dbproxy.Address, payload: bytes, chunk: int) -> tuple[bytes, float]:
    """Send ``payload`` in chunks, then EOF, while reading until the EOF: what came back, and
    how long it took."""
    reader, writer = await asyncio.open_connection(*address)
    started = time.perf_counter()

    async def send() -> None:
        for start in range(0, len(payload), chunk):
            writer.write(payload[start : start + chunk])
            await writer.drain()
        writer.write_eof()

    sending = asyncio.create_task(send())
    try:
        back = await reader.read()
        elapsed = time.perf_counter() - started
        await sending
    finally:
        sending.cancel()
        writer.close()
        with suppress(ConnectionError):
            await writer.wait_closed()
    return back, elapsed


def test_a_large_transfer_is_intact_in_order_and_not_held_to_the_latency() -> None:
    payload, chunk, latency_ms = os.urandom(8 * MIB), 16 * 1024, 20.0
    received = bytearray()

    async def scenario() -> None:
        async with (
            echo_server(received) as upstream,
            dbproxy.serving(upstream, latency_ms) as proxy,
        ):
            back, elapsed = await echoed(proxy, payload, chunk)
        assert received == payload  # client to upstream
        assert back == payload  # and back
        one_chunk_per_round_trip = len(payload) / chunk * latency_ms / 1000  # 10 s
        assert latency_ms / 1000 <= elapsed < one_chunk_per_round_trip / 5, f"{elapsed:.3f} s"

    run(scenario)


def test_a_half_closed_client_still_receives_everything() -> None:
    payload = os.urandom(MIB)
    received = bytearray()

    async def scenario() -> None:
        async with echo_server(received) as upstream, dbproxy.serving(upstream, 10.0) as proxy:
            back, _ = await echoed(proxy, payload, len(payload))  # all, then EOF at once
        assert back == payload

    run(scenario)


def test_a_failing_connection_leaves_the_others_alone() -> None:
    received = bytearray()

    async def scenario() -> None:
        with socket.create_server(("127.0.0.1", 0)) as closed:
            nowhere = closed.getsockname()[:2]
        async with echo_server(received) as upstream, dbproxy.serving(upstream, 2.0) as proxy:
            _, aborted = await asyncio.open_connection(*proxy)
            aborted.write(os.urandom(MIB))
            aborted.transport.abort()
            assert (await echoed(proxy, b"hello", 5))[0] == b"hello"
            async with dbproxy.serving(nowhere, 2.0) as astray:
                try:
                    back, _ = await echoed(astray, b"lost", 4)
                except ConnectionError:  # reset, as what it sent was not read: refused
                    back = b""
                assert back == b""
            assert (await echoed(proxy, b"still here", 10))[0] == b"still here"

    run(scenario)


class Transport:
    """What a pipe uses of a transport, recorded."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.written = bytearray()
        self.ended = False

    def pause_reading(self) -> None:
        self.calls.append("pause")

    def resume_reading(self) -> None:
        self.calls.append("resume")

    def is_closing(self) -> bool:
        return False

    def write(self, data: bytes) -> None:
        self.written.extend(data)

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        self.ended = True


def test_a_direction_stops_reading_above_its_high_water_mark() -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        link = dbproxy._Link(dbproxy._Proxy(loop, ("127.0.0.1", 9), 100.0))
        source, sink = Transport(), Transport()
        pipe = dbproxy._Pipe(
            link,
            cast("asyncio.Transport", source),
            cast("asyncio.Transport", sink),
            0.05,
            not_before=0.0,
        )
        chunk = bytes(64 * 1024)
        fed = 0
        while not source.calls and fed < 4 * dbproxy.HIGH_WATER:
            pipe.feed(chunk)
            fed += len(chunk)
        assert dbproxy.HIGH_WATER < fed <= dbproxy.HIGH_WATER + len(chunk)
        assert not sink.written  # not due yet
        pipe.block(blocked=True)  # the sink's own buffer is full too
        deadline = time.monotonic() + 5
        while len(sink.written) < fed and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert len(sink.written) == fed
        assert source.calls == ["pause"]  # the sink's buffer is still full
        pipe.block(blocked=False)
        assert source.calls == ["pause", "resume"]
        pipe.end()
        assert sink.ended
        assert pipe.done
        link.proxy.clock.close()

    run(scenario)


# --- Database URLs ----------------------------------------------------------------------------


def test_a_proxied_url_keeps_all_but_the_host_and_port() -> None:
    url = "postgresql+psycopg://bench:p%40ss@db.example:5433/conduit?sslmode=disable&x=1"
    assert dbproxy.upstream_of(url) == ("db.example", 5433)
    assert dbproxy.proxied_url(url, "127.0.0.1", 6543) == (
        "postgresql+psycopg://bench:p%40ss@127.0.0.1:6543/conduit?sslmode=disable&x=1"
    )
    assert dbproxy.upstream_of(DEFAULT_POSTGRES_URL) == ("127.0.0.1", 5432)
    assert dbproxy.upstream_of("postgresql://u@Localhost/db") == ("localhost", 5432)
    assert dbproxy.proxied_url("postgresql://db.example", "::1", 6543) == (
        "postgresql://[::1]:6543"
    )
    assert dbproxy.upstream_of("postgresql://[::1]:5433/db") == ("::1", 5433)
    assert dbproxy.proxied_url("postgresql://u@[::1]:5433/db?a=b", "h", 1) == (
        "postgresql://u@h:1/db?a=b"
    )
    with pytest.raises(ValueError, match="no TCP host"):
        dbproxy.upstream_of("postgresql:///db?host=/run/postgresql")
