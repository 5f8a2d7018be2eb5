import json

import pytest

from features.schema import (
    MAX_TEXT_CHARS,
    RecordError,
    flat_to_nested,
    orders_to_frame,
    reviews_to_frame,
    validate_order,
    validate_review,
)


def test_minimal_review_needs_only_id_text_rating():
    item = validate_review({"review_id": "r1", "text": "不错", "rating": 5})
    assert item.chat == [] and item.order is None and item.has_media is False


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"text": "x", "rating": 5}, "review_id"),
        ({"review_id": "r", "rating": 5}, "text"),
        ({"review_id": "r", "text": "x"}, "rating"),
        ({"review_id": "r", "text": "x", "rating": 6}, "rating"),
        ({"review_id": "r", "text": "x", "rating": "five"}, "rating"),
        ({"review_id": "r", "text": "x" * (MAX_TEXT_CHARS + 1), "rating": 5}, "text"),
        ({"review_id": "r", "text": "x", "rating": 5, "created_at": "yesterday"}, "created_at"),
        ({"review_id": "r", "text": "x", "rating": 5, "chat": [{"role": "cat", "text": "hi"}]}, "chat.0.role"),
        ({"review_id": "r", "text": "x", "rating": 5, "order": {"logistics_status": "lost"}}, "order.logistics_status"),
        ({"review_id": "r", "text": "x", "rating": 5, "order": {"buyer": {"account_age_days": -1}}},
         "order.buyer.account_age_days"),
    ],
)
def test_bad_review_names_the_field(record, field):
    with pytest.raises(RecordError) as info:
        validate_review(record)
    assert any(error.startswith(field + ":") for error in info.value.errors), info.value.errors


def test_naive_timestamps_are_beijing_time():
    item = validate_review({"review_id": "r", "text": "x", "rating": 5, "created_at": "2026-10-10T17:00:00"})
    assert item.created_at.utcoffset().total_seconds() == 8 * 3600


def test_flat_row_with_json_columns_and_buyer_column():
    row = {"review_id": "r", "text": "x", "rating": "4", "has_media": "true", "chat": json.dumps([{"role": "buyer", "text": "hi"}]),
           "buyer": json.dumps({"account_age_days": 3}), "label": "normal", "extra": float("nan")}
    item = validate_review(flat_to_nested(row))
    assert item.rating == 4 and item.has_media is True
    assert item.chat[0].text == "hi"
    assert item.order.buyer.account_age_days == 3


def test_flat_row_with_broken_json_names_the_column():
    with pytest.raises(RecordError, match="^order: not valid JSON"):
        flat_to_nested({"review_id": "r", "text": "x", "rating": 5, "order": "{not json"})


def test_flat_row_with_invalid_utf8_names_the_column():
    bad = b"\xff\xfe".decode("utf-8", errors="surrogateescape")
    with pytest.raises(RecordError, match="^text: invalid UTF-8"):
        flat_to_nested({"review_id": "r", "text": "ok" + bad, "rating": 5})


def test_frames_have_fixed_columns_and_json_cells():
    review = validate_review({"review_id": "r", "text": "x", "rating": 2, "chat": [{"role": "buyer", "text": "在吗"}],
                              "order": {"order_id": "o", "amount": 10}})
    frame = reviews_to_frame([review])
    assert list(frame.columns) == ["review_id", "text", "rating", "created_at", "has_media", "chat", "order"]
    assert json.loads(frame.loc[0, "order"])["amount"] == 10
    assert json.loads(frame.loc[0, "chat"])[0]["text"] == "在吗"
    order = validate_order({"order_id": "o", "shipping_address": "某小区门口", "chat": [{"role": "buyer", "text": "快发"}]})
    frame = orders_to_frame([order])
    assert list(frame.columns) == ["order_id", "order", "chat"]
    assert "chat" not in json.loads(frame.loc[0, "order"])


def test_order_item_requires_order_id():
    with pytest.raises(RecordError, match="order_id"):
        validate_order({"amount": 10})


@pytest.mark.parametrize(("record", "field"), [
    ({"review_id": "r", "text": "a", "rating": True}, "rating"),
    ({"review_id": "r", "text": "a", "rating": 1, "order": {"buyer": {"orders_total": True}}}, "order.buyer.orders_total"),
    ({"review_id": "r", "text": "a", "rating": 1, "order": {"amount": False}}, "order.amount"),
])
def test_a_boolean_is_not_a_number(record, field):
    # pydantic's lax mode would read true as 1: the API document says number, so it is refused.
    with pytest.raises(RecordError) as raised:
        validate_review(record)
    assert any(error.startswith(field) for error in raised.value.errors)


def test_the_api_document_keeps_the_numeric_bounds():
    from features.schema import OrderFacts, ReviewItem

    count = OrderFacts.model_json_schema()["properties"]["same_buyer_orders_24h"]["anyOf"][0]
    amount = OrderFacts.model_json_schema()["properties"]["amount"]["anyOf"][0]
    rating = ReviewItem.model_json_schema()["properties"]["rating"]
    assert (count["minimum"], count["maximum"]) == (0, 10_000_000) and amount["minimum"] == 0
    assert (rating["minimum"], rating["maximum"]) == (1, 5)
