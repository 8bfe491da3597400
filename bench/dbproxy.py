"""A TCP proxy that adds a round-trip time, as if PostgreSQL ran on another machine.

``python -m bench dbproxy --listen HOST:PORT --upstream HOST:PORT --latency MS`` forwards each
connection to the upstream server and delays every byte by half the latency in each direction.
It holds the delay, not the bytes: each chunk read is stamped on arrival and written when its
time is up, in order, while reading goes on, so the latency does not cap the throughput. A new
connection's first bytes also wait one more round trip, as a TCP handshake with a distant
server would. The bench runs it as a process of its own (:func:`start`), whose CPU time is
measured apart from the server's.

asyncio is imported only when the proxy runs: ``python -m bench`` builds this parser each time.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import logging
import math
import os
import re
import sys
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from bench.discovery import PROJECT_ROOT

if TYPE_CHECKING:
    import asyncio
    import ctypes
    import subprocess
    from asyncio import Protocol as _Protocol
else:
    _Protocol = object  # asyncio's transports need only the methods

logger = logging.getLogger(__name__)

HIGH_WATER = 4 * 1024 * 1024  # bytes waiting to go one way before reading that way pauses
LOW_WATER = HIGH_WATER // 4  # ... and resumes
MAX_LATE = 0.001  # the most one of the clock's wake-ups counts as late, in seconds
START_SECONDS = 15.0  # for the process to announce its port
ANNOUNCED = re.compile(r"dbproxy: listening on (\S+):(\d+),")
CLOCK_MONOTONIC = 1  # time.monotonic()'s clock, for timerfd
TFD_TIMER_ABSTIME = 1

Address = tuple[str, int]


# --- Where the database is ------------------------------------------------------------------


def upstream_of(database_url: str) -> Address:
    """The host and port of a PostgreSQL URL (port 5432 if it names none)."""
    parts = urlsplit(database_url)
    if not parts.hostname:
        raise ValueError(f"{database_url!r} names no TCP host to proxy")
    return parts.hostname, parts.port or 5432


def proxied_url(database_url: str, host: str, port: int) -> str:
    """``database_url`` with its host and port replaced; all the rest is kept as written."""
    scheme, sep, rest = database_url.partition("://")
    if not sep:
        raise ValueError(f"{database_url!r} is not a URL")
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    userinfo, at, _ = rest[:end].rpartition("@")
    return f"{scheme}://{userinfo}{at}{format_address(host, port)}{rest[end:]}"


def format_address(host: str, port: int) -> str:
    """``HOST:PORT``, an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def parse_address(text: str) -> Address:
    """``HOST:PORT`` (``[IPv6]:PORT``) as a pair; argparse's error if it is not one."""
    host, sep, port = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT")
    return host, int(port)


# --- The proxy as a process of the bench ----------------------------------------------------


@dataclass
class Proxy:
    """A running ``python -m bench dbproxy`` and where it listens."""

    process: subprocess.Popen[bytes]
    host: str
    port: int

    def stop(self) -> int | None:
        """SIGTERM it and wait; its exit code (0 when it stopped cleanly)."""
        from bench import processes  # noqa: PLC0415 - psutil is not needed to parse arguments

        return processes.stop(self.process)


def start(
    upstream: Address, latency_ms: float, *, log: Path, cpus: set[int] | None = None
) -> Proxy:
    """Start the proxy to ``upstream`` on a free port, output in ``log``; wait for its port.

    RuntimeError, with the end of the log, if it exits or does not announce within
    ``START_SECONDS``.
    """
    from bench import processes  # noqa: PLC0415

    command = [
        sys.executable, "-m", "bench", "dbproxy", "--listen", "127.0.0.1:0",
        "--upstream", format_address(*upstream), "--latency", str(latency_ms),
    ]  # fmt: skip
    offset = log.stat().st_size if log.exists() else 0
    process = processes.start(command, log=log, cpus=cpus, cwd=PROJECT_ROOT)
    deadline = time.monotonic() + START_SECONDS
    while True:
        exited = process.poll() is not None
        with log.open("rb") as output:
            output.seek(offset)
            text = output.read().decode(errors="replace")
        found = ANNOUNCED.search(text)
        if found and not exited:
            host, port = found.group(1).removeprefix("[").removesuffix("]"), int(found.group(2))
            return Proxy(process, host, port)
        if exited or time.monotonic() > deadline:
            code = processes.stop(process, timeout=5)
            why = f"exited with {code}" if exited else f"did not announce in {START_SECONDS:g} s"
            raise RuntimeError(f"dbproxy {why}; {log} ends:\n{text[-2000:]}")
        time.sleep(0.02)


# --- The command ------------------------------------------------------------------------------


def add_parser(commands: Any) -> None:
    """``dbproxy`` on ``python -m bench``'s ``commands`` (argparse's subparsers)."""
    proxy = commands.add_parser(
        "dbproxy",
        help="a TCP proxy adding a round-trip time, as if the database were on another machine",
        description="Forwards each connection to the upstream server, each direction delayed "
        "by half the latency, without holding back throughput. Runs until SIGTERM or SIGINT.",
    )
    proxy.add_argument(
        "--listen",
        type=parse_address,
        default=("127.0.0.1", 0),
        metavar="HOST:PORT",
        help="where to listen; port 0 picks a free one, announced (default 127.0.0.1:0)",
    )
    proxy.add_argument(
        "--upstream",
        type=parse_address,
        default=("127.0.0.1", 5432),
        metavar="HOST:PORT",
        help="the database server (default 127.0.0.1:5432)",
    )
    proxy.add_argument(
        "--latency",
        type=_milliseconds,
        required=True,
        metavar="MS",
        help="milliseconds added to each round trip, half in each direction",
    )
    proxy.add_argument("--verbose", action="store_true", help="log each connection")


def _milliseconds(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"{text} is not a time")
    return value


def main(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or SIGINT: 0, or 1 if it cannot listen."""
    if args.verbose:
        logger.setLevel(logging.DEBUG)
    try:
        import uvloop  # noqa: PLC0415

        run: Callable[[Any], None] = uvloop.run
    except ImportError:
        import asyncio  # noqa: PLC0415

        run = asyncio.run
    try:
        run(_serve_until_stopped(args.listen, args.upstream, args.latency))
    except OSError as error:
        print(f"dbproxy: cannot listen on {format_address(*args.listen)}: {error}", file=sys.stderr)
        return 1
    return 0


async def _serve_until_stopped(listen: Address, upstream: Address, latency_ms: float) -> None:
    import asyncio  # noqa: PLC0415
    import signal  # noqa: PLC0415

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    async with serving(upstream, latency_ms, listen) as address:
        print(
            f"dbproxy: listening on {format_address(*address)}, forwarding to "
            f"{format_address(*upstream)} with {latency_ms} ms added per round trip",
            file=sys.stderr,
            flush=True,
        )
        await stopped.wait()


# --- The proxy --------------------------------------------------------------------------------


@asynccontextmanager
async def serving(
    upstream: Address, latency_ms: float, listen: Address = ("127.0.0.1", 0)
) -> AsyncIterator[Address]:
    """The proxy, listening on the running loop; yields its address. On exit it stops
    listening and closes every connection."""
    import asyncio  # noqa: PLC0415

    proxy = _Proxy(asyncio.get_running_loop(), upstream, latency_ms)
    server = await proxy.loop.create_server(proxy.accept, *listen, backlog=1024)
    host, port = server.sockets[0].getsockname()[:2]
    try:
        yield host, port
    finally:
        server.close()
        for task in list(proxy.connecting):
            task.cancel()
        for link in list(proxy.links):
            link.close()
        proxy.clock.close()
        await server.wait_closed()


class _Proxy:
    """What every connection shares: the loop, the upstream server, the delay, the clock."""

    def __init__(
        self, loop: asyncio.AbstractEventLoop, upstream: Address, latency_ms: float
    ) -> None:
        self.loop = loop
        self.upstream = upstream
        self.round_trip = latency_ms / 1000
        self.links: set[_Link] = set()
        self.connecting: set[asyncio.Task[Any]] = set()
        self.clock = _Clock(loop)

    def accept(self) -> _Side:
        link = _Link(self)
        self.links.add(link)
        return link.client


class _Side(_Protocol):
    """One socket of a link: what it reads goes out through ``outgoing``."""

    def __init__(self, link: _Link) -> None:
        self.link = link
        self.transport: asyncio.Transport | None = None
        self.outgoing: _Pipe | None = None
        self.incoming: _Pipe | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        import socket  # noqa: PLC0415

        self.transport = cast("asyncio.Transport", transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.link.made(self)

    def data_received(self, data: bytes) -> None:
        if self.outgoing:
            self.outgoing.feed(data)

    def eof_received(self) -> bool:
        if self.outgoing:
            self.outgoing.end()
        return True  # half-closed: the other way goes on

    def connection_lost(self, exc: Exception | None) -> None:
        self.link.lost(self, exc)

    def pause_writing(self) -> None:
        if self.incoming:
            self.incoming.block(blocked=True)

    def resume_writing(self) -> None:
        if self.incoming:
            self.incoming.block(blocked=False)


class _Link:
    """A client's connection and its own connection upstream, with a pipe each way."""

    def __init__(self, proxy: _Proxy) -> None:
        self.proxy = proxy
        self.client = _Side(self)
        self.upstream = _Side(self)
        self.pipes: list[_Pipe] = []
        self.accepted = time.monotonic()
        self.closed = False

    def made(self, side: _Side) -> None:
        """Accepted: connect upstream, queueing what the client sends. Connected: pipe both
        ways."""
        client, upstream = self.client.transport, self.upstream.transport
        assert client is not None
        half = self.proxy.round_trip / 2
        if side is self.client:
            handshake = self.accepted + self.proxy.round_trip
            self.client.outgoing = _Pipe(self, client, None, half, not_before=handshake)
            self.pipes = [self.client.outgoing]
            task = self.proxy.loop.create_task(self._connect())
            self.proxy.connecting.add(task)
            task.add_done_callback(self.proxy.connecting.discard)
            return
        assert upstream is not None
        assert self.client.outgoing is not None
        if self.closed:
            upstream.close()
            return
        up = self.upstream.incoming = self.client.outgoing
        down = self.upstream.outgoing = self.client.incoming = _Pipe(
            self, upstream, client, half, not_before=0.0
        )
        self.pipes = [up, down]
        logger.debug("%s: connected to %s", self, format_address(*self.proxy.upstream))
        up.attach(upstream)

    async def _connect(self) -> None:
        try:
            await self.proxy.loop.create_connection(lambda: self.upstream, *self.proxy.upstream)
        except OSError as error:
            logger.debug("%s: upstream unreachable: %s", self, error)
            self.close()

    def lost(self, side: _Side, exc: Exception | None) -> None:
        """A socket is gone: what it sent is still delivered; what was going to it is not."""
        if exc is not None:
            logger.debug(
                "%s: %s lost: %s", self, "client" if side is self.client else "upstream", exc
            )
        if side.outgoing and side.incoming:
            side.outgoing.end()
            side.incoming.drop()
        else:  # before the upstream connection was made
            self.close()

    def finished(self) -> None:
        """Close both sockets once both ways have ended."""
        if len(self.pipes) == 2 and all(pipe.done for pipe in self.pipes):
            self.close()

    def close(self) -> None:
        """Close both sockets (what their transports hold is still sent)."""
        if not self.closed:
            self.closed = True
            logger.debug("%s: closed", self)
        for side in (self.client, self.upstream):
            if side.transport:
                side.transport.close()
        self.proxy.links.discard(self)

    def __str__(self) -> str:
        peer = self.client.transport.get_extra_info("peername") if self.client.transport else None
        return f"connection from {format_address(*peer[:2]) if peer else '?'}"


class _Pipe:
    """Bytes one way: each chunk is stamped on arrival and written when its delay is up."""

    def __init__(
        self,
        link: _Link,
        source: asyncio.Transport,
        sink: asyncio.Transport | None,
        delay: float,
        *,
        not_before: float,
    ) -> None:
        self.link = link
        self.source = source
        self.sink = sink  # None until the upstream connection is made
        self.delay = delay
        self.not_before = not_before  # the handshake's round trip
        self.chunks: deque[tuple[float, bytes]] = deque()  # (when due, bytes)
        self.queued = 0  # bytes in chunks
        self.ended = False  # the source has sent its last byte
        self.done = False  # ... and it was delivered with the EOF, or the sink is gone
        self.blocked = False  # the sink's transport holds more than it wants
        self.paused = False  # reading the source is paused

    def feed(self, data: bytes) -> None:
        """Bytes read from the source."""
        if self.done:
            return
        now = time.monotonic()
        due = max(now, self.not_before) + self.delay
        if due <= now and not self.chunks and self.sink:
            self.sink.write(data)
            return
        self.chunks.append((due, data))
        self.queued += len(data)
        if len(self.chunks) == 1:
            self.link.proxy.clock.call_at(due, self.flush)
        self.regulate()

    def flush(self) -> None:
        """Write every chunk that is due; pass the EOF on after the last."""
        if self.done or not self.sink:
            return
        horizon = time.monotonic() + self.link.proxy.clock.late  # as it was called early
        ready = []
        while self.chunks and self.chunks[0][0] <= horizon:
            ready.append(self.chunks.popleft()[1])
        if ready:
            self.queued -= sum(map(len, ready))
            self.sink.write(ready[0] if len(ready) == 1 else b"".join(ready))
        if self.chunks:
            self.link.proxy.clock.call_at(self.chunks[0][0], self.flush)
        elif self.ended:
            self._finish(eof=True)
            return
        self.regulate()

    def end(self) -> None:
        """The source sent EOF or is gone: what is queued still goes, then the EOF."""
        if not self.ended:
            self.ended = True
            if not self.chunks and self.sink:
                self._finish(eof=True)

    def attach(self, sink: asyncio.Transport) -> None:
        """The sink is connected: write what is due."""
        self.sink = sink
        self.flush()

    def drop(self) -> None:
        """The sink is gone: nothing more can be delivered."""
        self.chunks.clear()
        self.queued = 0
        self._finish(eof=False)

    def block(self, *, blocked: bool) -> None:
        """The sink's transport is full (or drained)."""
        self.blocked = blocked
        self.regulate()

    def regulate(self) -> None:
        """Stop reading the source while too much waits to go out; read again once it went."""
        if self.ended or self.source.is_closing():
            return
        if not self.paused and (self.blocked or self.queued > HIGH_WATER):
            self.paused = True
            self.source.pause_reading()
        elif self.paused and not self.blocked and self.queued <= LOW_WATER:
            self.paused = False
            self.source.resume_reading()

    def _finish(self, *, eof: bool) -> None:
        if self.done:
            return
        self.done = True
        if eof and self.sink and not self.sink.is_closing() and self.sink.can_write_eof():
            self.sink.write_eof()
        self.link.finished()


class _Clock:
    """The proxy's one timer: calls each callback at its ``time.monotonic()`` instant, set
    early by how late the timer wakes on average (by at most half the time left, so that it
    still sleeps and learns), so that chunks go out on time on average.

    The loops' own timers wake to the millisecond (asyncio's epoll rounds up, uvloop's clock
    counts whole ones), too coarse for a fraction of one; a Linux timerfd watched by the loop
    is not. Elsewhere, the loop's timer.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.late = 50e-6  # how late it wakes, on average (first guess: Linux's timer slack)
        self._due: list[tuple[float, int, Callable[[], None]]] = []  # a heap
        self._count = itertools.count()  # breaks ties in order
        self._armed = math.inf  # when it rings next
        self._sleeping = False  # ... and it was set ahead: how late it rings is learnt
        self._handle: asyncio.TimerHandle | None = None
        libc = _libc()
        self._fd = -1 if libc is None else int(libc.timerfd_create(CLOCK_MONOTONIC, _FLAGS))
        if self._fd >= 0:
            import ctypes  # noqa: PLC0415

            self._spec = (ctypes.c_long * 4)()  # struct itimerspec: no interval, a time
            loop.add_reader(self._fd, self._ring)

    def call_at(self, when: float, callback: Callable[[], None]) -> None:
        """Call back at ``when``, or at once if it has passed."""
        now = time.monotonic()
        target = when - min(self.late, max(when - now, 0.0) / 2)
        heapq.heappush(self._due, (target, next(self._count), callback))
        if target < self._armed:
            self._set(target, now)

    def close(self) -> None:
        if self._fd >= 0:
            self.loop.remove_reader(self._fd)
            os.close(self._fd)
            self._fd = -1
        if self._handle:
            self._handle.cancel()

    def _set(self, target: float, now: float) -> None:
        self._armed = target
        self._sleeping = target > now
        libc = _libc()
        if self._fd >= 0 and libc is not None:
            self._spec[2], self._spec[3] = divmod(round(target * 1e9), 1_000_000_000)
            libc.timerfd_settime(self._fd, TFD_TIMER_ABSTIME, self._spec, None)
            return
        if self._handle:
            self._handle.cancel()
        self._handle = self.loop.call_at(self.loop.time() + target - now, self._ring)

    def _ring(self) -> None:
        if self._fd >= 0:
            try:
                os.read(self._fd, 8)
            except BlockingIOError:  # set again since it rang
                return
        now = time.monotonic()
        if self._sleeping:  # an outlier counts as MAX_LATE
            self.late += (min(now - self._armed, MAX_LATE) - self.late) / 16
        self._armed = math.inf
        while self._due and self._due[0][0] <= now:
            callback = heapq.heappop(self._due)[2]
            try:
                callback()
            except Exception:  # one connection's failure holds up no other
                logger.exception("dbproxy: a delayed write failed")
        if self._due and self._due[0][0] < self._armed:
            self._set(self._due[0][0], time.monotonic())


_FLAGS = os.O_NONBLOCK | os.O_CLOEXEC  # TFD_NONBLOCK | TFD_CLOEXEC


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library, if it has timerfd (Linux's)."""
    import ctypes  # noqa: PLC0415

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "timerfd_create") else None
