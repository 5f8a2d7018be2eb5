"""Connection balancing between workers: the shared table, the accept decision, the listener."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

import pytest

from features.settings import Settings
from serving import bentoml_compat, connection_balance, guard
from serving.connection_balance import (
    AcceptGate,
    BalancedListener,
    ConnectionTable,
    balanced_listener,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _forget_gates():
    """Listeners made here register their gates with the module; the service's must not see them."""
    yield
    connection_balance._gates.clear()


@pytest.fixture
def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_table_shows_the_least_busy_live_peer(tmp_path, dead_pid):
    path = tmp_path / "connections-1.bin"
    mine, peer_a, peer_b = (ConnectionTable(path, worker_id) for worker_id in (1, 2, 3))
    assert mine.least_busy_peer() is None  # peers not accepting yet are not counted
    peer_a.publish(0)
    assert mine.least_busy_peer() == 0
    peer_a.publish(3)
    peer_b.publish(2)
    mine.publish(9)  # its own row never counts as a peer
    assert mine.least_busy_peer() == 2
    assert peer_b.least_busy_peer() == 3
    gone = ConnectionTable(path, 4)
    gone.pid = dead_pid  # a worker that exited without clearing its row
    gone.publish(0)
    assert mine.least_busy_peer() == 2
    other_server = ConnectionTable(path, 5)
    other_server.parent += 1  # alive, but a worker of another arbiter (e.g. a reused pid)
    other_server.publish(0)
    assert mine.least_busy_peer() == 2


def test_table_alone_has_no_peer(tmp_path, dead_pid):
    path = tmp_path / "connections-1.bin"
    mine = ConnectionTable(path, 1)
    assert mine.least_busy_peer() is None
    earlier = ConnectionTable(path, 2)
    earlier.pid = dead_pid
    earlier.publish(0)
    assert mine.least_busy_peer() is None
    # A restarted worker takes its slot back, unseen until it publishes.
    restarted = ConnectionTable(path, 2)
    assert mine.least_busy_peer() is None
    restarted.publish(0)
    assert mine.least_busy_peer() == 0


def test_busier_worker_defers_for_a_bounded_time(tmp_path):
    path = tmp_path / "connections-1.bin"
    clock = Clock()
    gate = AcceptGate(ConnectionTable(path, 1), defer_seconds=0.005, clock=clock)
    peer = ConnectionTable(path, 2)
    peer.publish(0)
    assert not gate.should_defer()  # equal counts: take it
    gate.opened()
    assert gate.should_defer()  # 1 against an idle peer: leave it
    clock.now += 0.0008
    assert gate.should_defer()
    clock.now += 0.0008
    assert gate.should_defer()
    # The spin goes on (calls < 1 ms apart) until the deferral time is used up: then take it.
    answers = []
    for _ in range(6):
        clock.now += 0.0008
        answers.append(gate.should_defer())
    assert answers == [True, True, True, True, False, True]  # taken at 5.6 ms; the next one waits again
    # A later connection starts a new deferral, it does not inherit the old one's time.
    clock.now += 1.0
    assert gate.should_defer()
    peer.publish(1)
    assert not gate.should_defer()  # the peer caught up


def test_crowded_only_two_ahead(tmp_path):
    path = tmp_path / "connections-1.bin"
    gate = AcceptGate(ConnectionTable(path, 1))
    assert not gate.crowded()
    ConnectionTable(path, 2).publish(0)
    gate.opened()
    assert not gate.crowded()  # one ahead is what an odd number of connections gives
    gate.opened()
    assert gate.crowded()
    gate.closed()
    assert not gate.crowded()


def test_listener_leaves_connection_then_counts_it(tmp_path):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    listener = balanced_listener(server, tmp_path, worker_id=1)
    assert isinstance(listener, BalancedListener) and server.fileno() == -1  # the same socket, wrapped
    listener.setblocking(False)
    peer = ConnectionTable(tmp_path / f"connections-{port}.bin", 2)
    peer.publish(0)
    client = socket.create_connection(("127.0.0.1", port))
    try:
        conn, _ = listener.accept()  # equal counts: accepted and counted
        assert listener.gate.held == 1 and listener.gate.table._rows[1][2] == 1
        second = socket.create_connection(("127.0.0.1", port))
        with pytest.raises(BlockingIOError):
            listener.accept()  # one ahead of an idle peer: left in the queue
        peer.publish(1)
        conn2, _ = listener.accept()
        assert listener.gate.held == 2
        conn.close()
        conn.close()  # closing twice counts once
        assert listener.gate.held == 1 and listener.gate.table._rows[1][2] == 1
        conn2.close()
        assert listener.gate.held == 0
        second.close()
    finally:
        client.close()
        listener.close()


def test_balancing_serves_the_loops_listening_socket_through_a_gate(tmp_path):
    async def main() -> None:
        loop = asyncio.get_running_loop()
        plain = loop.create_server
        assert not bentoml_compat.balance_connections(tmp_path, worker_id=None)  # not a BentoML worker
        assert loop.create_server == plain
        assert bentoml_compat.balance_connections(tmp_path, worker_id=1)
        installed = loop.create_server
        assert bentoml_compat.balance_connections(tmp_path, worker_id=1)
        assert loop.create_server is installed  # idempotent
        server = await loop.create_server(asyncio.Protocol, sock=socket.create_server(("127.0.0.1", 0)))
        (gate,) = connection_balance._gates
        assert gate.table._rows[1][0] == gate.table.pid  # published once serving: peers count on it
        _reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
        for _ in range(200):
            if gate.held == 1:
                break
            await asyncio.sleep(0.01)
        assert gate.held == 1  # accepted through the gate
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())


def test_crowded_worker_asks_client_to_reconnect(monkeypatch):
    sent: list[dict] = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def record(message):
        sent.append(message)

    async def call() -> list[tuple[bytes, bytes]]:
        sent.clear()
        middleware = guard.GuardMiddleware(app, settings=Settings())
        await middleware({"type": "http", "path": "/livez", "method": "GET", "headers": []}, None, record)
        return sent[0]["headers"]

    monkeypatch.setattr(connection_balance, "crowded", lambda: False)
    assert (b"connection", b"close") not in asyncio.run(call())
    monkeypatch.setattr(connection_balance, "crowded", lambda: True)
    assert (b"connection", b"close") in asyncio.run(call())
