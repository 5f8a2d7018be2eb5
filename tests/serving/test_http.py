"""HTTP behaviour through the service's ASGI app (in-process, real BentoML routing and validation)."""

import pytest

from features.schema import MAX_ITEMS_PER_REQUEST, MAX_TEXT_CHARS

EXTORTION = {
    "review_id": "r-ext", "text": "质量太差了，差评！", "rating": 1, "created_at": "2026-10-10T17:00:00+08:00",
    "chat": [{"role": "buyer", "text": "给我转30元我马上删差评", "sent_at": "2026-10-10T13:00:00+08:00"}],
    "order": {"order_id": "o1", "paid_at": "2026-10-06T10:00:00+08:00", "delivered_at": "2026-10-08T12:00:00+08:00",
              "logistics_status": "delivered"},
}
GENUINE = {"review_id": "r-gen", "text": "衣服质量一般，洗了一次就起球了，有点失望", "rating": 2}


@pytest.fixture
def client(http_client):
    return http_client


def test_classify_returns_results_in_order(client):
    response = client.post("/v1/reviews/classify", json={"items": [EXTORTION, GENUINE]})
    assert response.status_code == 200
    body = response.json()
    assert [r["review_id"] for r in body] == ["r-ext", "r-gen"]
    assert set(body[0]["probabilities"]) == {"extortion", "competitor", "ad", "meaningless", "false_claim", "normal"}
    assert abs(sum(body[0]["probabilities"].values()) - 1) < 1e-3
    assert body[0]["model_version"].startswith("reviewguard-review/")


def test_extortion_gets_an_appeal_with_a_real_quote(client):
    result = client.post("/v1/reviews/classify", json={"items": [EXTORTION]}).json()[0]
    assert result["label"] == "extortion" and result["malicious"]
    appeal = result["appeal"]
    assert appeal["reason"] == "利用中差评骗赔"
    assert appeal["deadline"] == "2026-11-09"
    quotes = [e["quote"] for e in appeal["evidence"] if e["quote"]]
    assert quotes and all(q in EXTORTION["chat"][0]["text"] or q in EXTORTION["text"] for q in quotes)
    assert "申请平台判定差评无效" in appeal["draft"]


def test_genuine_complaint_is_normal_with_reply(client):
    result = client.post("/v1/reviews/classify", json={"items": [GENUINE]}).json()[0]
    assert result["label"] == "normal" and not result["malicious"]
    assert result["appeal"] is None and "质量" in result["reply_suggestion"]


def test_orders_score(client):
    risky = {"order_id": "o-risk", "shipping_address": "某小区门口", "same_address_orders_24h": 8,
             "paid_at": "2026-10-01T10:00:00+08:00", "refund_requested_at": "2026-10-01T10:03:00+08:00",
             "refund_status": "requested", "chat": [{"role": "buyer", "text": "你发货试试，收到就给你差评"}],
             "buyer": {"account_age_days": 1, "orders_total": 12, "refunds_total": 10}}
    plain = {"order_id": "o-ok", "shipping_address": "浙江省杭州市西湖区文三路100号3栋201室", "amount": 59,
             "paid_at": "2026-10-01T10:00:00+08:00", "buyer": {"account_age_days": 1500, "orders_total": 80, "refunds_total": 2}}
    body = client.post("/v1/orders/score", json={"items": [risky, plain]}).json()
    assert [r["order_id"] for r in body] == ["o-risk", "o-ok"]
    assert body[0]["risk"] > body[1]["risk"]
    codes = {r["code"] for r in body[0]["reasons"]}
    assert {"vague_address", "same_address_burst", "refund_right_after_paying", "provocative_chat"} <= codes
    assert body[0]["action"] != "ship" and body[1]["reasons"] == []


def test_models_endpoint(client):
    body = client.get("/v1/models").json()
    assert body["review"]["name"] == "reviewguard-review" and body["review"]["version"] >= 1
    assert body["order"]["name"] == "reviewguard-order"


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"items": [{"text": "x", "rating": 5}]}, ["items", 0, "review_id"]),
        ({"items": [{"review_id": "r", "text": "x", "rating": 6}]}, ["items", 0, "rating"]),
        ({"items": [{"review_id": "r", "text": "x", "rating": "bad"}]}, ["items", 0, "rating"]),
        ({"items": [{"review_id": "r", "text": "x" * (MAX_TEXT_CHARS + 1), "rating": 5}]}, ["items", 0, "text"]),
        ({"items": [{"review_id": "r", "text": "x", "rating": 5, "created_at": "not a time"}]}, ["items", 0, "created_at"]),
        ({"items": []}, ["items"]),
        ({"items": [{"review_id": str(i), "text": "x", "rating": 5} for i in range(MAX_ITEMS_PER_REQUEST + 1)]}, ["items"]),
        ({}, ["items"]),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field(client, payload, path):
    response = client.post("/v1/reviews/classify", json=payload)
    assert 400 <= response.status_code < 500
    locations = [d["loc"] for d in response.json()["detail"]]
    assert path in locations, locations


def test_malformed_json_and_wrong_top_level_type_are_4xx(client):
    response = client.post("/v1/reviews/classify", content=b"{not json", headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500
    response = client.post("/v1/orders/score", json={"items": "nope"})
    assert 400 <= response.status_code < 500


def test_health_and_openapi(client):
    assert client.get("/readyz").status_code == 200
    paths = client.get("/docs.json").json()["paths"]
    assert {"/v1/reviews/classify", "/v1/orders/score", "/v1/models"} <= set(paths)


# --- report reasons and the live-chat warning over HTTP ------------------------------------------
def test_every_review_result_carries_report_reasons_and_reportability(client):
    from datetime import datetime, timedelta

    recent = (datetime.now().astimezone() - timedelta(days=3)).isoformat(timespec="seconds")
    abusive = {**EXTORTION, "review_id": "r-abuse", "text": "垃圾店，傻逼客服，质量太差了，差评！", "created_at": recent}
    late = {**abusive, "review_id": "r-late", "created_at": "2020-01-01T10:00:00+08:00"}
    body = client.post("/v1/reviews/classify", json={"items": [abusive, GENUINE, late]}).json()
    codes = [r["code"] for r in body[0]["report_reasons"]]
    assert set(codes) == {"report_reason_negative_comment_compensation", "report_reason_low_politics_guns"}
    assert body[0]["appeal"]["reason_code"] == codes[0] and len(body[0]["appeal"]["draft_short"]) <= 100
    assert all(e["where"] for e in body[0]["appeal"]["evidence"])
    assert body[0]["reportable"]["ok"] and body[0]["reportable"]["channel"] == "差评申诉"
    assert body[1]["report_reasons"] == [] and body[1]["reportable"]["ok"] is False
    assert not body[2]["reportable"]["ok"] and "超过 30 天" in " ".join(body[2]["reportable"]["why"])


def test_chat_assess_warns_about_extortion_and_answers_in_order(client):
    items = [{"chat_id": "c-ext", "chat": [{"role": "buyer", "text": "给我转50块，不然我就给差评"}],
              "order": {"logistics_status": "unshipped"}},
             {"chat_id": "c-ok", "chat": [{"role": "buyer", "text": "请问什么时候发货？"}]}]
    body = client.post("/v1/chats/assess", json={"items": items}).json()
    assert [r["chat_id"] for r in body] == ["c-ext", "c-ok"]
    assert body[0]["kind"] == "extortion" and body[0]["level"] in ("medium", "high")
    assert "这是勒索行为，我方将向平台申诉" in body[0]["suggested_reply"]
    assert [e["quote"] for e in body[0]["evidence"]] == ["给我转50块，不然我就给差评"]
    assert body[1]["kind"] == "normal" and body[1]["level"] == "low" and not body[1]["hold_shipping"]
    assert body[0]["model_version"].startswith("reviewguard-review/")


@pytest.mark.parametrize(("items", "loc"), [
    ([{"chat_id": "c", "chat": []}], ["items", 0, "chat"]),
    ([{"chat": [{"role": "buyer", "text": "在吗"}]}], ["items", 0, "chat_id"]),
    ([{"chat_id": "c", "chat": [{"role": "robot", "text": "在吗"}]}], ["items", 0, "chat", 0, "role"]),
    ([{"chat_id": "c", "chat": [{"role": "buyer", "text": "x", "media": "audio"}]}], ["items", 0, "chat", 0, "media"]),
    ([], ["items"]),
])
def test_chat_assess_bad_input_is_400_naming_the_field(client, items, loc):
    response = client.post("/v1/chats/assess", json={"items": items})
    assert response.status_code == 400
    assert loc in [entry["loc"] for entry in response.json()["detail"]]
