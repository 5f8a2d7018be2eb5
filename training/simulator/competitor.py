"""``competitor`` scenarios: rivals talking a product down from fresh, all-negative accounts."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from features.evidence import competitor_statements, probes_the_trade
from training.simulator.noise import stylize
from training.simulator.story import (
    ESTABLISHED_BUYERS,
    Builder,
    Chat,
    Draft,
    Purchase,
    Sale,
    buyer_among,
    buyer_history,
    price_text,
    random_days,
    random_minutes,
    shop_name,
)
from training.simulator.texts import (
    complaint_text,
    compose,
    maybe_closer,
    maybe_opener,
    negative_review,
)
from training.simulator.vocabulary import BRANDS, WIDE_PRODUCTS

# fmt: off
_STEER_TEMPLATES = (
    "去{shop}买才{price}", "{shop}同款才{price}，质量还比这好", "别在这买了，{shop}便宜一半", "搜{brand}，比这家强多了",
    "隔壁{shop}家做工好太多", "想买的去{shop}看看，同样的东西价格低一截", "{shop}那家发货快质量好，这家就算了",
    "同款在{shop}买的，完全不是一个档次", "直接去{shop}吧，我都在那买",
)
_FIRST_PERSON_TEMPLATES = (
    "我们店也卖同款，质量好多了", "我家也做这个，这种{material}成本很低", "我们自己店里卖的比这个厚实多了",
    "本人就是做{category_word}的，这种货一看就是库存尾货", "同样的东西我们店卖{price}还包邮",
    "我们也是做这行的，这种质量也好意思卖这个价", "我自己家就是卖这个的，买来对比一下，差距太大",
)
_BRAND_DISS_TEMPLATES = (
    "这牌子就是贴牌货，还是{brand}靠谱", "{own_brand}这种小牌子别信，买{brand}吧", "杂牌子，{brand}同价位好太多",
    "用过{brand}的都知道这个有多差", "没听过的牌子果然不行，老老实实买{brand}",
)
_INSIDER_TEMPLATES = (
    "懂行的都知道这是尾货，进价不到{low}块卖{amount}", "工厂出来的次品，我们做这行的一眼就看出来",
    "这种货批发市场{low}块一大把，卖这么贵", "拿货价我清楚得很，这利润也太黑了", "这是二手翻新的，同行都知道",
)
_SAFETY_SCARE_TEMPLATES = (
    "这款{product}检测不合格，赶紧退了换{brand}", "听说这批{product}有问题，用了{harm}，买{brand}的安全",
    "这种{product}用的都是回收料，{harm}，别贪便宜", "里面有害物质超标，{harm}，去{shop}买正规的",
)
_HARMS = ("对身体不好", "小孩子碰了会过敏", "用久了伤皮肤", "吃了拉肚子", "有安全隐患")
_PROBE_QUESTIONS = (
    "你们哪个厂拿的货", "进价多少", "一天能卖多少单", "你们是自己工厂还是拿货的", "货源在哪，能给个厂家联系方式吗",
    "你们直播间一场能出多少单", "这款利润有多少", "你们快递多少钱一单", "你们一个月流水多少", "这款是哪里的代工厂",
    "你们投流一天花多少", "仓库在哪个城市", "你们供应商是谁",
)

# Rivals who say they are in the trade (wholesaler, same-trade shop, factory) and invite buyers over;
# phrased unlike the held-out competitor/first_person_shop_talk templates.
_SELF_IDENTIFIED_TEMPLATES = (
    "同行路过，这款进价才{low}块，卖{amount}也太敢了", "我是做批发的，这货什么成本我心里有数，想要好货来我店里看看",
    "我们公司专门批发{category_word}，同款{price}一件，量大还能再谈", "做了十来年{category_word}，说句公道话，这个价格虚高，来{shop}看看",
    "自家工厂直销，同样的{material}比这个好，主页就能进店", "我们档口也拿这款，进价低得你不敢信，来我家买划算多了",
    "同行一个，拿货价{low}，你们自己算算赚了多少", "卖{category_word}的同行都知道这是什么货，我家{shop}的才是正经货",
    "开店的都懂，这进价也就{low}块", "咱是干这行的，这种货我们仓库一堆，来我店里同款便宜一半",
    "干批发的路过，这款在我们那就是地摊货，需要好的来我家", "我厂里就生产这个，{material}差远了，想要好的进我店铺",
)
# Rivals who say so and then invite readers to their own window, home page or messages: the words
# an ad uses (橱窗, 主页, 私我) with a seller's self-identification and an attack, which makes them
# competitor, not ad.  Often mild and at two or three stars ("一般吧，我们店同款…").
_INVITES_OVER_TEMPLATES = (
    "一般吧，还不如我们店的，同款我们才卖{price}，有需要的看我橱窗", "这款我们店里也有，{material}比这个好多了，想要的姐妹私我",
    "同行路过，这做工真不行，我家{category_word}做得扎实，主页有链接", "我们店同款是加厚的，这家太薄了，感兴趣的去我主页看看",
    "做{category_word}好几年了，这种货我们都不好意思拿出来卖，想买好的来我店里", "我也是卖{category_word}的，说实话这价不值，我橱窗里同款便宜一半",
    "还行吧，我们店同款是升级版，这家还是老款，价格还更贵，点我头像进店", "同行看了都摇头，{material}一看就是次的，要好货的私聊我",
    "我们直播间也在卖，{price}还送赠品，这家贵了不止一点，晚上八点来我直播间", "我家也做{category_word}，这款的问题我一眼就看出来了，想了解的滴滴我",
)
# fmt: on
# Share of rivals whose words are the evidence writing from an ordinary account (see _competitor_case).
_WORDS_ARE_EVIDENCE = 0.4


def _competitor_buyer(rng: random.Random) -> dict[str, int]:
    buyer = buyer_history(rng, "new_all_negative")
    if rng.random() < 0.1:  # a slightly older sock-puppet account
        buyer["account_age_days"] = rng.randint(11, 40)
    return buyer


def _competitor_slots(rng: random.Random, purchase: Purchase) -> dict[str, str]:
    slots = purchase.slots(rng)
    slots.update(
        shop=shop_name(rng),
        brand=rng.choice(BRANDS),
        own_brand=rng.choice(BRANDS),
        price=price_text(rng, purchase.unit_price),
        low=str(max(2, int(purchase.unit_price * 0.15))),
        amount=str(int(purchase.unit_price)),
        harm=rng.choice(_HARMS),
    )
    return slots


def _probe_chat(rng: random.Random, start: datetime) -> list[dict[str, str]]:
    chat = Chat(rng, start)
    for question in rng.sample(_PROBE_QUESTIONS, rng.randint(1, 3)):
        chat.buyer(question, gap=(0.5, 15))
        if rng.random() < 0.7:
            chat.seller("probe_deflection")
    return chat.turns


def _competitor_case(
    rng: random.Random,
    order_id: str,
    *,
    templates: Sequence[str] | None = None,
    probe_share: float = 0.35,
    catalogue: Sequence[tuple[str, str, float, float]] = WIDE_PRODUCTS,
    ordinary_account_share: float = 0.0,
    ratings: tuple[tuple[int, ...], tuple[int, ...]] = ((1, 2), (80, 20)),
) -> Draft:
    """Rival's review minutes after delivery from a fresh, all-negative account.

    ``templates`` are the ways the rival talks the product down; without them the text is an
    ordinary complaint and only the account, the timing and any probing chat betray the rival.
    ``ordinary_account_share``: for templates whose words are the evidence (self-identification,
    steering, cost talk) and for a probing chat, the share of rivals writing from an established account days after
    delivery, so that the words are learnt as competitor evidence on their own and not only
    together with the account facts (a hand-written "我们店也卖这个，进价…" has none).
    ``ratings``: the stars to draw from and their weights (one draw whatever they are).
    """
    sale = Sale.draw(rng, order_id, catalogue=catalogue, transit_days=(0.8, 3.5))
    if templates is None:
        text = negative_review(rng, sale.purchase)
    else:
        steer = rng.choice(templates).format_map(_competitor_slots(rng, sale.purchase))
        complaint = complaint_text(rng, sale.purchase) if rng.random() < 0.4 else None
        parts = [maybe_opener(rng, 0.35), complaint, steer, maybe_closer(rng, 0.3)]
        text = compose(rng, parts, "neg")
    probed = rng.random() < probe_share
    if probed:
        chat = _probe_chat(rng, sale.timeline.paid - random_minutes(rng, 5, 600))
    else:
        chat = sale.presale_chat(0.2)
    # Drawn for every case, so that the share does not shift the draws after it.
    # Only a rival whose chat is the scenario's evidence (kept by the degrader, registry._REVIEW_NEEDS)
    # may be ordinary for its questions; a template rival's chat may be dropped.
    asked = templates is None and probed and any(probes_the_trade(turn["text"]) for turn in chat if turn["role"] == "buyer")
    ordinary = rng.random() < ordinary_account_share and (asked or bool(competitor_statements(text)))
    return sale.review(
        text=stylize(rng, text),
        rating=rng.choices(ratings[0], weights=ratings[1])[0],
        review_delay=random_days(rng, 1, 10) if ordinary else random_minutes(rng, 3, 120),
        buyer=buyer_among(rng, ESTABLISHED_BUYERS) if ordinary else _competitor_buyer(rng),
        has_media=rng.random() < 0.15,
        chat=chat,
    )


COMPETITOR_SCENARIOS: dict[str, Builder] = {
    "competitor/steer_to_other_shop": partial(
        _competitor_case, templates=_STEER_TEMPLATES, ordinary_account_share=_WORDS_ARE_EVIDENCE
    ),
    "competitor/first_person_shop_talk": partial(
        _competitor_case, templates=_FIRST_PERSON_TEMPLATES, ordinary_account_share=_WORDS_ARE_EVIDENCE
    ),
    # Brand talk and safety scares carry no competitor evidence in their words: the account
    # facts stay, or the generated rival would be a genuine brand comparison.
    "competitor/brand_disparagement": partial(_competitor_case, templates=_BRAND_DISS_TEMPLATES),
    "competitor/insider_cost_claim": partial(
        _competitor_case, templates=_INSIDER_TEMPLATES, ordinary_account_share=_WORDS_ARE_EVIDENCE
    ),
    "competitor/safety_scare": partial(_competitor_case, templates=_SAFETY_SCARE_TEMPLATES),
    # A rival's questions about supply, costs and sales are evidence on their own: some come from
    # an ordinary account days after delivery, so that they are not learnt only with the account.
    "competitor/supplier_probe_chat": partial(
        _competitor_case, probe_share=1.0, ordinary_account_share=_WORDS_ARE_EVIDENCE
    ),
    # Only account, timing and a generic negative text betray the rival.
    "competitor/signals_only": partial(_competitor_case, probe_share=0.0),
}

# Coverage scenario: a rival who says so.
COVERAGE_COMPETITOR_SCENARIOS: dict[str, Builder] = {
    # Trains the self-identified rival while competitor/first_person_shop_talk stays held out.
    "competitor/wholesaler_self_identified": partial(
        _competitor_case, templates=_SELF_IDENTIFIED_TEMPLATES, catalogue=WIDE_PRODUCTS,
        ordinary_account_share=_WORDS_ARE_EVIDENCE,
    ),
    # A rival who invites readers over is competitor even with an ad's words in the review.
    "competitor/rival_invites_over": partial(
        _competitor_case, templates=_INVITES_OVER_TEMPLATES, catalogue=WIDE_PRODUCTS,
        ordinary_account_share=0.5, ratings=((1, 2, 3), (45, 35, 20)),
    ),
}
