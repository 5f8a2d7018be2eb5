"""Missing-data injection: optional parts of a case are omitted in a realistic share of cases."""

from __future__ import annotations

import random

P_DROP_ORDER = 0.15
P_DROP_CHAT = 0.30
P_NO_TEXT = 0.04
P_DROP_BUYER = 0.10
P_NULL_TIMESTAMP = 0.06
P_DROP_ORDER_FIELD = 0.04
P_DROP_MEDIA = 0.05
P_DROP_CREATED = 0.03
OPTIONAL_ORDER_FIELDS = (
    "shipping_address",
    "same_address_orders_24h",
    "same_buyer_orders_24h",
    "quantity",
    "refund_requested_at",
)


def degrade_review(rng: random.Random, item: dict, needs: frozenset[str], *, text_free: bool = False) -> None:
    """Omit optional parts in a realistic share of cases; never the parts that carry the label.

    ``text_free``: the label's evidence is not in the review text, so the buyer may also have
    left no text at all (the platform then shows a default line): the model must judge such a
    review by its chat and facts, and never learn "no text" as a label of its own.
    """
    if text_free and rng.random() < P_NO_TEXT:
        item["text"] = rng.choice(("", "此用户未填写评价内容", "该用户觉得商品较好，给出了好评" if item["rating"] >= 4 else ""))
    if "chat" not in needs and item.get("chat") and rng.random() < P_DROP_CHAT:
        item["chat"] = []
    if not item["chat"] and rng.random() < 0.5:  # absent and empty chats both occur in real exports
        del item["chat"]
    if "order" not in needs and rng.random() < P_DROP_ORDER:
        del item["order"]
    if "media" not in needs and rng.random() < P_DROP_MEDIA:
        del item["has_media"]
    if "timestamps" not in needs and rng.random() < P_DROP_CREATED:
        del item["created_at"]
    order = item.get("order")
    if order is None:
        return
    _degrade_order(rng, order, needs)


def _degrade_order(rng: random.Random, order: dict, needs: frozenset[str]) -> None:
    if "buyer" not in needs and "buyer" in order and rng.random() < P_DROP_BUYER:
        del order["buyer"]
    if "timestamps" not in needs and rng.random() < P_NULL_TIMESTAMP:
        present = [key for key in ("paid_at", "shipped_at", "delivered_at") if order.get(key)]
        if present:
            order[rng.choice(present)] = None
    if rng.random() < P_DROP_ORDER_FIELD:
        key = rng.choice(OPTIONAL_ORDER_FIELDS)
        if key != "refund_requested_at" or "timestamps" not in needs:
            order.pop(key, None)
