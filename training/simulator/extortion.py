"""``extortion`` scenarios: a bad review (or the threat of one) used to demand money, refunds or goods."""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import partial

from training.simulator.noise import money_text, stylize
from training.simulator.story import (
    EXTORTION_BUYERS,
    Builder,
    Chat,
    Draft,
    Purchase,
    Sale,
    buyer_among,
    draw_purchase,
    draw_timeline,
    order_object,
    random_minutes,
)
from training.simulator.texts import complaint_text, compose, maybe, maybe_opener, negative_review
from training.simulator.vocabulary import GIFTS, LINES, pick_line

# fmt: off
_TRANSFER_VERBS = ("给我转", "转我", "私下转我", "微信转我", "支付宝转我", "赔我", "补偿我", "发我", "打给我")
_DELETE_PROMISES = ("我马上删差评", "我就把差评删了", "差评立马改成好评", "我就改好评", "评价我就删掉",
                    "我就追评说好话", "这事就算了，评价我改", "立刻给你改五星")
_CASH_DELETE_TEMPLATES = (
    "{transfer}{money}，{promise}", "{promise}也行，先{transfer}{money}", "想让我删评价？{money}，少一分都不行",
    "差评已经挂上了，{transfer}{money}{promise}", "{money}，{transfer}，{promise}，不然就一直挂着",
    "你们{transfer}{money}的话，{promise}", "不想要差评就{transfer}{money}", "给个{money}的红包，{promise}",
    "看到我的评价了吧，{money}，{promise}",
)
_KEEP_REVIEWING_TEMPLATES = (
    "不补偿{money}就一直追评", "不赔{money}我就天天追评", "不给{money}我换几个号全给你差评",
    "今天不给{money}，你家每个商品我都去写差评", "{money}都不给？那我就一直追评到你们关店",
    "不给{money}的话我每天发一条追评，看谁耗得过谁", "补{money}，不然我让家里人都来给差评",
)
_REFUND_THREAT_TEMPLATES = (
    "不退款我就差评+投诉12315", "直接仅退款，不然差评加投诉", "不给我退钱我就去12315投诉，差评也不会删",
    "今天不全额退款我就去黑猫投诉，还挂差评", "不退全款我就找工商，再给你们一个差评",
    "货我不退，钱你退给我，不然差评投诉一起来", "退{money}给我，不然12315见，差评我也写好了",
)
_FREE_GOODS_TEMPLATES = (
    "送我一个同款不然给差评", "再免费补发一个给我，不然就差评", "送两个{gift}我就给好评，不送就差评",
    "赠品给我补{count}个，不然差评伺候", "白送我一件{product}，这事就算了，不然差评", "不送东西的话我的差评就不删了",
    "我要一个{gift}做补偿，不给就去写差评",
)
_CASHBACK_TEMPLATES = (
    "返现{money}我就给五星好评，不返就差评", "别家都有好评返现，你不返{money}我就给差评", "给我返{money}红包，五星带图，不给的话你懂的",
    "好评返{money}吧，不然我只能给差评了", "先返现{money}，我再评价，不返就一星", "返{money}好评，不返差评，你自己选",
)
_THREAT_BEFORE_REVIEW_TEMPLATES = (
    "不给我补{money}我就去写差评", "{money}补偿，不然我现在就去给差评", "你们看着办，不赔{money}我马上差评投诉",
    "给我{money}，不然评价区见", "{transfer}{money}，我就不写差评了", "评价还没写呢，{money}到账我给五星，不到账一星",
    "想要好评就{transfer}{money}，不然我实话实说给一星",
)
_DEMAND_IN_REVIEW_TEMPLATES = (
    "商家不赔{money}这差评我就一直挂着", "不退钱我就天天来追评", "给我补{money}才改好评，商家自己看着办",
    "不送赠品就差评，说到做到", "要么退款要么等着我投诉，差评不会删", "商家不给{money}补偿我就一直追评",
    "私聊商家要{money}补偿不给，那就差评，什么时候给什么时候改", "不给返现{money}就是这个评价",
    # Offers to trade the review, not only threats to keep it: the same leverage from the other side.
    "{money}到账我就追加好评，否则一直挂着", "商家要是肯赔{money}，这条差评我立马删", "赔{money}就改五星，不赔免谈",
    "如果退我一半钱，评价可以改", "差评先放这，补我{money}再说改不改",
)
_EXTORTION_OPENERS = ("在吗", "客服在不在", "看到我的评价了吗", "你们家东西什么质量", "收到了，{complaint}",
                      "我说一下，{complaint}", "东西太差了", "给个说法吧", "差评看到了吧")
_EXTORTION_OPENERS_BEFORE_REVIEW = ("在吗", "客服在不在", "你们家东西什么质量", "收到了，{complaint}", "我说一下，{complaint}",
                                    "东西太差了", "给个说法吧", "评价我还没写呢")
# fmt: on


def _demand_amount(rng: random.Random, order_amount: float) -> int:
    """A sum a buyer demands: round numbers or a share of the order amount."""
    if rng.random() < 0.6:
        return rng.choice((10, 15, 20, 30, 50, 50, 66, 80, 88, 100, 100, 120, 150, 200, 300))
    return max(5, int(round(order_amount * rng.uniform(0.3, 1.2) / 5.0)) * 5)


def _extortion_slots(rng: random.Random, purchase: Purchase, amount: int) -> dict[str, str]:
    slots = purchase.slots(rng)
    slots.update(
        money=money_text(rng, amount),
        transfer=rng.choice(_TRANSFER_VERBS),
        promise=rng.choice(_DELETE_PROMISES),
        gift=rng.choice(GIFTS),
        count=str(rng.randint(2, 5)),
    )
    return slots


def _extortion_case(
    rng: random.Random,
    order_id: str,
    *,
    templates: Sequence[str],
    after_review: bool | float,
    review_demand_share: float = 0.25,
    rating_weights: tuple[int, int, int] = (70, 25, 5),
) -> Draft:
    """A bad review (or its threat) used to demand money, refund or goods in chat.

    ``after_review`` says whether the demand follows the posted review or is a threat made before
    reviewing; a float is the share of cases in which it follows the review.
    """
    if not isinstance(after_review, bool):  # only a mixed scenario spends a draw on this
        after_review = rng.random() < after_review
    purchase = draw_purchase(rng)
    timeline = draw_timeline(rng, transit_days=(0.8, 4.0))
    amount = _demand_amount(rng, purchase.amount)
    slots = _extortion_slots(rng, purchase, amount)
    demand = rng.choice(templates).format_map(slots)
    delay = random_minutes(rng, 20, 24 * 60)
    created = timeline.delivered + delay if timeline.delivered else timeline.paid
    # After-review extortion starts once the review is up; threats before the review start at delivery.
    start = (
        created + random_minutes(rng, 5, 36 * 60)
        if after_review
        else timeline.delivered + random_minutes(rng, 5, 180)
    )
    chat = Chat(rng, start)
    openers = _EXTORTION_OPENERS if after_review else _EXTORTION_OPENERS_BEFORE_REVIEW
    opener = rng.choice(openers).format(complaint=complaint_text(rng, purchase))
    if rng.random() < 0.75:
        chat.buyer(opener).seller(rng.choice(("ack", "sorry_photo")))
    chat.buyer(demand)
    chat.seller(rng.choice(("refuse_private", "after_sale", "refuse_private", "warn_extortion")))
    if rng.random() < 0.35:
        bigger = money_text(rng, amount + rng.choice((10, 20, 30, 50, 100)))
        chat.buyer(pick_line(rng, "extortion.follow_up", money=bigger), gap=(2, 240))
        if rng.random() < 0.6:
            chat.seller(rng.choice(("warn_extortion", "refuse_private", "calm")))
    if not after_review and chat.clock > created:
        created = chat.clock + random_minutes(rng, 5, 300)
    text_extra = [demand] if rng.random() < review_demand_share else []
    if rng.random() < 0.3:
        # The refused buyer also attacks the service, which the polite chat refutes: the demand
        # in chat still makes it extortion, not a false claim.
        text_extra.append(rng.choice(LINES["rude.claim"] + LINES["no_reply.claim"]))
    text = stylize(rng, negative_review(rng, purchase, extra=text_extra))
    rating = rng.choices((1, 2, 3), weights=rating_weights)[0]
    order = order_object(rng, order_id, purchase, timeline, buyer=buyer_among(rng, EXTORTION_BUYERS))
    return Draft(
        text=text,
        rating=rating,
        created_at=created,
        has_media=rng.random() < 0.3,
        chat=chat.turns,
        order=order,
    )


def _extortion_escalating_multi_turn(rng: random.Random, order_id: str) -> Draft:
    """Complaint, polite seller, then demands that grow over several turns."""
    purchase = draw_purchase(rng)
    timeline = draw_timeline(rng, transit_days=(0.8, 4.0))
    first = _demand_amount(rng, purchase.amount)
    second = first + rng.choice((20, 30, 50, 100))
    created = timeline.delivered + random_minutes(rng, 30, 30 * 60)
    chat = Chat(rng, timeline.delivered + random_minutes(rng, 10, 240))
    chat.buyer(rng.choice(("收到了，", "我说一下，", "")) + complaint_text(rng, purchase))
    chat.seller("sorry_photo")
    chat.buyer(pick_line(rng, "escalation.skip_photo"))
    chat.seller("after_sale")
    chat.buyer(
        rng.choice(_TRANSFER_VERBS)
        + money_text(rng, first)
        + pick_line(rng, "escalation.first_demand_tail")
    )
    chat.seller("refuse_private")
    chat.buyer(pick_line(rng, "escalation.raise", money=money_text(rng, second)), gap=(5, 600))
    if rng.random() < 0.7:
        chat.seller(rng.choice(("warn_extortion", "refuse_private")))
    if rng.random() < 0.5:
        chat.buyer(pick_line(rng, "escalation.last_word"), gap=(10, 900))
    text = stylize(rng, negative_review(rng, purchase))
    order = order_object(rng, order_id, purchase, timeline, buyer=buyer_among(rng, EXTORTION_BUYERS))
    return Draft(
        text=text,
        rating=rng.choice((1, 1, 2)),
        created_at=created,
        has_media=rng.random() < 0.3,
        chat=chat.turns,
        order=order,
    )


def _extortion_demand_in_review_only(rng: random.Random, order_id: str) -> Draft:
    """The demand and the threat are in the review itself; chat is thin or absent."""
    sale = Sale.draw(rng, order_id, transit_days=(0.8, 4.0))
    amount = _demand_amount(rng, sale.purchase.amount)
    demand = rng.choice(_DEMAND_IN_REVIEW_TEMPLATES).format_map(
        _extortion_slots(rng, sale.purchase, amount)
    )
    parts = [maybe_opener(rng, 0.4), maybe(rng, 0.7, complaint_text(rng, sale.purchase)), demand]
    if rng.random() < 0.5:
        parts.reverse()
    text = stylize(rng, compose(rng, parts, "neg"))
    chat = sale.presale_chat(0.3)
    return sale.review(
        text=text,
        rating=rng.choice((1, 1, 2)),
        review_delay=random_minutes(rng, 20, 24 * 60),
        buyer=buyer_among(rng, EXTORTION_BUYERS),
        has_media=rng.random() < 0.2,
        chat=chat,
    )


EXTORTION_SCENARIOS: dict[str, Builder] = {
    "extortion/cash_to_delete_review": partial(
        _extortion_case, templates=_CASH_DELETE_TEMPLATES, after_review=True
    ),
    "extortion/compensation_or_keep_reviewing": partial(
        _extortion_case, templates=_KEEP_REVIEWING_TEMPLATES, after_review=True
    ),
    "extortion/refund_or_complaint_threat": partial(
        _extortion_case, templates=_REFUND_THREAT_TEMPLATES, after_review=0.5
    ),
    "extortion/free_goods_demand": partial(
        _extortion_case, templates=_FREE_GOODS_TEMPLATES, after_review=0.4
    ),
    "extortion/cashback_for_good_review": partial(
        _extortion_case,
        templates=_CASHBACK_TEMPLATES,
        after_review=False,
        rating_weights=(55, 30, 15),
    ),
    "extortion/threat_before_review": partial(
        _extortion_case,
        templates=_THREAT_BEFORE_REVIEW_TEMPLATES,
        after_review=False,
        review_demand_share=0.1,
    ),
    "extortion/escalating_multi_turn": _extortion_escalating_multi_turn,
    "extortion/demand_in_review_only": _extortion_demand_in_review_only,
}
