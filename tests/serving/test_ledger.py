"""Buyer-risk ledger: exact escalation thresholds, idempotence, concurrent writers, HTTP view."""

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from features.schema import BEIJING, validate_order, validate_review
from serving.ledger import BuyerLedger, Decision, LedgerEntry, tier_of

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BEIJING)


def entry(label: str, days_ago: float, item: str) -> LedgerEntry:
    return LedgerEntry(kind="review", item_id=item, label=label, occurred_at=(NOW - timedelta(days=days_ago)).isoformat(),
                       model_version="m/1")


@pytest.mark.parametrize(
    ("entries", "tier"),
    [
        ([], "none"),
        ([entry("ad", 1, "a")], "note"),
        ([entry("extortion", 1, "a")], "note"),  # one extortion is a first offence
        ([entry("ad", 40, "a"), entry("meaningless", 1, "b")], "note"),  # not repeated within 30 days
        ([entry("ad", 29, "a"), entry("meaningless", 1, "b")], "watch"),  # repeated within 30 days
        ([entry("extortion", 200, "a"), entry("extortion", 1, "b")], "blacklist"),  # extortion twice, any time
        ([entry("ad", 300, "a"), entry("ad", 200, "b"), entry("competitor", 100, "c")], "blacklist"),  # three
    ],
)
def test_tier_thresholds(entries, tier):
    assert tier_of(entries, now=NOW) == tier


def test_recording_is_idempotent_per_item(tmp_path):
    ledger = BuyerLedger(tmp_path / "ledger.db")
    decision = Decision("b1", "review", "r1", "ad", NOW, "m/1")
    assert ledger.record([decision]) == 1
    assert ledger.record([decision]) == 0
    assert ledger.record([Decision("b1", "review", "r2", "ad", NOW, "m/1")]) == 1
    assert [e.item_id for e in ledger.entries("b1")] == ["r1", "r2"]
    assert ledger.buyer("unknown").tier == "none"


def _write_many(path: str, worker: int, count: int) -> None:
    ledger = BuyerLedger(path)
    for i in range(count):
        ledger.record([Decision("busy-buyer", "review", f"w{worker}-r{i}", "ad", NOW, "m/1")])


def test_concurrent_processes_lose_no_records(tmp_path):
    path = str(tmp_path / "ledger.db")
    BuyerLedger(path)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(path, w, 25)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    assert len(BuyerLedger(path).entries("busy-buyer")) == 100


EXTORTION_CHAT = [{"role": "buyer", "text": "给我转30元我马上删差评"}]


def extortion_review(review_id: str, buyer_id: str) -> dict:
    return {"review_id": review_id, "text": "差评！", "rating": 1, "chat": EXTORTION_CHAT,
            "created_at": datetime.now(BEIJING).isoformat(),
            "order": {"order_id": f"o-{review_id}", "buyer": {"buyer_id": buyer_id, "account_age_days": 300}}}


def test_predictor_escalates_exactly_at_the_thresholds_under_concurrent_requests(predictor):
    buyer = "buyer-escalation"
    plain_order = validate_order({"order_id": "next-order", "amount": 59, "buyer": {"buyer_id": buyer, "account_age_days": 900,
                                                                                   "orders_total": 40, "refunds_total": 1},
                                  "shipping_address": "浙江省杭州市西湖区文三路100号3栋201室"})
    assert predictor.score_orders([plain_order])[0].action == "ship"

    first = predictor.classify_reviews([validate_review(extortion_review("esc-1", buyer))])[0]
    assert first.label == "extortion" and first.malicious
    assert predictor.ledger.buyer(buyer).tier == "note"
    again = predictor.score_orders([plain_order])[0]
    assert "ledger_note" in {r.code for r in again.reasons}

    # Two more extortion reviews of the same buyer arrive at the same time.
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda rid: predictor.classify_reviews([validate_review(extortion_review(rid, buyer))]),
                      ["esc-2", "esc-3", "esc-2", "esc-3"]))  # duplicates must not count twice
    record = predictor.ledger.buyer(buyer)
    assert sorted(e.item_id for e in record.decisions) == ["esc-1", "esc-2", "esc-3"]
    assert record.tier == "blacklist"
    escalated = predictor.score_orders([plain_order])[0]
    assert "ledger_blacklist" in {r.code for r in escalated.reasons}
    assert escalated.action == "delay_and_report"
    assert any("拉黑" in p for p in escalated.prevention)


def test_buyer_endpoint(http_client):
    body = {"items": [extortion_review("http-ledger-1", "buyer-http")]}
    assert http_client.post("/v1/reviews/classify", json=body).status_code == 200
    record = http_client.get("/v1/buyers/buyer-http").json()
    assert record["tier"] == "note" and record["decisions"][0]["item_id"] == "http-ledger-1"
    assert http_client.get("/v1/buyers/nobody").json()["tier"] == "none"


def test_ledger_record_becomes_the_prior_decisions_feature(predictor):
    buyer = "buyer-feature"
    order = validate_order({"order_id": "feature-order", "buyer": {"buyer_id": buyer, "account_age_days": 500}})
    assert predictor._with_record(order, "order").buyer.prior_malicious_decisions == 0
    predictor.ledger.record([Decision(buyer, "review", "old-review", "extortion", NOW, "m/1")])
    assert predictor._with_record(order, "order").buyer.prior_malicious_decisions == 1
    # a value sent by the caller is kept, and an item never counts towards its own record
    sent = validate_order({"order_id": "feature-order", "buyer": {"buyer_id": buyer, "prior_malicious_decisions": 5}})
    assert predictor._with_record(sent, "order").buyer.prior_malicious_decisions == 5
    review = validate_review({"review_id": "old-review", "text": "x", "rating": 1,
                              "order": {"buyer": {"buyer_id": buyer}}})
    assert predictor._with_record(review, "review").order.buyer.prior_malicious_decisions == 0
