"""Spread keep-alive connections evenly over the service's worker processes.

BentoML's workers share one listening socket, and the worker that wakes first accepts every
connection waiting in it.  A shop back-end with a small keep-alive pool (the benchmark's four
connections sending 100-item requests) then talks to one worker while the others idle
(docs/serving.md: 4.1-4.8 k items/s with one core busy and the other at 0 %, against 8.1 k with
the connections spread over both).

Here each worker publishes how many connections it holds in a small shared table (one slot per
worker, in a memory-mapped file in ``REVIEWGUARD_HOME``).  A worker that holds more than the least
busy live peer leaves a new connection in the queue for up to :data:`DEFER_SECONDS`, so that
peer (woken by the same readiness event) takes it.  After that it takes the connection itself:
a stuck or dead peer delays a connection by a few milliseconds, it never refuses one.  When
connections still end up uneven (:func:`crowded`), the crowded worker asks a client to reconnect.

Everything here is plain sockets: a :class:`BalancedListener` is a listening socket whose
``accept()`` consults the table and returns connections that count themselves out when closed.
Getting the worker's event loop to accept through it relies on how uvicorn and asyncio work
inside, so that part lives in :func:`serving.bentoml_compat.balance_connections` (called when a
worker starts; skipped with a warning under uvloop, which accepts in C).
"""

from __future__ import annotations

import errno
import mmap
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from serving.worker_sync import pid_alive

# How long a busier worker leaves a new connection for a less busy peer.  An idle peer takes it
# within tens of microseconds; a busy one within one GIL switch interval of its event loop (5 ms).
DEFER_SECONDS = 0.005
# Deferring is a spin of the event loop (the socket stays readable while the connection waits):
# calls closer together than this belong to the same waiting connection.
_SAME_EPISODE_SECONDS = 0.001
# The gates of this process's listening sockets (a worker has one).
_gates: list[AcceptGate] = []
# Slots in the table; worker ids (1, 2, ...) map onto them modulo this.
TABLE_SLOTS = 64


class ConnectionTable:
    """Per-worker connection counts shared through a memory-mapped file: rows of (pid, parent, count).

    Every worker writes only its own row and reads the others; an 8-byte aligned store is
    atomic on the platforms we run on, so no lock is needed.  A peer is a live process with the
    same parent (BentoML's arbiter): rows of workers that are gone, or of an earlier server on the
    same port, are ignored even if their pid has been reused.
    """

    def __init__(self, path: Path, worker_id: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        size = TABLE_SLOTS * 3 * 8
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(descriptor).st_size < size:
                os.ftruncate(descriptor, size)
            self._map = mmap.mmap(descriptor, size)
        finally:
            os.close(descriptor)
        self._rows = np.frombuffer(self._map, dtype=np.int64).reshape(TABLE_SLOTS, 3)
        self.slot = worker_id % TABLE_SLOTS
        self.pid = os.getpid()
        self.parent = os.getppid()
        # Invisible to the peers until the first publish: a worker still loading its models must
        # not be counted as an idle peer that connections should wait for.
        self._rows[self.slot] = 0

    def publish(self, connections: int) -> None:
        """Record how many connections this worker holds."""
        self._rows[self.slot] = (self.pid, self.parent, connections)

    def least_busy_peer(self) -> int | None:
        """The smallest connection count among the other live workers (None when there is none)."""
        fewest = None
        for slot in np.flatnonzero(self._rows[:, 1] == self.parent):
            pid, _parent, count = (int(v) for v in self._rows[slot])
            if slot == self.slot or not pid_alive(pid):
                continue
            fewest = count if fewest is None else min(fewest, count)
        return fewest


class AcceptGate:
    """Decides, for one worker, whether to take a waiting connection now or leave it to a peer."""

    def __init__(self, table: ConnectionTable, defer_seconds: float = DEFER_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.table = table
        self.defer_seconds = defer_seconds
        self.clock = clock
        self.held = 0
        self._waiting_since: float | None = None
        self._last_deferral = 0.0

    def should_defer(self) -> bool:
        """True while a less busy live peer should get the connection that is waiting."""
        peer = self.table.least_busy_peer()
        if peer is None or self.held <= peer:
            self._waiting_since = None
            return False
        now = self.clock()
        if self._waiting_since is None or now - self._last_deferral > _SAME_EPISODE_SECONDS:
            self._waiting_since = now
        self._last_deferral = now
        if now - self._waiting_since < self.defer_seconds:
            return True
        self._waiting_since = None  # the peer did not take it in time: take it here
        return False

    def crowded(self) -> bool:
        """True when this worker holds at least two connections more than a live peer."""
        peer = self.table.least_busy_peer()
        return peer is not None and self.held >= peer + 2

    def opened(self) -> None:
        self.held += 1
        self.table.publish(self.held)

    def closed(self) -> None:
        self.held = max(0, self.held - 1)
        self.table.publish(self.held)


class CountedConnection(socket.socket):
    """An accepted connection that tells its gate when it is closed (or handed off)."""

    gate: AcceptGate | None = None

    def _release(self) -> None:
        gate, self.gate = self.gate, None
        if gate is not None:
            gate.closed()

    def close(self) -> None:
        self._release()
        super().close()

    def detach(self) -> int:
        self._release()
        return super().detach()


class BalancedListener(socket.socket):
    """A listening socket whose ``accept()`` defers to less busy workers (see :class:`AcceptGate`)."""

    gate: AcceptGate | None = None

    def accept(self) -> tuple[socket.socket, Any]:
        gate = self.gate
        if gate is None:
            return super().accept()
        if gate.should_defer():
            # What an empty queue raises: asyncio ends this accept round and tries again on the
            # next readiness event, by which time the peer has usually taken the connection.
            raise BlockingIOError(errno.EAGAIN, "connection left for a less busy worker")
        accepted, address = super().accept()
        connection = CountedConnection(accepted.family, accepted.type, accepted.proto, fileno=accepted.detach())
        connection.gate = gate
        gate.opened()
        return connection, address


def balanced_listener(listener: socket.socket, folder: Path, worker_id: int) -> socket.socket:
    """``listener`` as a :class:`BalancedListener` sharing a table with the other workers on its port.

    Sockets that are not TCP are returned unchanged.
    """
    if listener.family not in (socket.AF_INET, socket.AF_INET6) or listener.type != socket.SOCK_STREAM:
        return listener
    port = listener.getsockname()[1]
    table = ConnectionTable(folder / f"connections-{port}.bin", worker_id)
    balanced = BalancedListener(listener.family, listener.type, listener.proto, fileno=listener.detach())
    balanced.gate = AcceptGate(table)
    _gates.append(balanced.gate)
    return balanced


def crowded() -> bool:
    """Whether this worker should close a keep-alive connection to rebalance.

    Counts at accept time can mislead: a peer still finishing a request on a connection its
    client has just closed counts it as held, and long-lived connections then stay where they
    landed.  While this worker holds two or more connections above a live peer, its responses
    carry ``Connection: close``; the client reconnects, and the less busy peer takes the new
    connection.  HTTP clients reconnect on that header by themselves.
    """
    return any(gate.crowded() for gate in _gates)



def accepting() -> None:
    """Publish this worker's connection counts: it now accepts, and its siblings may count on it."""
    for gate in _gates:
        gate.table.publish(gate.held)
