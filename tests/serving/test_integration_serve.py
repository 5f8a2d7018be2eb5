"""A real `reviewguard serve` (bentoml serve) process with two workers on a free port, called over HTTP."""

import http.client
import time

import bentoml
import psutil
import pytest

from serving.bentoml_compat import WORKER_COMMAND_MARK
from tests.serve_helpers import start_serve, wait_ready

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(trained_store, tmp_path_factory):
    # Two workers whatever the machine: the connection-balancing test needs a peer.
    serve = start_serve(tmp_path_factory.mktemp("serve") / "serve.log", {"REVIEWGUARD_WORKERS": "2"})
    try:
        wait_ready(serve, timeout=60)
        client = bentoml.SyncHTTPClient(serve.url, timeout=30)
        yield client, serve.url, serve
        client.close()
    finally:
        serve.stop()


def test_real_server_classifies_extortion_and_genuine(server):
    client, _url, _serve = server
    results = client.classify_reviews(items=[
        {"review_id": "e", "text": "差评！", "rating": 1,
         "chat": [{"role": "buyer", "text": "给我转30元我马上删差评"}]},
        {"review_id": "n", "text": "衣服质量一般，洗了一次就起球了，有点失望", "rating": 2},
    ])
    assert [r["review_id"] for r in results] == ["e", "n"]
    assert results[0]["label"] == "extortion" and results[0]["malicious"] is True
    assert results[1]["label"] == "normal" and results[1]["malicious"] is False


def test_real_server_scores_orders_and_lists_models(server):
    client, url, _serve = server
    results = client.score_orders(items=[{"order_id": "o1", "shipping_address": "某小区门口", "same_address_orders_24h": 9}])
    assert results[0]["order_id"] == "o1" and results[0]["level"] in {"low", "medium", "high"}
    import httpx

    models = httpx.get(f"{url}/v1/models", timeout=10).json()
    assert models["review"]["name"] == "reviewguard-review"


def test_real_server_answers_bad_input_with_400(server):
    import httpx

    _client, url, _serve = server
    response = httpx.post(f"{url}/v1/reviews/classify", json={"items": [{"review_id": "x", "text": "t", "rating": 0}]},
                          timeout=10)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["items", 0, "rating"]


def _workers(serve) -> list[psutil.Process]:
    return [p for p in psutil.Process(serve.process.pid).children(recursive=True)
            if WORKER_COMMAND_MARK in " ".join(p.cmdline())]


def _held_by(serve, workers: list[psutil.Process]) -> dict[int, list[int]]:
    """Client ports of the connections each worker holds open on the server's port.

    Closing ones (CLOSE_WAIT) count too: a worker counts a connection until it closes it.
    """
    return {worker.pid: [c.raddr.port for c in worker.net_connections(kind="tcp")
                         if c.laddr and c.raddr and c.laddr.port == serve.port]
            for worker in workers}


def test_keep_alive_connections_spread_over_both_workers(server):
    _client, _url, serve = server
    workers = _workers(serve)
    assert len(workers) == 2
    for _round in range(3):
        # Four connections opened at once, as a client's keep-alive pool does: without balancing,
        # whichever worker wakes first usually accepts all of them.  A worker that still ends up
        # two ahead (e.g. its sibling was still loading the models when they were accepted)
        # answers "Connection: close", and http.client reconnects by itself, so the client keeps
        # sending until the connections are spread.
        connections = [http.client.HTTPConnection("127.0.0.1", serve.port, timeout=10) for _ in range(4)]
        for connection in connections:
            connection.connect()
        try:
            deadline = time.monotonic() + 15
            while True:
                for connection in connections:
                    connection.request("GET", "/livez")
                    response = connection.getresponse()
                    response.read()
                    assert response.status == 200
                held = _held_by(serve, workers)
                counts = [len(ports) for ports in held.values()]
                if max(counts) - min(counts) <= 1 or time.monotonic() > deadline:
                    break
            ours = {c.sock.getsockname()[1] for c in connections if c.sock is not None}
            assert ours <= {port for ports in held.values() for port in ports}, held
            assert max(counts) - min(counts) <= 1, held
        finally:
            for connection in connections:
                connection.close()
