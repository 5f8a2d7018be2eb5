"""Readiness: /readyz is 200 only once both champions are loaded; no registry means a clear exit."""

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

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Serve:
    """A `bentoml serve` process in its own process group, logging into ``log_path``."""

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


def start_serve(log_path: Path, env: dict[str, str] | None = None) -> Serve:
    """Start the service exactly as `reviewguard serve` does (bentoml serve), without waiting."""
    port = free_port()
    bentoml = str(Path(sys.executable).with_name("bentoml"))
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [bentoml, "serve", "serving.service:ReviewGuard", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True,
            cwd=Path(__file__).resolve().parents[2],
        )
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
    """Poll /readyz until 200; every status seen before is returned (None = not listening)."""
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
    pytest.fail(f"not ready in {timeout} s:\n{serve.log()[-3000:]}")


def test_is_ready_needs_both_models(predictor):
    from serving.service import ReviewGuard

    instance = object.__new__(ReviewGuard.inner)  # an instance whose __init__ has not loaded anything
    instance.predictor = None
    assert instance.__is_ready__() is False
    instance.predictor = predictor
    assert instance.__is_ready__() is True


def test_readyz_turns_200_only_after_both_models_loaded(trained_store, tmp_path):
    serve = start_serve(tmp_path / "serve.log")
    try:
        seen = wait_ready(serve)
        log = serve.log()  # read at the moment /readyz first answered 200
        assert "loaded reviewguard-review version" in log and "loaded reviewguard-order version" in log
        assert all(status in (None, 503) for status in seen[:-1]), seen
        with urllib.request.urlopen(serve.url + "/v1/models", timeout=10) as response:
            assert response.status == 200
        assert http_status(serve.url + "/metrics", timeout=10) == 200  # not fuzzable in-process
    finally:
        serve.stop()


def _fails_clearly(serve: Serve, expected: str, timeout: float = 90) -> str:
    try:
        serve.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"server still running after {timeout} s instead of failing:\n{serve.log()[-3000:]}")
    finally:
        serve.stop()
    log = serve.log()
    assert serve.process.returncode != 0
    assert expected in log, log[-3000:]
    assert "Traceback" not in log, log[-3000:]  # one clear line, not a stack trace
    return log


def test_missing_champion_exits_with_a_clear_message(tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    serve = start_serve(tmp_path / "serve.log", {"REVIEWGUARD_TRACKING_URI": empty, "REVIEWGUARD_HOME": str(tmp_path)})
    _fails_clearly(serve, "cannot start: no model reviewguard-review@champion")


def test_unreachable_registry_exits_with_a_clear_message(tmp_path):
    nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    serve = start_serve(tmp_path / "serve.log", {
        "REVIEWGUARD_TRACKING_URI": nowhere, "REVIEWGUARD_HOME": str(tmp_path),
        "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0", "MLFLOW_HTTP_REQUEST_TIMEOUT": "5",
    })
    _fails_clearly(serve, f"cannot start: cannot reach the MLflow registry at {nowhere}")
