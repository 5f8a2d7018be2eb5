"""Zero-downtime model swap on a real `bentoml serve` process under continuous requests.

The store is a copy of the session's trained store with a second registered version of each
model (same artifacts, new version numbers), so moving the alias really changes what serves.
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.serve_helpers import Serve, start_serve, wait_ready

pytestmark = pytest.mark.integration

TOKEN = "swap-test-token"
REVIEW = {"items": [{"review_id": "r1", "text": "给我转30元我马上删差评", "rating": 1},
                    {"review_id": "r2", "text": "衣服质量一般，洗了一次就起球了", "rating": 2}]}


@pytest.fixture(scope="module")
def swap_store(trained_store, tmp_path_factory):
    """A copy of the trained store where both models also have a version 2."""
    from mlflow.tracking import MlflowClient

    settings, _trained = trained_store
    home = tmp_path_factory.mktemp("swap-home")
    shutil.copy(settings.home / "mlflow.db", home / "mlflow.db")
    uri = f"sqlite:///{home / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    versions = {}
    for name in (settings.review_model_name, settings.order_model_name):
        current = client.get_model_version_by_alias(name, "champion")
        again = client.create_model_version(name, source=current.source, run_id=current.run_id,
                                            model_id=getattr(current, "model_id", None))
        versions[name] = (int(current.version), int(again.version))
    return home, uri, client, versions


def _serve(home: Path, uri: str, log_path: Path, **extra_env: str) -> Serve:
    serve = start_serve(log_path, {"REVIEWGUARD_HOME": str(home), "REVIEWGUARD_TRACKING_URI": uri,
                                   "REVIEWGUARD_API_TOKEN": TOKEN, "REVIEWGUARD_LEDGER_ENABLED": "false", **extra_env})
    wait_ready(serve, timeout=90)
    return serve


class Traffic:
    """Threads sending review requests back to back, recording every outcome."""

    def __init__(self, url: str, threads: int = 3) -> None:
        self.url, self.stop = url, threading.Event()
        self.results: list[tuple[float, float, int, str]] = []  # (sent, seconds, status, model_version)
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self) -> None:
        with httpx.Client(timeout=30) as client:
            while not self.stop.is_set():
                sent = time.monotonic()
                try:
                    response = client.post(f"{self.url}/v1/reviews/classify", json=REVIEW)
                    status = response.status_code
                    version = response.json()[0]["model_version"] if status == 200 else response.text[:200]
                except httpx.HTTPError as exc:
                    status, version = -1, repr(exc)
                with self.lock:
                    self.results.append((sent, time.monotonic() - sent, status, version))

    def __enter__(self) -> Traffic:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


def _versions(url: str) -> tuple[int, int]:
    models = httpx.get(f"{url}/v1/models", timeout=10).json()
    return models["review"]["version"], models["order"]["version"]


def test_admin_reload_swaps_models_with_zero_failed_requests(swap_store, tmp_path):
    home, uri, client, versions = swap_store
    (review_name, (old, new)), (order_name, (order_old, order_new)) = versions.items()
    for name, (first, _second) in versions.items():
        client.set_registered_model_alias(name, "champion", str(first))
    # Two worker processes: the admin call reaches one of them, and must bring the other along.
    serve = _serve(home, uri, tmp_path / "serve.log", REVIEWGUARD_WORKERS="2")
    url = serve.url
    try:
        assert _versions(url) == (old, order_old)
        with Traffic(url) as traffic:
            time.sleep(2)
            for name, (_first, second) in versions.items():
                client.set_registered_model_alias(name, "champion", str(second))
            assert httpx.post(f"{url}/v1/admin/reload", timeout=60).status_code == 401
            assert httpx.post(f"{url}/v1/admin/reload", headers={"Authorization": "Bearer wrong"},
                              timeout=60).status_code == 401
            response = httpx.post(f"{url}/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
            swapped_at = time.monotonic()
            assert response.status_code == 200, response.text
            answer = response.json()
            assert answer["changed"] is True
            assert answer["workers"] == 2 and answer["workers_switched"] == 2, answer
            time.sleep(2)
        assert _versions(url) == (new, order_new)
        # Each worker process reported the new versions itself.
        reports = [json.loads(path.read_text()) for path in (home / "serving-workers").glob("server-*/*.json")]
        assert len(reports) == 2
        assert all((r["review"]["version"], r["order"]["version"]) == (new, order_new) for r in reports)
        # Fresh connections land on either worker: all answer with the new versions.
        assert {_versions(url) for _ in range(20)} == {(new, order_new)}
        again = httpx.post(f"{url}/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
        assert again.json()["changed"] is False
    finally:
        serve.stop()
    statuses = [r[2] for r in traffic.results]
    failures = [r for r in traffic.results if r[2] != 200]
    assert not failures, failures[:5]
    assert len(statuses) > 20
    seen = [r[3] for r in sorted(traffic.results)]
    assert f"{review_name}/{old}" in seen and f"{review_name}/{new}" in seen
    # Requests sent after the reload answered all use the new version.
    assert {r[3] for r in traffic.results if r[0] > swapped_at} == {f"{review_name}/{new}"}
    slowest = max(r[1] for r in traffic.results)
    sys.stderr.write(f"\n{len(statuses)} requests during the swap, 0 failed, slowest {slowest * 1000:.0f} ms\n")


def test_alias_polling_switches_without_a_call(swap_store, tmp_path):
    home, uri, client, versions = swap_store
    for name, (_first, second) in versions.items():
        client.set_registered_model_alias(name, "champion", str(second))
    serve = _serve(home, uri, tmp_path / "serve.log", REVIEWGUARD_MODEL_POLL_SECONDS="1")
    url = serve.url
    try:
        wanted = tuple(first for first, _second in versions.values())
        with Traffic(url, threads=2) as traffic:
            time.sleep(1)
            for name, (first, _second) in versions.items():  # a rollback
                client.set_registered_model_alias(name, "champion", str(first))
            deadline = time.monotonic() + 30
            while _versions(url) != wanted:
                assert time.monotonic() < deadline, "the service did not notice the new champion in 30 s"
                time.sleep(0.5)
            time.sleep(1)
    finally:
        serve.stop()
    assert traffic.results and all(r[2] == 200 for r in traffic.results)
