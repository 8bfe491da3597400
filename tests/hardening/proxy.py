"""A TCP proxy in front of PostgreSQL that the tests switch off, on, to silence, or mute."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from contract_tests.support.network import free_port

ACCEPT_POLL_SECONDS = 0.1
CHUNK = 65536


class TcpProxy:
    """Forwards every connection on ``port`` to ``upstream``.

    ``stop`` closes the port and drops the connections through it, as a database that went
    away; ``start`` opens the same port again; ``silence`` accepts connections but never
    answers, as a database host that no longer responds; ``mute`` keeps every connection open
    and passes on what clients send, but drops what the server answers, as a database that
    stops answering in the middle of a statement (``unmute`` lets answers through again).
    """

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._running = threading.Event()
        self._forwarding = True
        self._muted = threading.Event()
        self._mute_after: bytes | None = None

    def start(self, *, forwarding: bool = True) -> None:
        """Listen on ``port`` (again); forward connections unless told to hold them silently."""
        self.stop()
        self.unmute()
        self._forwarding = forwarding
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        listener.settimeout(ACCEPT_POLL_SECONDS)
        self._listener = listener
        self._running.set()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def silence(self) -> None:
        """Drop every connection, then accept new ones and never answer them."""
        self.start(forwarding=False)

    def mute(self, *, after: bytes | None = None) -> None:
        """Drop the server's answers from now on, or from the moment a client sends a chunk
        that holds ``after`` (that chunk still reaches the server: the statement runs, its
        answer is lost)."""
        if after is None:
            self._muted.set()
        else:
            self._mute_after = after

    def unmute(self) -> None:
        """Let the server's answers through again, on the connections that are still open."""
        self._mute_after = None
        self._muted.clear()

    def stop(self) -> None:
        """Close the port (connections are refused) and drop every open connection."""
        self._running.clear()
        if self._acceptor is not None:
            self._acceptor.join()
            self._acceptor = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self.drop_connections()

    def drop_connections(self) -> None:
        """Reset every connection through the proxy, as a restarted database does."""
        with self._lock:
            doomed, self._open = self._open, set()
        for sock in doomed:
            _reset(sock)

    @contextmanager
    def running(self) -> Iterator[TcpProxy]:
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def _accept(self) -> None:
        assert self._listener is not None
        while self._running.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if not self._forwarding:
                self._track(client)
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _reset(client)
                continue
            server.settimeout(None)
            self._track(client, server)
            for source, target, answers in ((client, server, False), (server, client, True)):
                pump = threading.Thread(
                    target=self._pump, args=(source, target, answers), daemon=True
                )
                pump.start()

    def _track(self, *socks: socket.socket) -> None:
        with self._lock:
            self._open.update(socks)

    def _pump(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(CHUNK):
                if not answers and self._mute_after is not None and self._mute_after in data:
                    self._muted.set()
                if answers and self._muted.is_set():
                    continue
                target.sendall(data)
        except OSError:
            pass
        with self._lock:
            self._open.difference_update((source, target))
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def _reset(sock: socket.socket) -> None:
    """Close with a reset (linger 0), so the peer learns at once."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
