"""Order reasons and recommended actions (恶意下单, scored before shipping).

The model gives the risk; these rules explain it in the appeal guide's terms and pick the
action.  They live here, beside the features, because serving applies them to every order
and training evaluates them (the confusion of recommended actions) with the same code.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from features.behaviour import address_flags
from features.constants import (
    BURST_ORDERS_24H,
    ESTABLISHED_ACCOUNT_DAYS,
    ESTABLISHED_MAX_NEGATIVE_SHARE,
    ESTABLISHED_MIN_ORDERS,
    NEW_ORDER_ACCOUNT_DAYS,
    PICKUP_POINT_BURST_ORDERS_24H,
    REFUND_RIGHT_AFTER_PAYING_MINUTES,
    SERIAL_REFUNDER_MIN_ORDERS,
    SERIAL_REFUNDER_RATE,
)
from features.decision import order_level
from features.schema import OrderItem, parse_timestamp
from features.text import normalize_text


class OrderReason(BaseModel):
    """Why an order looks risky: a stable code and Chinese text for shop staff."""

    code: str
    text: str


_PROVOCATIVE = re.compile(
    r"(?:试试|等着|走着瞧|找茬|专门|别想|敢发|你发货|收到就|差评|搞你|整你|后果|投诉)"
)
# A complaint held over the shop's own conduct ("再乱收钱我就投诉到平台", "如果发错了我就差评") presses
# for fair service, like a review's "再不发货我就投诉"; over a price or a gift ("再不给我便宜我就差评")
# it stays a threat.
_SERVICE_PRESSED = re.compile(
    r"(?:再|如果|要是|若)(?!不(?:给|便宜|退|返|送|免))[^,，。!！?？]{0,10}(?:就|我就)[^,，。!！?？]{0,3}(?:投诉|差评)"
)
# A review or complaint the buyer tells of having given ("上次在别家买的花蔫了，我给了差评"): their
# history, not a threat to this shop.
_TOLD_OF = re.compile(r"(?:给了|给过|打了|打过|写了|写过|留了|留过)(?:个|一个|一条|条)?(?:差评|投诉)|(?:差评|投诉)过")
# The buyer's own slip explained ("我妈不小心点了两次", "拍重了", "尺码拍错了", "这单退了我重新领券拍"):
# a refund right after paying for that is no malicious refund.
_ORDERED_BY_MISTAKE = re.compile(
    r"(?:点|拍|付|买|下单)了两次|(?:拍|下|付|买|点|选)(?:重|错|多)了?|重复(?:下单|付款|支付|拍)|不小心(?:拍|点|下单|买)|手滑|"
    # Refunded to order again with the coupon ("没领上券，这单退了我重新领券拍").
    r"重新(?:领券)?(?:下单|拍|买)|重拍"
)

# A shared pickup point or mail room: many households' parcels arrive at its one address.
_PICKUP_POINT = re.compile(r"驿站|菜鸟|快递柜|丰巢|收发室|快递点|代收点|自提点|取件点|快递站|快递超市|兔喜")

ACTION_NOTES = {
    "ship": "正常发货。",
    "confirm_with_buyer": "先通过飞鸽与买家确认收货地址和订单信息，对方不回复或回复异常再升级处理。",
    "delay_and_report": "延迟发货，并通过【商家保障中心】->【恶意行为报备】提交证据；审核通过后该订单的指标影响会被剔除。",
    "mark_out_of_stock": "在发货时限内【申请缺货】可避免损失，但会计入店铺缺货率，仅在确认恶意且无法报备时使用。",
}


REASON_CODES: tuple[str, ...] = (
    "vague_address",
    "same_address_burst",
    "same_buyer_burst",
    "refund_right_after_paying",
    "provocative_chat",
    "new_account",
    "serial_refunder",
)
RULE_FEATURE_NAMES: tuple[str, ...] = (*(f"rule_{code}" for code in REASON_CODES), "rule_count", "max_orders_24h")


def reasons_for(order: dict[str, Any], chat: list[dict[str, Any]] | None) -> list[OrderReason]:
    """Human-readable reasons (code + Chinese text) found in an order's facts and chat.

    Works on the plain-dict record, so the model's features (:func:`rule_features`) and the
    reasons shown to shop staff come from the same rules.
    """
    reasons: list[OrderReason] = []
    address = order.get("shipping_address")
    vague, _length, _units = address_flags(address)
    if vague == 1.0:
        reasons.append(OrderReason(code="vague_address", text=f"收货地址模糊：“{address}”"))
    same_address = order.get("same_address_orders_24h") or 0
    same_buyer = order.get("same_buyer_orders_24h") or 0
    buyer = order.get("buyer") or {}
    established = _established(buyer)
    # Each buyer message normalised once, for the slip explained and the provocation.
    said = [(m.get("text") or "", normalize_text(m.get("text"))) for m in chat or [] if m.get("role") == "buyer"]
    # Many orders to the address of an established account are its own family and gift buying
    # (as for same_buyer_burst) or its neighbours' at a busy address (a dormitory, a campus
    # pickup station, an office on a sale night): fake-order rings use new accounts.
    burst = PICKUP_POINT_BURST_ORDERS_24H if address and _PICKUP_POINT.search(address) else BURST_ORDERS_24H
    if same_address >= burst and not established:
        reasons.append(OrderReason(code="same_address_burst", text=f"24小时内同一地址下单 {same_address} 笔"))
    if same_buyer >= BURST_ORDERS_24H and not established:
        reasons.append(OrderReason(code="same_buyer_burst", text=f"24小时内同一买家下单 {same_buyer} 笔"))
    paid, refund = parse_timestamp(order.get("paid_at")), parse_timestamp(order.get("refund_requested_at"))
    if paid and refund and not any(_ORDERED_BY_MISTAKE.search(folded) for _text, folded in said):
        minutes = (refund - paid).total_seconds() / 60
        if 0 <= minutes <= REFUND_RIGHT_AFTER_PAYING_MINUTES:
            reasons.append(OrderReason(code="refund_right_after_paying", text=f"付款后 {minutes:.0f} 分钟即申请退款"))
    for text, folded in said:
        if _PROVOCATIVE.search(_SERVICE_PRESSED.sub("，", _TOLD_OF.sub("，", folded))):
            reasons.append(OrderReason(code="provocative_chat", text=f"飞鸽沟通语气挑衅：“{text[:60]}”"))
            break
    age = buyer.get("account_age_days")
    if age is not None and age <= NEW_ORDER_ACCOUNT_DAYS:
        reasons.append(OrderReason(code="new_account", text=f"新注册账号（{age} 天）"))
    orders_total, refunds_total = buyer.get("orders_total"), buyer.get("refunds_total")
    if (orders_total and refunds_total is not None and orders_total >= SERIAL_REFUNDER_MIN_ORDERS
            and refunds_total / orders_total >= SERIAL_REFUNDER_RATE):
        reasons.append(OrderReason(code="serial_refunder",
                                   text=f"历史退款率 {refunds_total / orders_total:.0%}（{refunds_total}/{orders_total}）"))
    return reasons


def _established(buyer: dict[str, Any]) -> bool:
    """An old account with many orders and few refunds or bad reviews (family and gift buyers)."""
    age, orders = buyer.get("account_age_days"), buyer.get("orders_total")
    if age is None or orders is None or age < ESTABLISHED_ACCOUNT_DAYS or orders < ESTABLISHED_MIN_ORDERS:
        return False
    refunds, reviews, negative = buyer.get("refunds_total"), buyer.get("reviews_total"), buyer.get("negative_reviews_total")
    if refunds is not None and refunds / orders >= SERIAL_REFUNDER_RATE:
        return False
    return not (reviews and negative is not None and negative / reviews > ESTABLISHED_MAX_NEGATIVE_SHARE)


def order_reasons(item: OrderItem) -> list[OrderReason]:
    """:func:`reasons_for` of a validated order item."""
    return reasons_for(item.model_dump(mode="json", exclude={"chat"}), [m.model_dump(mode="json") for m in item.chat])


def rule_features(order: dict[str, Any], chat: list[dict[str, Any]] | None) -> list[float]:
    """The rules as model features (:data:`RULE_FEATURE_NAMES`).

    They carry the appeal guide's knowledge into the model, so a pattern that is rare in the
    training data (many orders from one buyer, say) still counts like its neighbours.
    """
    codes = {reason.code for reason in reasons_for(order, chat)}
    bursts = [order.get("same_address_orders_24h"), order.get("same_buyer_orders_24h")]
    known = [float(b) for b in bursts if b is not None]
    return [*(float(code in codes) for code in REASON_CODES), float(len(codes)),
            max(known) if known else float("nan")]


# Actions that cost a buyer their order: never without at least one stated reason.
HARSH_ACTIONS: tuple[str, ...] = ("delay_and_report", "mark_out_of_stock")
# A reason that describes the buyer, not what they did: most first orders come from new accounts,
# so alone it cannot justify holding an order (the appeal guide lists vague addresses, bursts,
# instant refunds and provocation as the signs of a malicious order; a new account is none).
CONTEXT_ONLY_REASONS = frozenset({"new_account"})


def recommend(risk: float, reasons: list[OrderReason]) -> tuple[str, str, list[str]]:
    """(level, action, 防控中心 settings) for a risk score and its reasons.

    No accusation without evidence: a high risk with no stated reason, or only a context
    reason (a new account), asks the buyer to confirm instead of delaying or cancelling (the
    report to the platform would have nothing to show).
    """
    level = order_level(risk)
    codes = {r.code for r in reasons}
    if level == "high" and not codes - CONTEXT_ONLY_REASONS:
        action = "confirm_with_buyer"
    elif "ledger_blacklist" in codes and level != "high":
        # A buyer the ledger says to blacklist is never shipped to without a report.
        action = "delay_and_report"
    elif level == "low":
        action = "confirm_with_buyer" if "ledger_watch" in codes else "ship"
    elif level == "medium":
        action = "confirm_with_buyer"
    elif codes & {"same_address_burst", "same_buyer_burst"} and "provocative_chat" in codes:
        action = "mark_out_of_stock"
    else:
        action = "delay_and_report"
    prevention: list[str] = []
    if level != "low":
        prevention.append("防控中心：开启“风险用户预警”")
    if "ledger_blacklist" in codes:
        prevention.append("拉黑该买家（店铺黑名单），并设置同一用户限购1件")
    if codes & {"same_buyer_burst"}:
        prevention.append("防控中心：设置同一用户限购1件")
    if codes & {"same_address_burst"}:
        prevention.append("防控中心：设置下单频率（如24小时内同一地址只能下单2次）")
    return level, action, prevention
