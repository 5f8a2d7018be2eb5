"""Readiness: /readyz is 200 only once both champions are loaded; no registry means a clear exit."""

from __future__ import annotations

import subprocess
import urllib.request

import pytest

from tests.serve_helpers import Serve, free_port, http_status, start_serve, wait_ready

pytestmark = pytest.mark.integration


def test_is_ready_needs_both_models(predictor):
    from serving.service import ReviewGuard

    instance = object.__new__(ReviewGuard.inner)  # an instance whose __init__ has not loaded anything
    instance.predictor = None
    assert instance.__is_ready__() is False
    instance.predictor = predictor
    assert instance.__is_ready__() is True


def test_readyz_turns_200_only_after_both_models_loaded(trained_store, tmp_path):
    serve = start_serve(tmp_path / "serve.log", via_cli=False)
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
    serve = start_serve(tmp_path / "serve.log", {"REVIEWGUARD_TRACKING_URI": empty, "REVIEWGUARD_HOME": str(tmp_path)},
                        via_cli=False)
    _fails_clearly(serve, "cannot start: no model reviewguard-review@champion")


def test_unreachable_registry_exits_with_a_clear_message(tmp_path):
    nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    serve = start_serve(tmp_path / "serve.log", {
        "REVIEWGUARD_TRACKING_URI": nowhere, "REVIEWGUARD_HOME": str(tmp_path),
        "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0", "MLFLOW_HTTP_REQUEST_TIMEOUT": "5",
    }, via_cli=False)
    _fails_clearly(serve, f"cannot start: cannot reach the MLflow registry at {nowhere}")
