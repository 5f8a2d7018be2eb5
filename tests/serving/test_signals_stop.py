"""Stopping `reviewguard serve`: SIGTERM/SIGINT to the CLI alone stops the server and frees the port.

A service manager (systemd, supervisord, docker stop) and a terminal's Ctrl+C signal the process
they started, i.e. the CLI.  Unlike ``Serve.stop`` (which signals the whole process group), these
tests signal only the CLI's pid, and then check that no process it started is left behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import psutil
import pytest

from serving.bentoml_compat import WORKER_COMMAND_MARK
from tests.serve_helpers import start_serve, wait_ready

pytestmark = pytest.mark.integration

STOP_SECONDS = 10


def _port_is_free(port: int) -> bool:
    """Whether a server could listen on ``port`` again (SO_REUSEADDR, as servers bind)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        sock.listen()
        return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_to_the_cli_stops_the_server_and_frees_the_port(trained_store, tmp_path, signum):
    serve = start_serve(tmp_path / "serve.log", {"REVIEWGUARD_WORKERS": "2"})
    started: list[psutil.Process] = []
    try:
        wait_ready(serve, timeout=90)
        cli = psutil.Process(serve.process.pid)
        started = cli.children(recursive=True)  # bentoml serve and its workers
        assert any(WORKER_COMMAND_MARK in " ".join(p.cmdline()) for p in started), started
        assert not _port_is_free(serve.port)

        began = time.monotonic()
        os.kill(serve.process.pid, signum)  # the CLI only, not its process group
        try:
            serve.process.wait(timeout=STOP_SECONDS + 5)
        except subprocess.TimeoutExpired:
            pytest.fail(f"reviewguard serve still running {STOP_SECONDS + 5} s after {signum.name}")
        took = time.monotonic() - began
        assert took < STOP_SECONDS, f"reviewguard serve took {took:.1f} s to stop"

        _gone, alive = psutil.wait_procs(started, timeout=2)
        assert not alive, f"left running after {signum.name}: {[(p.pid, p.cmdline()) for p in alive]}"
        assert _port_is_free(serve.port), f"port {serve.port} still bound after {signum.name}"
    finally:
        serve.stop()
        # Whatever the outcome, leave no server behind for the next tests.
        for process in started:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
