"""A real `reviewguard serve` (bentoml serve) process on a free port, called over HTTP."""

import bentoml
import pytest

from tests.serve_helpers import start_serve, wait_ready

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(trained_store, tmp_path_factory):
    serve = start_serve(tmp_path_factory.mktemp("serve") / "serve.log")
    try:
        wait_ready(serve, timeout=60)
        client = bentoml.SyncHTTPClient(serve.url, timeout=30)
        yield client, serve.url
        client.close()
    finally:
        serve.stop()


def test_real_server_classifies_extortion_and_genuine(server):
    client, _url = server
    results = client.classify_reviews(items=[
        {"review_id": "e", "text": "差评！", "rating": 1,
         "chat": [{"role": "buyer", "text": "给我转30元我马上删差评"}]},
        {"review_id": "n", "text": "衣服质量一般，洗了一次就起球了，有点失望", "rating": 2},
    ])
    assert [r["review_id"] for r in results] == ["e", "n"]
    assert results[0]["label"] == "extortion" and results[0]["malicious"] is True
    assert results[1]["label"] == "normal" and results[1]["malicious"] is False


def test_real_server_scores_orders_and_lists_models(server):
    client, url = server
    results = client.score_orders(items=[{"order_id": "o1", "shipping_address": "某小区门口", "same_address_orders_24h": 9}])
    assert results[0]["order_id"] == "o1" and results[0]["level"] in {"low", "medium", "high"}
    import httpx

    models = httpx.get(f"{url}/v1/models", timeout=10).json()
    assert models["review"]["name"] == "reviewguard-review"


def test_real_server_answers_bad_input_with_400(server):
    import httpx

    _client, url = server
    response = httpx.post(f"{url}/v1/reviews/classify", json={"items": [{"review_id": "x", "text": "t", "rating": 0}]},
                          timeout=10)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["items", 0, "rating"]
