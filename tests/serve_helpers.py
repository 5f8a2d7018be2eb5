"""One way for the tests to run a real server: start it on a free port, wait for /readyz, stop it.

The integration, readiness, log, hot-swap and browser tests all use it, so a change in how the
service starts (command, readiness probe, shutdown) is made once.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Serve:
    """A server process in its own process group, logging into ``log_path``."""

    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_serve(log_path: Path, env: dict[str, str] | None = None, *, via_cli: bool = True) -> Serve:
    """Start the service without waiting for it.

    ``via_cli`` runs ``reviewguard serve`` (what users type: it checks the registry first);
    otherwise ``bentoml serve`` directly, to test what the service itself does at start-up.
    ``env`` is added to the current environment.
    """
    port = free_port()
    if via_cli:
        command = [sys.executable, "-m", "reviewguard", "serve", "--port", str(port)]
    else:
        bentoml = str(Path(sys.executable).with_name("bentoml"))
        command = [bentoml, "serve", "serving.service:ReviewGuard", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
                                   start_new_session=True, cwd=REPO_ROOT)
    return Serve(process, port, log_path)


def http_status(url: str, timeout: float = 2) -> int | None:
    """Status of a GET, or None when nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def wait_ready(serve: Serve, timeout: float = 120) -> list[int | None]:
    """Poll /readyz until 200; every status seen before is returned (None = not listening).

    Fails the test (after stopping the server) if it exits or is not ready within ``timeout``.
    """
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if serve.process.poll() is not None:
            pytest.fail(f"server exited with {serve.process.returncode}:\n{serve.log()[-3000:]}")
        status = http_status(serve.url + "/readyz")
        seen.append(status)
        if status == 200:
            return seen
        time.sleep(0.05)
    serve.stop()
    pytest.fail(f"not ready in {timeout} s:\n{serve.log()[-3000:]}")
