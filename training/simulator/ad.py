"""``ad`` scenarios: adverts, contacts and promotional copy posted as reviews."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from training.simulator.contacts import any_contact, douyin_id, phone, wechat
from training.simulator.noise import stylize
from training.simulator.story import (
    Builder,
    Draft,
    Sale,
    buyer_history,
    price_text,
    random_hours,
    shop_name,
)
from training.simulator.texts import join, maybe, positive_aspects, short_positive
from training.simulator.vocabulary import (
    COMPANY_STEMS,
    GIFTS,
    PROMISED_GIFTS,
    URBAN_AREAS,
    WIDE_PRODUCTS,
    pick_line,
)

# fmt: off
_AD_LURES = ("有需要的", "想要同款更便宜的", "代购正品", "需要的姐妹", "想了解的", "想赚零花钱的", "感兴趣的",
             "要货源的", "想要优惠券的")
_AD_CALLS = ("加", "联系", "找我", "私", "戳", "速加", "")
_RECRUIT_LINES = (
    "招聘兼职宝妈学生党，在家手机就能做，日结{low}-{high}元", "刷单返佣，一单一结，佣金{low}起", "招打字员，不限时间，日入{high}+",
    "诚招线上客服，时间自由，一天{low}到{high}", "点赞关注就能赚钱，当天到账", "招募体验官，免费拿货还有佣金",
    "手机挂机赚钱，躺着也能月入过万",
)
_LOAN_LINES = (
    "急用钱的看过来，{n}万额度不看征信当天下款", "网贷逾期可以协商还款，专业团队", "黑户也能贷，秒批秒到",
    "大额信用卡代办，{n}万起", "有车有房就能贷，低息", "学生也能借，无抵押{n}千起",
)
_REPLICA_LINES = (
    "一比一复刻大牌包包，原单品质", "高仿名表工厂直发，看不出区别", "大牌鞋子原厂货，价格只要专柜三折",
    "奢侈品尾单，正品同厂", "名牌香水分装，价格美丽", "大牌口红原单货，支持对比",
)
_SHOP_PROMO_LINES = (
    "我家店铺今天全场五折，直接搜{shop}", "{shop}周年庆满100减50，快去抢", "{shop}新店开业，前一百名送{gift}",
    "{shop}清仓大甩卖，最低{price}", "{shop}上新了，进店领无门槛券", "想要同款的去{shop}，今晚限时秒杀",
)
_FOLLOW_LINES = (
    "关注我主页，每晚8点直播间福利秒杀", "点我头像进橱窗，好物天天分享", "直播间今晚抽免单，记得来", "主页有惊喜，进去看看",
    "关注我，带你薅羊毛", "我的橱窗里还有更多好货", "私信我领福利", "看我主页置顶视频，有专属优惠",
)
_GROUP_BUY_LINES = (
    "小区团购群，每天低价水果蔬菜", "拼单群进来，便宜一半", "宝妈福利群，每天秒杀", "社区团购接龙，次日达",
    "零食批发群，整箱拿货", "内部优惠券群，天天发券",
)
_PURE_PROMO_LINES = (
    "想要更便宜同款的私我", "主页有惊喜，姐妹们看我头像", "懂的来，内部价拿货", "同款低价渠道，私聊",
    "做代理一件代发，零库存创业", "想赚钱的点我头像", "每天分享低价好物，需要的来", "内部渠道，价格只有这里的一半",
)

# Broader ads (coverage scenarios): promotion events, courses, real estate, "search my shop", 代购,
# soft group-buys and money pitches.
_PROMO_EVENTS = ("店庆", "周年庆", "换季清仓", "年中大促", "新店开业", "年货节", "会员日", "工厂清仓", "双十一预热", "开学季")
_DISCOUNTS = ("五折", "三折", "两折", "买一送一", "第二件半价", "一折起", "满减", "七折", "八折包邮")
_PROMO_EVENT_LINES = ("{shop}{event}，全场{discount}，手慢无", "我们店{event}啦，全场{discount}，进店看看",
                      "{event}最后三天，全场{discount}，错过等一年", "{shop}{event}，满减叠加优惠券，便宜到哭",
                      "{event}大放价，全场包邮，还送小礼品", "{shop}全场{discount}，库存不多了",
                      "清仓甩卖，全场{discount}，卖完就关店", "{event}福利来了，下单就送{gift}",
                      "店铺{event}，新老顾客全场{discount}", "全场{discount}，{event}限时三天，快来{shop}",
                      "满{m1}减{m2}，{shop}{event}专享", "{event}狂欢，所有宝贝一律{discount}")
_COURSES = ("少儿英语", "书法", "少儿舞蹈", "钢琴", "少儿编程", "美术", "会计考证", "成人学历提升", "考研辅导", "口才主持",
            "围棋", "瑜伽", "硬笔字", "短视频运营")
_EDU_PERKS = ("免费试听", "名师授课", "小班教学", "报名送教材", "不过退费", "老学员带新有优惠", "线上线下都能上", "随到随学")
_EDU_LINES = ("{course}培训班招生啦，{perk}", "{course}暑假班下周开课，{perk}", "{course}课程火热报名中，{perk}",
              "{course}寒假班开始招生，名额有限", "想学{course}的看过来，{perk}", "我们机构{course}新班开课，{perk}",
              "{course}一对一辅导，{perk}", "零基础学{course}，{perk}，包教包会")
_EDU_CALLS = ("有意向的家长私信我", "欢迎咨询", "感兴趣的私聊", "报名找我", "点头像了解详情", "")
_ESTATE_SUFFIXES = ("府", "公馆", "壹号院", "花园", "国际社区", "湾", "天地")
_ESTATE_PERKS = ("首付{n}万起", "精装修拎包入住", "学区房，交通方便", "买房送车位", "看房专车接送", "低总价小户型",
                 "开发商直售无中介费", "均价比周边低一截")
_ESTATE_LINES = ("{place}{estate}新盘开售，{perk}", "{estate}现房发售，{perk}", "想在{place}买房的看过来，{estate}{perk}",
                 "{estate}特价房源仅剩几套，{perk}", "{place}地铁口楼盘{estate}，{perk}", "刚需首选{estate}，{perk}")
_ESTATE_CALLS = ("置业顾问在线", "看房找我", "欢迎来电咨询", "想了解的私信", "预约看房私我", "")
_SEARCH_SHOP_LINES = ("搜我店{shop}，同款更多", "想要同款的搜{shop}", "关注我，来我直播间，每晚都有福利",
                      "来我直播间，今晚上新", "我直播间同款更便宜，主页点进来", "进我店铺看看，好物多多",
                      "抖音搜{shop}就能找到我", "来我直播间抢福袋", "关注我不迷路，店里天天上新",
                      "点我头像进店，宝贝都是自家工厂货", "我的店铺在主页，欢迎来逛", "{shop}了解一下，新人有券",
                      "今晚八点直播间见，福利多多", "喜欢这种风格的来我店里挑", "我直播间天天秒杀，来就送",
                      "想要更多款式的来{shop}", "进我橱窗看看，都是精选好物", "关注一下，下次上新第一时间通知")
_DAIGOU_REGIONS = ("日本", "韩国", "香港", "澳洲", "欧洲", "免税店", "泰国", "美国")
_DAIGOU_GOODS = ("化妆品", "奶粉", "保健品", "名牌包", "手表", "护肤品", "零食", "药妆")
_DAIGOU_PERKS = ("假一赔十", "可视频验货", "每周发货", "价格比专柜低", "支持小票", "朋友圈天天更新")
_DAIGOU_LINES = ("专业{region}代购，{goods}都能带", "{region}代购常驻，{goods}{perk}", "人在{region}，可以帮带{goods}，{perk}",
                 "长期做{region}代购，{perk}", "{goods}代购，{region}直邮，{perk}", "代购{region}{goods}，比专柜便宜")
_DAIGOU_CALLS = ("需要的私", "想要的找我", "有需要滴滴我", "")
_SOFT_GROUP_LINES = ("拼团更便宜，来我主页开团", "小区团购今天开团，需要的私信", "三人成团立减，点我头像参团",
                     "团长招募中，带团有佣金", "社区团购接龙啦，要的扣1", "水果团购每周二发车，想上车的私我",
                     "拼单更划算，来我这拼", "邻居们，团购天天有特价，私信拉你进群", "{place}的宝妈看过来，团购群天天有福利",
                     "一起拼团，价格直接打对折", "团购价比这里低多了，想要的找我", "整箱团购，量大从优",
                     "开团啦，生鲜水果次日达", "拼个团吧，差两个人就成团了")
_SOFT_MONEY_LINES = ("急用钱的私我，额度高下款快", "不看征信，有身份证就能借", "信用卡提额找我，包过",
                     "招聘店员和主播，待遇优厚，有意私信", "宝妈兼职，在家就能做，详情私聊", "招代理，零投资零风险",
                     "想做副业的来找我，带你赚钱", "工厂招普工，包吃包住，想来的私我", "网贷逾期别慌，私我帮你协商",
                     "{place}招聘仓库打包员，日结工资", "缺钱找我，当天放款", "征信花了也能办，找我",
                     "大学生创业贷款，利息低", "招聘带货主播，底薪加提成", "全职宝妈在家也能月入过万，带你入门",
                     "门店招聘导购，周末双休", "额度不够的来，帮你提额")
_CONTACT_LABELS = ("电话", "手机", "☎️", "tel", "", "📞")
# fmt: on


def _ad_case(
    rng: random.Random,
    order_id: str,
    *,
    write_ad: Callable[[random.Random], str],
    praise_share: float = 0.6,
    rating_weights: tuple[int, int, int, int] = (65, 15, 8, 12),
    catalogue: Sequence[tuple[str, str, float, float]] = WIDE_PRODUCTS,
) -> Draft:
    """An advert (written first, by ``write_ad``), often after a sentence of genuine praise.

    ``rating_weights`` weigh the ratings 5, 4, 3 and 1.
    """
    ad = write_ad(rng)
    sale = Sale.draw(rng, order_id, catalogue=catalogue)
    praise = None
    if rng.random() < praise_share:
        praise = (
            short_positive(rng)
            if rng.random() < 0.4
            else join(rng, positive_aspects(rng, sale.purchase, rng.randint(1, 2)))
        )
    parts = [praise, ad] if rng.random() < 0.85 else [ad, praise]
    text = join(rng, parts) + rng.choice(("", "", "！", "~", "👇", "🔥", "💰", "[红包]"))
    text = stylize(rng, text, fullwidth=0.15, typo=0.05)
    chat = sale.presale_chat(0.2)
    return sale.review(
        text=text,
        rating=rng.choices((5, 4, 3, 1), weights=rating_weights)[0],
        review_delay=random_hours(rng, 1, 24 * 8),
        buyer=buyer_history(rng, rng.choice(("regular", "new", "new"))),
        has_media=rng.random() < 0.15,
        chat=chat,
    )


def _ad_slots(rng: random.Random) -> dict[str, str]:
    low = rng.choice((50, 80, 100, 150, 200))
    return {
        "low": str(low),
        "high": str(low * rng.choice((2, 3, 5))),
        "n": str(rng.randint(1, 20)),
        "shop": shop_name(rng),
        "gift": rng.choice(GIFTS),
        "price": price_text(rng, rng.uniform(20, 100)),
    }


def _call_to_contact(rng: random.Random, kinds: Sequence[str] | None = None) -> str:
    contact = any_contact(rng) if kinds is None else any_contact(rng, kinds)
    return join(rng, [maybe(rng, 0.5, rng.choice(_AD_LURES)), rng.choice(_AD_CALLS) + contact])


# Advert writers, one a scenario: a line of the scenario's kind, mostly with a way to get in touch.


def _wechat_contact_ad(rng: random.Random) -> str:
    return join(rng, [rng.choice(_AD_LURES), rng.choice(_AD_CALLS) + wechat(rng)])


def _recruiting_ad(rng: random.Random) -> str:
    line = rng.choice(_RECRUIT_LINES).format_map(_ad_slots(rng))
    return join(rng, [line, maybe(rng, 0.8, _call_to_contact(rng))])


def _loan_ad(rng: random.Random) -> str:
    line = rng.choice(_LOAN_LINES).format_map(_ad_slots(rng))
    return join(rng, [line, _call_to_contact(rng, ("phone", "wechat", "qq"))])


def _replica_ad(rng: random.Random) -> str:
    return join(rng, [rng.choice(_REPLICA_LINES), maybe(rng, 0.85, _call_to_contact(rng))])


def _shop_promotion_ad(rng: random.Random) -> str:
    return rng.choice(_SHOP_PROMO_LINES).format_map(_ad_slots(rng))


def _follow_me_ad(rng: random.Random) -> str:
    return join(rng, [rng.choice(_FOLLOW_LINES), maybe(rng, 0.35, douyin_id(rng))])


def _group_buy_ad(rng: random.Random) -> str:
    line = rng.choice(_GROUP_BUY_LINES)
    return join(rng, [line, any_contact(rng, ("group", "group", "wechat", "qq"))])


def _url_or_qq_ad(rng: random.Random) -> str:
    return join(rng, [pick_line(rng, "ad.link_lure"), any_contact(rng, ("url", "url", "qq"))])


def _pure_promo_ad(rng: random.Random) -> str:
    """No digits at all: the account or shop itself is the contact."""
    return join(rng, rng.sample(_PURE_PROMO_LINES + _FOLLOW_LINES[3:], rng.randint(1, 2)))


AD_SCENARIOS: dict[str, Builder] = {
    "ad/wechat_contact_after_praise": partial(
        _ad_case, write_ad=_wechat_contact_ad, praise_share=0.9
    ),
    "ad/part_time_recruiting": partial(_ad_case, write_ad=_recruiting_ad),
    "ad/loan_offer": partial(_ad_case, write_ad=_loan_ad, praise_share=0.3),
    "ad/replica_goods": partial(_ad_case, write_ad=_replica_ad),
    "ad/other_shop_promotion": partial(_ad_case, write_ad=_shop_promotion_ad),
    "ad/follow_my_account": partial(_ad_case, write_ad=_follow_me_ad),
    "ad/group_buy_invite": partial(_ad_case, write_ad=_group_buy_ad),
    "ad/url_or_qq_spam": partial(_ad_case, write_ad=_url_or_qq_ad),
    "ad/pure_promo_no_digits": partial(_ad_case, write_ad=_pure_promo_ad),
}


# Coverage scenarios: broader ads, many without digits or a contact.


def _table_ad(
    rng: random.Random,
    *,
    lines: Sequence[str],
    fills: dict[str, Sequence[str]] | None = None,
    calls: Sequence[str] = ("",),
    contact_share: float = 0.0,
    line_counts: Sequence[int] = (1,),
) -> str:
    """Teaches: promotional language is an ad even without digits or a contact.

    Some (``line_counts``) lines of ``lines`` with their slots filled (``fills`` maps a slot to its
    choices), a call to act from ``calls`` and, in ``contact_share`` of the cases, a contact.
    """
    slots = {
        "shop": shop_name(rng),
        "place": rng.choice(URBAN_AREAS)[1],
        "n": str(rng.randint(2, 50)),
        "m1": str(rng.choice((99, 199, 299, 399))),
        "m2": str(rng.choice((20, 30, 50, 100))),
        "gift": rng.choice(PROMISED_GIFTS),
        "estate": rng.choice(COMPANY_STEMS) + rng.choice(_ESTATE_SUFFIXES),
    }
    for name, choices in (fills or {}).items():
        slots[name] = rng.choice(choices).format_map(slots)
    picked = [line.format_map(slots) for line in rng.sample(lines, rng.choice(line_counts))]
    contact = _call_to_contact(rng) if rng.random() < contact_share else None
    return join(rng, [*picked, rng.choice(calls), contact])


def _contact_only_ad(rng: random.Random) -> str:
    """Teaches: a 5-star "review" that is nothing but a WeChat id and a phone number is an ad."""
    parts = [wechat(rng), rng.choice(_CONTACT_LABELS) + phone(rng)]
    if rng.random() < 0.4:
        parts.reverse()
    return rng.choice((" ", "，", "\n", "  ", "/")).join(parts)


def _coverage_ad(praise_share: float = 0.5, **ad: Any) -> Builder:
    return partial(
        _ad_case, write_ad=partial(_table_ad, **ad), praise_share=praise_share, catalogue=WIDE_PRODUCTS
    )


# Marketing copy in a company's voice, with no review in it at all (what real spam mail and
# SMS look like): services, invoices, hiring, product launches.
_BUSINESS_SERVICES = ("网站建设", "网络推广", "企业邮箱", "商标注册", "公司注册", "代理记账", "物流货运", "广告设计",
                      "印刷制作", "翻译服务", "软件开发", "家政保洁", "搬家服务", "婚纱摄影", "驾校报名", "办公设备租赁",
                      "员工培训", "展会搭建", "短视频代运营", "礼品定制")
_BUSINESS_PERKS = ("一站式服务", "价格全网最低", "首单八折", "免费上门", "24小时服务", "诚信经营，质量保证", "售后无忧",
                   "量大从优", "老客户介绍再减一成", "签约即送大礼包", "免费咨询，满意再付款")
_BUSINESS_LINES = (
    "本公司专业从事{service}多年，{perk}", "{company}长期提供{service}，{perk}", "我司{service}火热进行中，{perk}",
    "尊敬的客户您好，{company}推出{service}套餐，{perk}", "诚招{role}若干名，{perk}",
    "我司有部分增值税发票和普通发票可代开，点数优惠", "新品上市：{company}{service}，{perk}",
    "想做{service}的老板看过来，{perk}", "{company}周年庆，{service}全部{discount}",
)
_BUSINESS_CALLS = ("欢迎来电咨询", "详情请登录官网", "有意者请联系我们", "期待与您合作", "欢迎洽谈", "名额有限，先到先得",
                   "欢迎新老客户惠顾", "")
_BUSINESS_ROLES = ("业务员", "网络客服", "文员", "销售代表", "兼职推广员", "仓库管理员")

# Long promotional messages (real spam mail, SMS and group-chat ads run to hundreds of characters):
# a greeting, several offers of one trade mixed with descriptive copy that is not evidence by
# itself, often laid out as a list, a call to act and a sign-off.  Generated reviews are otherwise
# short while real genuine reviews run long, so without these a model learns "long means genuine"
# and keeps a long ad `normal` even when its contact or offer is quoted as evidence.
_LONG_GREETINGS = ("尊敬的客户您好！", "各位老板好，", "亲爱的朋友们：", "群友们看过来！", "【通知】", "打扰一下，", "您好！",
                   "各位宝妈注意啦，", "新老顾客们好，", "致各位家长：", "")
_LONG_SIGN_OFFS = ("祝您生意兴隆！", "期待您的光临。", "不需要请忽略，打扰了。", "先到先得，欲购从速！", "感谢支持！",
                   "欢迎转发给需要的朋友。", "")
_LIST_MARKS = ("【+】", "◆", "★", "✔", "●", "▲", "→", "|", "1.", "-")
_COPY_LINES = (
    "多年行业经验，服务过上千家客户", "全程专人跟进，售后有保障", "支持全国各地发货", "正规渠道，品质可靠", "团队专业，经验丰富",
    "已全面更新到最新版本，运行稳定", "界面简洁，操作简单，新手也能上手", "一次合作，长期服务", "口碑好，回头客多",
    "质量过硬，价格公道", "当天处理，效率高", "货源充足，天天上新", "采用进口原料，层层质检", "自有工厂，省去中间环节", "资质齐全，合同保障", "款式多，颜色全",
    "适合家庭、办公室和门店使用", "老客户都说好", "数量有限，以实际为准",
)
_TOOL_NAMES = ("工具箱", "会员账号", "激活码", "加速器", "插件", "模板合集", "素材包", "网课资料")
_TOOL_LINES = (
    "{tool}{version}已更新，{perk}", "出售{tool}，价格可议，有意者私聊", "{tool}永久版只要{n}元，{perk}",
    "{tool}低价出，需要的加我", "新群开张，进群免费领{tool}", "{tool}代理招募中，{perk}", "{tool}限时特价，{perk}",
)
_TOOL_PERKS = ("包售后", "支持试用", "稳定不掉线", "一对一教学", "终身更新", "量大价优")
_LONG_THEMES: tuple[tuple[Sequence[str], dict[str, Sequence[str]], Sequence[str]], ...] = (
    (_BUSINESS_LINES, {"service": _BUSINESS_SERVICES, "perk": _BUSINESS_PERKS, "role": _BUSINESS_ROLES,
                       "company": tuple(stem + kind for stem in COMPANY_STEMS[6:] for kind in ("实业", "贸易", "网络")),
                       "discount": _DISCOUNTS}, _BUSINESS_CALLS),
    (_EDU_LINES, {"course": _COURSES, "perk": _EDU_PERKS}, _EDU_CALLS),
    (_ESTATE_LINES, {"perk": _ESTATE_PERKS}, _ESTATE_CALLS),
    (_DAIGOU_LINES, {"region": _DAIGOU_REGIONS, "goods": _DAIGOU_GOODS, "perk": _DAIGOU_PERKS}, _DAIGOU_CALLS),
    (_PROMO_EVENT_LINES + _SEARCH_SHOP_LINES, {"event": _PROMO_EVENTS, "discount": _DISCOUNTS}, ("进店看看", "")),
    (_RECRUIT_LINES + _SOFT_MONEY_LINES + _LOAN_LINES, {}, ("详情私聊", "有意者联系", "")),
    (_GROUP_BUY_LINES + _SOFT_GROUP_LINES, {}, ("想进群的私我", "")),
    (_TOOL_LINES, {"tool": _TOOL_NAMES, "perk": _TOOL_PERKS, "version": ("", "V2", "3.0版", "Pro版", "2026新版")},
     ("有需要的私聊", "详情看主页", "")),
)


def _long_message_ad(rng: random.Random) -> str:
    """Teaches: an ad is an ad at any length, whatever copy surrounds its offer or contact."""
    lines, fills, calls = rng.choice(_LONG_THEMES)
    slots = {**_ad_slots(rng), "place": rng.choice(URBAN_AREAS)[1], "m1": str(rng.choice((99, 199, 299))),
             "m2": str(rng.choice((20, 30, 50))), "estate": rng.choice(COMPANY_STEMS) + rng.choice(_ESTATE_SUFFIXES)}
    for name, choices in fills.items():
        slots[name] = rng.choice(choices).format_map(slots)
    # A quarter are copy and a contact only: the contact alone makes it an ad.
    copy_only = rng.random() < 0.25
    offers = [] if copy_only else [line.format_map(slots) for line in rng.sample(lines, min(len(lines), rng.randint(2, 4)))]
    pieces = offers + rng.sample(_COPY_LINES, rng.randint(2 if copy_only else 1, 5))
    rng.shuffle(pieces)
    if rng.random() < 0.4:  # laid out as a list
        mark = rng.choice(_LIST_MARKS)
        body = rng.choice(("", " ", "\n")).join(mark + piece for piece in pieces)
    else:
        body = rng.choice(("。", "，", "！", "；")).join(pieces)
    contact = _call_to_contact(rng, _LONG_CONTACTS) if copy_only or rng.random() < 0.5 else None
    call = "" if copy_only else rng.choice(calls)
    return rng.choice(_LONG_GREETINGS) + join(rng, [body, call, contact, rng.choice(_LONG_SIGN_OFFS)])


# A company's letter to other businesses (the commonest spam mail): who we are, what we offer,
# whom to call.  The introduction alone is not evidence; the offer, invitation or contact is.
_LETTER_SALUTATIONS = ("贵公司负责人您好：", "尊敬的经理/财务：您好！", "各位企业主：", "{surname}总您好，", "公司领导：您好！",
                       "尊敬的客户：")
_LETTER_INTROS = ("我公司是{city}一家专业从事{service}的企业", "{company}成立于{year}年，主营{service}",
                  "本公司实力雄厚，信誉良好，长期为各大企业提供{service}", "{company}是一家集研发、生产、销售于一体的综合性企业",
                  "我司在{city}设有多家分公司，业务覆盖全国")
_LETTER_CLOSINGS = ("顺祝商祺！", "此致敬礼！", "如有打扰，敬请谅解。", "期待与贵司合作！", "")
_LETTER_SIGNATURES = ("联系人：{surname}先生", "联系人：{surname}小姐", "{surname}经理", "")
_LETTER_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴")
_LETTER_CITIES = ("深圳", "广州", "上海", "北京", "东莞", "杭州", "苏州", "成都")
_LONG_CONTACTS = ("landline", "landline", "url", "email", "qq", "phone", "wechat")


def _company_letter_ad(rng: random.Random) -> str:
    """Teaches: a business letter with an offer and a way to reach the sender is an ad, however formal."""
    slots = {"surname": rng.choice(_LETTER_SURNAMES), "city": rng.choice(_LETTER_CITIES),
             "service": rng.choice(_BUSINESS_SERVICES), "year": str(rng.randint(1995, 2022)),
             "company": rng.choice(COMPANY_STEMS) + rng.choice(("实业有限公司", "贸易公司", "科技有限公司", "网络公司")),
             "perk": rng.choice(_BUSINESS_PERKS), "role": rng.choice(_BUSINESS_ROLES), "discount": rng.choice(_DISCOUNTS)}
    # A third introduce the company and give a contact, with no offer: the contact makes it an ad.
    copy_only = rng.random() < 0.3
    offers = [] if copy_only else [line.format_map(slots) for line in rng.sample(_BUSINESS_LINES, rng.randint(1, 2))]
    parts = [rng.choice(_LETTER_INTROS).format_map(slots), *rng.sample(_COPY_LINES, rng.randint(0, 2)), *offers,
             "" if copy_only else rng.choice(_BUSINESS_CALLS)]
    contacts = [any_contact(rng, _LONG_CONTACTS) for _ in range(rng.choice((1, 2) if copy_only else (0, 1, 1, 2)))]
    signature = rng.choice(_LETTER_SIGNATURES).format_map(slots)
    body = join(rng, [*parts, signature, *contacts, rng.choice(_LETTER_CLOSINGS)])
    return rng.choice(_LETTER_SALUTATIONS).format_map(slots) + body


COVERAGE_AD_SCENARIOS: dict[str, Builder] = {
    "ad/business_marketing_copy": _coverage_ad(
        0.15, lines=_BUSINESS_LINES, calls=_BUSINESS_CALLS, contact_share=0.3, line_counts=(1, 1, 2),
        fills={"service": _BUSINESS_SERVICES, "perk": _BUSINESS_PERKS, "role": _BUSINESS_ROLES,
               "company": tuple(stem + kind for stem in COMPANY_STEMS[:6] for kind in ("科技", "商贸", "文化传媒")),
               "discount": _DISCOUNTS},
    ),
    "ad/store_discount_event": _coverage_ad(
        lines=_PROMO_EVENT_LINES, fills={"event": _PROMO_EVENTS, "discount": _DISCOUNTS}, contact_share=0.15
    ),
    "ad/education_course": _coverage_ad(
        lines=_EDU_LINES, fills={"course": _COURSES, "perk": _EDU_PERKS}, calls=_EDU_CALLS, contact_share=0.25
    ),
    "ad/real_estate_offer": _coverage_ad(
        0.3, lines=_ESTATE_LINES, fills={"perk": _ESTATE_PERKS}, calls=_ESTATE_CALLS, contact_share=0.25
    ),
    "ad/search_my_shop": _coverage_ad(lines=_SEARCH_SHOP_LINES, line_counts=(1, 1, 2)),
    "ad/daigou_service": _coverage_ad(
        lines=_DAIGOU_LINES,
        fills={"region": _DAIGOU_REGIONS, "goods": _DAIGOU_GOODS, "perk": _DAIGOU_PERKS},
        calls=_DAIGOU_CALLS,
        contact_share=0.3,
    ),
    "ad/group_buy_soft_invite": _coverage_ad(lines=_SOFT_GROUP_LINES, line_counts=(1, 1, 2)),
    "ad/money_or_job_soft_pitch": _coverage_ad(
        0.3, lines=_SOFT_MONEY_LINES, contact_share=0.1, line_counts=(1, 1, 2)
    ),
    "ad/long_promotional_message": partial(_ad_case, write_ad=_long_message_ad, praise_share=0.05),
    "ad/company_letter": partial(_ad_case, write_ad=_company_letter_ad, praise_share=0.0),
    "ad/contact_only_five_star": partial(
        _ad_case, write_ad=_contact_only_ad, praise_share=0.0, rating_weights=(1, 0, 0, 0)
    ),
}
