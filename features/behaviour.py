"""Order, chat and buyer-behaviour features, including claim-vs-fact contradictions.

docs/lessons.md: a tree on raw timestamps cannot compare "等了十几天" with a 2-day delivery, so the
claim is extracted from the text (``features.signals.claims``) and each claim gets one signed
feature against the matching fact: ``1`` the order contradicts the claim (a false claim),
``-1`` the order supports it (a genuine complaint), ``0`` no such claim, ``NaN`` a claim whose
fact is unknown.  Missing facts are ``NaN`` everywhere so LightGBM learns "unknown" separately.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from statistics import median
from typing import Any

import numpy as np

from features.constants import (
    FAST_DELIVERY_DAYS,
    FESTIVAL_ALIASES,
    FESTIVAL_DAYS,
    LATE_SHIPPING_FEATURE_HOURS,
    PROMPT_SHIPPING_HOURS,
    SAME_DAY_SHIPPING_HOURS,
    SLOW_DELIVERY_FEATURE_DAYS,
)
from features.schema import parse_timestamp
from features.signals import (
    CLAIM_NAMES,
    CLAIM_PATTERNS,
    COLOURS,
    ORDERED_AS,
    SENT_AS,
    SIZE_ADVICE,
    SIZE_RECEIVED_FIRST,
    SIZE_SENT,
    SIZES,
    TEXT_SIGNAL_NAMES,
    chinese_number,
    text_signals,
    text_signals_batch,
)
from features.text import normalize_text, normalize_texts

NAN = float("nan")

_LOGISTICS = ("unshipped", "in_transit", "delivered", "returned")
_REFUND = ("none", "requested", "refunded", "rejected")

_VAGUE_ADDRESS = re.compile(r"(?:门口|路口|附近|旁边|对面|某|xx|楼下|这里|那里|随便|不知道|自提|路边)")
# A rural address is complete at its village group (…村5社, …村3组): that is not vague.
_SPECIFIC_ADDRESS = re.compile(r"(?:\d+\s*(?:号|栋|幢|室|单元|楼|层|弄|组|社|队)|[一二三四五六七八九十]+(?:组|社|队)|村|镇|乡|小区\S*\d|大厦\S*\d)")
_ADMIN_UNITS = re.compile(r"(?:省|市|区|县|镇|乡|村|街道|路|街|巷)")
_SELLER_POLITE = re.compile(r"(?:您|亲|抱歉|不好意思|感谢|谢谢|麻烦|请|马上|稍等|为您|帮您)")
# The seller agreeing in chat to take back, refund, replace or make good ("可以退的亲", "给您补发一个",
# "支持七天无理由"): a review saying the shop refused is then refuted by the shop's own words.
SELLER_OFFERS_REMEDY = re.compile(
    r"(?<![不没未别])(?:可以|能|同意|支持|给您|帮您|为您|马上|这就|已经?|安排)(?:申请)?(?:给您)?(?:退|换|补发|补寄|重发|补偿|赔|处理退|办理退|补差价|退差价)|"
    # The address to send a return or an exchange to ("可以的亲 给您发换货地址").
    r"(?:给您|帮您)发(?:个|一下)?(?:换货|退货|退换货?)地址|"
    r"(?<![不没未])支持(?:七天|7天)?无理由|(?:七天|7天)无理由(?:退换|退货)?(?:是)?(?<![不没])(?:支持|可以)|退款已|已(?:退款|退回|补发|重发|同意)|"
    # The seven-day return named in a yes ("可以的阿姨，七天无理由，您在订单里点退货就行"); "超过7天无理由
    # 退货了哦" is a no.
    r"^(?:可以|没问题|能)(?:的)?[^。!！?？不]{0,12}(?:七天|7天)无理由|"
    # A repair the shop arranges ("我们安排上门取件，免费维修").
    r"(?<![不没未])(?:免费(?:维修|修理|换新)|(?:安排|帮您|给您|为您)(?:上门)?(?:取件|维修|修理)|上门取件)|"
    # The return address sent, the postage taken on ("给您发退换地址，运费我们承担").
    r"(?<![不没未])(?:发|给您|发您)(?:个|一下)?退(?:换|货)地址|运费我们(?:来)?(?:承担|出)"
)
# The seller issuing or agreeing to issue an invoice ("可以开的亲，发一下抬头", "电子发票已发您邮箱").
SELLER_ISSUES_INVOICE = re.compile(
    r"(?<![不没])(?:可以|能|给您|帮您|马上|已经?|这就)开(?:具)?(?:发票|票|的|好)?|开好了|已开|(?:发一下|提供一下|告诉我)?(?:发票)?抬头|"
    r"发票已|(?:发|发送)(?:到|至)?您?的?邮箱"
)
_PARTIAL_REFUND = re.compile(r"只退了?|部分退|没退全|退一半|(?:运费|邮费|差价|冷链费)[^,，。!！?？]{0,3}(?:不|没)退")
_UNHELPFUL = re.compile(r"答非所问|机器人|自动回复|话术|敷衍|套话|复制粘贴|模板|踢皮球|推脱|推卸")
_SELLER_REFUSES = re.compile(r"(?:不能|不可以|不给|不支持|没法|无法|不予)(?:退|换|办理|处理|补)|(?:退|换)不了|不退")
# Insults and dismissals a seller might really send: a rudeness complaint is then true.
_SELLER_RUDE = re.compile(
    # Letters and 滚 only as words: "usb", "html" and "财源滚滚" insult no one.
    r"(?:(?<!滚)滚(?!滚)|傻|蠢|有病|神经|爱买不买|爱要不要|穷鬼|穷就|买不起|去死|妈的|(?<![A-Za-z])(?:tm|sb|SB)(?![A-Za-z])|想得美|有本事|关我什么事|关我屁事|"
    r"活该|脑子|懒得|少废话|烦不烦|闭嘴|随便你|自己不会看|你去投诉|不服|"
    # Condescension ("这个很简单的，小朋友都会", "这都不会用").
    r"小朋友都会|小孩(?:子)?都会|这(?:都|也)不会|这么简单(?:都|也)不会|"
    # Dismissals: the buyer is told off, not helped ("别来烦我", "你事真多", "嫌贵就别买").
    # "有事多联系" and "您还想要什么颜色" are service, so the words need their dismissive frame.
    r"别(?:来)?烦|事(?:怎么|真|咋)(?:这么|那么)?多|事(?:这么|那么)多|嫌贵(?:就)?别|爱(?:咋|信|用|买|要)(?:咋|不)|"
    r"(?:跟|和)(?:我|我们)(?:有)?没(?:有)?关系|你懂不懂|价(?:格|钱)?(?:你)?还想要|别乱说|"
    # The buyer blamed ("别什么都赖我们", "您自己摔过吧？"): the dismissal the review complains of.
    r"别(?:什么|啥)都(?:赖|怪)|赖我们|(?:您|你)自己(?:摔|弄|搞|碰)|是不是(?:您|你)?自己(?:摔|弄|搞|碰))"
)
_PROVOCATION = re.compile(
    r"(?:试试|等着|走着瞧|找茬|专门|就是来|别想|敢发|你发货|收到就|给你差评|搞你|整你|弄死|后果)"
)


def _hours(later: datetime | None, earlier: datetime | None) -> float:
    if later is None or earlier is None:
        return NAN
    return (later - earlier).total_seconds() / 3600.0


def _ratio(numerator: Any, denominator: Any) -> float:
    if numerator is None or not denominator:
        return NAN
    return float(numerator) / float(denominator)


def _num(value: Any) -> float:
    if value is None:
        return NAN
    try:
        number = float(value)
    except (TypeError, ValueError):
        return NAN
    return number if math.isfinite(number) else NAN


def address_flags(address: str | None, normalized: str | None = None) -> tuple[float, float, float]:
    """(vague, length, administrative units) of a shipping address; NaN when absent.

    ``normalized`` is the address's normalised text when the caller already has it.
    """
    if not address:
        return NAN, NAN, NAN
    text = normalize_text(address) if normalized is None else normalized
    vague = bool(_VAGUE_ADDRESS.search(text)) and not _SPECIFIC_ADDRESS.search(text)
    units = len(_ADMIN_UNITS.findall(text))
    return float(vague or len(text) < 6), float(len(text)), float(units)


# --- chat -------------------------------------------------------------------------------------
def split_chat(chat: list[dict[str, Any]] | None, normalized: list[str] | None = None) -> tuple[str, str]:
    """Normalised buyer text and seller text of a chat, messages joined by '。'.

    ``normalized`` holds the messages' normalised texts when the caller already has them.
    """
    chat = chat or []
    if normalized is None:
        normalized = [normalize_text(m.get("text")) for m in chat]
    buyer, seller = [], []
    for message, text in zip(chat, normalized, strict=True):
        (buyer if message.get("role") == "buyer" else seller).append(text)
    return "。".join(buyer), "。".join(seller)


# A buyer's message that closes an exchange ("哦", "好的谢谢", "收到👌") asks nothing: the seller's
# next message answers a later question, so the wait is counted from that question, not from the
# thank-you (else one "哦" the evening before makes a two-minute answer a thirteen-hour one).
_ACKNOWLEDGEMENT = re.compile(
    r"(?:哦+|噢+|喔+|嗯+|恩+|好+的?|好滴|好吧|好嘞|行|可以|ok|okay|谢谢|谢了|多谢|感谢|收到|知道了|明白了?|了解|懂了|(?:学)?会了|搞定了|弄好了|"
    r"没事了?|没问题|麻烦了|辛苦了|[👌👍🙏]|[\s,，.。!！~～啦了呀哈啊呢吧的亲]|[\U0001F300-\U0001FAFF])+"
)


def left_unanswered(chat: list[dict[str, Any]] | None, reviewed_at: datetime | None) -> bool:
    """Whether the buyer's last question got no seller message after it, an hour or more before
    the review ("券呢？", "在吗" and then silence): "问了也没人回" is then true, whatever the
    seller answered earlier."""
    waiting, since = False, None
    for message in chat or []:
        if message.get("role") == "buyer":
            if awaits_reply(normalize_text(message.get("text"))) and not waiting:
                waiting, since = True, parse_timestamp(message.get("sent_at"))
        elif message.get("role") == "seller":
            waiting, since = False, None
    if not waiting:
        return False
    return since is None or reviewed_at is None or (reviewed_at - since).total_seconds() >= 3600


def awaits_reply(normalized_text: str) -> bool:
    """Whether a buyer's message (normalised) asks for an answer: anything but an acknowledgement."""
    return _ACKNOWLEDGEMENT.fullmatch(normalized_text) is None


CHAT_STRUCTURE_NAMES: tuple[str, ...] = (
    "chat_buyer_messages",
    "chat_seller_messages",
    "chat_seller_reply_minutes",
    "chat_seller_polite_share",
    "chat_seller_rude",
    "chat_provocation",
)


def chat_structure(chat: list[dict[str, Any]] | None, normalized: list[str] | None = None) -> list[float]:
    """Who spoke how often, how fast and how politely the seller answered, buyer provocation.

    ``normalized`` holds the messages' normalised texts when the caller already has them.
    """
    return _chat_facts(chat, normalized)[0]


def _chat_facts(chat: list[dict[str, Any]] | None,
                normalized: list[str] | None = None) -> tuple[list[float], datetime | None]:
    """(:func:`chat_structure`, time of the last dated buyer message) of ``chat``.

    One pass over the messages: each role is read and each timestamp parsed once (the review
    features need both results, and this runs for every scored review).
    """
    chat = chat or []
    if normalized is None:
        normalized = [normalize_text(m.get("text")) for m in chat]
    buyer_count = seller_count = polite = 0
    rude = False
    buyer_texts: list[str] = []
    latencies: list[float] = []
    waiting_since: datetime | None = None
    last_buyer: datetime | None = None
    for message, text in zip(chat, normalized, strict=True):
        role = message.get("role")
        sent = parse_timestamp(message.get("sent_at"))
        if role == "buyer":
            buyer_count += 1
            buyer_texts.append(text)
            if awaits_reply(text):
                waiting_since = waiting_since or sent
            last_buyer = sent or last_buyer
        elif role == "seller":
            seller_count += 1
            polite += _SELLER_POLITE.search(text) is not None
            # Only whether any seller message is rude: the search stops at the first.
            rude = rude or _SELLER_RUDE.search(text) is not None
            if waiting_since is not None and sent is not None:
                latencies.append((sent - waiting_since).total_seconds() / 60.0)
                waiting_since = None
    structure = [
        float(buyer_count),
        float(seller_count),
        median(latencies) if latencies else NAN,
        polite / seller_count if seller_count else NAN,
        float(rude) if seller_count else NAN,
        float(len(_PROVOCATION.findall("。".join(buyer_texts)))),
    ]
    return structure, last_buyer


# --- order and buyer --------------------------------------------------------------------------
ORDER_FACT_NAMES: tuple[str, ...] = (
    "has_order",
    "amount_log",
    "quantity",
    "hours_paid_to_shipped",
    "days_paid_to_delivered",
    *(f"logistics_{s}" for s in _LOGISTICS),
    *(f"refund_{s}" for s in _REFUND),
    "minutes_paid_to_refund_request",
    "address_vague",
    "address_length",
    "address_admin_units",
    "same_address_orders_24h",
    "same_buyer_orders_24h",
    "has_buyer",
    "account_age_days",
    "orders_total",
    "refund_share",
    "reviews_total",
    "negative_review_share",
    "orders_with_shop",
    "prior_malicious_decisions",
)


def order_facts(order: dict[str, Any] | None, times: dict[str, datetime | None] | None = None,
                address_norm: str | None = None) -> list[float]:
    """Numeric facts of an order and its buyer (NaN where unknown).

    ``times`` are the order's parsed timestamps and ``address_norm`` its normalised shipping
    address when the caller already has them.
    """
    if not order:
        return [0.0] + [NAN] * (len(ORDER_FACT_NAMES) - 1)
    times = times or _order_times(order)
    paid, shipped = times["paid_at"], times["shipped_at"]
    delivered, refund_requested = times["delivered_at"], times["refund_requested_at"]
    logistics = order.get("logistics_status")
    refund = order.get("refund_status")
    buyer = order.get("buyer") or {}
    amount = _num(order.get("amount"))
    vague, length, units = address_flags(order.get("shipping_address"), address_norm)
    return [
        1.0,
        math.log1p(amount) if amount == amount else NAN,
        _num(order.get("quantity")),
        _hours(shipped, paid),
        _hours(delivered, paid) / 24.0,
        *_one_hot(logistics, _LOGISTICS),
        *_one_hot(refund, _REFUND),
        _hours(refund_requested, paid) * 60.0,
        vague,
        length,
        units,
        _num(order.get("same_address_orders_24h")),
        _num(order.get("same_buyer_orders_24h")),
        float(bool(buyer)),
        _num(buyer.get("account_age_days")),
        _num(buyer.get("orders_total")),
        _ratio(buyer.get("refunds_total"), buyer.get("orders_total")),
        _num(buyer.get("reviews_total")),
        _ratio(buyer.get("negative_reviews_total"), buyer.get("reviews_total")),
        _num(buyer.get("orders_with_shop")),
        _num(buyer.get("prior_malicious_decisions")),
    ]


def _one_hot(value: Any, states: tuple[str, ...]) -> list[float]:
    """1.0 for the state ``value`` is, 0.0 for the others; all NaN when the state is unknown."""
    if not value:
        return [NAN] * len(states)
    return [float(value == state) for state in states]


# --- claims against facts ---------------------------------------------------------------------
CONTRADICTION_NAMES: tuple[str, ...] = tuple(name.replace("claim_", "fact_vs_") for name in CLAIM_NAMES)


def claim_fact_contradictions(
    claimed: dict[str, bool],
    order: dict[str, Any] | None,
    chat: list[dict[str, Any]] | None,
    structure: list[float] | None = None,
    times: dict[str, datetime | None] | None = None,
    text: str = "",
    reviewed_at: datetime | None = None,
) -> list[float]:
    """One signed value per claim: 1 contradicted, -1 supported, 0 not claimed, NaN unknown.

    ``structure`` is :func:`chat_structure` of ``chat`` and ``times`` the order's parsed
    timestamps when the caller already has them; ``text`` is the review's normalised text, for
    what a claim counts (the days waited, a refund applied for, the goods bought);
    ``reviewed_at`` is when the review was posted, the end of a wait still going on.
    """
    order = order or {}
    if not any(claimed.values()):
        return [0.0] * len(CLAIM_NAMES)
    times = times or _order_times(order)
    paid, shipped, delivered = times["paid_at"], times["shipped_at"], times["delivered_at"]
    logistics = order.get("logistics_status")
    refund = order.get("refund_status")
    structure = structure if structure is not None else chat_structure(chat)
    seller_messages, reply_minutes, polite_share, rude = structure[1], structure[2], structure[3], structure[4]

    def verdict(claim: str) -> float:
        if claim == "claim_not_received":
            # The buyer's own word in chat that the goods came ("收到了，谢谢") refutes it; so does
            # the signing on record, even when the review concedes it ("物流显示签收了，可我没拿到"):
            # the platform takes logistics proof of signing as the merchant's evidence; not when
            # the review tells where the signed parcel went missing ("驿站说没有这个件").
            if buyer_confirmed_receipt(chat) is not None or (signed_for(logistics, delivered) and not lost_after_signing(text, chat)):
                return 1.0
            return -1.0 if logistics in ("unshipped", "in_transit", "returned") else NAN
        if claim == "claim_slow_delivery":
            days = _hours(delivered, paid) / 24.0
            stated = stated_wait_days(text)
            if days != days:
                # "一个月了货还没到" six days after paying counts a wait that has not been.
                waited = _hours(reviewed_at, paid) / 24.0
                if stated is not None and waited == waited and overstated(stated, waited, 3):
                    return 1.0
                return -1.0 if logistics == "in_transit" else NAN
            # "等了一个多月才拿到" against 13 days: slow, but not the wait the review counts.
            if stated is not None and overstated(stated, days, 7):
                return 1.0
            if days >= SLOW_DELIVERY_FEATURE_DAYS:
                return -1.0
            # A wait the writer counts ("京东隔天就到，这个等了四天") is true when the order took that long.
            if stated is not None and stated <= days + 1:
                return -1.0
            return 1.0 if days <= FAST_DELIVERY_DAYS else 0.0
        if claim == "claim_not_shipped":
            hours = _hours(shipped, paid)
            if hours == hours:
                # A late shipment counted ("付款两天了才发货" against 44 hours) is checked against its
                # count; one after nudging ("催了才发") against nothing the order records.
                late = late_shipment_told(text)
                if late is not None and (day := _SHIPPED_ON_DAY.search(late)):
                    # "12号下单20号才发货": the day of the month it says the parcel left.
                    said = _number(day.group(1))
                    return 1.0 if shipped.day < said and hours <= PROMPT_SHIPPING_HOURS else (-1.0 if shipped.day >= said else 0.0)
                if late is not None:
                    stated = _days_counted(late)
                    if stated is None:
                        return NAN
                    # Two days said for a parcel that left in hours ("隔了两天才发货" against 2.5 h).
                    return 1.0 if overstated(stated, hours / 24.0, 1.5) else (-1.0 if stated * 24 <= hours + 24 else 0.0)
                return 1.0 if hours <= PROMPT_SHIPPING_HOURS else -1.0 if hours >= LATE_SHIPPING_FEATURE_HOURS else 0.0
            return -1.0 if logistics == "unshipped" else NAN
        if claim == "claim_no_reply":
            if not chat:
                return NAN
            if seller_messages == 0 or left_unanswered(chat, reviewed_at):
                return -1.0
            return 1.0 if reply_minutes != reply_minutes or reply_minutes <= 60 else -1.0
        if claim == "claim_rude_seller":
            if not seller_messages:
                return NAN
            # Canned or evasive answers ("机器人话术", "答非所问") are what the complaint is about:
            # polite words do not refute it.
            if text and _UNHELPFUL.search(text):
                return NAN
            return -1.0 if rude == 1.0 else (1.0 if polite_share >= 0.5 else 0.0)
        if claim == "claim_refund_refused":
            # A part not refunded ("只退了商品钱 冷链运费不退") is no refusal a refund paid refutes.
            if refund == "refunded" and _PARTIAL_REFUND.search(text):
                return NAN
            if refund == "refunded":
                return 1.0
            if refund == "rejected":
                return -1.0
            if seller_offers_remedy(chat) is not None:
                return 1.0
            if first_message(chat, "seller", _SELLER_REFUSES) is not None:
                return -1.0  # the refusal is in the chat: the complaint is true
            # A refund applied for on the platform and refused leaves a record; "none" says no
            # application was ever made ("申请了退款商家直接拒绝" against refund_status none).
            return 1.0 if refund == "none" and refund_applied_for(text) else NAN
        if claim == "claim_refund_slow":
            waited = _hours(reviewed_at, times["refund_requested_at"]) / 24.0
            stated = stated_refund_wait_days(text)
            if stated is None or waited != waited:
                return NAN
            return 1.0 if overstated(stated, waited, 2) else (-1.0 if stated <= waited + 1 else 0.0)
        if claim == "claim_shipped_after_refund":
            # No application on record ("none", no time of one) refutes it as it does an unhandled one.
            if shipped is not None and refund == "none" and times["refund_requested_at"] is None:
                return 1.0
            if shipped is None or times["refund_requested_at"] is None:
                return NAN
            return 1.0 if shipped < times["refund_requested_at"] else -1.0
        if claim == "claim_quantity":
            if buyer_confirmed_all(chat, text) is not None:
                return 1.0
            bought, stated = order.get("quantity"), stated_quantity(text)
            if not bought or stated is None:
                return NAN
            return 1.0 if bought < stated else -1.0
        if claim == "claim_after_festival":
            festival = festival_claimed(text, reviewed_at or delivered)
            if festival is None or delivered is None:
                return NAN
            return 1.0 if delivered.date() < festival[1] else -1.0
        if claim == "claim_usage_length":
            # "用了一个多月就坏了" three days after delivery; a buyer of this shop before, or of the
            # brand for years, may count an earlier purchase (usage_told_of_earlier).
            stated = stated_usage_days(text)
            if stated is not None and logistics in ("unshipped", "in_transit"):
                return 1.0  # "用了两天就塌了" of goods still on the way
            used = _hours(reviewed_at, delivered or paid) / 24.0
            buyer = order.get("buyer") or {}
            if stated is None or used != used or usage_told_of_earlier(text) or (buyer.get("orders_with_shop") or 1) > 1:
                return NAN
            # Weeks or months with ten days to spare (a week is loosely counted: "穿了一周" a day after
            # delivery is as often a timestamp as a lie); days of use ("玩了两天就坏了") against a
            # review hours after delivery, with a day and a half to spare.
            return 1.0 if overstated(stated, used, 10 if stated >= 7 else 1.5) else (-1.0 if stated <= used + 2 else 0.0)
        if claim == "claim_purchase_count":
            # "买了三次了" from a buyer whose only order with the shop is this one; purchases
            # elsewhere ("在别家买了三次") are not the shop's to count.
            with_shop = (order.get("buyer") or {}).get("orders_with_shop")
            stated = stated_purchases(text)
            if with_shop is None or stated is None or _ELSEWHERE.search(text):
                return NAN
            return 1.0 if with_shop <= 1 else (-1.0 if with_shop >= stated else 0.0)
        if claim == "claim_refund_unhandled":
            # No application on record ("none", no time of one) refutes it, and so does a refund
            # paid; one still pending or refused agrees.
            if (refund == "none" and times["refund_requested_at"] is None) or refund == "refunded":
                return 1.0
            return -1.0 if refund in ("requested", "rejected") else NAN
        if claim == "claim_parcel_refused":
            # Signed for, and the buyer's own word that it came ("已经拿到了"): not refused.
            if logistics == "delivered" and buyer_confirmed_receipt(chat) is not None:
                return 1.0
            return -1.0 if logistics == "returned" else NAN
        if claim == "claim_said_out_of_stock":
            # Goods said out of stock that left the warehouse within a day: the shipment on record
            # refutes it (one that left days later may have waited for stock the shop said was out).
            if logistics in ("in_transit", "delivered") and _hours(shipped, paid) <= SAME_DAY_SHIPPING_HOURS:
                return 1.0
            return -1.0 if logistics == "unshipped" or refund == "refunded" else NAN
        if claim == "claim_amount_paid":
            # "花了三百多" for an order of 129: far more than was paid.  A list price, a coupon or a
            # bundle make a genuine "209块买的" differ from the amount, so only what the buyer says
            # they spent (花了) is read, and only twice the amount and 50 more refutes it.
            paid_sum, stated = order.get("amount"), stated_amount_paid(text)
            if not paid_sum or stated is None or _ELSEWHERE.search(text) or _EARLIER_PURCHASE.search(text):
                return NAN
            paid_sum *= max(1, order.get("quantity") or 1)
            return 1.0 if stated >= 2 * paid_sum and stated - paid_sum >= 50 else (-1.0 if stated <= paid_sum * 1.2 + 5 else 0.0)
        if claim in CHAT_REFUTATIONS:
            if CHAT_REFUTATIONS[claim](text, chat) is not None:
                return 1.0
            # Virtual goods: a wait counted from payment ("付款一个星期了会员还没到账") against the days since.
            return 1.0 if claim == "claim_not_credited" and credit_wait_overstated(text, paid, reviewed_at) else NAN
        raise KeyError(claim)

    return [verdict(name) if claimed[name] else 0.0 for name in CLAIM_NAMES]


def first_message(chat: list[dict[str, Any]] | None, role: str, pattern: re.Pattern[str], start: int = 0,
                  unless: re.Pattern[str] | None = None) -> int | None:
    """Index of the first message from ``role`` (at ``start`` or later) whose normalised text
    ``pattern`` finds (and ``unless``, if given, does not), or None."""
    for index, message in enumerate(chat or []):
        if index < start or message.get("role") != role:
            continue
        said = normalize_text(message.get("text"))
        if pattern.search(said) and not (unless and unless.search(said)):
            return index
    return None


def signed_for(logistics: str | None, delivered: datetime | None) -> bool:
    """Whether the order's record shows the goods signed for: delivered, or a delivery time with
    no other status."""
    return logistics == "delivered" or (delivered is not None and logistics in (None, "delivered"))


# A parcel signed for at a pickup point, a locker, the gate or a neighbour's that the buyer says is
# not there ("显示签收了，驿站说没有这个件", "代收点说没见着") is lost after delivery: the signing is
# what the review itself reports, not a fact against it (three outside authors label it genuine).
_LOST_AFTER_SIGNING = re.compile(
    r"(?:驿站|代收点|快递点|快递柜|丰巢|菜鸟|门卫|物业|保安|前台|邻居|代收)[^。!！?？\n]{0,10}"
    r"(?:没见|没看到|没找到|找不到|没有(?:这个|我的)?(?:件|快递|包裹)|查不到|说没有|丢了|弄丢|不见了)|"
    # ... or looked in and found empty ("快递柜里也没有").
    r"(?:驿站|代收点|快递点|快递柜|丰巢|柜子)(?:里|里面)(?:也|都)?没有|"
    # ... or signed for by someone else ("快递员乱签", "被人冒领", "不是我签的").
    r"乱签|代签|冒签|冒领|被人(?:签收|签了|领走|拿走)|不是我签的?|我(?:没|没有)签(?:收)?(?:过)?")


def lost_after_signing(text: str, chat: list[dict[str, Any]] | None = None) -> bool:
    """Whether the review (normalised) or the buyer in chat tells of a signed parcel missing where
    it was left or signed for by someone else ("显示签收了 但是我没拿到 驿站也说没有")."""
    return bool(_LOST_AFTER_SIGNING.search(text)) or any(
        _LOST_AFTER_SIGNING.search(normalize_text(m.get("text"))) for m in chat or () if m.get("role") == "buyer")


# The buyer saying in chat that the goods came ("收到了，谢谢", "票码已收到"), not asking ("收到了吗").
_RECEIPT_CONFIRMED = re.compile(r"(?<![没未不])(?:收到了|收到啦|已收到|已经收到|收到货了|拿到了|取到了)(?![吗么嘛没])")


def buyer_confirmed_receipt(chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's chat message saying the goods arrived, or None."""
    return first_message(chat, "buyer", _RECEIPT_CONFIRMED)


def seller_offers_remedy(chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the first seller message that agrees to a refund, return, replacement or
    compensation (:data:`SELLER_OFFERS_REMEDY`), or None."""
    return first_message(chat, "seller", SELLER_OFFERS_REMEDY)


# "十来天" is about ten days, "整个月" a whole one.
_STATED_WAIT = re.compile(r"([0-9]+|[一二两三四五六七八九十几半]+|整(?=个))\s*(?:来)?(?:个)?(?:整|多)?(天|日|周|星期|礼拜|月)")
_DAYS_PER_UNIT = {"天": 1, "日": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30}
_STATED_NUMBER = re.compile(r"[0-9]+|[一二两三四五六七八九十百千]+")


def overstated(stated: float, actual: float, margin: float) -> bool:
    """A count the record shows to be at least twice too large and ``margin`` more than it was."""
    return stated >= 2 * actual and stated - actual >= margin


def _number(word: str) -> float:
    """Value of a count written in digits ("3") or in Chinese numerals ("三", "十五")."""
    return float(word) if word.isdigit() else chinese_number(word)


def _days_counted(span: str) -> float | None:
    """Days of the last count of days, weeks or months in ``span`` ("等了一个多月" → 30)."""
    counts = list(_STATED_WAIT.finditer(span))
    if not counts:
        return None
    number, unit = counts[-1].groups()
    value = 0.5 if number == "半" else 1.0 if number == "整" else _number(number)
    return value * _DAYS_PER_UNIT[unit]


def stated_refund_wait_days(text: str) -> float | None:
    """Days a refund has waited by the review's count ("申请退款十天了"), or None."""
    made = CLAIM_PATTERNS["claim_refund_slow"].search(text) if text else None
    return _days_counted(made.group(0)) if made else None


def festival_claimed(text: str, moment: datetime | None) -> tuple[str, date] | None:
    """The festival an after-the-festival claim names and its last day before ``moment`` (the
    review, else the delivery): "过了中秋节才送到" in a review of 2025-10-20 → 中秋, 2025-10-06."""
    made = CLAIM_PATTERNS["claim_after_festival"].search(text) if text and moment else None
    if made is None:
        return None
    name = next(n for n in (*FESTIVAL_DAYS, *FESTIVAL_ALIASES) if n in made.group(0))
    name = FESTIVAL_ALIASES.get(name, name)
    days = [day for day in map(date.fromisoformat, FESTIVAL_DAYS[name]) if day <= moment.date()]
    return (name, days[-1]) if days else None


# Goods counted otherwise than the order counts them: a free one beside the one paid for
# ("买一送一", "赠一瓶"; a second one at half price is bought, and counted) or several pieces in
# one set ("两盒装", "三件套"), where an order of quantity 1 is two or three pieces.
_BUNDLE = re.compile(
    r"买[一1]送[一1]|(?:送|赠|加赠)(?:了|的)?[一二两三1-9](?:个|件|盒|瓶|袋|包|支|双|条|份|套|只)|"
    r"[0-9一二两三四五六七八九十]+\s*(?:个|件|盒|瓶|袋|包|支|双|条|片|只)(?:装|套)|套装|组合装|礼盒装"
)


def stated_quantity(text: str) -> float | None:
    """Goods the review says were bought ("买了三盒只收到一盒" → 3), or None; None as well when
    the review counts a bundle (:data:`_BUNDLE`), which an order's quantity does not count."""
    made = CLAIM_PATTERNS["claim_quantity"].search(text) if text and not _BUNDLE.search(text) else None
    # "少了一个…" counts what is missing, not what was bought: the order's quantity cannot check it.
    number = _STATED_NUMBER.search(made.group(0)) if made and made.group(0).startswith(("买", "拍", "订", "下", "扣")) else None
    if made and made.group(0).startswith(("只", "就", "才")):  # the count that came, then the count bought
        counts = _STATED_NUMBER.findall(made.group(0))
        return _number(counts[-1]) if counts else None
    if number is None:
        return None
    return _number(number.group(0))


# A return sent back ("退货寄回去一个礼拜了") went through an application too: the return address
# comes with an approved one.
_APPLIED_FOR = re.compile(r"(?:申请|提交|点了|发起)(?:了)?(?:七天|7天)?(?:无理由)?(?:退款|退货|换货|售后|仅退款|退货退款)|退货(?:都|已经?|早就?)?寄回")


def stated_wait_days(text: str) -> float | None:
    """Days of the wait a slow-delivery claim in ``text`` (normalised) counts, or None: the last
    count in the claim ("别家第二天就到，这家等了五天" waited five days, not two), else the days
    the text says the goods took to come ("物流太慢了，四天才到")."""
    made = CLAIM_PATTERNS["claim_slow_delivery"].search(text) if text else None
    if made is None:
        return None
    counted = _days_counted(made.group(0))
    if counted is None and (arrival := _ARRIVAL_COUNTED.search(text)):
        counted = _days_counted(arrival.group(0))
    return counted


# The days the goods took, as a review counts them ("四天才到", "等了5天才收到").
_ARRIVAL_COUNTED = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十几半]+)\s*(?:个)?(?:多)?(?:天|日|周|星期|礼拜|月)(?:了)?(?:才|都)?"
                              r"(?:到|收到|送到|到货|拿到)")
# A shipment said to be late, not missing ("两天了才发", "催了才发"): the part of the not-shipped claim
# that says 才发, and the day of the month it names ("20号才发货").
_LATE_SHIPMENT = re.compile(r"[^,，。!！?？\n]{0,8}才(?:给我|给)?(?:发(?!现)|出(?=货|$|[,，。!！?？\s]))")
_SHIPPED_ON_DAY = re.compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)才")


def late_shipment_told(text: str) -> str | None:
    """The words of a not-shipped claim that tell a late shipment ("付款两天了才发"), or None."""
    made = CLAIM_PATTERNS["claim_not_shipped"].search(text) if text else None
    if made is None or "才" not in made.group(0):
        return None
    late = _LATE_SHIPMENT.search(text, max(0, made.start() - 8), made.end() + 2)
    return late.group(0) if late else made.group(0)


# An earlier purchase the count may include: the brand used for years, a buyer who came back.
_EARLIER_PURCHASE = re.compile(r"回购|复购|又买|再买|第[二三四五六七八九十0-9]次|一直(?:在)?(?:用|吃|喝|穿)|之前|以前|老顾客|上次|去年|"
                               r"这个牌子|这牌子|多年|好几年|[0-9一二两三四五六七八九十几]+年(?:了|多)")


def stated_usage_days(text: str) -> float | None:
    """Days of use a review (normalised) counts in weeks or months ("用了一个多月" → 30), or None."""
    made = CLAIM_PATTERNS["claim_usage_length"].search(text) if text else None
    return _days_counted(made.group(0)) if made else None


def usage_told_of_earlier(text: str) -> bool:
    """Whether the review tells of an earlier purchase its count of days of use may include."""
    return bool(_EARLIER_PURCHASE.search(text))


# Another shop or channel a purchase count may be about.
_ELSEWHERE = re.compile(r"别家|别的店|其他店|其他家|别人家|另一家|线下|实体店|超市|专柜|柜台|官方旗舰|淘宝|京东|拼多多|天猫|代购|之前的店")
_PURCHASE_NUMBER = re.compile(r"[2-9]|[二两三四五六七八九十]|好几")


_SUM_PAID = re.compile(r"[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+")


def stated_amount_paid(text: str) -> float | None:
    """The sum a review says was paid ("花了三百多就买了…" → 300), or None."""
    made = CLAIM_PATTERNS["claim_amount_paid"].search(text) if text else None
    number = _SUM_PAID.search(made.group(0)) if made else None
    if number is None:
        return None
    word = number.group(0)
    return float(word) if word[0].isdigit() else chinese_number(word)


def stated_purchases(text: str) -> int | None:
    """How many purchases of the shop a review (normalised) counts ("买了三次" → 3, "好几次" → 3), or None."""
    made = CLAIM_PATTERNS["claim_purchase_count"].search(text) if text else None
    if made is None:
        return None
    number = _PURCHASE_NUMBER.search(made.group(0))
    if number is None:
        return None
    return 3 if number.group(0) == "好几" else int(_number(number.group(0)))


def refund_applied_for(text: str) -> bool:
    """Whether the review says a refund or return was applied for (on the platform)."""
    return bool(text) and _APPLIED_FOR.search(text) is not None


_COLOUR_SENT = re.compile(SENT_AS + r"(" + COLOURS + r")")
_CHOOSES = r"(?:改成|改做|换成|改为|换|那就|就要|就拍|就选|还是要|要|拍|选)"  # 改做: Cantonese 改成
_SIZE_ADVISED = re.compile(SIZE_ADVICE + r"(" + SIZES + r")(?:码|号)?")
_SELLER_SIZE = re.compile(r"(?:建议|推荐|选|拍|穿)(?:您|亲)?\s*(" + SIZES + r")(?:码|号)")
# ... or advised with the verb and no 码 ("建议拿XL哦").
_SELLER_SIZE_ADVISED = re.compile(r"(?:建议|推荐)(?:您|亲)?(?:拿|选|拍|穿|买)\s*(" + SIZES + r")(?![0-9a-z])")


def buyer_chose_colour(text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's chat message choosing the colour a wrong-colour claim says was sent
    ("刚拍的红色能改成蓝色吗", "那就蓝色吧"), or None: then the colour was the buyer's own choice."""
    claim = CLAIM_PATTERNS["claim_wrong_colour"].search(text) if text else None
    sent = _COLOUR_SENT.search(claim.group(0)) if claim else None
    if sent is None:
        return None
    return first_message(chat, "buyer", re.compile(_CHOOSES + r"[^,，。!！?？]{0,3}" + sent.group(1)))


_SIZE_SENT = re.compile(SENT_AS + r"(" + SIZE_SENT + r")")
_SIZE_ORDERED = re.compile(ORDERED_AS + r"(?:是)?(" + SIZE_SENT + r")")
_SIZE_RECEIVED_FIRST = re.compile(SIZE_RECEIVED_FIRST)


def buyer_chose_size(text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's chat message choosing the size a wrong-size claim says was sent
    ("能改成37码吗", "那就M吧"), or None: then the size sent was the buyer's own last choice."""
    claim = CLAIM_PATTERNS["claim_wrong_size"].search(text) if text else None
    if claim is None:
        return None
    # Searched in the text, not the claim's span: a digit size's 码 lies just past that span.
    ordered = _SIZE_ORDERED.match(text, claim.start())
    sent = _SIZE_SENT.search(text, ordered.end(), claim.end() + 1) if ordered else None
    if ordered is None and (received_first := _SIZE_RECEIVED_FIRST.match(text, claim.start())):
        sent_size, ordered_size = received_first.group(1), received_first.group(2)
    elif sent is not None and ordered is not None:
        sent_size, ordered_size = sent.group(1), ordered.group(1)
    else:
        return None
    if sent_size == ordered_size:
        return None
    size = re.escape(sent_size)
    return first_message(chat, "buyer", re.compile(_CHOOSES + r"[^,，。!！?？]{0,3}(?<![0-9a-z])" + size + r"(?![0-9a-z])"))


def seller_advised_other_size(text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the seller's chat message advising another size than the review says it did
    ("客服推荐的M" against "建议L码哦"), or None."""
    claim = _SIZE_ADVISED.search(text) if text else None
    if claim is None:
        return None
    advised = None
    for index, message in enumerate(chat or []):
        if message.get("role") != "seller":
            continue
        said = normalize_text(message.get("text"))
        sizes = {m.group(1) for pattern in (_SELLER_SIZE, _SELLER_SIZE_ADVISED) for m in pattern.finditer(said)}
        if claim.group(1) in sizes:
            return None  # the seller did advise that size at some point
        if sizes and advised is None:
            advised = index
    return advised


# The buyer's count checked in chat ("数了一下数量是对的", "一个不少", "都齐了", "两个枕套都在"): it
# refutes a piece said missing as well as a count short.
# The piece found after all, inside the parcel ("找到了 在夹层里", "原来在盒子底下"); not a parcel found
# at a pick-up point ("找到了 自提点弄错了").
_PIECE_FOUND = re.compile(r"(?:找到了|找着了)[,，\s]{0,2}(?:原来)?在[^,，。!！?？]{0,8}(?:里|下面|底下|底部|夹层)|原来在[^,，。!！?？]{0,8}(?:里|下面|底下|底部|夹层)")
_COUNT_CONFIRMED = re.compile(r"数量(?:是)?(?:对的|没错|没问题|正确|够的)|(?:都|全)齐了|一个(?:都)?不少|" + _PIECE_FOUND.pattern + "|"
                              # goods, not people ("我们宿舍四个人都在你们这儿买的")
                              r"[两三四五六七八九十2-9]\s*(?:个|件|盒|套|双|瓶|袋|包|只|本|条|片|把|桶|罐|箱|支|卷|提|根|张|块|颗|粒)(?!人|同学|室友|朋友|孩子)"
                              r"[^,，。!！?？]{0,6}(?:都|全)(?:在|到了|收到了)")
# The buyer saying in chat that everything came ("两箱都到了", "都收到了"); not the rest of it
# ("其他我都收到了"), a parcel waiting at a station ("都到了半天了还不派送") or a question ("都收到了对吧").
_ALL_ARRIVED = re.compile(r"(?<!其他)(?<!其它)(?<!其余)(?<!别的)(?<!其他我)(?<!其它我)(?:都|全|全部)(?:到|收到)了"
                          r"(?!半天|好几|[一两三四五六七八九十几0-9]+(?:天|个?小时))(?![^,，。!！?？]{0,3}(?:吗|么|对吧|[?？]))|"
                          + _COUNT_CONFIRMED.pattern)
# The buyer saying the gift, the part or the reissue came ("赠品收到了", "补的收到了").
_MISSING_ITEM_ARRIVED = re.compile(r"(?:赠品|配件|补的|补发的|补寄的|礼品|小样|小礼物|运费险|证书|保修卡|合格证|贺卡)[^,，。!！?？]{0,5}(?:也|都)?(?:收到了|收到啦|到了|到账了|拿到了)|"
                                   r"(?<![没未不])收到(?:了)?(?:赠品|配件|补发|补寄|礼品|小样|小礼物|证书|保修卡|合格证|贺卡)|"
                                   r"冰袋[^,，。!！?？]{0,3}(?:冻着|还在|都在|没化)")
# Told where the piece is, the buyer finding it ("证书在礼盒底部的夹层里" … "找到了 谢谢").
_ITEM_CONFIRMED = re.compile(_RECEIPT_CONFIRMED.pattern + r"|(?<![没未不])(?:找到了|找着了|看到了)(?![吗么嘛没])")
_RESENT = re.compile(r"补发|补寄|重发|重寄|已寄出|(?:赠品|配件|证书|保修卡|合格证|小样|礼品|贺卡)[^,，。!！?？]{0,6}(?:在|放|夹)")
# A payout the shop says it made ("运费险已经理赔12元到您账户了"), and the buyer seeing it come.
_PAID_OUT = re.compile(r"已(?:经)?(?:理赔|赔付|打款|退还|返还)")
_PAYOUT_SEEN = re.compile(r"(?<![没未不])(?:看到了|查到了|到账了|收到了|收到啦)(?![吗么嘛没]|[?？])")
# The buyer owning the damage ("收到时是好的，是我洗的时候摔了", "收到了，检查了一下都好好的"; not "外箱完好，
# 但…": the box, not the goods) or a misreading ("看错了不好意思").
_BUYER_DAMAGED = re.compile(r"收到(?:时|的时候)?(?:是|还是)?好的|收到了?[^。!！?？]{0,12}(?:都|全|一切|全都)?(?:是)?(?<![不没])(?:好好的|完好|正常)(?![^。!！?？]*(?:但|可是|不过|就是|只是))|是我(?:自己)?[^,，。!！?？]{0,8}(?:摔|弄|碰|打|磕|掉)|"
                            r"收到了[^。!！?？]{0,12}(?:用着|用起来)[^。!！?？]{0,3}(?:流畅|正常|挺好|没问题)|"
                            # It worked once it came ("笔开机了，就是不会下音频", "用了两天挺好的").
                            r"(?<![不没])(?<!不能)(?<!没能)(?<!无法)(?:开机了|能开机|可以开机|开得了机)(?![吗么嘛没])|"
                            r"(?:试了|试了一下|试过了|用了一下)[^,，。!！?？]{0,3}(?<![不没])(?:能用|可以用|正常|没问题|挺好|好用)(?![吗么嘛]|[?？])|"
                            r"用了(?:[0-9一两三四五六七八九十几]+|好几)(?:天|周|个星期)[^,，。!！?？]{0,3}(?:挺好|很好|都好|正常|没问题|没毛病)|"
                            # Used for weeks before it broke ("椅子用了快一个月了 今天坐着腿断了").
                            r"用了(?:快|差不多|将近|有)?(?:[0-9一两三四五六七八九十几半]+|好几)\s*(?:个)?(?:多)?(?:周|星期|礼拜|月)(?:了)?[,，\s]+(?:今天|昨天|前天|最近|突然)|"
                            # Received and praised, or "nothing wrong with it" ("收到了 挺好用的", "东西没毛病，就是买多了").
                            r"收到了?[^。!！?？]{0,6}(?:挺|很|非常|特别|超|好)(?:好用|新鲜|好看|漂亮|亮)|"
                            # A night's use and it was fine ("昨晚弹了一晚上 挺好的").
                            r"(?:用|弹|玩|穿|戴|开|骑|听)了(?:一晚上|一整晚|一晚|一整天|一天|半天|一下午|一上午)[^,，。!！?？]{0,3}(?:挺好|很好|都好|正常|没问题|没毛病)|"
                            # Frozen goods still frozen ("刚收到 还硬邦邦的 冻得很好").
                            r"(?:冻得(?:很|挺|特别)?好|硬邦邦|还冻着|冻着呢|一点没化|没化)|(?:东西|商品|货|质量)(?:没|没有)(?:毛病|问题)(?![吗么嘛]|[?？])")
# or a recent date the buyer read out ("今年9月产的，挺新鲜", "日期很新").
_BUYER_MISREAD = re.compile(r"看错了?|搞错了?|看成了?|弄错了|误会了|原来是生产日期|"
                            r"今年[0-9一二三四五六七八九十]+月(?:份)?(?:产|生产|出厂)的|(?:日期|批次)(?:挺|很|都|是)?(?:新的|很新|挺新|最新)")


def _buyer_confirms(chat: list[dict[str, Any]] | None, named: re.Pattern[str], shop_did: re.Pattern[str],
                    confirmed: re.Pattern[str] = _RECEIPT_CONFIRMED) -> int | None:
    """Index of the buyer's message saying what came in its own words (``named``), else of a
    receipt ``confirmed`` after the shop said it sent or credited it (``shop_did``); else None."""
    found = first_message(chat, "buyer", named)
    if found is not None:
        return found
    done = first_message(chat, "seller", shop_did)
    return None if done is None else first_message(chat, "buyer", confirmed, start=done + 1)


def missing_item_arrived(text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the gift, part or reissue came: naming it (or the very
    thing the review says the shop promised), or a receipt confirmed after the seller resent it or
    showed where it was; else None."""
    found = _buyer_confirms(chat, _MISSING_ITEM_ARRIVED, _RESENT, _ITEM_CONFIRMED)
    if found is None:
        found = first_message(chat, "buyer", _PIECE_FOUND)
    if found is None and (paid := first_message(chat, "seller", _PAID_OUT)) is not None:
        found = first_message(chat, "buyer", _PAYOUT_SEEN, start=paid + 1)
    if found is None and text and (promised := _PROMISED_ITEM.search(text)):
        named = _named_by_head(promised.group(1))
        came = re.compile(named + r"[^,，。!！?？]{0,6}(?:也|都)?(?:收到了|收到啦|到了|拿到了)|"
                          r"(?<![没未不])(?:收到|拿到)(?:了|啦)?[\s,，]{0,2}(?:赠品|赠送的|送的)?" + named)
        found = first_message(chat, "buyer", came)
        if found is None:
            found = _seller_said_not_included(chat, named)
    return found


def _named_by_head(thing: str) -> str:
    """A pattern for a thing or its head noun: 钢化膜 is also 化膜 and 膜, 安装工具 also 工具.  A name
    of two characters is kept whole (赠品 is not 品), and a measure word, a particle or a word for
    any goods at the end is no head noun."""
    shortest = len(thing) if len(thing) <= 2 else (1 if len(thing) == 3 else 2)  # 安装工具 is 工具, not 具
    suffixes = [thing[i:] for i in range(len(thing) - shortest + 1) if thing[i:] not in _NOT_A_HEAD]
    return "(?:" + "|".join(map(re.escape, suffixes or [thing])) + ")"


_NOT_A_HEAD = frozenset("个些了吗呢啊的套件品货物西子")
_NOT_INCLUDED = re.compile(r"不带|不送|不含|不包含|不附带|不赠送?|没有(?:赠送?|送|配)|不配")


def _seller_said_not_included(chat: list[dict[str, Any]] | None, named: str) -> int | None:
    """Index of the seller's last message about the thing when it says the thing is not included
    ("这款不带替换布的哦"), or None."""
    last = None
    mentions = re.compile(named + "|赠品")  # "这款没有赠品哦" says it of every gift
    for index, message in enumerate(chat or []):
        if message.get("role") == "seller" and mentions.search(normalize_text(message.get("text"))):
            last = index
    if last is None:
        return None
    return last if _NOT_INCLUDED.search(normalize_text(chat[last].get("text"))) else None


# The thing a review says the shop promised ("说好送安装工具的，根本没送" → 安装工具).
_PROMISED_ITEM = re.compile(r"(?:说好|承诺|答应)(?:的|了|过)?(?:要)?送(?:的)?([^,，。!！?？\s的]{2,6}?)(?=没|不|也|都|呢|啊|吧|$|[,，。!！?？\s的])")


# The buyer saying a top-up, a membership or a course came through ("点券到了", "生效了，刚查的",
# "已经登上了，开始看了").  A bare "收到了" or "到了" is left out: in a chat it is as often "noted" as
# "arrived".  Not when the words are the app's or the shop's ("显示已到账", "你们说到账了") or asked.
# The words end their clause: "开通了Plus会员" opened something else, "到账了还是？" asks.
_CREDITED = re.compile(
    r"(?:(?<!显示)(?<!提示)(?<!说)(?<!没有)(?<![没未不还])"
    r"(?:到账了|到账啦|已到账|已经到账|生效了|已生效|已经生效|开通了|已开通|激活了|已激活|充上了|充好了|"
    r"登上了|登录上了|能用了|可以用了|能看了|可以看了|激活成功了?|兑换成功了?|充值成功了?)|"
    r"(?:点券|钻石|会员|流量|话费|金币|点卡|积分|课程|券|(?<!发)票|券码)(?:也|都|已经?)?(?:到了|收到了)|"
    r"(?<![没未不])收到(?:了)?(?:券码|券|卡密|兑换码|激活码|核销码|门票)了?)"
    r"(?=$|[,，.。!！~～\s]|谢谢|感谢|哈|啦)"
)


# The shop saying it credited or opened them ("已充值成功", "会员已为您开通"): the buyer's
# "收到了" after it answers that message.
_SHOP_CREDITED = re.compile(r"(?:已|已经)(?:为您|给您|帮您)?(?:充值|到账|开通|激活|充好|发送卡密)|充值成功|开通成功|激活成功")


# The days a wait for virtual goods counts from payment ("付款一个星期了会员还没到账").
_PAID_WAIT = re.compile(r"(?:付款|付了款|付钱|买了|下单|充值|充了)(?:都|已经|快)?([0-9]+|[一二两三四五六七八九十几半]+)\s*(?:个)?(?:整|多)?(天|日|周|星期|礼拜|月)")


def credit_wait_overstated(text: str, paid: datetime | None, reviewed_at: datetime | None) -> bool:
    """Whether the days a not-credited claim counts from payment are at least twice, and three days
    more than, those between payment and the review."""
    made = _PAID_WAIT.search(text or "")
    if made is None or paid is None or reviewed_at is None:
        return False
    stated = _days_counted(made.group(0))
    return stated is not None and overstated(stated, _hours(reviewed_at, paid) / 24.0, 3)


def buyer_confirmed_credit(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the virtual goods were credited or opened, or receipt
    confirmed after the shop said it credited them; else None."""
    return _buyer_confirms(chat, _CREDITED, _SHOP_CREDITED)


def buyer_confirmed_all(chat: list[dict[str, Any]] | None, text: str = "") -> int | None:
    """Index of the buyer's message saying everything came, or None: it refutes a count short.

    A piece said missing ("少了一个螺丝"; ``text`` counts no goods bought) is refuted only by the
    count checked: "都收到了" may be said of the parcel the piece was missing from.
    """
    counted = stated_quantity(text) is not None if text else True
    return first_message(chat, "buyer", _ALL_ARRIVED if counted else _COUNT_CONFIRMED)


def buyer_owned_damage(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying it came intact or they broke it, or None."""
    return first_message(chat, "buyer", _BUYER_DAMAGED)


def buyer_misread_date(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message owning a misread date ("看错了"), or None."""
    return first_message(chat, "buyer", _BUYER_MISREAD)


# The buyer saying the installation was done ("师傅装好了，试了一下很凉快").
_INSTALLED = re.compile(r"(?:装好了|安装好了|装完了|安装完了|师傅来过了|已经装好)")


def buyer_saw_it_installed(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the installation was done, or None."""
    return first_message(chat, "buyer", _INSTALLED)


# A tracking number the seller sent ("中通单号78563302914476", "补发单号：韵达 4312668901234").
_TRACKING_NUMBER = re.compile(r"单号[^0-9a-z]{0,6}[a-z]{0,4}\s*\d{10,}|(?:中通|圆通|申通|韵达|顺丰|邮政|极兔|京东|ems|德邦)[^,，。!！?？0-9]{0,4}[a-z]{0,4}\d{10,}")


def seller_sent_tracking(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the first seller message holding a tracking number, or None."""
    return first_message(chat, "seller", _TRACKING_NUMBER)


def seller_issues_invoice(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the first seller message that issues or agrees to issue an invoice, or None."""
    return first_message(chat, "seller", SELLER_ISSUES_INVOICE)


# The buyer saying the goods are new ("东西是新的 包装都没拆"), not asking or taking it back.
_SAID_NEW = re.compile(r"(?<![不没])(?:是全新的?|是新的|全新的|是新货|是新机|(?:封膜|塑封|封条)(?:完好|还在|都在))"
                       r"(?![吗么嘛呢]|[?？])(?![^。!！?？]*(?:但|可是|不过))")


def buyer_said_new(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the goods are new, or None: it refutes "used"."""
    return first_message(chat, "buyer", _SAID_NEW)


# The buyer owning the wrong choice of goods ("不好意思我拍错了", "本来想买狗粮点成猫粮了", "我买错了东西");
# a bare 选错 or 点错 is as often an invoice's title or a button (real JD chats).
_OWN_WRONG_CHOICE = re.compile(r"我(?:自己)?(?:拍|买|下)错|是我(?:自己)?(?:拍|下单|买)错|(?:拍|点|买)成(?!功)|"
                               # a choice of the order owned ("我下单选的-5.00 选错了")
                               r"(?:下单|拍的时候|购买时)[^,，。!！?？]{0,8}选错")


# ... of the goods, not of an invoice's title or an address ("发票抬头选错了", "地址填错了").
_OTHER_CHOICE = re.compile(r"发票|抬头|地址|电话|手机号|收货人|快递")


# The buyer saying it fits ("装上刚刚好", "穿上正合适"): what came is what was ordered.
_FITS = re.compile(r"(?:(?<![不没])(?:装上|戴上|穿上|套上|装进去|放进去|用上|铺上去|铺上)(?:了)?[^,，。!！?？]{0,3}|(?:尺寸|大小|码数|尺码)(?:也)?)"
                   r"(?:刚刚好|刚好|正好|正合适|合适|严丝合缝)"
                   r"(?![吗么嘛]|[?？])")
# What the buyer asked to change the order to ("刚拍的洗衣液改成柠檬味的"): its first two characters.
_CHANGED_TO = re.compile(r"(?:改成|换成|改为|改拍)([^\s,，。!！?？的吧吗呢]{2})")


def buyer_chose_wrong(text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message owning the wrong choice of goods, saying they fit, or changing
    the order to what the review says was sent ("改成柠檬味的" against "发来柠檬的"); else None:
    any of them refutes "sent wrong"."""
    found = first_message(chat, "buyer", _OWN_WRONG_CHOICE, unless=_OTHER_CHOICE)
    if found is None:
        found = first_message(chat, "buyer", _FITS)
    # A colour or a size changed to is the colour and size claims' own check.
    if found is None and text and not (CLAIM_PATTERNS["claim_wrong_colour"].search(text)
                                       or CLAIM_PATTERNS["claim_wrong_size"].search(text)):
        found = _changed_to_what_came(text, chat)
    return found


def _changed_to_what_came(text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message changing the order to what the review says was sent, or None."""
    for index, message in enumerate(chat or []):
        if message.get("role") != "buyer":
            continue
        for change in _CHANGED_TO.finditer(normalize_text(message.get("text"))):
            if re.search(r"发(?:来|成|了|的是|过来)?[^,，。!！?？]{0,3}" + re.escape(change.group(1)), text):
                return index
    return None


# The buyer saying the voucher or booking was used ("今天去吃了，锅底不错", "已经入住了").
_VOUCHER_USED = re.compile(r"(?<![没不未])(?:入住了|去吃了|吃过了|去过了|用过了|已经用了|玩过了|做完了|洗完了|入园了|进园了|检票了)"
                           r"(?![吗么嘛呢]|[?？])")


def buyer_used_voucher(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the voucher was used, or None."""
    return first_message(chat, "buyer", _VOUCHER_USED)


# The buyer saying the goods were checked and are genuine ("防伪码刮开查了是正品", "扫码验证是真的");
# not a check still to come or a question ("再拿去验证是不是正品", "能查是正品吗").
_VERIFIED_GENUINE = re.compile(
    r"(?:查|验|扫|鉴定|验证)[^,，。!！?？]{0,8}(?<!不是)(?<!是否)(?<!是不)(?:是|为)?(?:正品|真的|真货)(?![吗么嘛呢]|[?？])|"
    r"防伪[^,，。!！?？]{0,8}(?:是真的|正品|通过|没问题)(?![吗么嘛呢]|[?？])"
)


_CHECK_TO_COME = re.compile(r"(?:再|等|先|会|要)(?:拿去)?(?:查|验|扫|鉴定)")


def buyer_verified_genuine(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the goods were checked and are genuine, or None."""
    return first_message(chat, "buyer", _VERIFIED_GENUINE, unless=_CHECK_TO_COME)


# The buyer ordering in the chat before paying ("那我拍一盒", "拍了"); not a question.
_BUYER_ORDERED = re.compile(r"(?:(?<![没不])(?:拍了|下单了|已拍|已下单|拍好了|付款了)|(?<![没不])我(?:买|拍|订)的(?!时候|话)|(?:那|我|那我)就?(?:拍|买|要)(?:[一两三四五1-9]|个)[^,，。!！?？]{0,2}"
                            r"(?:盒|个|件|瓶|袋|包|箱|卷|套|双)?)(?![吗么嘛]|[?？])")


# The buyer telling of the goods in use ("收到了 刚试了一下 颜色好看", "吃了两个很甜"): the parcel
# was not empty.  Not a use still to come or asked about ("还没试", "试了吗").
_GOODS_IN_USE = re.compile(r"(?<![没未不])(?<!还没)(?:试了|试过了|用了|用过了|吃了|穿了|戴了|涂了|抹了|尝了|喝了|装上了|穿上了|拆开看了)"
                           r"(?![吗么嘛]|[?？])")


def buyer_used_goods(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message telling of the goods in use, or None: it refutes an empty parcel."""
    return first_message(chat, "buyer", _GOODS_IN_USE)


# The shop taking the return postage on itself ("运费我们承担", "不用您出", "选到付就行").
_SHOP_PAYS_POSTAGE = re.compile(r"运费(?:由)?(?:我们|我方|商家|本店|店铺)(?:来)?(?:承担|出|付)|(?:不用|无需|不需要)(?:您|亲)?(?:来)?(?:出|付|承担)(?:运费)?|"
                                r"(?:选|走|寄)(?:运费)?到付|运费到付|我们(?:来)?(?:出|付|承担)运费")


def seller_pays_postage(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the seller's message taking the return postage on the shop, or None."""
    return first_message(chat, "seller", _SHOP_PAYS_POSTAGE)


# The buyer saying the goods were carried up ("师傅给扛上六楼了", "帮我搬上楼了", "送到家了"), not
# by the buyer ("非让我自己搬上七楼").
_CARRIED_IN = re.compile(r"(?:搬|扛|抬|送)(?:上楼|上来|到家|进家|进屋)了?|(?:搬|扛|抬)上[^,，。!！?？]{0,3}楼")
_CARRIED_BY_BUYER = re.compile(r"自己(?:搬|扛|抬)|(?:让|要|叫|逼)我")


def buyer_saw_it_carried_in(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message saying the goods were carried up or in by the courier (not "让我
    自己搬上七楼"), or None."""
    return first_message(chat, "buyer", _CARRIED_IN, unless=_CARRIED_BY_BUYER)


def buyer_ordered(_text: str, chat: list[dict[str, Any]] | None) -> int | None:
    """Index of the buyer's message placing the order the review says was never placed, or None.

    The order must not sit in a question ("拍了吗"), but a question before it in the same message
    asks something else ("这款有L码吗 我拍一件")."""
    for index, message in enumerate(chat or []):
        if message.get("role") != "buyer":
            continue
        text = normalize_text(message.get("text"))
        for made in _BUYER_ORDERED.finditer(text):
            start = max(text.rfind(mark, 0, made.start()) for mark in _CLAUSE_ENDS) + 1
            ends = [i for i in (text.find(mark, made.end()) for mark in _CLAUSE_ENDS) if i >= 0]
            if not _ASKS.search(text, start, min(ends, default=len(text)) + 1):
                return index
    return None


# A question ("拍了吗", "下单了对吧"); 什么 and 怎么 ask what and how, not whether.
_ASKS = re.compile(r"[吗嘛?？]|(?<![什怎])么|对吧|是吧")
_CLAUSE_ENDS = " ,，。!！?？~～"


# Claims refuted by one chat message alone: (normalised review text, chat) -> that message's index
# or None.  claim_fact_contradictions (the model's features) and the evidence (features.evidence)
# both read this table, so a contradiction the model sees is the one the appeal quotes.
CHAT_REFUTATIONS: dict[str, Callable[[str, list[dict[str, Any]] | None], int | None]] = {
    "claim_invoice_refused": seller_issues_invoice,
    "claim_wrong_colour": buyer_chose_colour,
    "claim_size_advice": seller_advised_other_size,
    "claim_wrong_size": buyer_chose_size,
    "claim_item_missing": missing_item_arrived,
    "claim_no_tracking": seller_sent_tracking,
    "claim_damaged_on_arrival": buyer_owned_damage,
    "claim_expired": buyer_misread_date,
    "claim_not_installed": buyer_saw_it_installed,
    "claim_not_credited": buyer_confirmed_credit,
    "claim_used_goods": buyer_said_new,
    "claim_wrong_item": buyer_chose_wrong,
    "claim_voucher_unused": buyer_used_voucher,
    "claim_fake_goods": buyer_verified_genuine,
    "claim_never_ordered": buyer_ordered,
    "claim_empty_box": buyer_used_goods,
    "claim_return_postage": seller_pays_postage,
    "claim_not_carried_in": buyer_saw_it_carried_in,
}


# --- everything numeric about one review ------------------------------------------------------
REVIEW_NUMERIC_NAMES: tuple[str, ...] = (
    "rating",
    "has_media",
    "has_chat",
    "rating_sentiment_gap",
    "hours_delivered_to_review",
    "hours_paid_to_review",
    "hours_last_buyer_message_to_review",
    *(f"review_{n}" for n in TEXT_SIGNAL_NAMES),
    *(f"chat_{n}" for n in TEXT_SIGNAL_NAMES),
    *CHAT_STRUCTURE_NAMES,
    *ORDER_FACT_NAMES,
    *CONTRADICTION_NAMES,
    "any_contradiction",
)


def review_numeric_features(
    *,
    text_norm: str,
    buyer_chat_norm: str,
    rating: float,
    has_media: bool,
    created_at: datetime | None,
    chat: list[dict[str, Any]] | None,
    order: dict[str, Any] | None,
) -> list[float]:
    """All numeric features of one review, in the order of :data:`REVIEW_NUMERIC_NAMES`."""
    matrix = review_numeric_matrix(texts_norm=[text_norm], buyer_chats_norm=[buyer_chat_norm], ratings=[rating],
                                   has_media=[has_media], created_at=[created_at], chats=[chat], orders=[order])
    return [float(v) for v in matrix[0]]


_POSITIVE_COLUMN = TEXT_SIGNAL_NAMES.index("positive_count")
_NEGATIVE_COLUMN = TEXT_SIGNAL_NAMES.index("negative_count")


def review_numeric_matrix(
    *,
    texts_norm: Sequence[str],
    buyer_chats_norm: Sequence[str],
    ratings: Sequence[float],
    has_media: Sequence[bool],
    created_at: Sequence[datetime | None],
    chats: Sequence[list[dict[str, Any]] | None],
    orders: Sequence[dict[str, Any] | None],
    chats_norm: Sequence[list[str]] | None = None,
) -> np.ndarray:
    """Numeric features of many reviews (rows) in the order of :data:`REVIEW_NUMERIC_NAMES`.

    The text signals of the whole batch are computed at once (:func:`text_signals_batch`); the
    order and chat facts row by row.  ``chats_norm`` are the chats' normalised message texts
    when the caller already has them.
    """
    # Review and chat texts in one batch: the signals of a text do not depend on the others in
    # its batch, and one call pays the batch's fixed cost once.
    n_rows = len(texts_norm)
    signals = text_signals_batch([*texts_norm, *buyer_chats_norm])
    review_signals, chat_signals = signals[:n_rows], signals[n_rows:]
    # Python lists for the row loop below: indexing numpy arrays element by element costs more
    # (the same float64 values, so the same arithmetic: + - / are IEEE operations either way).
    positive = review_signals[:, _POSITIVE_COLUMN].tolist()
    negative = review_signals[:, _NEGATIVE_COLUMN].tolist()  # already max(negative hits, 0)
    claim_flags = (review_signals[:, -len(CLAIM_NAMES):] > 0).tolist()
    addresses = normalize_texts([(order or {}).get("shipping_address") or "" for order in orders])
    head, tail = [], []
    for row, (rating, media, created, chat, order) in enumerate(
        zip(ratings, has_media, created_at, chats, orders, strict=True)
    ):
        order = order or None
        times = _order_times(order)
        structure, last_buyer = _chat_facts(chat, chats_norm[row] if chats_norm is not None else None)
        claimed = dict(zip(CLAIM_NAMES, claim_flags[row], strict=True))
        contradictions = claim_fact_contradictions(claimed, order, chat, structure, times, texts_norm[row], created)
        known = [c for c in contradictions if c == c]
        total = positive[row] + negative[row]
        sentiment = (positive[row] - negative[row]) / total if total > 0 else 0.0
        head.append((
            float(rating),
            float(bool(media)),
            float(bool(chat)),
            (float(rating) - 3.0) / 2.0 - sentiment,
            _hours(created, times["delivered_at"]),
            _hours(created, times["paid_at"]),
            _hours(created, last_buyer),
        ))
        tail.append([*structure, *order_facts(order, times, addresses[row]), *contradictions, max(known, default=0.0)])
    # np.hstack of 2-D blocks, without its per-call wrapper.
    return np.concatenate([
        np.asarray(head, dtype=np.float64).reshape(n_rows, 7),
        review_signals,
        chat_signals,
        np.asarray(tail, dtype=np.float64).reshape(n_rows, -1),
    ], axis=1)


_ORDER_TIMES = ("paid_at", "shipped_at", "delivered_at", "refund_requested_at")


def _order_times(order: dict[str, Any] | None) -> dict[str, datetime | None]:
    # Each timestamp is parsed once per record and shared by every feature that needs it.
    if not order:
        return dict.fromkeys(_ORDER_TIMES)
    return {name: parse_timestamp(order.get(name)) for name in _ORDER_TIMES}


ORDER_NUMERIC_NAMES: tuple[str, ...] = (
    *ORDER_FACT_NAMES,
    "paid_hour_of_day",
    *(f"chat_{n}" for n in TEXT_SIGNAL_NAMES),
    *CHAT_STRUCTURE_NAMES,
)


def order_numeric_features(
    *, order: dict[str, Any], buyer_chat_norm: str, chat: list[dict[str, Any]] | None
) -> list[float]:
    """All numeric features of one order to score, in the order of :data:`ORDER_NUMERIC_NAMES`."""
    paid = parse_timestamp(order.get("paid_at"))
    return [
        *order_facts(order),
        float(paid.hour) if paid else NAN,
        *text_signals(buyer_chat_norm),
        *chat_structure(chat),
    ]
