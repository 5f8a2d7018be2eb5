"""Genuine reviews the platform's report form can still act on, each with its twin.

All of them are ``normal`` (no malicious label: the buyer bought and says what happened), and
each carries a platform report reason that a rule over evidence finds
(features/report_reasons.py): the buyer's own wrong choice of size, colour or model; a bad
review only because the price dropped later; praise given one or two stars; a quality verdict
written before the parcel arrived; insults aimed at the shop.  Each twin says something close
that the form does not cover (a size that runs small, a price drop and a real defect, mixed
praise, a delivery complaint before delivery, a harsh complaint without insults), so the rules
are measured on both sides.  :data:`SCENARIO_REASONS` lists the reason each scenario is written
to carry; :data:`INSULTS` the insults the simulator writes anywhere, so that the expected reasons
of a case (:func:`training.simulator.expected_report_reasons`) follow its text.
"""

from __future__ import annotations

import random

from training.simulator.noise import stylize
from training.simulator.story import GENUINE_BUYERS, Draft, Sale, buyer_among, random_hours
from training.simulator.texts import complaint_text, compose, maybe, positive_aspects
from training.simulator.vocabulary import POS_CLOSERS, POS_OPENERS, WIDE_PRODUCTS

# Insults aimed at the shop that the simulator writes (here and in false_claim's closers).
INSULTS = ("骗子店", "垃圾店铺", "垃圾商家", "黑心商家", "傻逼客服", "无良商家", "骗子商家", "狗商家")

_WHAT = ("尺码", "码", "颜色", "型号", "规格", "款式")
_OWN_MISTAKE = ("自己拍错{what}了", "我选错{what}了", "下单时选错{what}了", "买错{what}了", "手滑拍错{what}了",
                "没看清{what}，拍错了", "是我自己拍错{what}了")
_CONSEQUENCE = ("穿不上", "用不了", "不合适", "只能退了", "懒得换了", "跟想要的不一样", "有点小", "大了一圈", "家里人也用不上")
_SIZE_RUNS = ("尺码偏小，{advice}", "尺码偏大，{advice}", "按平时的码拍的，结果小了一码", "码数不标准，{advice}",
              "颜色和图片有色差", "型号标注不清楚，容易买错")
_ADVICE = ("建议拍大一码", "建议拍小一码", "买之前问问客服", "看好尺码表再买")
_DROP = ("刚买{n}天就降价{x}块", "买完第二天就便宜了{x}块", "昨天买的今天就降了{x}", "买贵了{x}块，平台发券后更便宜",
         "刚下单直播间就降价了", "收到货就降价，亏了{x}块", "用券的人比我便宜{x}块", "没几天就降价，也不给价保")
_DROP_FEELING = ("心里不舒服", "太郁闷了", "差评", "不开心", "气死了", "下次不敢早买了", "")
_DROP_ASIDE = ("东西本身没问题", "东西倒是还行", "东西没毛病", "")
_PRAISE_ONLY = ("非常满意，{aspect}，推荐购买", "很喜欢，{aspect}，会回购的", "{aspect}，超值，好评", "完美，{aspect}",
                "质量很好，{aspect}，值得购买", "很不错，{aspect}，推荐")
_MIXED = ("质量不错，但是{complaint}", "{aspect}，就是{complaint}", "还行吧，{complaint}", "整体可以，可惜{complaint}")
_BEFORE_VERDICT = ("质量太差了，一看就是假货", "做工粗糙，劣质产品", "质量垃圾，别买", "一看就是次品，质量很差",
                   "材质很差，假货", "效果太差了，没用")
_BEFORE_DELIVERY_ONLY = ("还没到，物流太慢了", "三天了还在路上", "怎么还没送到", "快递一直不动", "物流信息好几天没更新")


def _sale(rng: random.Random, order_id: str, **timeline: object) -> Sale:
    return Sale.draw(rng, order_id, catalogue=WIDE_PRODUCTS, **timeline)


def _review(rng: random.Random, sale: Sale, text: str, rating: int, *, chat=None, delay=None) -> Draft:
    return sale.review(text=stylize(rng, text), rating=rating,
                       review_delay=delay if delay is not None else random_hours(rng, 2, 24 * 5),
                       buyer=buyer_among(rng, GENUINE_BUYERS), chat=chat)


def own_wrong_choice(rng: random.Random, order_id: str) -> Draft:
    """Reason 消费者买错型号: the buyer says the size, colour or model was their own mistake."""
    sale = _sale(rng, order_id)
    mistake = rng.choice(_OWN_MISTAKE).format(what=rng.choice(_WHAT))
    return _review(rng, sale, compose(rng, [mistake, rng.choice(_CONSEQUENCE)], "neg"), rng.choice((1, 2, 2, 3)))


def wrong_choice_admitted_in_chat(rng: random.Random, order_id: str) -> Draft:
    """Reason 消费者买错型号, from the chat: the review only says it does not fit."""
    sale = _sale(rng, order_id)
    delivered = sale.timeline.delivered
    what = rng.choice(_WHAT)
    chat = [{"role": "buyer", "text": rng.choice(("不好意思，我拍错{w}了，能换吗", "我自己选错{w}了，可以退吗",
                                                "买错{w}了，怎么换")).format(w=what),
             "sent_at": (delivered + random_hours(rng, 1, 20)).isoformat()},
            {"role": "seller", "text": rng.choice(("亲，可以的，您申请退换就好", "好的亲，给您换")),
             "sent_at": (delivered + random_hours(rng, 21, 30)).isoformat()}]
    text = compose(rng, [rng.choice(("不合适", "穿不了", "用不上", "不是想要的")), maybe(rng, 0.5, "退了")], "neg")
    return _review(rng, sale, text, rng.choice((1, 2, 3)), chat=chat, delay=random_hours(rng, 31, 60))


def size_runs_small(rng: random.Random, order_id: str) -> Draft:
    """Twin: the size or colour is the product's fault (偏小, 色差): no report reason."""
    sale = _sale(rng, order_id)
    text = rng.choice(_SIZE_RUNS).format(advice=rng.choice(_ADVICE))
    return _review(rng, sale, compose(rng, [text], "neg"), rng.choice((2, 3, 3)))


def price_drop_only(rng: random.Random, order_id: str) -> Draft:
    """Reason 平台发券导致的降价差评: a later lower price is the whole complaint."""
    sale = _sale(rng, order_id)
    x = max(2, int(sale.purchase.unit_price * rng.uniform(0.05, 0.3)))
    drop = rng.choice(_DROP).format(n=rng.randint(1, 6), x=x)
    parts = [maybe(rng, 0.4, rng.choice(_DROP_ASIDE)), drop, rng.choice(_DROP_FEELING)]
    return _review(rng, sale, compose(rng, parts, "neg"), rng.choice((1, 1, 2)))


def price_drop_and_defect(rng: random.Random, order_id: str) -> Draft:
    """Twin: the price dropped AND the product has a problem: a genuine complaint, no reason."""
    sale = _sale(rng, order_id)
    x = max(2, int(sale.purchase.unit_price * rng.uniform(0.05, 0.3)))
    drop = rng.choice(_DROP).format(n=rng.randint(1, 6), x=x)
    parts = [drop, "而且" + complaint_text(rng, sale.purchase)]
    rng.shuffle(parts)
    return _review(rng, sale, compose(rng, parts, "neg"), rng.choice((1, 2)))


def praise_low_rating(rng: random.Random, order_id: str) -> Draft:
    """Reason 评价等级为差评内容为好评: nothing but praise, one or two stars."""
    sale = _sale(rng, order_id)
    aspect = positive_aspects(rng, sale.purchase, 1)[0]
    text = rng.choice(_PRAISE_ONLY).format(aspect=aspect)
    parts = [maybe(rng, 0.3, rng.choice(POS_OPENERS)), text, maybe(rng, 0.3, rng.choice(POS_CLOSERS))]
    return _review(rng, sale, compose(rng, parts, "pos"), rng.choice((1, 1, 2)))


def mixed_praise_low_rating(rng: random.Random, order_id: str) -> Draft:
    """Twin: praise with a complaint in it, one to three stars: the rating fits, no reason."""
    sale = _sale(rng, order_id)
    aspect = positive_aspects(rng, sale.purchase, 1)[0]
    text = rng.choice(_MIXED).format(aspect=aspect, complaint=complaint_text(rng, sale.purchase))
    return _review(rng, sale, compose(rng, [text], "neg"), rng.choice((1, 2, 3)))


def quality_verdict_before_delivery(rng: random.Random, order_id: str) -> Draft:
    """Reason 订单签收前评价商品质量问题: the goods are judged before the parcel arrived."""
    if rng.random() < 0.5:
        sale = _sale(rng, order_id, status="in_transit")
        delay = random_hours(rng, 2, 40)
    else:
        sale = _sale(rng, order_id, transit_days=(2.0, 5.0))
        # Posted after shipping, hours before the delivery scan.
        delay = -random_hours(rng, 3, 40)
    text = compose(rng, [rng.choice(_BEFORE_VERDICT), maybe(rng, 0.3, "差评")], "neg")
    return _review(rng, sale, text, rng.choice((1, 1, 2)), delay=delay)


def delivery_complaint_before_delivery(rng: random.Random, order_id: str) -> Draft:
    """Twin: before delivery the buyer complains about the delivery itself: no reason."""
    sale = _sale(rng, order_id, status="in_transit", transit_days=(3.0, 6.0))
    return _review(rng, sale, compose(rng, [rng.choice(_BEFORE_DELIVERY_ONLY)], "neg"), rng.choice((1, 2)),
                   delay=random_hours(rng, 30, 90))


def abusive_complaint(rng: random.Random, order_id: str) -> Draft:
    """Reason 评价内容中包含辱骂或不当词汇: a real complaint with an insult aimed at the shop."""
    sale = _sale(rng, order_id)
    parts = [complaint_text(rng, sale.purchase), rng.choice(INSULTS)]
    rng.shuffle(parts)
    return _review(rng, sale, compose(rng, parts, "neg"), rng.choice((1, 1, 2)))


def harsh_clean_complaint(rng: random.Random, order_id: str) -> Draft:
    """Twin: as angry, no insult (垃圾质量 judges the goods, not a person): no reason."""
    sale = _sale(rng, order_id)
    parts = [complaint_text(rng, sale.purchase), rng.choice(("质量垃圾", "太差劲了", "再也不买了", "千万别买", "坑人"))]
    return _review(rng, sale, compose(rng, parts, "neg"), rng.choice((1, 1, 2)))


REASON_SCENARIOS = {
    "normal/own_wrong_choice": own_wrong_choice,
    "normal/wrong_choice_admitted_in_chat": wrong_choice_admitted_in_chat,
    "normal/size_runs_small": size_runs_small,
    "normal/price_drop_only": price_drop_only,
    "normal/price_drop_and_defect": price_drop_and_defect,
    "normal/praise_low_rating": praise_low_rating,
    "normal/mixed_praise_low_rating": mixed_praise_low_rating,
    "normal/quality_verdict_before_delivery": quality_verdict_before_delivery,
    "normal/delivery_complaint_before_delivery": delivery_complaint_before_delivery,
    "normal/abusive_complaint": abusive_complaint,
    "normal/harsh_clean_complaint": harsh_clean_complaint,
}
# The platform reason each scenario is written to carry (its twin carries none).
SCENARIO_REASONS: dict[str, tuple[str, ...]] = {
    "normal/own_wrong_choice": ("report_reason_wrong_size",),
    "normal/wrong_choice_admitted_in_chat": ("report_reason_wrong_size",),
    "normal/price_drop_only": ("report_reason_platform_voucher",),
    "normal/praise_low_rating": ("report_reason_fake_negative_comment",),
    "normal/quality_verdict_before_delivery": ("report_reason_before_signing_evaluate",),
    "normal/abusive_complaint": ("report_reason_low_politics_guns",),
}
# Parts that carry the reason's evidence and must never be dropped.
REASON_NEEDS = {
    "normal/wrong_choice_admitted_in_chat": frozenset({"chat"}),
    "normal/quality_verdict_before_delivery": frozenset({"order", "timestamps"}),
    "normal/delivery_complaint_before_delivery": frozenset({"order", "timestamps"}),
}
