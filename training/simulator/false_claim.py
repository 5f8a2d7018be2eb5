"""``false_claim`` scenarios: the claim is in the text, the order facts or the chat contradict it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from training.simulator.noise import stylize
from training.simulator.story import (
    FALSE_CLAIM_BUYERS,
    Builder,
    Chat,
    Draft,
    Purchase,
    Sale,
    buyer_among,
    draw_purchase,
    draw_timeline,
    exchange,
    last_sent,
    quick_timeline,
    random_hours,
    random_minutes,
)
from training.simulator.texts import complaint_text, compose, maybe, maybe_opener
from training.simulator.vocabulary import NEG_CLOSERS, pick_line

# fmt: off
_FALSE_NOT_RECEIVED = ("根本没收到货", "到现在都没收到货", "货都没见到就显示签收", "没收到货，骗子店", "一直没收到东西",
                       "压根没收到，还让我评价", "东西没到手就确认收货了", "连包裹影子都没见到")
_FALSE_SLOW_PHRASES = ("半个月才到", "等了十几天", "物流慢死了，二十天才收到", "一个多星期才送到", "等了{days}天才到",
                       "快递走了半个月", "等到花儿都谢了，十几天才到")
_FALSE_NOT_SHIPPED = ("一周都不发货", "拍了五天还不发货", "催了好几次都不发货", "下单一个礼拜了才发", "好多天不发货",
                      "付款后拖了快一周才发货")
FALSE_IGNORED = ("客服不回复", "找客服一直没人理", "问了半天客服装死", "客服从来不回消息", "联系客服没人管",
                 "发了十几条消息客服一句都不回")
FALSE_RUDE = ("客服骂人", "客服态度恶劣还骂我", "客服说话很冲，还让我爱买不买", "客服阴阳怪气的",
              "被客服骂了一顿", "客服态度差到极点")
_FALSE_REFUND = ("不给退款", "申请退款一直拒绝", "想退款商家死活不退", "退款申请被驳回好几次", "钱到现在都没退",
                 "说好的退款不给退")
FALSE_BROKEN = ("收到就是坏的", "少了配件", "少发了一个", "打开就是碎的", "收到的是残次品", "缺了零件装不上")
# fmt: on


def claim_text(rng: random.Random, claim: str, purchase: Purchase) -> str:
    parts = [maybe_opener(rng, 0.4), claim]
    if rng.random() < 0.25:
        parts.insert(1, rng.choice(("买的", "拍的", "这个")) + purchase.product)
    parts.append(
        maybe(rng, 0.6, rng.choice(NEG_CLOSERS + ("什么破店", "垃圾店铺", "还好意思卖")))
    )
    return stylize(rng, compose(rng, parts, "neg"))


def _refuted_claim(
    sale: Sale, claim: str, *, ratings: tuple[int, ...], review_days: int
) -> Draft:
    """A review making ``claim``, which the sale's own order timeline refutes."""
    rng = sale.rng
    return sale.review(
        text=claim_text(rng, claim, sale.purchase),
        rating=rng.choice(ratings),
        review_delay=random_hours(rng, 2, 24 * review_days),
        buyer=buyer_among(rng, FALSE_CLAIM_BUYERS),
    )


def _false_claim_not_received_but_delivered(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    return _refuted_claim(sale, rng.choice(_FALSE_NOT_RECEIVED), ratings=(1, 1, 2), review_days=6)


def _false_claim_slow_delivery_but_fast(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id, quick_timeline, total_days=(1.0, 3.0))
    claim = rng.choice(_FALSE_SLOW_PHRASES).format(days=rng.randint(8, 20))
    return _refuted_claim(sale, claim, ratings=(1, 2), review_days=5)


def _false_claim_not_shipped_but_shipped(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id, ship_hours=(1, 23))
    return _refuted_claim(sale, rng.choice(_FALSE_NOT_SHIPPED), ratings=(1, 2), review_days=6)


def _prompt_polite_chat(
    rng: random.Random, purchase: Purchase, start: datetime
) -> list[dict[str, str]]:
    """Buyer asks; the seller answers within minutes, politely, every time."""
    chat = Chat(rng, start)
    questions = [
        pick_line(rng, "chat.greeting"),
        complaint_text(rng, purchase),
        pick_line(rng, "false_claim.follow_up_question"),
        pick_line(rng, "false_claim.nudge"),
    ]
    intents = ["ack", "sorry_photo", "after_sale", "thanks"]
    for question, intent in list(zip(questions, intents, strict=True))[: rng.randint(2, 4)]:
        chat.buyer(question, gap=(0.5, 20))
        chat.seller(intent, gap=(0.2, 4.0))
    return chat.turns


def false_claim_about_service(
    rng: random.Random, order_id: str, *, phrases: Sequence[str]
) -> Draft:
    """The buyer blames customer service (``phrases``); the chat shows prompt, polite replies."""
    sale = Sale.draw(rng, order_id)
    delivered = sale.timeline.delivered
    chat = _prompt_polite_chat(rng, sale.purchase, delivered + random_minutes(rng, 20, 24 * 60))
    text = claim_text(rng, rng.choice(phrases), sale.purchase)
    delay = last_sent(chat) - delivered + random_minutes(rng, 10, 48 * 60)
    return sale.review(
        text=text,
        rating=rng.choice((1, 1, 2)),
        review_delay=delay,
        buyer=buyer_among(rng, FALSE_CLAIM_BUYERS),
        chat=chat,
    )


def _false_claim_refund_refused_but_refunded(rng: random.Random, order_id: str) -> Draft:
    purchase = draw_purchase(rng)
    returned = rng.random() < 0.4  # drawn between purchase and timeline, hence no Sale.draw
    sale = Sale(rng, order_id, purchase, draw_timeline(rng))
    delivered = sale.timeline.delivered
    requested = delivered + random_hours(rng, 1, 72)
    if returned:
        sale.timeline.status = "returned"
    chat: list[dict[str, str]] = []
    if rng.random() < 0.5:
        start = requested - random_minutes(rng, 5, 60)
        chat = exchange(rng, start, "false_claim.refund_notice", "refund_ok")
    return sale.review(
        text=claim_text(rng, rng.choice(_FALSE_REFUND), purchase),
        rating=1,
        review_delay=requested - delivered + random_hours(rng, 6, 96),
        buyer=buyer_among(rng, FALSE_CLAIM_BUYERS),
        chat=chat,
        refund_status="refunded",
        refund_requested_at=requested,
    )


FALSE_CLAIM_SCENARIOS: dict[str, Builder] = {
    "false_claim/not_received_but_delivered": _false_claim_not_received_but_delivered,
    "false_claim/slow_delivery_but_fast": _false_claim_slow_delivery_but_fast,
    "false_claim/not_shipped_but_shipped_fast": _false_claim_not_shipped_but_shipped,
    "false_claim/seller_ignored_but_replied": partial(
        false_claim_about_service, phrases=FALSE_IGNORED
    ),
    "false_claim/seller_rude_but_polite": partial(false_claim_about_service, phrases=FALSE_RUDE),
    "false_claim/refund_refused_but_refunded": _false_claim_refund_refused_but_refunded,
}
