"""``normal`` scenarios: genuine reviews, including the hard negatives whose facts agree with them.

Each malicious pattern has a genuine twin here (a delivery that really was late, a seller who
really never answered); the coverage builders' docstrings name the error they teach the model
not to make.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial

from training.simulator.false_claim import FALSE_BROKEN, FALSE_IGNORED, FALSE_RUDE, claim_text
from training.simulator.noise import cn_number, money_text, stylize
from training.simulator.story import (
    FALSE_CLAIM_BUYERS,
    GENUINE_BUYERS,
    Builder,
    Chat,
    Draft,
    Purchase,
    Sale,
    buyer_among,
    buyer_history,
    draw_purchase,
    draw_timeline,
    exchange,
    last_sent,
    quick_timeline,
    random_days,
    random_hours,
    random_minutes,
)
from training.simulator.texts import (
    complaint_text,
    compose,
    days_phrase,
    ending,
    join,
    maybe,
    maybe_closer,
    maybe_opener,
    negative_review,
    positive_aspects,
    positive_review,
    short_positive,
)
from training.simulator.vocabulary import (
    BUYER_ACKS,
    CATEGORY_TOPICS,
    LINES,
    MORE_PRODUCTS,
    NEG_EMOJI,
    POS_CLOSERS,
    POS_EMOJI,
    POS_OPENERS,
    PROMISED_GIFTS,
    SIZES,
    WIDE_PRODUCTS,
    pick_line,
)

# fmt: off
_ANGRY_MONEY_TEMPLATES = ("花了{money}买了个垃圾", "{money}就这质量？", "{money}买的东西跟地摊货一样",
                          "白花{money}", "{money}打水漂了", "花{money}买了个教训")
_COMPARISON_NEG = ("比淘宝上买的差远了", "同样价格在京东买的质量好太多", "之前在别的店买的比这个厚实，这次踩雷了",
                   "线下超市买的都比这个好", "拼多多十几块的都比这个强", "还不如我上次在实体店买的")
_COMPARISON_POS = ("比拼多多上买的好多了", "比淘宝同价位的厚实", "比商场里的便宜还一样好", "之前在别家买过，这家的更好",
                   "和专柜的一样，价格便宜一半")
_PLATFORM_MENTIONS = ("孩子用来上网课，QQ和微信都能登", "QQ糖味的，孩子很喜欢", "之前在淘宝买过同款，这家的更厚实",
                      "比淘宝便宜，质量一样", "拿来给老人用，微信视频很清楚", "QQ音乐连上没问题，音质不错",
                      "朋友在淘宝开店也卖这个，但还是这家的好", "跟京东自营的对比了，差不多")

# Very short genuine reviews (2-6 characters), by mood: mood -> (texts, ratings).
_VERY_SHORT: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "pos": (("不错", "还行", "挺好的", "收到了", "满意", "很好", "好用", "好吃", "喜欢", "可以", "好评", "很赞", "挺好",
             "蛮好", "超值", "正品", "不错哦", "还可以", "很满意", "物美价廉", "好看", "舒服", "实用", "非常好",
             "真不错", "好喝", "很香", "给力", "值得", "宝贝收到"), (5, 5, 5, 4, 4)),
    "neu": (("一般", "还行吧", "凑合", "一般般", "就那样", "中规中矩", "普普通通", "马马虎虎", "还凑合", "将就用",
             "收到了，一般", "没想象中好"), (3, 3, 3, 2, 4)),
    "neg": (("太差", "垃圾", "难用", "失望", "不好", "差评", "很差", "不行", "难吃", "太差了", "真难用", "没用",
             "后悔", "不值", "坑人", "质量差", "不好用", "别买", "很失望", "差劲", "退了"), (1, 1, 1, 2, 2)),
}
_SHORT_ENDINGS = ("", "", "", "。", "！", "~", "!!", "…")

# One emoji and one word, by mood.
_EMOJI_WORDS = {
    "pos": ("好", "赞", "好评", "不错", "喜欢", "满意", "棒", "好吃", "好用", "推荐", "可以", "值", "爱了", "绝了"),
    "neg": ("差", "差评", "垃圾", "失望", "难用", "太差", "坑", "无语"),
}
_EXTRA_POS_EMOJI = ("😋", "👌", "💯", "🌟", "😍", "[强]", "🤩", "👏", "[玫瑰]", "😁")

# "Recommended it to ..." praise; {who} is a person, never a group or an account.
_RECOMMEND_LINES = ("已推荐给{who}", "已经推荐给{who}了", "推荐给{who}了，也跟着下单了", "{who}看了也想要，把店铺分享过去了",
                    "安利给{who}了", "买来{who}都说好，准备再带一份", "好用到已经推荐给{who}", "{who}用了也说好，回头一起回购",
                    "{who}问我在哪买的，已经告诉了", "推荐给{who}，都说值")
_RECOMMEND_WHO = ("同事", "朋友", "家人", "闺蜜", "室友", "邻居", "我妈", "老公", "同学", "姐姐", "婆婆", "办公室的同事")

# Genuine mentions of a deal: bought with a coupon, in a live room, at an event price.
_DEAL_LINES = ("用券买的，{verdict}", "在直播间抢的，{verdict}", "活动价入手，{verdict}", "赶上满减，{verdict}",
               "领了店铺券，到手才{price}，{verdict}", "秒杀价拍到的，{verdict}", "大促的时候囤的，{verdict}",
               "新人券加活动价，{verdict}", "直播间下单还送了小礼物，{verdict}", "趁着店庆买的，{verdict}",
               "第二件半价，跟同事一人一件，{verdict}", "凑单满减下来一件才{price}，{verdict}", "{verdict}，直播间价格比平时低",
               "清仓价捡的漏，{verdict}", "半价买到的，{verdict}")
_DEAL_VERDICTS = ("很划算", "性价比很高", "这个价格值了", "捡到便宜了", "比平时便宜不少", "真香", "买到就是赚到", "挺值的",
                  "划算")

# Price comparisons with other platforms or live rooms, cheaper ("pos") or dearer ("neg") here.
_PRICE_COMPARE_LINES = {
    "pos": ("比淘宝便宜了{diff}块", "拼多多同款要{other}，这里{mine}，划算", "在别的直播间看到卖{other}，这边便宜点",
            "比超市便宜{diff}块，东西一样", "之前在京东买要{other}，这次才{mine}", "比实体店便宜多了，店里要{other}",
            "跟另一个直播间比了一下，这边便宜{diff}", "淘宝上搜了一圈，这个价格最低"),
    "neg": ("比拼多多贵了{diff}块，不过发货快", "淘宝同款才{other}，这里卖{mine}，有点贵", "另一个直播间{other}就能买到，买亏了",
            "比京东贵了{diff}，下次先比价", "在超市看到才{other}，有点后悔", "刚买完就看到别的直播间便宜{diff}，心塞",
            "比淘宝贵一点，图个方便吧"),
}

# Body measurements in genuine size feedback (clothing and shoes).
_MEASURE_LINES = {
    "clothing": ("身高{h}体重{w}，穿{size}码{fit}", "{h}/{w}，拍的{size}，{fit}", "{h} {w} {size}码{fit}",
                 "我{h}，{w}，{size}{fit}", "身高{h}，{w}，买的{size}号{fit}", "参考一下：{h}，{w}，{size}，{fit}",
                 "腰围{waist}，{size}码{fit}", "胸围{bust}穿{size}{fit}", "{w}，{h}，拿的{size}，{fit}"),
    "shoes": ("平时穿{size}，这双拍的{size}{fit}", "脚长{foot}厘米，{size}码{fit}", "{size}码，脚背高，{fit}",
              "我{h}的个子，{size}码鞋{fit}", "脚长{foot}，拍{size}{fit}", "{size}的脚，{fit}"),
}
_FITS = {"good": ("刚好", "正合适", "不大不小", "很合身", "挺舒服的", "合适"),
         "tight": ("有点紧", "偏小，建议拍大一码", "稍微有点短"),
         "loose": ("有点大", "偏大半码", "略宽松，建议拍小一码")}
_CLOTHING_SIZES = ("XS", "S", "M", "L", "XL", "2XL", "3XL", "均码")

# Wrong goods really sent, as the buyer reports them (colour and size need a fitting category).
_WRONG_ITEM_REPORTS = {
    "colour": ("拍的{colour}，收到的是{other_colour}", "颜色发错了，我要的是{colour}", "下单选的{colour}，怎么来了个{other_colour}的"),
    "size": ("拍的{size}码，发来的是{other_size}码", "尺码发错了，吊牌上写的{other_size}", "我选的{size}，收到一看是{other_size}"),
    "flavour": ("拍的{flavour}味，发成了{other_flavour}味", "口味发错了，我要的是{flavour}的"),
    "item": ("发来的根本不是我拍的东西", "款式发错了，跟下单的不一样", "收到的不是我买的这个{product}", "箱子里是别的东西，发错货了"),
    "missing": ("少发了一件", "配件没放，装不了", "说好的套装少了一样", "少了一个，数了好几遍"),
}
_COLOURS = ("黑色", "白色", "米白色", "卡其色", "藏青色", "浅粉色", "灰色", "雾霾蓝", "墨绿色", "酒红色")
_FLAVOURS = ("原味", "麻辣", "五香", "番茄", "海苔", "蜂蜜", "黑椒", "鸡肉", "三文鱼")
_COLOURFUL = frozenset({"clothing", "shoes", "home", "electronics", "bags", "accessories", "phone_acc", "kitchen",
                        "sports", "furniture", "toys", "pet_supplies", "baby"})
_EDIBLE_FLAVOURED = frozenset({"food", "snacks", "pet_food"})

# Something missing from the parcel, asked for politely: (buyer requests, seller intent, reviews).
_MISSING_ITEM_STORIES: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("你好，我拍的{product}少了一个配件，能补发一下吗", "少了一个小零件，麻烦补寄，谢谢", "你好，包裹里少了一样东西，能查一下吗",
      "亲，好像少装了一个，方便看一下吗"),
     "reissue", ("少发的配件客服补寄了", "少了东西，沟通后补发了，处理挺及时", "开始少了一件，后来补齐了")),
    (("亲，赠品好像没收到，麻烦帮忙查一下", "页面上说送{gift}，我这边没看到哎，方便补一下吗", "直播间说的赠品没有放，能帮忙补一下吗"),
     "gift", ("赠品漏了，找客服给补上了", "赠品后来补寄了，客服挺好说话", "说好的{gift}没放，问了一下马上补了")),
    (("说明书没找到，可以发个电子版吗", "没看到说明书，请问怎么安装呀"),
     "manual", ("说明书没有，客服发了电子版", "没有纸质说明书，客服发了视频教程")),
)

# An ordinary grievance told in chat, with no demand: (what the buyer says, how the review puts it).
_GRIEVANCES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("东西收到了，感觉跟图片有点差别", "实物跟图片不太一样哎"), ("跟图片有点差别，能接受", "实物没图片好看，凑合")),
    (("质量比我想象的差一点，有点失望", "做工有点一般啊"), ("质量一般，价格在这，凑合用", "比预期差一点，客服态度不错")),
    (("包装有点破，还好东西没坏", "外箱压坏了，下次包结实点"), ("包装破了点，东西没事", "快递把箱子压扁了，好在东西完好")),
    (("发货有点慢哈，下次快一点",), ("发货慢了点，东西还行",)),
    (("颜色比图上暗一些", "颜色跟我想的不太一样"), ("颜色比图片暗一点，还能接受", "颜色有点色差，不影响用")),
    (("味道有点大，晾几天看看", "打开有点味儿"), ("有点味道，晾几天就好了", "刚拆有味道，散散就没了")),
)

# Rude seller replies (the rude-service twin); each holds a word a reader would call rude.
_RUDE_SELLER_LINES = ("爱买不买，不买别烦我", "自己不会看详情页吗", "你事怎么这么多", "嫌贵就别买", "用过了还想退？想得美",
                      "这是你自己的问题，跟我们没关系", "你懂不懂啊，说了多少遍了", "烦不烦，一直问", "穷就别网购",
                      "要退自己退，别来烦我", "有本事你去投诉啊", "随便你，爱咋咋地", "懒得跟你解释", "你爱信不信",
                      "就这价格你还想要什么质量", "不会用就别乱说")
# fmt: on


def _normal_short_positive(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.25)
    return sale.review(
        text=stylize(rng, short_positive(rng)),
        rating=rng.choices((5, 4), weights=(75, 25))[0],
        review_delay=random_hours(rng, 1, 24 * 10),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.1,
        chat=chat,
    )


def _normal_detailed_positive(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.3)
    return sale.review(
        text=stylize(rng, positive_review(rng, sale.purchase, rng.randint(2, 4))),
        rating=rng.choices((5, 4), weights=(85, 15))[0],
        review_delay=random_hours(rng, 2, 24 * 12),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.45,
        chat=chat,
    )


def _normal_slow_delivery_genuine(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id, quick_timeline, total_days=(7.0, 20.0), ship_max_hours=48)
    paid = sale.timeline.paid
    days = (sale.timeline.delivered - paid).days
    wait = pick_line(rng, "slow_delivery.wait", days=days, span=days_phrase(days))
    parts = [
        maybe(rng, 0.3, pick_line(rng, "slow_delivery.opener")),
        wait,
        pick_line(rng, "slow_delivery.aside"),
        maybe(rng, 0.4, pick_line(rng, "slow_delivery.closer")),
    ]
    text = compose(rng, parts, "neg")
    chat: list[dict[str, str]] = []
    if rng.random() < 0.5:
        start = paid + random_days(rng, 4, days - 1.5)
        chat = exchange(rng, start, "slow_delivery.chat_question", "shipping")
    return sale.review(
        text=stylize(rng, text),
        rating=rng.choices((1, 2, 3), weights=(20, 40, 40))[0],
        review_delay=random_hours(rng, 1, 24 * 4),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        chat=chat,
    )


def _normal_shipping_delay_genuine(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id, ship_hours=(76, 170), transit_days=(1.0, 3.5))
    paid = sale.timeline.paid
    ship_days = int((sale.timeline.shipped - paid).total_seconds() // 86400)
    claim = pick_line(rng, "shipping_delay.claim", days=ship_days, days_cn=cn_number(ship_days))
    parts = [claim, pick_line(rng, "shipping_delay.aside"), maybe_closer(rng, 0.4)]
    text = compose(rng, parts, "neg")
    chat: list[dict[str, str]] = []
    if rng.random() < 0.6:
        start = paid + random_hours(rng, 30, 70)
        chat = exchange(rng, start, "shipping_delay.chat_question", "shipping_delay_reason")
    return sale.review(
        text=stylize(rng, text),
        rating=rng.choices((1, 2, 3), weights=(25, 40, 35))[0],
        review_delay=random_hours(rng, 2, 24 * 4),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        chat=chat,
    )


def _normal_not_received_genuine(rng: random.Random, order_id: str) -> Draft:
    purchase = draw_purchase(rng)
    returned = rng.random() < 0.3  # drawn between purchase and timeline, hence no Sale.draw
    sale = Sale(
        rng, order_id, purchase, draw_timeline(rng, status="returned" if returned else "in_transit")
    )
    paid = sale.timeline.paid
    created_after_paid = random_days(rng, 8, 20)
    claim = pick_line(rng, "not_received.returned_claim" if returned else "not_received.transit_claim")
    parts = [claim, maybe(rng, 0.5, pick_line(rng, "not_received.aside")), maybe_closer(rng, 0.3)]
    text = compose(rng, parts, "neg")
    chat: list[dict[str, str]] = []
    if rng.random() < 0.6:
        chat = exchange(rng, paid + random_days(rng, 4, 7), "not_received.chat_question", "shipping")
    refund = rng.choice(
        ("none", "requested", "refunded") if returned else ("none", "none", "requested")
    )
    requested = paid + random_days(rng, 5, 7.5) if refund != "none" else None
    draft = sale.review(
        text=stylize(rng, text),
        rating=rng.choices((1, 2, 3), weights=(50, 35, 15))[0],
        review_delay=timedelta(0),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        chat=chat,
        refund_status=refund,
        refund_requested_at=requested,
    )
    draft.created_at = paid + created_after_paid  # nothing was delivered: count from payment
    return draft


def _normal_quality_complaint_with_media(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    topic = rng.choice(CATEGORY_TOPICS[sale.purchase.category])
    media_note = maybe(rng, 0.3, pick_line(rng, "quality.media_note"))
    text = stylize(rng, negative_review(rng, sale.purchase, topic, extra=[media_note]))
    chat: list[dict[str, str]] = []
    refund, requested = "none", None
    if rng.random() < 0.6:
        chat = (
            Chat(rng, sale.timeline.delivered + random_minutes(rng, 30, 24 * 60))
            .buyer(complaint_text(rng, sale.purchase, topic))
            .seller("sorry_photo")
            .buyer(pick_line(rng, "quality.media_sent"))
            .seller("after_sale")
            .turns
        )
        if rng.random() < 0.5:
            refund = rng.choice(("requested", "refunded"))
            requested = last_sent(chat) + random_minutes(rng, 5, 120)
    return sale.review(
        text=text,
        rating=rng.choices((1, 2, 3), weights=(35, 40, 25))[0],
        review_delay=random_hours(rng, 2, 24 * 5),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.9,
        chat=chat,
        refund_status=refund,
        refund_requested_at=requested,
        posted_after=requested,
    )


def _normal_angry_money_complaint(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    money = money_text(rng, sale.purchase.amount)
    angry = rng.choice(_ANGRY_MONEY_TEMPLATES).format(money=money)
    parts = [angry, complaint_text(rng, sale.purchase), maybe_closer(rng, 0.6)]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=1,
        review_delay=random_hours(rng, 1, 24 * 5),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.5,
    )


def _normal_other_platform_comparison(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    if rng.random() < 0.7:
        comparison = rng.choice(_COMPARISON_NEG)
        complaint = maybe(rng, 0.7, complaint_text(rng, sale.purchase))
        text = compose(rng, [comparison, complaint, maybe_closer(rng, 0.4)], "neg")
        rating = rng.choice((1, 2, 2, 3))
    else:
        comparison = rng.choice(_COMPARISON_POS)
        aspects = positive_aspects(rng, sale.purchase, rng.randint(1, 2))
        text = compose(rng, [comparison, *aspects], "pos")
        rating = rng.choice((4, 5, 5))
    return sale.review(
        text=stylize(rng, text),
        rating=rating,
        review_delay=random_hours(rng, 2, 24 * 8),
        buyer=buyer_history(rng, rng.choice(("regular", "mixed_old"))),
        has_media=rng.random() < 0.35,
    )


def _normal_polite_refund_or_gift_request(rng: random.Random, order_id: str) -> Draft:
    """A grievance resolved politely in chat: no amount, no threat."""
    sale = Sale.draw(rng, order_id)
    chat = Chat(rng, sale.timeline.delivered + random_minutes(rng, 30, 24 * 60))
    refund, requested = "none", None
    if rng.random() < 0.5:
        chat.buyer(pick_line(rng, "gift.request")).seller("gift").buyer(rng.choice(BUYER_ACKS))
        parts = [pick_line(rng, "gift.review"), pick_line(rng, "gift.review_aside")]
        text = compose(rng, parts, "neutral")
        rating = rng.choice((3, 4, 4, 5))
    else:
        chat.buyer(pick_line(rng, "return.request")).seller("after_sale").buyer(
            pick_line(rng, "return.ack")
        )
        refund = rng.choice(("requested", "refunded"))
        requested = last_sent(chat.turns) + random_minutes(rng, 2, 90)
        parts = [pick_line(rng, "return.review"), pick_line(rng, "return.review_aside")]
        text = compose(rng, parts, "neutral")
        rating = rng.choice((3, 3, 4, 2))
    return sale.review(
        text=stylize(rng, text),
        rating=rating,
        review_delay=random_hours(rng, 2, 24 * 6),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        chat=chat.turns,
        refund_status=refund,
        refund_requested_at=requested,
        posted_after=last_sent(chat.turns),
    )


def _normal_price_or_cashback_inquiry(rng: random.Random, order_id: str) -> Draft:
    """A polite question about 好评返现 or a discount, with no threat attached."""
    sale = Sale.draw(rng, order_id)
    chat = Chat(rng, sale.timeline.paid - random_minutes(rng, 5, 300))
    if rng.random() < 0.5:
        chat.buyer(pick_line(rng, "cashback.question")).seller("cashback")
    else:
        chat.buyer(pick_line(rng, "price.question", n=rng.randint(3, 20))).seller("price")
    chat.buyer(pick_line(rng, "price.ack"))
    text = positive_review(rng, sale.purchase) if rng.random() < 0.7 else short_positive(rng)
    return sale.review(
        text=stylize(rng, text),
        rating=rng.choice((4, 5, 5)),
        review_delay=random_hours(rng, 2, 24 * 8),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.3,
        chat=chat.turns,
    )


def _normal_platform_word_mention(rng: random.Random, order_id: str) -> Draft:
    """Genuine reviews that mention QQ, 淘宝 or 微信 without advertising anything."""
    sale = Sale.draw(rng, order_id)
    mention = rng.choice(_PLATFORM_MENTIONS)
    aspects = positive_aspects(rng, sale.purchase, rng.randint(0, 2))
    return sale.review(
        text=stylize(rng, compose(rng, [mention, *aspects], "pos")),
        rating=rng.choice((4, 5, 5, 3)),
        review_delay=random_hours(rng, 2, 24 * 8),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.3,
    )


def _normal_new_account_genuine(rng: random.Random, order_id: str) -> Draft:
    """A genuine buyer on a brand-new account; timing and facts are ordinary."""
    sale = Sale.draw(rng, order_id)
    if rng.random() < 0.6:
        text = positive_review(rng, sale.purchase) if rng.random() < 0.6 else short_positive(rng)
        rating = rng.choice((4, 5, 5))
        has_media = rng.random() < 0.3
    else:
        text = negative_review(rng, sale.purchase)
        rating = rng.choice((2, 3, 3))
        has_media = rng.random() < 0.7
    chat = sale.presale_chat(0.4)
    return sale.review(
        text=stylize(rng, text),
        rating=rating,
        review_delay=random_hours(rng, 3, 24 * 6),
        buyer=buyer_history(rng, "new"),
        has_media=has_media,
        chat=chat,
    )


def _normal_mixed_pros_cons(rng: random.Random, order_id: str) -> Draft:
    sale = Sale.draw(rng, order_id)
    pros = positive_aspects(rng, sale.purchase, 1)[0]
    cons = complaint_text(rng, sale.purchase)
    shape = rng.randrange(3)
    if shape == 0:
        text = f"优点：{pros}。缺点：{cons}"
    elif shape == 1:
        text = join(rng, [pros, rng.choice(("但是", "不过", "就是")) + cons])
    else:
        text = join(rng, [cons, pick_line(rng, "mixed.summary")])
    return sale.review(
        text=stylize(rng, text + ending(rng, "neutral")),
        rating=rng.choice((3, 3, 4)),
        review_delay=random_hours(rng, 2, 24 * 8),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.35,
    )


def _normal_slow_service_genuine(rng: random.Random, order_id: str) -> Draft:
    """The buyer says customer service was slow; the chat shows hours-long gaps or silence."""
    sale = Sale.draw(rng, order_id)
    chat = Chat(rng, sale.timeline.delivered + random_minutes(rng, 30, 24 * 60))
    chat.buyer(pick_line(rng, "slow_service.greeting"))
    chat.buyer(complaint_text(rng, sale.purchase), gap=(1, 10))
    if rng.random() < 0.4:  # silence
        chat.buyer(pick_line(rng, "slow_service.nudge"), gap=(60, 600))
    else:  # a reply hours later
        chat.seller("busy", gap=(6 * 60, 30 * 60))
        chat.buyer(pick_line(rng, "slow_service.reaction"), gap=(10, 240))
    claim = pick_line(rng, "slow_service.claim")
    parts = [claim, maybe(rng, 0.7, complaint_text(rng, sale.purchase)), maybe_closer(rng, 0.3)]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=rng.choice((1, 2, 2, 3)),
        review_delay=timedelta(0),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.4,
        chat=chat.turns,
        posted_after=last_sent(chat.turns),
        after_minutes=(10, 24 * 60),
    )


def _normal_refund_rejected_genuine(rng: random.Random, order_id: str) -> Draft:
    """“不给退款” and the refund really was rejected."""
    sale = Sale.draw(rng, order_id)
    requested = sale.timeline.delivered + random_hours(rng, 2, 96)
    chat = (
        Chat(rng, requested - random_minutes(rng, 5, 60))
        .buyer(pick_line(rng, "refund_rejected.request"))
        .seller("refund_reject_food" if sale.purchase.category == "food" else "refund_reject")
        .buyer(pick_line(rng, "refund_rejected.reaction"))
        .turns
    )
    claim = pick_line(rng, "refund_rejected.claim")
    parts = [claim, maybe(rng, 0.6, complaint_text(rng, sale.purchase)), maybe_closer(rng, 0.4)]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=rng.choice((1, 1, 2)),
        review_delay=timedelta(0),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.5,
        chat=chat,
        refund_status="rejected",
        refund_requested_at=requested,
        posted_after=last_sent(chat),
        after_minutes=(10, 48 * 60),
    )


NORMAL_SCENARIOS: dict[str, Builder] = {
    "normal/short_positive": _normal_short_positive,
    "normal/detailed_positive": _normal_detailed_positive,
    "normal/slow_delivery_genuine": _normal_slow_delivery_genuine,
    "normal/shipping_delay_genuine": _normal_shipping_delay_genuine,
    "normal/not_received_genuine": _normal_not_received_genuine,
    "normal/quality_complaint_with_media": _normal_quality_complaint_with_media,
    "normal/angry_money_complaint": _normal_angry_money_complaint,
    "normal/other_platform_comparison": _normal_other_platform_comparison,
    "normal/polite_refund_or_gift_request": _normal_polite_refund_or_gift_request,
    "normal/price_or_cashback_inquiry": _normal_price_or_cashback_inquiry,
    "normal/platform_word_mention": _normal_platform_word_mention,
    "normal/new_account_genuine": _normal_new_account_genuine,
    "normal/mixed_pros_cons": _normal_mixed_pros_cons,
    "normal/slow_service_genuine": _normal_slow_service_genuine,
    "normal/refund_rejected_genuine": _normal_refund_rejected_genuine,
}


# Registered on its own after the scenarios above (training/simulator/registry.py): the twin of the
# false claims, told in their words.
def damage_claim_unverifiable(rng: random.Random, order_id: str) -> Draft:
    """Damage claimed, with no photo and no word of it in chat, by a buyer with a false-claim
    history: nothing supplied contradicts the claim, so it can never be appealed as false
    (no accusation without evidence) and is taught as ``normal``."""
    sale = Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.4)
    return sale.review(
        text=claim_text(rng, rng.choice(FALSE_BROKEN), sale.purchase),
        rating=rng.choice((1, 1, 2)),
        review_delay=random_minutes(rng, 10, 24 * 60 * 4),
        buyer=buyer_among(rng, FALSE_CLAIM_BUYERS),
        has_media=False,
        chat=chat,
    )


# Coverage scenarios: genuine twins of known error classes.
# Each builder's docstring names the error it teaches the model not to make (or to stop missing).
# The genuine twins' facts AGREE with their complaint: the false_claim scenarios make the same
# claims with facts that contradict them.
_SIZED_PRODUCTS = tuple(product for product in WIDE_PRODUCTS if product[1] in SIZES)


def _genuine_text_case(
    rng: random.Random,
    order_id: str,
    *,
    write: Callable[[random.Random, Purchase], tuple[str, int]],
    catalogue: Sequence[tuple[str, str, float, float]] = WIDE_PRODUCTS,
    media_share: float = 0.3,
) -> Draft:
    """A genuine review on an ordinary order; ``write(rng, purchase)`` gives its text and rating."""
    sale = Sale.draw(rng, order_id, catalogue=catalogue)
    text, rating = write(rng, sale.purchase)
    chat = sale.presale_chat(0.25)
    return sale.review(
        text=stylize(rng, text),
        rating=rating,
        review_delay=random_hours(rng, 1, 24 * 10),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < media_share,
        chat=chat,
    )


def _write_very_short(rng: random.Random, purchase: Purchase) -> tuple[str, int]:
    """Teaches: 2-6 character reviews of any mood (不错 / 一般 / 太差) are genuine, not meaningless."""
    mood = rng.choices(("pos", "neu", "neg"), weights=(55, 20, 25))[0]
    texts, ratings = _VERY_SHORT[mood]
    return rng.choice(texts) + rng.choice(_SHORT_ENDINGS), rng.choice(ratings)


def _write_emoji_word(rng: random.Random, purchase: Purchase) -> tuple[str, int]:
    """Teaches: one emoji plus one word (👍好, 好评😊, 太差👎) is a genuine review, not meaningless."""
    mood = "pos" if rng.random() < 0.8 else "neg"
    emojis = POS_EMOJI + _EXTRA_POS_EMOJI if mood == "pos" else NEG_EMOJI
    word, emoji = rng.choice(_EMOJI_WORDS[mood]), rng.choice(emojis) * rng.choice((1, 1, 1, 2))
    text = emoji + word if rng.random() < 0.5 else word + emoji
    return text, rng.choice((5, 5, 4) if mood == "pos" else (1, 1, 2))


def _write_recommended(rng: random.Random, purchase: Purchase) -> tuple[str, int]:
    """Teaches: "已推荐给同事/朋友/家人" is genuine praise, not an advert."""
    recommend = rng.choice(_RECOMMEND_LINES).format(who=rng.choice(_RECOMMEND_WHO))
    parts: list[str | None] = [maybe(rng, 0.3, rng.choice(POS_OPENERS))]
    parts += positive_aspects(rng, purchase, rng.randint(0, 2))
    parts.insert(rng.choice((1, len(parts))), recommend)
    parts.append(maybe(rng, 0.3, rng.choice(POS_CLOSERS)))
    return compose(rng, parts, "pos"), rng.choice((5, 5, 4))


def _write_deal(rng: random.Random, purchase: Purchase) -> tuple[str, int]:
    """Teaches: a buyer saying they used a coupon / 直播间抢的 / 活动价 and found it 划算 is not an ad."""
    price = f"{max(1, int(purchase.unit_price * rng.uniform(0.6, 0.9)))}" + rng.choice(("块", "元", "", "块钱"))
    deal = rng.choice(_DEAL_LINES).format(price=price, verdict=rng.choice(_DEAL_VERDICTS))
    if rng.random() < 0.2:
        con = rng.choice(("就是", "不过", "可惜")) + complaint_text(rng, purchase)
        return compose(rng, [deal, con], "neutral"), rng.choice((3, 4))
    aspects = positive_aspects(rng, purchase, rng.randint(0, 2))
    parts = [deal, *aspects] if rng.random() < 0.6 else [*aspects, deal]
    return compose(rng, parts, "pos"), rng.choice((5, 5, 4))


def _write_price_comparison(rng: random.Random, purchase: Purchase) -> tuple[str, int]:
    """Teaches: comparing prices with 淘宝/拼多多/another 直播间 is a buyer's remark, not an ad or a rival."""
    mood = "pos" if rng.random() < 0.55 else "neg"
    mine = max(3, int(purchase.unit_price))
    diff = max(2, int(mine * rng.uniform(0.1, 0.4)))
    other = mine + diff if mood == "pos" else max(1, mine - diff)
    line = rng.choice(_PRICE_COMPARE_LINES[mood]).format(mine=mine, other=other, diff=diff)
    if mood == "pos":
        return compose(rng, [line, *positive_aspects(rng, purchase, rng.randint(0, 2))], "pos"), rng.choice((4, 5, 5))
    aside = rng.choice(("东西本身还行", "质量倒是没问题", "就当买个省心", "发货倒是快", ""))
    return compose(rng, [line, aside], "neutral"), rng.choice((2, 3, 3, 4))


def _write_measurements(rng: random.Random, purchase: Purchase) -> tuple[str, int]:
    """Teaches: height/weight/size figures (165/110斤/M, 脚长24.5) are size feedback, not contacts or ads."""
    height, weight = rng.randint(150, 185), rng.randint(85, 180)
    fit = rng.choices(("good", "tight", "loose"), weights=(60, 20, 20))[0]
    slots = {
        "h": rng.choice((f"{height}", f"{height}cm", f"1.{height - 100:02d}", f"{height}厘米")),
        "w": rng.choice((f"{weight}斤", f"{weight // 2}kg", f"{weight // 2}公斤", f"{weight}")),
        "size": rng.choice(_CLOTHING_SIZES if purchase.category == "clothing" else SIZES["shoes"]),
        "waist": f"{rng.randint(60, 92)}" + rng.choice(("cm", "", "厘米")),
        "bust": str(rng.randint(78, 110)),
        "foot": f"{rng.randrange(45, 55) / 2:.1f}",
        "fit": rng.choice(_FITS[fit]),
    }
    line = rng.choice(_MEASURE_LINES[purchase.category]).format_map(slots)
    aspects = positive_aspects(rng, purchase, rng.randint(0, 2 if fit == "good" else 1))
    return compose(rng, [line, *aspects], "pos" if fit == "good" else "neutral"), rng.choice(
        (5, 5, 4) if fit == "good" else (3, 4, 4)
    )


def _write_category_review(rng: random.Random, purchase: Purchase, *, mood: str) -> tuple[str, int]:
    """Teaches: genuine reviews of unfamiliar categories (pet food, furniture, fresh food...) are normal.

    ``mood`` is "pos", "neg" or "mixed"; lengths run from a few characters to several clauses.
    """
    length = rng.choices(("short", "medium", "long"), weights=(20, 45, 35))[0]
    if mood == "pos":
        if length == "short":
            return short_positive(rng), rng.choice((5, 5, 4))
        count = rng.randint(1, 2) if length == "medium" else rng.randint(3, 4)
        return positive_review(rng, purchase, count), rng.choice((5, 5, 4))
    if mood == "neg":
        if length == "short":
            text = compose(rng, [rng.choice(_VERY_SHORT["neg"][0]), complaint_text(rng, purchase)], "neg")
        else:
            extra = [complaint_text(rng, purchase)] if length == "long" else []
            text = negative_review(rng, purchase, extra=extra)
        return text, rng.choice((1, 2, 2, 3))
    pros = positive_aspects(rng, purchase, 1 if length != "long" else 2)
    cons = complaint_text(rng, purchase)
    shape = rng.randrange(3)
    if shape == 0:
        text = f"优点：{'，'.join(pros)}。缺点：{cons}"
    elif shape == 1:
        text = join(rng, [*pros, rng.choice(("但是", "不过", "就是", "唯一不足是")) + cons])
    else:
        text = join(rng, [cons, *pros, pick_line(rng, "mixed.summary")])
    return text + ending(rng, "neutral"), rng.choice((3, 3, 4))


def _wrong_item_report(rng: random.Random, purchase: Purchase) -> tuple[str, str]:
    """What was wrong with the goods really sent (kind, report), in a form fitting the category."""
    kinds = ["item", "missing"]
    kinds += ["size"] if purchase.category in SIZES else []
    kinds += ["colour"] if purchase.category in _COLOURFUL else []
    kinds += ["flavour"] if purchase.category in _EDIBLE_FLAVOURED else []
    sizes = _CLOTHING_SIZES[:-1] if purchase.category == "clothing" else SIZES.get(purchase.category, ("M", "L"))
    (colour, other_colour), (flavour, other_flavour) = rng.sample(_COLOURS, 2), rng.sample(_FLAVOURS, 2)
    size, other_size = rng.sample(sizes, 2)
    kind = rng.choice(kinds)
    return kind, rng.choice(_WRONG_ITEM_REPORTS[kind]).format(
        colour=colour, other_colour=other_colour, flavour=flavour, other_flavour=other_flavour,
        size=size, other_size=other_size, product=purchase.product,
    )


def _normal_wrong_item_admitted(rng: random.Random, order_id: str) -> Draft:
    """Teaches: "发错货/少发" is genuine (not false_claim) when the seller admits the mistake in chat."""
    sale = Sale.draw(rng, order_id, catalogue=WIDE_PRODUCTS)
    kind, report = _wrong_item_report(rng, sale.purchase)
    chat = Chat(rng, sale.timeline.delivered + random_minutes(rng, 20, 24 * 60))
    chat.buyer(rng.choice(("你好，", "客服，", "在吗，", "")) + report)
    if rng.random() < 0.5:
        chat.seller("sorry_photo").buyer(pick_line(rng, "quality.media_sent"))
    chat.seller("admit_missing" if kind == "missing" else "admit_wrong")
    if rng.random() < 0.6:
        chat.buyer(pick_line(rng, "missing.thanks"))
    refund, requested = "none", None
    if rng.random() < 0.3:
        refund = rng.choice(("requested", "refunded"))
        requested = last_sent(chat.turns) + random_minutes(rng, 2, 120)
    parts = [maybe_opener(rng, 0.2), report, pick_line(rng, "wrong_item.resolution")]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neutral")),
        rating=rng.choice((2, 3, 3, 4)),
        review_delay=random_hours(rng, 1, 24 * 4),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.6,
        chat=chat.turns,
        refund_status=refund,
        refund_requested_at=requested,
        posted_after=requested or last_sent(chat.turns),
    )


def _normal_slow_refund_genuine(rng: random.Random, order_id: str) -> Draft:
    """Teaches: "退款拖了一周" is genuine when the refund was requested days before and is still pending
    or came late (false_claim/refund_refused_but_refunded is its twin)."""
    sale = Sale.draw(rng, order_id, catalogue=WIDE_PRODUCTS)
    delivered = sale.timeline.delivered
    requested = delivered + random_hours(rng, 2, 72)
    pending = rng.random() < 0.6
    wait = random_days(rng, 5.2, 16.0)
    days = wait.days
    span = days_phrase(days) if days >= 7 else f"{cn_number(days)}天"
    key = "slow_refund.pending" if pending else "slow_refund.finally"
    claim = pick_line(rng, key, days=days, days_cn=cn_number(days), span=span)
    chat = Chat(rng, requested - random_minutes(rng, 2, 30)).buyer(pick_line(rng, "false_claim.refund_notice"))
    if rng.random() < 0.5:
        chat.seller("refund_pending")
    if rng.random() < 0.7:  # a nudge days later, well before the review
        chat.buyer(pick_line(rng, "slow_refund.nudge"), gap=(2 * 24 * 60, (days - 1) * 24 * 60))
        if rng.random() < 0.5:
            chat.seller("refund_pending")
    parts = [claim, maybe(rng, 0.4, complaint_text(rng, sale.purchase)), maybe_closer(rng, 0.3)]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=rng.choice((1, 2, 2, 3)),
        review_delay=requested - delivered + wait,
        buyer=buyer_among(rng, GENUINE_BUYERS),
        chat=chat.turns,
        refund_status="requested" if pending else "refunded",
        refund_requested_at=requested,
    )


def _normal_seller_never_replied(rng: random.Random, order_id: str) -> Draft:
    """Teaches: "客服不回复" is genuine when the chat holds only the buyer's unanswered messages."""
    sale = Sale.draw(rng, order_id, catalogue=WIDE_PRODUCTS)
    chat = Chat(rng, sale.timeline.delivered + random_minutes(rng, 20, 24 * 60))
    chat.buyer(pick_line(rng, "slow_service.greeting"))
    chat.buyer(complaint_text(rng, sale.purchase), gap=(0.5, 10))
    for _ in range(rng.randint(1, 3)):
        chat.buyer(pick_line(rng, "no_reply.nudge"), gap=(40, 26 * 60))
    claim = rng.choice(FALSE_IGNORED + LINES["no_reply.claim"])
    parts = [claim, maybe(rng, 0.6, complaint_text(rng, sale.purchase)), maybe_closer(rng, 0.3)]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=rng.choice((1, 1, 2, 3)),
        review_delay=timedelta(0),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.3,
        chat=chat.turns,
        posted_after=last_sent(chat.turns),
        after_minutes=(30, 48 * 60),
    )


def _normal_seller_rude_genuine(rng: random.Random, order_id: str) -> Draft:
    """Teaches: "客服态度差/骂人" is genuine when a seller turn in the chat really is rude."""
    sale = Sale.draw(rng, order_id, catalogue=WIDE_PRODUCTS)
    chat = Chat(rng, sale.timeline.delivered + random_minutes(rng, 20, 24 * 60))
    chat.buyer(rng.choice(("你好，", "客服，", "")) + complaint_text(rng, sale.purchase))
    if rng.random() < 0.4:
        chat.seller("ack").buyer(pick_line(rng, "false_claim.follow_up_question"))
    rude = rng.choice(_RUDE_SELLER_LINES)
    chat.seller_text(rude + ("" if rude.endswith(("吗", "？")) else rng.choice(("", "。", "！"))))
    if rng.random() < 0.6:
        chat.buyer(pick_line(rng, "rude.reaction"))
        if rng.random() < 0.5:
            chat.seller_text(rng.choice(_RUDE_SELLER_LINES))
    claim = rng.choice(FALSE_RUDE + LINES["rude.claim"])
    quote = maybe(rng, 0.3, pick_line(rng, "rude.quote", said=rude))
    parts = [claim, quote, maybe(rng, 0.4, complaint_text(rng, sale.purchase)), maybe_closer(rng, 0.3)]
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=rng.choice((1, 1, 2)),
        review_delay=timedelta(0),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.4,
        chat=chat.turns,
        posted_after=last_sent(chat.turns),
        after_minutes=(10, 24 * 60),
    )


def _normal_late_delivery_facts_agree(rng: random.Random, order_id: str) -> Draft:
    """Teaches: "几天才发货 / 半个月才到" is genuine when the order's own timeline is that slow."""
    kind = rng.choice(("ship", "transit", "both"))
    ship_hours = (74.0, 170.0) if kind != "transit" else (2.0, 30.0)
    transit_days = (7.0, 16.0) if kind != "ship" else (1.0, 3.5)
    sale = Sale.draw(
        rng, order_id, catalogue=WIDE_PRODUCTS, ship_hours=ship_hours, transit_days=transit_days
    )
    paid, shipped, delivered = sale.timeline.paid, sale.timeline.shipped, sale.timeline.delivered
    ship_days, total_days = (shipped - paid).days, (delivered - paid).days
    claims = []
    if kind != "transit":
        claims.append(pick_line(rng, "late.ship", days=ship_days, days_cn=cn_number(ship_days)))
    if kind != "ship":
        claims.append(pick_line(rng, "late.total", days=total_days, days_cn=cn_number(total_days),
                            span=days_phrase(total_days)))
    if len(claims) == 2 and rng.random() < 0.5:
        claims = [rng.choice(claims)]
    parts = [maybe(rng, 0.3, pick_line(rng, "slow_delivery.opener")), *claims, pick_line(rng, "late.aside")]
    chat: list[dict[str, str]] = []
    if rng.random() < 0.5:
        if kind != "transit":
            start = paid + random_hours(rng, 30, 70)
            chat = exchange(rng, start, "shipping_delay.chat_question", "shipping_delay_reason")
        else:
            start = shipped + random_days(rng, 3, 6)
            chat = exchange(rng, start, "slow_delivery.chat_question", "shipping")
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neg")),
        rating=rng.choice((1, 2, 2, 3)),
        review_delay=random_hours(rng, 1, 24 * 4),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        chat=chat,
    )


def _normal_polite_missing_item_chat(rng: random.Random, order_id: str) -> Draft:
    """Teaches: a polite chat request for a missing item or gift, or a plain grievance with no demand,
    is not extortion."""
    sale = Sale.draw(rng, order_id, catalogue=WIDE_PRODUCTS)
    chat = Chat(rng, sale.timeline.delivered + random_minutes(rng, 30, 36 * 60))
    if rng.random() < 0.6:
        requests, intent, reviews = rng.choice(_MISSING_ITEM_STORIES)
        slots = {"product": sale.purchase.product, "gift": rng.choice(PROMISED_GIFTS)}
        chat.buyer(rng.choice(requests).format_map(slots))
        chat.seller(intent)
        if rng.random() < 0.7:
            chat.buyer(pick_line(rng, "missing.thanks"))
        parts = [rng.choice(reviews).format_map(slots), *positive_aspects(rng, sale.purchase, rng.randint(0, 1))]
        rating = rng.choice((4, 4, 5, 3))
    else:
        says, reviews = rng.choice(_GRIEVANCES)
        chat.buyer(rng.choice(says))
        chat.seller(rng.choice(("sorry_photo", "calm", "thanks")))
        chat.buyer(pick_line(rng, "grievance.settle"))
        parts = [rng.choice(reviews), *positive_aspects(rng, sale.purchase, rng.randint(0, 1))]
        rating = rng.choice((3, 3, 4))
    parts.append(maybe(rng, 0.4, pick_line(rng, "gift.review_aside")))
    return sale.review(
        text=stylize(rng, compose(rng, parts, "neutral")),
        rating=rating,
        review_delay=random_hours(rng, 2, 24 * 6),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.2,
        chat=chat.turns,
        posted_after=last_sent(chat.turns),
    )


def _normal_new_account_quick_complaint(rng: random.Random, order_id: str) -> Draft:
    """Twin of competitor/signals_only: a first purchase on a new account that is faulty when
    unboxed, reviewed within two hours.  A new account and a quick review often come together
    from genuine buyers; only a negative history, a probing chat or the words betray a rival."""
    sale = Sale.draw(rng, order_id, transit_days=(0.8, 3.5))
    return sale.review(
        text=stylize(rng, negative_review(rng, sale.purchase)),
        rating=rng.choices((1, 2), weights=(80, 20))[0],
        review_delay=random_minutes(rng, 3, 120),
        buyer=buyer_history(rng, "new"),
        has_media=rng.random() < 0.5,
        chat=sale.presale_chat(0.2),
    )


COVERAGE_NORMAL_SCENARIOS: dict[str, Builder] = {
    "normal/wrong_item_seller_admits": _normal_wrong_item_admitted,
    "normal/slow_refund_genuine": _normal_slow_refund_genuine,
    "normal/seller_never_replied": _normal_seller_never_replied,
    "normal/seller_rude_genuine": _normal_seller_rude_genuine,
    "normal/late_delivery_facts_agree": _normal_late_delivery_facts_agree,
    "normal/polite_missing_item_chat": _normal_polite_missing_item_chat,
    "normal/new_account_quick_complaint": _normal_new_account_quick_complaint,
    "normal/price_comparison_genuine": partial(_genuine_text_case, write=_write_price_comparison),
    "normal/body_measurements": partial(
        _genuine_text_case, write=_write_measurements, catalogue=_SIZED_PRODUCTS, media_share=0.5
    ),
    "normal/emoji_plus_word": partial(_genuine_text_case, write=_write_emoji_word, media_share=0.1),
    "normal/very_short_any_mood": partial(_genuine_text_case, write=_write_very_short, media_share=0.1),
    "normal/recommended_to_others": partial(_genuine_text_case, write=_write_recommended),
    "normal/deal_mention_genuine": partial(_genuine_text_case, write=_write_deal),
    "normal/category_positive": partial(
        _genuine_text_case, write=partial(_write_category_review, mood="pos"), catalogue=MORE_PRODUCTS
    ),
    "normal/category_negative": partial(
        _genuine_text_case, write=partial(_write_category_review, mood="neg"), catalogue=MORE_PRODUCTS,
        media_share=0.5,
    ),
    "normal/category_mixed": partial(
        _genuine_text_case, write=partial(_write_category_review, mood="mixed"), catalogue=MORE_PRODUCTS
    ),
}
