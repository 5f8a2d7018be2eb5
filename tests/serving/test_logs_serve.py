"""A real `bentoml serve`, auth required: its output is JSON lines with request ids and no personal data."""

from __future__ import annotations

import json
import urllib.parse

import httpx
import pytest

from tests.serve_helpers import start_serve, wait_ready

pytestmark = pytest.mark.integration

TOKEN = "log-test-token-42"
PHONE = "13800138000"
WECHAT = "abc12345"
QQ = "987654321"
ADDRESS = "浙江省杭州市西湖区文三路100号3栋201室"


@pytest.fixture(scope="module")
def served_log(trained_store, tmp_path_factory):
    """Run a server, send a mix of requests carrying personal data, stop it; (responses, log lines)."""
    log_path = tmp_path_factory.mktemp("logs") / "serve.log"
    serve = start_serve(log_path, {"REVIEWGUARD_API_TOKEN": TOKEN, "REVIEWGUARD_REQUIRE_AUTH": "true",
                                   "REVIEWGUARD_LEDGER_PATH": str(log_path.parent / "ledger.db")},
                        via_cli=False)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    review = {"review_id": "r1", "text": f"加微信 {WECHAT} 电话{PHONE} 扣扣{QQ}", "rating": 1,
              "order": {"order_id": "o1", "shipping_address": ADDRESS, "buyer": {"buyer_id": PHONE}}}
    responses = {}
    try:
        wait_ready(serve)
        with httpx.Client(base_url=serve.url, timeout=30) as client:
            responses["ok"] = client.post("/v1/reviews/classify", json={"items": [review]}, headers=auth)
            responses["no_token"] = client.post("/v1/reviews/classify", json={"items": [review]})
            responses["invalid"] = client.post("/v1/reviews/classify", headers=auth,
                                               json={"items": [dict(review, rating=9, chat=[{"role": "x", "text": PHONE}])]})
            responses["bad_json"] = client.post("/v1/orders/score", headers={**auth, "Content-Type": "application/json"},
                                                content=f'{{"items": [{{"order_id": "{PHONE}", "shipping_address": "{ADDRESS}"'.encode())
            # Path parameters reach the access log: a phone number or address used as a buyer id.
            responses["buyer_phone"] = client.get(f"/v1/buyers/{PHONE}", headers=auth)
            responses["buyer_address"] = client.get("/v1/buyers/" + urllib.parse.quote(ADDRESS), headers=auth)
    finally:
        serve.stop()
    return responses, serve.log().splitlines()


def test_requests_were_answered_as_expected(served_log):
    responses, _lines = served_log
    assert responses["ok"].status_code == 200
    assert responses["no_token"].status_code == 401
    assert responses["invalid"].status_code == 400
    assert {tuple(e["loc"]) for e in responses["invalid"].json()["detail"]} >= {("items", 0, "rating")}
    assert responses["bad_json"].status_code == 400
    assert responses["buyer_phone"].status_code == 200


def test_every_line_is_a_json_object(served_log):
    _responses, lines = served_log
    records = [json.loads(line) for line in lines if line.strip()]
    assert records and all({"ts", "level", "logger", "msg", "request_id"} <= set(r) for r in records)


def test_request_lines_carry_the_request_id_the_client_got(served_log):
    responses, lines = served_log
    records = [json.loads(line) for line in lines if line.strip()]
    for name in ("ok", "no_token", "invalid", "buyer_phone"):
        request_id = responses[name].headers["x-request-id"]
        mine = [r for r in records if r["request_id"] == request_id]
        assert mine, f"no log line with the request id of {name}"
        assert any(r["logger"] == "bentoml.access" for r in mine)


def test_the_request_id_is_bentomls_own(served_log):
    responses, _lines = served_log
    # BentoML returns its id on the scoring routes; ours (serving.bentoml_compat.request_id) is the same.
    for name in ("ok", "invalid"):
        assert responses[name].headers["x-request-id"] == responses[name].headers["x-bentoml-request-id"]


def test_every_worker_applied_the_compatibility_patches(served_log):
    _responses, lines = served_log
    records = [json.loads(line) for line in lines if line.strip()]
    applied = [r for r in records if r["msg"].startswith("BentoML compatibility patches applied")]
    assert applied and all("timeout-timer" in r["msg"] and "form-errors-are-400" in r["msg"] for r in applied)
    assert not [r for r in records if r["msg"].startswith("not applying")]


def test_no_personal_data_in_the_log(served_log):
    _responses, lines = served_log
    text = "\n".join(lines)
    for secret in (PHONE, WECHAT, QQ, ADDRESS, "文三路100号", urllib.parse.quote(ADDRESS)):
        assert secret not in text, secret
    assert "/v1/buyers/138****8000" in text  # the access line is there, masked


def test_client_errors_are_single_warning_lines(served_log):
    responses, lines = served_log
    records = [json.loads(line) for line in lines if line.strip()]
    assert not [r for r in records if r["level"] in ("ERROR", "CRITICAL")], records
    invalid_id = responses["invalid"].headers["x-request-id"]
    warnings = [r for r in records if r["request_id"] == invalid_id and r["level"] == "WARNING"]
    assert len(warnings) == 1 and "client error (400)" in warnings[0]["msg"] and "exc" not in warnings[0]
    assert "items.0.rating" in warnings[0]["msg"]
    assert any("refused" in r["msg"] and "(401)" in r["msg"] for r in records)
