"""Tests for the buyer-behaviour simulator (the training/simulator/ package)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import defaultdict
from datetime import datetime, timedelta

import pytest

from features.evidence import competitor_statements, probes_the_trade, purchase_reference
from features.text import normalize_text
from training.simulator import (
    LABELS,
    SimulatedOrder,
    SimulatedReview,
    order_scenarios,
    registry,
    review_scenarios,
    simulate_orders,
    simulate_reviews,
)

REVIEW_KEYS = {"review_id", "text", "rating", "created_at", "has_media", "chat", "order"}
ORDER_KEYS = {
    "order_id",
    "amount",
    "quantity",
    "paid_at",
    "shipped_at",
    "delivered_at",
    "logistics_status",
    "refund_status",
    "refund_requested_at",
    "shipping_address",
    "same_address_orders_24h",
    "same_buyer_orders_24h",
    "buyer",
}
BUYER_KEYS = {
    "account_age_days",
    "orders_total",
    "refunds_total",
    "reviews_total",
    "negative_reviews_total",
    "orders_with_shop",
    "prior_malicious_decisions",
}
CHAT_KEYS = {"role", "text", "sent_at"}
LOGISTICS = {"unshipped", "in_transit", "delivered", "returned"}
REFUNDS = {"none", "requested", "refunded", "rejected"}

# Real reviews are often this short; none of them may ever be labelled meaningless.
SHORT_GENUINE = ("不错", "还行", "挺好", "满意", "收到了", "好评", "质量", "喜欢", "好用", "推荐")
# Undo the simulator's occasional traditional characters before matching keywords.
TRADITIONAL_BACK = str.maketrans(
    {
        "給": "给",
        "錢": "钱",
        "還": "还",
        "評": "评",
        "這": "这",
        "貨": "货",
        "發": "发",
        "沒": "没",
        "刪": "删",
        "轉": "转",
        "說": "说",
        "個": "个",
        "見": "见",
        "時": "时",
        "後": "后",
        "麼": "么",
    }
)
PER_SCENARIO = 60


def _dt(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() == timedelta(hours=8), value
    return moment


def _by_scenario(cases):
    grouped = defaultdict(list)
    for case in cases:
        grouped[case.scenario].append(case)
    return grouped


@pytest.fixture(scope="module")
def reviews() -> list[SimulatedReview]:
    scenarios = review_scenarios()
    return simulate_reviews(PER_SCENARIO * len(scenarios), seed=11)


@pytest.fixture(scope="module")
def reviews_by_scenario(reviews):
    return _by_scenario(reviews)


@pytest.fixture(scope="module")
def orders() -> list[SimulatedOrder]:
    return simulate_orders(PER_SCENARIO * len(order_scenarios()), seed=11)


# --------------------------------------------------------------------------------------------
# Scenario catalogue and API contract
# --------------------------------------------------------------------------------------------


def test_scenario_catalogue_covers_every_label():
    for label in LABELS:
        ids = review_scenarios(label)
        assert len(ids) >= (10 if label == "normal" else 6), label
        assert all(scenario.startswith(label + "/") for scenario in ids)
    assert sorted(review_scenarios()) == sorted(
        s for label in LABELS for s in review_scenarios(label)
    )
    assert len(order_scenarios(True)) >= 5
    assert len(order_scenarios(False)) >= 5
    assert all(s.startswith("order_malicious/") for s in order_scenarios(True))
    assert all(s.startswith("order_benign/") for s in order_scenarios(False))
    assert order_scenarios() == order_scenarios(True) + order_scenarios(False)


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError, match="label"):
        review_scenarios("spam")
    with pytest.raises(ValueError, match="unknown scenario"):
        simulate_reviews(3, scenarios=["ad/does_not_exist"])
    with pytest.raises(ValueError, match="empty"):
        simulate_reviews(3, scenarios=[])
    with pytest.raises(ValueError, match="non-negative"):
        simulate_orders(-1)
    with pytest.raises(TypeError):
        simulate_reviews(3, scenarios="ad/loan_offer")
    assert simulate_reviews(0) == []


def test_same_seed_gives_identical_cases():
    assert simulate_reviews(300, seed=5) == simulate_reviews(300, seed=5)
    assert simulate_orders(150, seed=5) == simulate_orders(150, seed=5)


def test_different_seeds_give_different_cases():
    first = simulate_reviews(300, seed=1)
    second = simulate_reviews(300, seed=2)
    same_text = sum(a.item["text"] == b.item["text"] for a, b in zip(first, second, strict=True))
    assert same_text < 30
    orders_a = simulate_orders(100, seed=1)
    orders_b = simulate_orders(100, seed=2)
    assert (
        sum(a.item["paid_at"] == b.item["paid_at"] for a, b in zip(orders_a, orders_b, strict=True))
        < 5
    )


def test_ids_and_round_robin(reviews, orders):
    scenarios = review_scenarios()
    for index, case in enumerate(reviews):
        # the (index // len)-th case of its scenario: ids are per scenario, like the random draws
        assert case.item["review_id"] == f"sim-r-11-{case.scenario}-{index // len(scenarios)}"
        assert case.scenario == scenarios[index % len(scenarios)]
    for index, case in enumerate(orders):
        assert case.item["order_id"] == f"sim-o-11-{case.scenario}-{index // len(order_scenarios())}"
        assert case.scenario == order_scenarios()[index % len(order_scenarios())]
    assert len({c.item["review_id"] for c in reviews}) == len(reviews)
    assert len({c.item["order_id"] for c in orders}) == len(orders)
    subset = ["ad/loan_offer", "normal/short_positive"]
    picked = simulate_reviews(7, seed=3, scenarios=subset)
    assert [c.scenario for c in picked] == [subset[i % 2] for i in range(7)]


def _as_rows(cases) -> dict[str, list[dict]]:
    return {scenario: [dataclasses.asdict(c) for c in group] for scenario, group in _by_scenario(cases).items()}


def _draws_more(builder):
    """``builder`` after a few extra draws: an edit of a scenario that changes its random draws."""

    def edited(rng, *args):
        rng.random(), rng.random(), rng.randrange(7)
        return builder(rng, *args)

    return edited


@pytest.mark.parametrize("change", ["remove", "edit", "add"])
def test_changing_one_scenario_leaves_every_other_scenarios_cases_unchanged(change, monkeypatch):
    """Each scenario draws from its own generators (seed, scenario, case number): removing,
    editing or adding a scenario in the registry changes no other scenario's rows."""
    per = 4
    before = {
        "reviews": _as_rows(simulate_reviews(per * len(review_scenarios()), seed=5)),
        "orders": _as_rows(simulate_orders(per * len(order_scenarios()), seed=5)),
    }
    review_victim, order_victim = "extortion/cash_to_delete_review", "order_malicious/vague_address"
    for attribute, victim in (("REVIEW_BUILDERS", review_victim), ("ORDER_BUILDERS", order_victim)):
        table = dict(getattr(registry, attribute))  # a copy: the real table keeps its order
        if change == "remove":
            del table[victim]
        elif change == "edit":
            table[victim] = _draws_more(table[victim])
        else:
            table[victim.split("/")[0] + "/added_later"] = table[victim]
        monkeypatch.setattr(registry, attribute, table)
    after = {
        "reviews": _as_rows(simulate_reviews(per * len(review_scenarios()), seed=5)),
        "orders": _as_rows(simulate_orders(per * len(order_scenarios()), seed=5)),
    }
    for kind, victim in (("reviews", review_victim), ("orders", order_victim)):
        others = set(before[kind]) - {victim}
        assert others and all(before[kind][s] == after[kind][s] for s in others), kind
        assert len(after[kind]) == len(before[kind]) + {"remove": -1, "edit": 0, "add": 1}[change]
        if change == "edit":
            assert after[kind][victim] != before[kind][victim]
    # The same holds for a scenario generated alone, as the dataset builder does.
    assert simulate_reviews(3, seed=5, scenarios=["ad/loan_offer"]) == [
        c for c in simulate_reviews(3 * len(review_scenarios()), seed=5) if c.scenario == "ad/loan_offer"
    ]


# sha256 of a small simulated dataset (348 rows: 3 cases of every review and order scenario,
# seed 2024) in canonical JSON.  It pins the simulator's output: if this test fails, the data
# every model is trained and evaluated on has changed.  That must be deliberate: update the hash
# in the same commit as the change, and say in the commit message why the data changed (a new
# or edited scenario, vocabulary, noise...).  Per-scenario seeding keeps such a change to the
# scenarios actually edited; the other tests here say whether it broke anything.
PINNED_DATASET_SHA256 = "220ef1fb2c4a0d045813a7248f7afd61f658dc4ef4cf38faa60cd8799e6af16a"


def test_a_small_simulated_dataset_is_pinned_by_its_hash():
    rows = [dataclasses.asdict(c) for c in simulate_reviews(3 * len(review_scenarios()), seed=2024)]
    rows += [dataclasses.asdict(c) for c in simulate_orders(3 * len(order_scenarios()), seed=2024)]
    assert len(rows) == 348
    canonical = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == PINNED_DATASET_SHA256


def test_every_scenario_yields_its_label(reviews_by_scenario):
    assert set(reviews_by_scenario) == set(review_scenarios())
    for scenario, cases in reviews_by_scenario.items():
        assert {c.label for c in cases} == {scenario.split("/")[0]}
        assert all(c.label in LABELS for c in cases)


# --------------------------------------------------------------------------------------------
# Item format
# --------------------------------------------------------------------------------------------


def _check_order_fields(order: dict) -> None:
    assert set(order) <= ORDER_KEYS | {"chat"}
    assert isinstance(order["order_id"], str)
    assert isinstance(order["amount"], float)
    assert order["amount"] > 0
    if "quantity" in order:
        assert isinstance(order["quantity"], int)
        assert order["quantity"] >= 1
    assert order["logistics_status"] in LOGISTICS
    assert order["refund_status"] in REFUNDS
    for key in ("same_address_orders_24h", "same_buyer_orders_24h"):
        if key in order:
            assert isinstance(order[key], int)
            assert order[key] >= 1
    if "buyer" in order:
        buyer = order["buyer"]
        assert set(buyer) == BUYER_KEYS
        assert all(isinstance(v, int) and v >= 0 for v in buyer.values())
        assert buyer["refunds_total"] <= buyer["orders_total"]
        assert buyer["reviews_total"] <= buyer["orders_total"]
        assert buyer["negative_reviews_total"] <= buyer["reviews_total"]
        assert 1 <= buyer["orders_with_shop"] <= buyer["orders_total"]


def _check_chat(chat: list) -> None:
    assert isinstance(chat, list)
    for turn in chat:
        assert set(turn) == CHAT_KEYS
        assert turn["role"] in ("buyer", "seller")
        assert isinstance(turn["text"], str)
        assert turn["text"].strip()


def test_review_items_use_only_schema_fields_and_are_json(reviews):
    for case in reviews:
        item = case.item
        assert set(item) <= REVIEW_KEYS
        assert {"review_id", "text", "rating"} <= set(item)
        assert isinstance(item["text"], str)
        # Empty text only where the label's evidence is elsewhere (chat, buyer record).
        assert item["text"].strip() or case.label in ("extortion", "competitor", "normal")
        assert isinstance(item["rating"], int)
        assert 1 <= item["rating"] <= 5
        if "has_media" in item:
            assert isinstance(item["has_media"], bool)
        if "chat" in item:
            _check_chat(item["chat"])
        if "order" in item:
            _check_order_fields(item["order"])
            assert "chat" not in item["order"]
        assert json.loads(json.dumps(item, ensure_ascii=False)) == item


def test_order_items_use_only_schema_fields_and_are_json(orders):
    for case in orders:
        item = case.item
        _check_order_fields(item)
        _check_chat(item["chat"])
        assert item["logistics_status"] == "unshipped"
        assert item["shipped_at"] is None
        assert item["delivered_at"] is None
        assert json.loads(json.dumps(item, ensure_ascii=False)) == item


def test_optional_parts_are_sometimes_missing(reviews):
    total = len(reviews)
    no_order = sum("order" not in c.item for c in reviews)
    no_chat = sum(not c.item.get("chat") for c in reviews)
    no_buyer = sum("order" in c.item and "buyer" not in c.item["order"] for c in reviews)
    null_time = sum(
        "order" in c.item
        and None in (c.item["order"].get("paid_at"), c.item["order"].get("shipped_at"))
        for c in reviews
    )
    assert 0.05 * total < no_order < 0.25 * total
    assert no_chat > 0.3 * total
    assert no_buyer > 0.02 * total
    assert null_time > 0


def test_evidence_parts_are_never_dropped(reviews_by_scenario):
    chat_scenarios = [
        s for s in review_scenarios("extortion") if s != "extortion/demand_in_review_only"
    ]
    chat_scenarios += [
        "false_claim/seller_ignored_but_replied",
        "false_claim/seller_rude_but_polite",
        "false_claim/seller_rude_claim_polite_chat",
        "competitor/supplier_probe_chat",
    ]
    for scenario in chat_scenarios:
        assert all(c.item.get("chat") for c in reviews_by_scenario[scenario]), scenario
    order_fact_scenarios = [s for s in review_scenarios("false_claim") if "seller_" not in s]
    for scenario in order_fact_scenarios:
        assert all("order" in c.item for c in reviews_by_scenario[scenario]), scenario
    for case in reviews_by_scenario["competitor/signals_only"]:
        assert "buyer" in case.item["order"]


# --------------------------------------------------------------------------------------------
# Time coherence
# --------------------------------------------------------------------------------------------


def test_review_timestamps_parse_and_are_ordered(reviews):
    for case in reviews:
        item = case.item
        order = item.get("order") or {}
        chain = [
            order.get("paid_at"),
            order.get("shipped_at"),
            order.get("delivered_at"),
            item.get("created_at"),
        ]
        if case.scenario == "normal/quality_verdict_before_delivery":
            # Written to be reviewed before the delivery scan: after shipping, before delivery.
            assert order.get("delivered_at") is None or _dt(item["created_at"]) < _dt(order["delivered_at"])
            chain.pop(2)
        moments = [_dt(value) for value in chain if value is not None]
        assert moments == sorted(moments), (case.scenario, chain)
        assert all(2025 <= m.year <= 2026 for m in moments)
        if order.get("refund_requested_at") and order.get("paid_at"):
            assert _dt(order["refund_requested_at"]) >= _dt(order["paid_at"])
        sent = [_dt(turn["sent_at"]) for turn in item.get("chat") or []]
        assert sent == sorted(sent), case.scenario
        if sent and order.get("paid_at"):
            assert sent[0] >= _dt(order["paid_at"]) - timedelta(days=3), case.scenario
        if sent and item.get("created_at"):
            assert sent[-1] <= _dt(item["created_at"]) + timedelta(days=3), case.scenario


def test_order_timestamps_parse_and_are_ordered(orders):
    for case in orders:
        item = case.item
        sent = [_dt(turn["sent_at"]) for turn in item["chat"]]
        assert sent == sorted(sent)
        if item["paid_at"] is None:
            continue
        paid = _dt(item["paid_at"])
        assert 2025 <= paid.year <= 2026
        if item["refund_requested_at"]:
            assert _dt(item["refund_requested_at"]) >= paid
        assert all(
            paid - timedelta(days=1) <= moment <= paid + timedelta(days=2) for moment in sent
        )


# --------------------------------------------------------------------------------------------
# Label semantics: claims vs facts, hard negatives
# --------------------------------------------------------------------------------------------


def _span(order: dict, start: str, end: str) -> timedelta:
    return _dt(order[end]) - _dt(order[start])


def _seller_answers_within(chat: list, limit: timedelta) -> bool:
    for position, turn in enumerate(chat):
        if turn["role"] != "buyer":
            continue
        later = [t for t in chat[position + 1 :] if t["role"] == "seller"]
        if not later or _dt(later[0]["sent_at"]) - _dt(turn["sent_at"]) > limit:
            return False
    return True


def test_false_claims_are_contradicted_by_the_facts(reviews_by_scenario):
    for case in reviews_by_scenario["false_claim/not_received_but_delivered"]:
        order = case.item["order"]
        assert order["logistics_status"] == "delivered"
        assert order["delivered_at"]
    for case in reviews_by_scenario["false_claim/slow_delivery_but_fast"]:
        assert _span(case.item["order"], "paid_at", "delivered_at") <= timedelta(days=3)
    for case in reviews_by_scenario["false_claim/not_shipped_but_shipped_fast"]:
        assert _span(case.item["order"], "paid_at", "shipped_at") <= timedelta(hours=24)
    for scenario in (
        "false_claim/seller_ignored_but_replied",
        "false_claim/seller_rude_but_polite",
    ):
        for case in reviews_by_scenario[scenario]:
            chat = case.item["chat"]
            assert any(turn["role"] == "seller" for turn in chat)
            assert _seller_answers_within(chat, timedelta(minutes=10))
    for case in reviews_by_scenario["false_claim/refund_refused_but_refunded"]:
        assert case.item["order"]["refund_status"] == "refunded"
    for case in reviews_by_scenario["normal/damage_claim_unverifiable"]:
        assert case.item["has_media"] is False
        assert not any("坏" in t["text"] or "少" in t["text"] for t in case.item.get("chat") or [])


def test_false_claim_texts_state_the_claim(reviews_by_scenario):
    patterns = {
        "false_claim/not_received_but_delivered": r"没收|没见到|没到手",
        "false_claim/slow_delivery_but_fast": r"天|星期|半个月",
        "false_claim/not_shipped_but_shipped_fast": r"发|發",
        "false_claim/seller_ignored_but_replied": r"客服|客付",
        "false_claim/seller_rude_but_polite": r"客服|客付",
        "false_claim/refund_refused_but_refunded": r"退|tui",
    }
    for scenario, pattern in patterns.items():
        for case in reviews_by_scenario[scenario]:
            text = case.item["text"].translate(TRADITIONAL_BACK)
            assert re.search(pattern, text), (scenario, case.item["text"])


def test_genuine_complaints_agree_with_the_facts(reviews_by_scenario):
    def with_order(scenario):
        return [c for c in reviews_by_scenario[scenario] if "order" in c.item]

    for case in with_order("normal/slow_delivery_genuine"):
        order = case.item["order"]
        if order.get("paid_at") and order.get("delivered_at"):
            assert _span(order, "paid_at", "delivered_at") >= timedelta(days=7)
    for case in with_order("normal/shipping_delay_genuine"):
        order = case.item["order"]
        if order.get("paid_at") and order.get("shipped_at"):
            assert _span(order, "paid_at", "shipped_at") >= timedelta(days=3)
    for case in with_order("normal/not_received_genuine"):
        assert case.item["order"]["delivered_at"] is None
        assert case.item["order"]["logistics_status"] in ("in_transit", "returned")
    for case in with_order("normal/refund_rejected_genuine"):
        assert case.item["order"]["refund_status"] == "rejected"
    media = [
        c.item.get("has_media") for c in reviews_by_scenario["normal/quality_complaint_with_media"]
    ]
    assert sum(bool(m) for m in media) >= 0.75 * len(media)


def test_ratings_follow_sentiment(reviews_by_scenario):
    for scenario in (
        "normal/short_positive",
        "normal/detailed_positive",
        "normal/price_or_cashback_inquiry",
    ):
        assert {c.item["rating"] for c in reviews_by_scenario[scenario]} <= {4, 5}, scenario
    for scenario in (
        "normal/slow_delivery_genuine",
        "normal/not_received_genuine",
        "normal/angry_money_complaint",
        "normal/quality_complaint_with_media",
        "normal/refund_rejected_genuine",
    ):
        assert {c.item["rating"] for c in reviews_by_scenario[scenario]} <= {1, 2, 3}, scenario
    extortion = [
        c.item["rating"] for s in review_scenarios("extortion") for c in reviews_by_scenario[s]
    ]
    assert sum(r <= 2 for r in extortion) >= 0.8 * len(extortion)


def test_everyday_talk_labelled_meaningless_never_refers_to_a_purchase():
    # The evidence a meaningless label needs is "no purchase reference": a generated unrelated
    # text that names an aspect or judges one would teach the model the opposite.
    for case in simulate_reviews(600, seed=7, scenarios=["meaningless/life_chatter"]):
        assert not purchase_reference(normalize_text(case.item["text"])), case.item["text"]


def test_meaningless_never_produces_short_genuine_reviews():
    cases = simulate_reviews(3000, seed=4, scenarios=review_scenarios("meaningless"))
    for case in cases:
        text = case.item["text"]
        assert not any(phrase in text for phrase in SHORT_GENUINE), text


def test_competitor_cases_carry_account_and_timing_signals_unless_their_words_or_questions_say_so(reviews_by_scenario):
    ordinary = 0
    for scenario in review_scenarios("competitor"):
        for case in reviews_by_scenario[scenario]:
            order = case.item.get("order")
            if not order or "buyer" not in order:
                continue
            buyer = order["buyer"]
            gap = (_dt(case.item["created_at"]) - _dt(order["delivered_at"])
                   if order.get("delivered_at") and case.item.get("created_at") else None)
            if buyer["account_age_days"] > 40:
                # An established account posting days later: only a rival who says so in words,
                # or whose chat asks about supply, costs or sales.
                ordinary += 1
                asked = any(probes_the_trade(turn["text"]) for turn in case.item.get("chat", []) if turn["role"] == "buyer")
                assert competitor_statements(case.item["text"]) or asked, case.item["text"]
                assert gap is None or gap >= timedelta(days=1)
                continue
            assert buyer["reviews_total"] >= 1
            assert buyer["negative_reviews_total"] == buyer["reviews_total"]
            if gap is not None:
                assert timedelta(minutes=3) <= gap <= timedelta(hours=2)
    assert ordinary > 0


def test_extortion_chat_ties_a_demand_to_a_review_threat(reviews_by_scenario):
    threat = re.compile(r"差评|差平|好评|hao评|追评|评价|投诉|一星|五星")
    for scenario in review_scenarios("extortion"):
        cases = reviews_by_scenario[scenario]
        if scenario == "extortion/demand_in_review_only":
            texts = [c.item["text"].translate(TRADITIONAL_BACK) for c in cases]
        else:
            texts = [
                " ".join(t["text"] for t in c.item["chat"] if t["role"] == "buyer").translate(
                    TRADITIONAL_BACK
                )
                for c in cases
            ]
        hits = sum(bool(threat.search(text)) for text in texts)
        assert hits >= 0.95 * len(texts), scenario


def test_ads_include_promotions_without_digits():
    cases = simulate_reviews(600, seed=8, scenarios=review_scenarios("ad"))
    digit = re.compile(r"[0-9０-９]")
    without_digits = sum(not digit.search(c.item["text"]) for c in cases)
    assert without_digits >= 0.15 * len(cases)
    assert sum(c.item["rating"] == 5 for c in cases) >= 0.5 * len(cases)


# --------------------------------------------------------------------------------------------
# Variety
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_text_variety_per_label(label):
    cases = simulate_reviews(1000, seed=21, scenarios=review_scenarios(label))
    texts = [c.item["text"] for c in cases]
    assert len(set(texts)) >= 0.8 * len(texts)
    chats = [" | ".join(t["text"] for t in c.item.get("chat") or []) for c in cases]
    chats = [chat for chat in chats if chat]
    if len(chats) >= 50:
        assert len(set(chats)) >= 0.8 * len(chats)


# --------------------------------------------------------------------------------------------
# Orders
# --------------------------------------------------------------------------------------------


def test_order_flags_match_scenarios(orders):
    grouped = _by_scenario(orders)
    assert set(grouped) == set(order_scenarios())
    for scenario, cases in grouped.items():
        assert {c.malicious for c in cases} == {scenario.startswith("order_malicious/")}


def test_order_scenarios_carry_their_signals(orders):
    grouped = _by_scenario(orders)
    for case in grouped["order_malicious/instant_refund"]:
        item = case.item
        assert item["refund_status"] == "requested"
        gap = _dt(item["refund_requested_at"]) - _dt(item["paid_at"])
        assert timedelta(minutes=1) <= gap <= timedelta(minutes=15)
    for case in grouped["order_malicious/address_flood_24h"]:
        if "same_address_orders_24h" in case.item:
            assert 3 <= case.item["same_address_orders_24h"] <= 20
    for case in grouped["order_malicious/buyer_flood_24h"]:
        if "same_buyer_orders_24h" in case.item:
            assert 3 <= case.item["same_buyer_orders_24h"] <= 15
    for case in grouped["order_malicious/provocative_chat"]:
        assert any(turn["role"] == "buyer" for turn in case.item["chat"])
    for case in grouped["order_malicious/new_serial_refunder"]:
        buyer = case.item["buyer"]
        assert buyer["account_age_days"] <= 15
        assert buyer["refunds_total"] >= 0.5 * buyer["orders_total"]
    for case in grouped["order_benign/company_bulk_purchase"]:
        assert case.item["buyer"]["account_age_days"] >= 700
        assert case.item["buyer"]["refunds_total"] <= 0.02 * case.item["buyer"]["orders_total"] + 1
    for case in grouped["order_benign/changed_mind_refund"]:
        if case.item["paid_at"]:
            assert _dt(case.item["refund_requested_at"]) - _dt(case.item["paid_at"]) >= timedelta(
                hours=2
            )
    for case in grouped["order_benign/rural_landmark_address"]:
        if "shipping_address" in case.item:
            assert re.search(r"省|自治区", case.item["shipping_address"])
            assert re.search(r"县", case.item["shipping_address"])


def test_ten_thousand_reviews_generate():
    cases = simulate_reviews(10_000, seed=99)
    assert len(cases) == 10_000
    assert len({c.item["review_id"] for c in cases}) == 10_000


# --------------------------------------------------------------------------------------------
# Coverage scenarios: genuine twins of known error classes, broader ads, self-identified rivals
# --------------------------------------------------------------------------------------------

TEXT_ONLY_NORMAL = (
    "normal/price_comparison_genuine",
    "normal/body_measurements",
    "normal/emoji_plus_word",
    "normal/very_short_any_mood",
    "normal/recommended_to_others",
    "normal/deal_mention_genuine",
    "normal/category_positive",
    "normal/category_negative",
    "normal/category_mixed",
)
COVERAGE_SCENARIOS = (
    "competitor/wholesaler_self_identified",
    "competitor/rival_invites_over",
    "ad/business_marketing_copy",
    "ad/store_discount_event",
    "ad/education_course",
    "ad/real_estate_offer",
    "ad/search_my_shop",
    "ad/daigou_service",
    "ad/group_buy_soft_invite",
    "ad/money_or_job_soft_pitch",
    "ad/long_promotional_message",
    "ad/company_letter",
    "ad/contact_only_five_star",
    "normal/wrong_item_seller_admits",
    "normal/slow_refund_genuine",
    "normal/seller_never_replied",
    "normal/seller_rude_genuine",
    "normal/late_delivery_facts_agree",
    "normal/polite_missing_item_chat",
    "normal/new_account_quick_complaint",
    *TEXT_ONLY_NORMAL,
)
# A way to get in touch (the mark of an ad), which genuine twins must never carry.
CONTACT = re.compile(r"微信|[vVwW][xX]|薇|QQ|扣扣|[0-9０-９]{7,}|电话|手机号|私我|私信|加我|主页|链接")
ADMITS = re.compile(r"发错|弄错|搞错|漏发|少发|漏装|我们的失误|我们的疏忽")
RUDE = re.compile(r"爱买不买|不会看|事怎么这么多|别买|想得美|你自己的问题|懂不懂|烦|穷|投诉啊|爱咋咋地|懒得|爱信不信|还想要什么|别乱说")
DEMAND = re.compile(r"差评|差平|追评|一星|投诉|转我|红包|赔|补偿|[0-9０-９]+\s*(元|块|r|米)")
CJK = re.compile(r"[\u4e00-\u9fff]")
FULLWIDTH_BACK = str.maketrans("０１２３４５６７８９", "0123456789")
COVERAGE_N = 150


@pytest.fixture(scope="module")
def coverage():
    return {s: simulate_reviews(COVERAGE_N, seed=13, scenarios=[s]) for s in COVERAGE_SCENARIOS}


def _texts(cases):
    return [c.item["text"].translate(TRADITIONAL_BACK) for c in cases]


def _turns(case, role):
    return [t for t in case.item.get("chat") or [] if t["role"] == role]


def test_coverage_scenarios_are_listed_and_old_ids_kept():
    listed = review_scenarios()
    assert set(COVERAGE_SCENARIOS) <= set(listed)
    # The coverage scenarios come after the original ones, so round-robin cases keep their order.
    assert listed[-len(COVERAGE_SCENARIOS) :] == list(COVERAGE_SCENARIOS)
    from training.config import load_config

    held = load_config("default").dataset.holdout_scenarios
    assert set(held) <= set(listed) | set(order_scenarios())
    assert "competitor/first_person_shop_talk" in held


def test_coverage_scenarios_validate_against_the_schema(coverage):
    from features.schema import validate_review

    for scenario, cases in coverage.items():
        assert {c.label for c in cases} == {scenario.split("/")[0]}
        for case in cases:
            validate_review(case.item)


@pytest.mark.parametrize("scenario", COVERAGE_SCENARIOS)
def test_coverage_scenarios_are_deterministic(scenario):
    first = simulate_reviews(25, seed=3, scenarios=[scenario])
    assert first == simulate_reviews(25, seed=3, scenarios=[scenario])
    other = simulate_reviews(25, seed=4, scenarios=[scenario])
    assert sum(a.item["text"] == b.item["text"] for a, b in zip(first, other, strict=True)) < 20


def test_coverage_timestamps_are_coherent(coverage):
    test_review_timestamps_parse_and_are_ordered([c for cases in coverage.values() for c in cases])


def test_wrong_item_twin_has_the_seller_admitting_it(coverage):
    for case in coverage["normal/wrong_item_seller_admits"]:
        sellers = _turns(case, "seller")
        assert any(ADMITS.search(t["text"]) for t in sellers), case.item["chat"]
        assert case.item["chat"][0]["role"] == "buyer"
        assert 2 <= case.item["rating"] <= 4


def test_slow_refund_twin_was_requested_days_before_the_review(coverage):
    for case in coverage["normal/slow_refund_genuine"]:
        order = case.item["order"]
        assert order["refund_status"] in ("requested", "refunded")
        waited = _dt(case.item["created_at"]) - _dt(order["refund_requested_at"])
        assert waited >= timedelta(days=5)
        assert re.search(r"退|tui", case.item["text"].translate(TRADITIONAL_BACK))
        claimed = [int(n) for n in re.findall(r"(\d+)天", case.item["text"].translate(FULLWIDTH_BACK))]
        assert all(n <= waited.days for n in claimed), case.item["text"]


def test_no_reply_twin_has_no_seller_turn(coverage):
    for case in coverage["normal/seller_never_replied"]:
        assert not _turns(case, "seller")
        assert len(_turns(case, "buyer")) >= 2


def test_rude_twin_has_a_rude_seller_turn(coverage):
    for case in coverage["normal/seller_rude_genuine"]:
        assert any(RUDE.search(t["text"]) for t in _turns(case, "seller")), case.item["chat"]


def test_new_account_quick_complaint_twin_has_no_rival_history(coverage):
    for case in coverage["normal/new_account_quick_complaint"]:
        buyer, order = case.item["order"]["buyer"], case.item["order"]
        assert buyer["account_age_days"] <= 10 and case.item["rating"] <= 2
        assert timedelta(0) <= _dt(case.item["created_at"]) - _dt(order["delivered_at"]) <= timedelta(hours=2)
        assert not (buyer["reviews_total"] >= 2 and buyer["negative_reviews_total"] == buyer["reviews_total"])
        assert not CONTACT.search(case.item["text"])


def test_late_delivery_twin_is_really_late_and_claims_no_more_days(coverage):
    for case in coverage["normal/late_delivery_facts_agree"]:
        order = case.item["order"]
        shipping = _span(order, "paid_at", "shipped_at")
        total = _span(order, "paid_at", "delivered_at")
        assert shipping >= timedelta(days=3) or total >= timedelta(days=7)
        claimed = [int(n) for n in re.findall(r"(\d+)天", case.item["text"].translate(FULLWIDTH_BACK))]
        assert all(n <= total.days for n in claimed), case.item["text"]


def test_polite_missing_item_chat_holds_no_demand(coverage):
    for case in coverage["normal/polite_missing_item_chat"]:
        buyer = _turns(case, "buyer")
        assert buyer and _turns(case, "seller")
        for turn in buyer:
            assert not DEMAND.search(turn["text"].translate(TRADITIONAL_BACK)), turn["text"]
        assert case.item["rating"] >= 3


def test_text_only_twins_carry_no_contact(coverage):
    for scenario in TEXT_ONLY_NORMAL:
        for text in _texts(coverage[scenario]):
            assert not CONTACT.search(text), (scenario, text)


def test_measurement_twin_has_digit_measurements(coverage):
    measurement = re.compile(r"[0-9０-９]{2,3}|[0-9]\.[0-9]|[SMLX]")
    for text in _texts(coverage["normal/body_measurements"]):
        assert measurement.search(text), text


def test_price_comparison_twin_names_another_channel(coverage):
    for text in _texts(coverage["normal/price_comparison_genuine"]):
        assert re.search(r"淘宝|拼多多|京[东東]|直播间|超市|[实實][体體]店", text), text


def test_short_twins_are_short(coverage):
    for text in _texts(coverage["normal/emoji_plus_word"]):
        words = CJK.findall(re.sub(r"\[[^\]]*\]", "", text))
        assert 1 <= len(words) <= 2 or text.startswith("hao"), text
        assert len(words) < len(text)  # the emoji
    ratings = set()
    for case in coverage["normal/very_short_any_mood"]:
        core = CJK.findall(case.item["text"])
        assert 1 <= len(core) <= 6, case.item["text"]
        ratings.add(case.item["rating"])
    assert min(ratings) <= 2 and max(ratings) >= 4


def test_category_twins_cover_many_categories(coverage):
    texts = " ".join(
        text for s in review_scenarios("normal") if s.startswith("normal/category_") for text in _texts(coverage[s])
    )
    markers = ("适口性", "猫", "狗", "安装", "晃", "肤感", "过敏", "新鲜", "茶", "宝宝", "孔位", "帐篷", "叶子", "印刷",
               "锅", "容量", "镀层", "噪音", "加热")
    assert sum(marker in texts for marker in markers) >= 12


def test_new_ads_are_promotional_often_without_digits(coverage):
    markers = {
        "ad/store_discount_event": r"折|满|清仓|店庆|促|送|半价|包邮|开业|会员日|年货",
        "ad/education_course": r"招生|开课|班|课程|辅导|学",
        "ad/real_estate_offer": r"房|盘|首付|置业|刚需",
        "ad/search_my_shop": r"搜|关注|直播间|店|主页|橱窗|了解一下|更多款式",
        "ad/daigou_service": r"代购|直邮|帮带",
        "ad/group_buy_soft_invite": r"团|拼",
        "ad/money_or_job_soft_pitch": r"借|贷|招|兼职|代理|征信|副业|提额|下款|放款|用钱|缺钱|月入",
        "ad/business_marketing_copy": r"本公司|我司|长期提供|推出|诚招|代开|新品上市|老板|周年庆",
    }
    digit = re.compile(r"[0-9０-９]")
    for scenario, pattern in markers.items():
        texts = _texts(coverage[scenario])
        assert all(re.search(pattern, text) for text in texts), scenario
        assert sum(not digit.search(text) for text in texts) >= 0.4 * len(texts), scenario


def test_long_ads_run_long_and_carry_the_evidence_their_label_needs(coverage):
    # Generated reviews are otherwise short while real genuine ones run long: without long ads a
    # model learns "long means genuine".  Each long ad must still quote an offer, handle or contact.
    from features.evidence import review_evidence
    from features.schema import validate_review

    for scenario in ("ad/long_promotional_message", "ad/company_letter"):
        cases = coverage[scenario]
        lengths = sorted(len(case.item["text"]) for case in cases)
        assert lengths[len(lengths) // 2] >= 80, scenario
        assert all(review_evidence(validate_review(case.item)).supports("ad") for case in cases), scenario


def test_contact_only_ad_is_five_stars_and_nothing_but_contacts(coverage):
    digits = re.compile(r"[0-9０-９零一二三四五六七八九〇幺]")
    for case in coverage["ad/contact_only_five_star"]:
        text = case.item["text"]
        assert case.item["rating"] == 5
        assert re.search(r"[薇微威Vv]|卫星|🛰|wei", text), text
        assert len(digits.findall(text)) >= 7, text
        assert not re.search(r"不错|满意|好评|喜欢|推荐|质量|好用|划算", text), text


def test_a_rival_inviting_readers_over_says_it_is_a_seller(coverage):
    """The rival's invitation (橱窗, 主页, 私我) is an ad's word; the self-identification makes it
    competitor, so every text must carry it, and none may copy the held-out phrasings."""
    held_out = re.compile(r"我们店也卖|我家也做这个|我们自己店里|本人就是做|我们也是做这行|我自己家就是卖")
    invitation = re.compile(r"橱窗|主页|私我|私聊|头像|来我|滴滴我|直播间")
    cases = coverage["competitor/rival_invites_over"]
    for case in cases:
        text = case.item["text"].translate(TRADITIONAL_BACK)
        assert invitation.search(text) and not held_out.search(text), text
        assert case.label == "competitor" and case.item["rating"] in (1, 2, 3)
    assert {c.item["rating"] for c in cases} == {1, 2, 3}
    # The typing noise may hide it, as a real typo does ("我也是卖生鲜得"), but rarely.
    said = sum(bool(competitor_statements(c.item["text"].translate(TRADITIONAL_BACK))) for c in cases)
    assert said >= 0.9 * len(cases)


def test_self_identified_rival_differs_from_the_held_out_phrasings(coverage):
    held_out = re.compile(r"我们店也卖|我家也做这个|我们自己店里|本人就是做|我们也是做这行|我自己家就是卖")
    for text in _texts(coverage["competitor/wholesaler_self_identified"]):
        assert re.search(r"同行|批发|进价|拿货价|档口|工厂|厂里|干这行|开店的|做了十来年", text), text
        assert not held_out.search(text), text
