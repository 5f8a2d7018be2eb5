"""Order reasons and recommended actions (恶意下单, scored before shipping).

The model gives the risk; these rules explain it in the appeal guide's terms and pick the
action.  They live here, beside the features, because serving applies them to every order
and training evaluates them (the confusion of recommended actions) with the same code.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from features.behaviour import address_flags
from features.decision import order_level
from features.schema import OrderItem
from features.text import normalize_text


class OrderReason(BaseModel):
    """Why an order looks risky: a stable code and Chinese text for shop staff."""

    code: str
    text: str


_PROVOCATIVE = re.compile(
    r"(?:试试|等着|走着瞧|找茬|专门|别想|敢发|你发货|收到就|差评|搞你|整你|后果|投诉)"
)

ACTION_NOTES = {
    "ship": "正常发货。",
    "confirm_with_buyer": "先通过飞鸽与买家确认收货地址和订单信息，对方不回复或回复异常再升级处理。",
    "delay_and_report": "延迟发货，并通过【商家保障中心】->【恶意行为报备】提交证据；审核通过后该订单的指标影响会被剔除。",
    "mark_out_of_stock": "在发货时限内【申请缺货】可避免损失，但会计入店铺缺货率，仅在确认恶意且无法报备时使用。",
}


def order_reasons(item: OrderItem) -> list[OrderReason]:
    """Human-readable reasons (code + Chinese text) found in an order's facts and chat."""
    reasons: list[OrderReason] = []
    vague, _length, _units = address_flags(item.shipping_address)
    if vague == 1.0:
        reasons.append(OrderReason(code="vague_address", text=f"收货地址模糊：“{item.shipping_address}”"))
    if (item.same_address_orders_24h or 0) >= 3:
        reasons.append(OrderReason(code="same_address_burst",
                                   text=f"24小时内同一地址下单 {item.same_address_orders_24h} 笔"))
    if (item.same_buyer_orders_24h or 0) >= 3:
        reasons.append(OrderReason(code="same_buyer_burst",
                                   text=f"24小时内同一买家下单 {item.same_buyer_orders_24h} 笔"))
    if item.paid_at and item.refund_requested_at:
        minutes = (item.refund_requested_at - item.paid_at).total_seconds() / 60
        if 0 <= minutes <= 30:
            reasons.append(OrderReason(code="refund_right_after_paying",
                                       text=f"付款后 {minutes:.0f} 分钟即申请退款"))
    for message in item.chat:
        if message.role == "buyer" and _PROVOCATIVE.search(normalize_text(message.text)):
            reasons.append(OrderReason(code="provocative_chat", text=f"飞鸽沟通语气挑衅：“{message.text[:60]}”"))
            break
    buyer = item.buyer
    if buyer and buyer.account_age_days is not None and buyer.account_age_days <= 7:
        reasons.append(OrderReason(code="new_account", text=f"新注册账号（{buyer.account_age_days} 天）"))
    if buyer and buyer.orders_total and buyer.refunds_total is not None and buyer.orders_total >= 3:
        share = buyer.refunds_total / buyer.orders_total
        if share >= 0.5:
            reasons.append(OrderReason(code="serial_refunder",
                                       text=f"历史退款率 {share:.0%}（{buyer.refunds_total}/{buyer.orders_total}）"))
    return reasons


def recommend(risk: float, reasons: list[OrderReason]) -> tuple[str, str, list[str]]:
    """(level, action, 防控中心 settings) for a risk score and its reasons."""
    level = order_level(risk)
    codes = {r.code for r in reasons}
    if level == "low":
        action = "ship"
    elif level == "medium":
        action = "confirm_with_buyer"
    elif codes & {"same_address_burst", "same_buyer_burst"} and "provocative_chat" in codes:
        action = "mark_out_of_stock"
    else:
        action = "delay_and_report"
    prevention: list[str] = []
    if level != "low":
        prevention.append("防控中心：开启“风险用户预警”")
    if codes & {"same_buyer_burst"}:
        prevention.append("防控中心：设置同一用户限购1件")
    if codes & {"same_address_burst"}:
        prevention.append("防控中心：设置下单频率（如24小时内同一地址只能下单2次）")
    return level, action, prevention
