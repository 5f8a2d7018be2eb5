import math

import numpy as np
import pytest

from features.behaviour import (
    CONTRADICTION_NAMES,
    REVIEW_NUMERIC_NAMES,
    address_flags,
    claim_fact_contradictions,
    review_numeric_features,
)
from features.order_rules import HARSH_ACTIONS, OrderReason, recommend
from features.pipeline import make_order_features, make_review_features
from features.schema import (
    orders_to_frame,
    parse_timestamp,
    reviews_to_frame,
    validate_order,
    validate_review,
)
from features.signals import claims
from features.text import normalize_text

PAID = "2026-10-01T10:00:00+08:00"


def verdicts(text, order=None, chat=None):
    values = claim_fact_contradictions(claims(normalize_text(text)), order, chat)
    return dict(zip(CONTRADICTION_NAMES, values, strict=True))


def test_not_received_vs_delivered_is_a_contradiction():
    delivered = {"paid_at": PAID, "delivered_at": "2026-10-03T10:00:00+08:00", "logistics_status": "delivered"}
    in_transit = {"paid_at": PAID, "logistics_status": "in_transit"}
    assert verdicts("根本没收到货", delivered)["fact_vs_not_received"] == 1.0
    assert verdicts("根本没收到货", in_transit)["fact_vs_not_received"] == -1.0
    assert math.isnan(verdicts("根本没收到货", None)["fact_vs_not_received"])
    assert verdicts("质量很好", delivered)["fact_vs_not_received"] == 0.0


def test_slow_delivery_claim_against_days():
    fast = {"paid_at": PAID, "delivered_at": "2026-10-03T10:00:00+08:00"}
    slow = {"paid_at": PAID, "delivered_at": "2026-10-15T10:00:00+08:00"}
    assert verdicts("半个月才到", fast)["fact_vs_slow_delivery"] == 1.0
    assert verdicts("半个月才到", slow)["fact_vs_slow_delivery"] == -1.0


def test_no_reply_claim_against_chat():
    answered = [{"role": "buyer", "text": "在吗", "sent_at": "2026-10-02T10:00:00+08:00"},
                {"role": "seller", "text": "亲，您好", "sent_at": "2026-10-02T10:03:00+08:00"}]
    ignored = [{"role": "buyer", "text": "在吗", "sent_at": "2026-10-02T10:00:00+08:00"}]
    assert verdicts("客服不回复", None, answered)["fact_vs_no_reply"] == 1.0
    assert verdicts("客服不回复", None, ignored)["fact_vs_no_reply"] == -1.0


def test_refund_claim_against_refund_status():
    assert verdicts("不给退款", {"refund_status": "refunded"})["fact_vs_refund_refused"] == 1.0
    assert verdicts("不给退款", {"refund_status": "rejected"})["fact_vs_refund_refused"] == -1.0


def test_vague_address():
    assert address_flags("某小区门口")[0] == 1.0
    assert address_flags("浙江省杭州市西湖区文三路100号3栋201室")[0] == 0.0
    assert address_flags("河南省周口市某某县李庄村委会旁边小卖部代收")[0] == 0.0
    assert all(math.isnan(v) for v in address_flags(None))


def test_review_features_degrade_gracefully_without_optional_parts():
    values = review_numeric_features(text_norm="不错", buyer_chat_norm="", rating=5, has_media=False,
                                     created_at=None, chat=None, order=None)
    assert len(values) == len(REVIEW_NUMERIC_NAMES)
    named = dict(zip(REVIEW_NUMERIC_NAMES, values, strict=True))
    assert named["has_order"] == 0.0 and math.isnan(named["account_age_days"])
    assert math.isnan(named["hours_delivered_to_review"])


def test_hours_delivered_to_review():
    values = review_numeric_features(
        text_norm="差评", buyer_chat_norm="", rating=1, has_media=False,
        created_at=parse_timestamp("2026-10-03T10:30:00+08:00"), chat=None,
        order={"paid_at": PAID, "delivered_at": "2026-10-03T10:00:00+08:00"})
    assert dict(zip(REVIEW_NUMERIC_NAMES, values, strict=True))["hours_delivered_to_review"] == 0.5


def test_feature_pipelines_accept_missing_columns_and_pickle():
    import pickle

    items = [validate_review({"review_id": f"r{i}", "text": t, "rating": r})
             for i, (t, r) in enumerate([("不错不错", 5), ("质量差,差评", 1), ("给我转30元我马上删差评", 1)])]
    frame = reviews_to_frame(items)
    pipeline = make_review_features(min_df=1).fit(frame)
    clone = pickle.loads(pickle.dumps(pipeline))
    full = clone.transform(frame)
    reduced = clone.transform(frame[["review_id", "text", "rating"]])  # no chat/order columns at all
    assert full.shape == reduced.shape
    assert np.allclose(full.toarray(), pipeline.transform(frame).toarray(), equal_nan=True)

    orders = orders_to_frame([validate_order({"order_id": "o1", "shipping_address": "某小区门口",
                                              "chat": [{"role": "buyer", "text": "你发货试试"}]}),
                              validate_order({"order_id": "o2"})])
    matrix = make_order_features(min_df=1).fit_transform(orders)
    assert matrix.shape[0] == 2


def test_review_features_carry_the_claim_contradiction():
    order = {"paid_at": PAID, "delivered_at": "2026-10-03T10:00:00+08:00", "logistics_status": "delivered"}
    values = review_numeric_features(text_norm=normalize_text("根本没收到货"), buyer_chat_norm="", rating=1,
                                     has_media=False, created_at=None, chat=None, order=order)
    named = dict(zip(REVIEW_NUMERIC_NAMES, values, strict=True))
    assert named["review_claim_not_received"] == 1.0
    assert named["fact_vs_not_received"] == 1.0 and named["any_contradiction"] == 1.0


@pytest.mark.parametrize("address", ["四川省南充市仪陇县柳林镇张庄村5社", "河南省周口市郸城县新集乡后李村三组",
                                     "贵州省毕节市大方县双河镇东湾村2队"])
def test_a_complete_rural_address_is_not_vague(address):
    assert address_flags(address)[0] == 0.0


@pytest.mark.parametrize("risk", [0.71, 0.95, 1.0])
def test_no_harsh_order_action_without_a_stated_reason(risk):
    level, action, _prevention = recommend(risk, [])
    assert level == "high" and action == "confirm_with_buyer"
    reason = OrderReason(code="same_address_burst", text="24小时内同一地址下单 6 笔")
    assert recommend(risk, [reason])[1] in HARSH_ACTIONS
    # A new account describes the buyer, not what they did: alone it holds no order.
    new_account = OrderReason(code="new_account", text="新注册账号（0 天）")
    assert recommend(risk, [new_account])[1] == "confirm_with_buyer"
    assert recommend(risk, [new_account, reason])[1] in HARSH_ACTIONS


ESTABLISHED = {"account_age_days": 900, "orders_total": 60, "refunds_total": 2, "reviews_total": 20,
               "negative_reviews_total": 1}


@pytest.mark.parametrize(("buyer", "burst"), [
    (ESTABLISHED, False),                                   # family and gift orders of a loyal account
    ({**ESTABLISHED, "account_age_days": 20}, True),        # a young account
    ({**ESTABLISHED, "refunds_total": 40}, True),           # refunds most of what it buys
    ({**ESTABLISHED, "negative_reviews_total": 15}, True),  # mostly bad reviews
    (None, True),                                           # nothing known about the buyer
])
def test_several_orders_in_a_day_are_a_burst_unless_the_account_is_established(buyer, burst):
    from features.order_rules import reasons_for
    codes = {r.code for r in reasons_for({"same_buyer_orders_24h": 3, "buyer": buyer}, [])}
    assert ("same_buyer_burst" in codes) == burst


@pytest.mark.parametrize(("buyer", "own_orders", "burst"), [
    (ESTABLISHED, 1, False),                      # one neighbour's order to a dormitory's pickup station
    (ESTABLISHED, 4, False),                      # a loyal account's family buying on a sale night
    ({**ESTABLISHED, "account_age_days": 3}, 1, True),  # a new account among many: a fake-order ring's sign
    ({**ESTABLISHED, "refunds_total": 40}, 1, True),    # refunds most of what it buys
    (None, 1, True),
])
def test_many_orders_to_one_address_are_no_burst_of_an_established_account(buyer, own_orders, burst):
    from features.order_rules import reasons_for
    order = {"same_address_orders_24h": 12, "same_buyer_orders_24h": own_orders, "buyer": buyer}
    assert ("same_address_burst" in {r.code for r in reasons_for(order, [])}) == burst


@pytest.mark.parametrize(("address", "orders", "burst"), [
    ("江西省南昌市新建区江西财经大学麦庐园校区菜鸟驿站", 3, False),  # a campus station: many households
    ("江西省南昌市新建区江西财经大学麦庐园校区菜鸟驿站", 12, True),
    ("江西省南昌市新建区丰和中大道1号3栋2单元501", 3, True),
])
def test_a_pickup_station_takes_more_orders_before_they_are_a_burst(address, orders, burst):
    from features.order_rules import reasons_for
    order = {"shipping_address": address, "same_address_orders_24h": orders, "same_buyer_orders_24h": 1,
             "buyer": {"account_age_days": 8, "orders_total": 1}}
    assert ("same_address_burst" in {r.code for r in reasons_for(order, [])}) == burst


@pytest.mark.parametrize(("messages", "provocative"), [
    (["上次收了我80辅材费", "再乱收钱我就投诉到平台"], False),   # fair service pressed for
    (["如果发错了我就差评"], False),
    (["再不给我便宜我就差评"], True),                          # a price pressed for with a review
    (["你敢发货我就投诉"], True),
    (["收到就给你差评"], True),
    (["上次在别家买的花第二天就蔫了，我给了差评。希望你们花材新鲜点"], False),  # a review of the past told
    (["我之前投诉过一家，这次希望别出问题"], False),
])
def test_a_complaint_held_over_the_shops_own_conduct_is_not_provocation(messages, provocative):
    from features.order_rules import reasons_for
    codes = {r.code for r in reasons_for({}, [{"role": "buyer", "text": m} for m in messages])}
    assert ("provocative_chat" in codes) == provocative


@pytest.mark.parametrize(("message", "reason"), [
    ("我妈不小心点了两次，付了两次钱，麻烦退掉一单", False),
    ("尺码拍错了，我重新拍一个", False),
    ("没领上国补券，按原价付了，这单退了我重新领券拍", False),
    ("不想要了", True),
])
def test_a_refund_right_after_paying_for_the_buyers_own_slip_is_no_reason(message, reason):
    from features.order_rules import reasons_for
    order = {"paid_at": "2026-11-20T09:12:00+08:00", "refund_requested_at": "2026-11-20T09:19:00+08:00"}
    codes = {r.code for r in reasons_for(order, [{"role": "buyer", "text": message}])}
    assert ("refund_right_after_paying" in codes) == reason


def test_chat_structure_counts_replies_politeness_and_last_buyer_message():
    from features.behaviour import _chat_facts, chat_structure

    chat = [
        {"role": "buyer", "text": "在吗", "sent_at": "2026-10-01T10:00:00+08:00"},
        {"role": "buyer", "text": "什么时候发货", "sent_at": "2026-10-01T10:05:00+08:00"},
        {"role": "seller", "text": "亲，今天发", "sent_at": "2026-10-01T10:30:00+08:00"},
        {"role": "system", "text": "订单已发货"},
        {"role": "buyer", "text": "不发货就给你差评", "sent_at": None},
        {"role": "seller", "text": "爱买不买", "sent_at": "2026-10-01T11:00:00+08:00"},
    ]
    structure, last_buyer = _chat_facts(chat)
    # 3 buyer and 2 seller messages; one reply, 30 minutes after the first unanswered message.
    assert structure[:5] == [3.0, 2.0, 30.0, 0.5, 1.0]
    assert structure[5] >= 1.0  # 给你差评 is a provocation
    assert last_buyer == parse_timestamp("2026-10-01T10:05:00+08:00")  # the last *dated* one
    assert chat_structure(chat) == structure
    empty, none = _chat_facts(None)
    assert empty[:2] == [0.0, 0.0] and all(math.isnan(v) for v in empty[2:5]) and empty[5] == 0.0 and none is None


@pytest.mark.parametrize(("message", "rude"), [
    ("要退自己退，别来烦我", True), ("你事怎么这么多", True), ("嫌贵就别买", True), ("随便你，爱咋咋地", True),
    # Words that only contain an insult's letters or character are polite service.
    ("Usb转VGA不支持苹果哦", False), ("链接在html页面里", False), ("祝您财源滚滚", False), ("亲，请稍等", False),
    ("有事多联系哦", False), ("您还想要什么颜色呢", False), ("就这价格你还想要什么质量", True),
])
def test_a_seller_who_dismisses_the_buyer_is_rude(message, rude):
    from features.behaviour import chat_structure
    structure = chat_structure([{"role": "buyer", "text": "能换吗"}, {"role": "seller", "text": message}])
    assert structure[4] == float(rude)
