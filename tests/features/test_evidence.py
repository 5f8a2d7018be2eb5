"""The one evidence extractor: each malicious label needs its own evidence, and quotes are exact."""

import numpy as np
import pytest

from features.decision import decide_reviews
from features.evidence import MISSING, aligned, review_evidence
from features.schema import validate_review
from features.text import normalize_text, normalize_texts

DELIVERED = {"order_id": "o1", "paid_at": "2026-09-01T10:00:00+08:00", "shipped_at": "2026-09-01T20:00:00+08:00",
             "delivered_at": "2026-09-03T09:00:00+08:00", "logistics_status": "delivered", "refund_status": "none"}


def case(text, *, chat=(), order=None, rating=1, created_at="2026-09-05T12:00:00+08:00"):
    return validate_review({"review_id": "t", "text": text, "rating": rating, "created_at": created_at,
                            "chat": [{"role": r, "text": t, **({"sent_at": s} if s else {})} for r, t, s in chat],
                            "order": order})


def refuted(text, chat=(), order=DELIVERED):
    """Whether the claim in ``text`` is contradicted by ``chat`` or ``order`` (false-claim evidence)."""
    return review_evidence(case(text, chat=chat, order=order)).supports("false_claim")


def assert_exact_quotes(item, evidence):
    for piece in evidence.items:
        if piece.quote is None:
            continue
        source = item.chat[piece.index].text if piece.source == "chat" else item.text
        assert piece.quote in source


@pytest.mark.parametrize("message", ["把钱退我一半，不然我就去投诉你们", "返我20块现金，我就把评价改成五星",
                                     "不给我补偿我就一直追评", "好评返现有吗？赔我50不然差评"])
def test_a_demand_tied_to_review_leverage_in_chat_is_extortion_evidence(message):
    item = case("差评", chat=[("buyer", "东西到了", None), ("seller", "好的亲", None), ("buyer", message, None)])
    evidence = review_evidence(item)
    found = evidence.for_label("extortion")
    assert evidence.supports("extortion") and found[0].index == 2 and found[0].quote == message
    assert_exact_quotes(item, evidence)


@pytest.mark.parametrize("chat", [
    [("buyer", "少了一个配件，麻烦补寄一下可以吗", None), ("seller", "好的马上安排", None)],
    [("buyer", "我想申请退款，东西有点小", None), ("seller", "可以的亲", None)],
    [("buyer", "赠品没收到呢，能帮忙看看吗", None)],
    # Asking whether a reward exists demands nothing.
    [("buyer", "请问晒图好评有红包吗", None), ("seller", "亲，平台不允许好评返现哦", None)],
    [("buyer", "有没有五星好评返现活动", None), ("seller", "没有的亲", None), ("buyer", "好的", None)],
    # A refund refused, then the review announced as an account of what happened: no condition.
    [("buyer", "能退款吗", None), ("seller", "已拆封不能退", None), ("buyer", "那我只好写差评如实说明了", None)],
    # Pressing for a reply is no demand for money.
    [("buyer", "快点回复我，否则就给差评", None)],
    # A request the buyer lets go, and a good review already given: no stake.
    [("buyer", "鞋底有点开胶，能补偿一点吗？不行也没关系", None), ("seller", "给您补偿3元", None),
     ("buyer", "谢谢，好评已经给了", None)],
    [("buyer", "能补偿几块钱吗", None), ("buyer", "我早就给了五星", None)],
])
def test_ordinary_grievances_and_polite_requests_are_not_extortion(chat):
    assert not review_evidence(case("有点失望", chat=chat)).supports("extortion")


@pytest.mark.parametrize("message", ["已经给了差评，退钱就删", "补偿20块，好评已经给了，不补偿我就改差评"])
def test_a_review_given_is_still_leverage_when_it_is_bad_or_its_change_is_the_stake(message):
    assert review_evidence(case("有点失望", chat=[("buyer", message, None)])).supports("extortion")


def test_a_bad_review_that_also_mentions_a_refund_is_not_leverage():
    # The review IS the bad review: without a condition it threatens nothing.
    assert not review_evidence(case("差评！申请退款到现在也没处理")).supports("extortion")
    assert review_evidence(case("不给我退钱我就天天来刷差评")).supports("extortion")
    # "要不是…就给差评了" tells what the buyer did not do; "要不…就差评" threatens.
    assert not review_evidence(case("餐具都没有，要不是看送蛋糕的不容易，就给差评了")).supports("extortion")
    assert review_evidence(case("赶紧退款，要不我就给差评")).supports("extortion")
    # An or-else threat is extortion only for money or a refund: pressing for a reply or for
    # goods that are owed ("赶紧补发") is a grievance.
    assert not review_evidence(case("我等你回复，否则我就差评了")).supports("extortion")
    assert not review_evidence(case("赶紧补发，要不我就给差评")).supports("extortion")


@pytest.mark.parametrize("asked", ["给我换那个599的款", "给我换个新的 要你们最贵那款", "旧的我不寄回了，你们再发一个新的"])
def test_an_exchange_for_dearer_goods_asked_before_the_threat_is_extortion(asked):
    item = case("差评", chat=[("buyer", asked, None), ("seller", "亲 已经过了退换期", None),
                              ("buyer", "不换的话我就天天来差评", None)])
    assert review_evidence(item).supports("extortion")
    # the exchange the order owes is no such demand
    owed = case("差评", chat=[("buyer", "给我换个好的", None), ("buyer", "不换的话我就天天来差评", None)])
    assert not review_evidence(owed).supports("extortion")


def test_false_claim_needs_a_contradicting_fact_and_states_it():
    item = case("到现在都没收到货，骗子", order=DELIVERED)
    evidence = review_evidence(item)
    assert evidence.supports("false_claim")
    assert any(e.fact == "物流显示 2026-09-03 已签收" for e in evidence.for_label("false_claim"))
    assert_exact_quotes(item, evidence)


@pytest.mark.parametrize("order", [
    None,  # nothing to check the claim against
    {**DELIVERED, "delivered_at": None, "logistics_status": "in_transit"},  # the facts agree
])
def test_a_claim_the_facts_confirm_or_cannot_check_is_never_false(order):
    assert not review_evidence(case("到现在都没收到货，骗子", order=order)).supports("false_claim")


@pytest.mark.parametrize("text", ["显示签收了但我没拿到，后来在快递柜找到了", "客服一直不回，结果第二天回复了"])
def test_a_claim_taken_back_later_in_the_review_is_not_false(text):
    chat = [("buyer", "在吗", "2026-09-03T10:00:00+08:00"), ("seller", "在的亲", "2026-09-03T10:01:00+08:00")]
    assert not review_evidence(case(text, order=DELIVERED, chat=chat)).supports("false_claim")
    # the same claim, kept, is refuted by the same facts
    assert review_evidence(case(text.split("，")[0], order=DELIVERED, chat=chat)).supports("false_claim")


def test_the_buyers_own_count_and_words_on_arrival_check_the_claims():
    said = "2026-09-03T10:00:00+08:00"
    assert refuted("到手就是坏的，杆子断了", chat=[("buyer", "收到了 完好无损", said)])
    assert not refuted("到手就是坏的，杆子断了", chat=[("buyer", "收到了 不完好 外箱都扁了", said)])
    assert refuted("少了一个螺丝", chat=[("buyer", "数了一下数量是对的", said)])
    assert refuted("说好的证书根本没给", chat=[("buyer", "证书收到了 谢谢", said)])
    assert not refuted("少了一个螺丝")  # no count to check it against
    assert refuted("买了三桶只来了一桶", order={**DELIVERED, "quantity": 1})
    assert refuted("我申请了退款一直没人处理")  # no application on the order's record
    assert not refuted("我申请了退款一直没人处理", order={**DELIVERED, "refund_status": "requested"})
    assert refuted("退货申请了十天没人管", order={**DELIVERED, "refund_status": "refunded"})
    assert refuted("花送来就是蔫的", chat=[("buyer", "花收到了 挺新鲜的", said)])
    assert refuted("说好的贺卡根本没有", chat=[("buyer", "贺卡收到了 字很好看", said)])
    assert not refuted("比超市便宜，就是发货慢了一天")  # slower than hoped is an opinion
    assert not refuted("说好两天开票，五天了也没见着")  # the invoice, not the parcel
    assert refuted("收到就是坏的，开不了机", chat=[("buyer", "到了 试了一下能用", said)])
    assert refuted("说好送收纳袋的，根本没送", chat=[("buyer", "收纳袋也收到了", said)])
    assert not refuted("说好送收纳袋的，根本没送", chat=[("buyer", "衣服收到了", said)])
    assert refuted("说好送贴膜 结果啥也没送", chat=[("buyer", "贴膜也收到了", said)])
    assert refuted("少发了充电线", chat=[("buyer", "一个不少 谢谢", said)])
    assert not refuted("少发了充电线", chat=[("buyer", "都收到了", said)])
    assert not refuted("少发了充电线", chat=[("buyer", "我们宿舍四个人都在这买的", said)])
    assert refuted("少发了一个枕套", chat=[("buyer", "两个枕套都在，就是颜色浅", said)])
    assert refuted("付款后隔了两天才发货", order={**DELIVERED, "shipped_at": "2026-09-01T12:30:00+08:00"})
    assert not refuted("付款后隔了两天才发货", order={**DELIVERED, "shipped_at": "2026-09-02T22:00:00+08:00"})


def test_a_wait_for_something_else_than_the_parcel_is_no_delivery_claim():
    late = {**DELIVERED, "delivered_at": "2026-09-02T12:00:00+08:00"}
    for text in ("约了三次安装，师傅一直改期，拖了一个礼拜才装上", "以旧换新的补贴还没到，客服说在审核",
                 "约的是上午，结果九点就送来了，人还没到公司", "生日当天没送到，第二天中午才到"):
        assert not refuted(text, order=late), text
    assert refuted("到现在都没送到，骗子", order=late)


def test_a_wholesale_price_a_rival_quotes_against_the_shop_is_no_offer():
    evidence = review_evidence(case("同行路过，这种耳机批发价十五块，卖八十九，良心呢"))
    assert evidence.supports("competitor") and not evidence.for_label("ad")
    assert review_evidence(case("打印机耗材批发价位，货到付款", rating=5)).supports("ad")


def test_a_cash_back_turned_down_in_the_review_is_no_condition():
    assert not review_evidence(case("包裹里有张好评返现卡，我不需要返现，东西好我自然给好评", rating=5)).for_label("extortion")


def test_a_group_buy_or_fake_orders_told_are_no_offer():
    for text in ("我们小区团购群都在买，我也跟着买了，好用", "这么多好评不会是刷单的吧，收到一般"):
        assert not review_evidence(case(text, rating=3)).for_label("ad"), text
    assert review_evidence(case("招兼职刷单员，日结", rating=5)).supports("ad")
    assert review_evidence(case("小区团购群，每天低价水果蔬菜，进群领券", rating=5)).supports("ad")


def test_an_order_said_never_placed_is_checked_against_the_buyers_own_chat():
    said = "2026-09-01T09:55:00+08:00"
    ordered = [("buyer", "这款有大号吗", said), ("seller", "有的亲", said), ("buyer", "那我拍两个", said)]
    assert refuted("我压根没买过这个，怎么就寄过来了还扣钱", chat=ordered)
    assert not refuted("我压根没买过这个，怎么就寄过来了还扣钱", chat=[("buyer", "这是什么东西？", said)])
    # a verdict and a first purchase claim nothing
    assert not refuted("根本没买过这么难用的东西，寄回去了", chat=ordered)
    assert not refuted("以前没买过这种，第一次买，发货挺快", chat=ordered)


@pytest.mark.parametrize(("text", "amount", "quantity", "false"), [
    ("花了三百多就买了这么个东西", 129.0, 1, True), ("花了199买个破灯", 59.0, 1, True),
    ("花了三百多就买了这么个东西", 299.0, 1, False),  # the order agrees
    ("花了三百多就买了这么个东西", 169.0, 1, False),  # a coupon may halve a price: only twice and 50 more
    ("209块买的，质量配不上这个价格", 89.0, 1, False),  # a price named, not what was spent
    ("花了120买了两个", 60.0, 2, False),  # the order's amount counted per piece
    ("之前在别家花了300买的，这个才59", 59.0, 1, False),  # another shop's price
])
def test_a_sum_said_paid_is_checked_against_the_orders_amount(text, amount, quantity, false):
    assert refuted(text, order={**DELIVERED, "amount": amount, "quantity": quantity}) is false


def test_a_slow_refund_that_really_was_slow_is_not_false():
    order = {**DELIVERED, "refund_status": "requested", "refund_requested_at": "2026-08-28T12:00:00+08:00"}
    assert not review_evidence(case("申请退款一个星期了还被拒绝", order=order)).supports("false_claim")


def test_no_reply_claim_against_a_prompt_seller_reply_cites_the_chat():
    item = case("客服根本不回消息", order=DELIVERED, chat=[
        ("buyer", "请问怎么安装", "2026-09-03T10:00:00+08:00"),
        ("seller", "亲，说明书第二页有图示哦", "2026-09-03T10:01:00+08:00")])
    found = review_evidence(item).for_label("false_claim")
    chat = [e for e in found if e.source == "chat"]
    assert chat and chat[0].index == 1 and chat[0].quote == "亲，说明书第二页有图示哦"
    assert chat[0].fact == "买家发消息后 1 分钟回复"
    # The seller really never answered: a true complaint.
    silent = case("客服根本不回消息", order=DELIVERED, chat=[("buyer", "请问怎么安装", "2026-09-03T10:00:00+08:00")])
    assert not review_evidence(silent).supports("false_claim")


@pytest.mark.parametrize("text", ["很好用，需要的加 V ❤ 信 ab c1 234 5", "好评，商务合作请拨 1 5 9-0000-1111",
                                  "本店周年庆全场五折，欢迎进店选购", "暑期书法培训班火热招生中，名额有限",
                                  "关注我的抖音号，每天分享好物", "做代购十年，欧美大牌都能拿",
                                  "更多款式看这里 www点abcshop点cn", "速加卫星：ok720248", "好用，加v13812345678", "精装修现房，首付10万起", "出二手vape 100r，需要的滴", "出b站年度大会员 40r", "低价出售二手家具，有意者私", "缺钱找我，当天放款", "抖音搜青柚杂货铺就能找到我",
                                  "尊敬的客户您好，名额有限，先到先得", "周年庆福利来了，下单就送收纳袋",
                                  "已经回购第二次了 小熊优选周年庆满100减50，快去抢~", "质量不错。招打字员，日入400+",
                                  "订购请致手机：138 0013 8000", "联系电话 0755-2115 1603", "要的 ➕ abc12345", "好用 +551254294",
                                  "好货都在 shop520. top", "备用地址 xy88gametop", "¥8hg2klm9pq¥ 复制后打开手机淘宝", "只需15r包稳定一个月",
                                  "低价卖novoline可改", "出二手吉他，九成新",
                                  # marketing text messages, their digits masked with x as published corpora do
                                  "本店换季上新，全场x折起", "满xxx减xx，仅限本周", "洗车店开业酬宾，办卡送x次", "回复kt即可开通，退订回t",
                                  "有意者加 q xxxxxxxxxx", "特价商品分享群，群号码：xxxxxxxx", "购买联系xxxxxxxxxx",
                                  # the same deal addressed to the reader stays an offer
                                  "正品保证，买一送一，欢迎进店选购",
                                  # a site on another domain, a name in brackets to search for, an account
                                  "福利都在 abcd.pw 直接复制进入", "想要的搜【晚风小铺】你懂的", "请关注微信公众平台：abcdpt",
                                  # the same words as a call to the reader
                                  "更多款式在主页", "快进我直播间抢福利", "橱窗里还有更多同款", "主页看更多"])
def test_ads_need_a_contact_handle_or_promotional_offer(text):
    item = case(text, rating=5)
    evidence = review_evidence(item)
    assert evidence.supports("ad")
    assert_exact_quotes(item, evidence)


@pytest.mark.parametrize("text", ["比淘宝上便宜了二十块，划算", "身高172体重130斤，穿L码刚好", "直播间抢的，比平时便宜",
                                  "已经推荐给同事了", "物流很快，包装结实", "买一送一很划算，面膜挺好用",
                                  "秒杀价拍到的，挺值", "淘宝上搜了一圈，这个价格最低", "离地铁站只要五分钟，房间干净",
                                  "没有未接来电提醒，信号一般", "6月7日入住，早餐免费提供", "自己加上T4200，再加上VISTA",
                                  "微软为什么要让厂商装vista", "退款拖了六天才到账", "做活动买一送一，价格实惠，补水效果不错",
                                  "秒杀时买的，还买一送一！好用",
                                  # model numbers that begin with a v
                                  "惠普6535B（VA051PA）全新，有发票", "宏碁V3803TX的指纹软件装了打不开",
                                  # a phone named with its model, a bundle of products with their sizes
                                  "手机OT735切入中端市场", "我的手机是D3100的，经常死机", "大容量电话簿（300X3）",
                                  "洗发水+护发素400ml，很划算", "1电+1充+512TF卡", "把驱动复制到u盘再安装", "笔记本laptop很轻",
                                  "穿xl码刚好，x光机安检也没问题", "朋友看到这家有优惠活动，就过来试试",
                                  # a narrative's words: a down payment paid, a pet given away, a framework
                                  "我们的新房首付是公公婆婆支援的", "后来就送给了一个同学", "舅舅来找我妈借钱",
                                  "熟练掌握ASP.NET开发", "出租车10元就到了，很方便",
                                  # news narratives of trade and training; a crowd; a check-in link
                                  "农户把蘑菇拿到集贸市场的摊位上出售", "全县举办各类培训班六百多期",
                                  "代表团团长在赛后说", "闻声赶来的群众围在门口", "面馆吃饭 我在:http://t.cn/zAbC12", "加工厂还敢再恶心点吗 http:t.cn/zWE12 （分享自 @某财经）", "厂家又出事了 http:t.cn/zQx81Lm @某某新闻客户端", "#某报分享#奶粉又被抽检出问题 http:t.cn/zKk29", "再也不买了 转发微博 http:t.cn/zPp7Q",
                                  "喝出活虫子 (来自 http:t.cn/zWk74",
                                  "大大促进了旧货业的发展", "比赛5月23日结束",
                                  # a store named 利群, a visit to celebrate, a buyer who follows the shop
                                  "在万象汇玩就来利群店吃", "趁着母亲节这天，到店庆祝庆祝", "不少楼盘开盘也选在这",
                                  "一直关注店铺，质量真的很不错",
                                  # a deal the buyer judges or used ("挺好", "力度", "用着")
                                  "还挺好 买一送一", "双十二活动力度比上回小", "第二件半价，用着还不错",
                                  # the shop's own call, quoted by the buyer
                                  "店员说关注店铺能领券，领到了两块", "主播让我们进群抽奖，一直没抽中",
                                  # a coupon the shop gave, a fake suspected, 代购 told of, a top-up praised
                                  "客服主动给了个5元无门槛券，挺有诚意", "严重怀疑是高仿，已经申请退货", "以为是高仿，对比了专柜一模一样",
                                  "我表姐在日本做代购，她说这价格不贵", "以前都找朋友圈代购买，这家更快", "秒到账👍",
                                  "送的小样是分装的，连个包装都没有",
                                  # the listing's words held against it, a deal shared with a colleague or
                                  # judged, a gift missing reported to the shop, a scam retold as a warning
                                  "标题写买一送一，结果送的是一小袋试吃装", "跟同事拼单凑的满300减60，猪肉脯偏甜",
                                  "给家族群里安利了，各下了一单，年货节第二件半价很香",
                                  "买一送一只收到一盒，联系客服说是仓库漏发会补寄",
                                  "提醒各位，我爸被拉去听养生讲座，天天免费送鸡蛋，最后上当买了三无产品",
                                  "小心骗子冒充客服，让老人加什么群，千万别信",
                                  "提醒各位，我爸被拉去听养生讲座，天天免费送鸡蛋，买回来是三无产品", "满减根本没减，原价付的",
                                  "谁在拉一波人一起批判？", "直播间说进粉丝群领券，进了群根本没人发券"])
def test_comparisons_measurements_and_praise_are_not_ad_evidence(text):
    assert not review_evidence(case(text, rating=5)).supports("ad")


@pytest.mark.parametrize("text", [
    # calls to an audience, QQ homophones, business offers
    "想学吉他的看过来，周末小班教学", "抠抠 三八七二零五一六九 私聊", "不看征信，凭身份证即可借", "招代理，零投资，一件代发",
    "店铺换季清仓，所有宝贝一律五折", "需要的来找我拿货", "谢谢 小鹿严选店庆满200减30，快来抢", "详细地址看shopxyz.top",
    "今晚八点来我直播间，好货多", "质量挺好 Q 3 8 2 7 1 6 4 5 0",
    # marketing copy without an offer word, recruiting and enrolment as offers, a group to join
    "宏达包装材料有限公司成立于二〇〇八年，专业生产各类纸箱", "产品远销东南亚，欢迎索取样品目录",
    "您是否还在为仓库管理烦恼？这套系统帮您解决", "标准版网站建设 680元/年，空间域名全包", "小本投资，前景广阔，做老板不是梦",
    "有意者请将简历发送至人事部", "永久免费使用，限时免费开放", "该设备广泛应用于食品、医药行业", "现招聘店员两名，包吃包住",
    "月薪8000起，包吃包住", "暑期招生，小班授课", "舞蹈班报名中 周六开班", "老客户扫码加入 62719853 领福利", "拉我进不禁言交流群",
    # a deal addressed to the reader stays an offer even in a review that tells of a visit
    "吃了这么多年，这次店庆全场七折，快来抢", "新品上市，详情请咨询门店",
    "关注店铺即可免费领取小样", "可以免费试用三天，名额有限",
    # a landline with its area code, a discount as a listing states it, a job a posting names
    "订座请拨 021-64738291", "订购热线 400-617-2233", "实木餐桌特价7.5折，本周截止", "沙发团购，6折至8折不等",
    "【热卖】真皮钱包 99元两个", "急招聘业务员三名，底薪加提成", "帮小店做网络推广，按效果付费", "同款更便宜，主页橱窗自取",
    # fakes on offer, 代购 offered, money paid out fast as a lender's pitch
    "加🛰️:tony_hair_520，不用排队", "工厂店直营 ⭕薇❤同号 一手货源", "高价回收礼品卡，上门收，见主页",
    "批量采购纸尿裤的找我，一箱起批", "闲置的超市卡可以回收，高价秒结", "顶级高仿包包，工厂直发", "日韩代购，正品保证", "贷款极速到账，不看征信", "搜小程序'验真宝'，新用户首单免费",
    # a WeChat of the writer's name, a site with its dot spelt out after a name, a tea house to search for
    "想学的姐妹私我 薇信同名", "免费追剧去 kk剧场点com", "抖音搜 老陈茶坊 买二送一", "凭此评论到店洗车打八折",
    "w w w . a b c d e . c n 耗材最低价", "大家去搜小李文具直接买", "我家自己做的辣酱，搜 王姐辣酱 大家支持一下",
    "修空调找我 壹叁玖 零零壹贰 叁肆伍陆", "复刻名表 1:1专柜品质 看头像",
])
def test_offers_calls_and_marketing_copy_are_ad_evidence(text):
    item = case(text, rating=5)
    evidence = review_evidence(item)
    assert evidence.supports("ad")
    assert_exact_quotes(item, evidence)


@pytest.mark.parametrize("text", [
    "入住后发现房间很干净，前台也热情",  # 现房 inside 发现房间
    "从石器时代开始讲起，孩子很爱看",  # 代开 inside 时代开始
    "快递员打电话去找我，我不在家", "离酒店很近，坐公交也只要3块", "酒店离我公司很近，出差方便",
    "看房间的时候发现窗户关不严", "书里讲了不少赚钱的道理，值得一读", "当当真诚邀请读者写评论，我就来写了",
    "笔记本的主页键不太灵敏", "电脑出了问题，找LENOVO售后换了", "显示器型号hkv2415x，画面清晰",
    "超市甩卖的水果都比这新鲜", "报名了驾照考试，买来刷题用的", "致电客服三次都没人接",
    # visits, stories and figures of speech
    "进门时看着店铺不大，菜倒是挺多", "路过就进去看看，没想到很好吃", "玻璃橱窗里摆满了蛋糕",
    "应该是新开业的店，装修很新", "老板免费赠送了两碗粥，很暖心", "大众点评一搜发现这家店离家很近",
    "音质秒杀同价位的耳机", "当初贷款装修的房子，这次换了新窗帘", "朋友来我家玩，也说这个沙发舒服",
    "在公众号上看到推荐才来的", "京东就不能多招聘几个快递员吗", "坐18.19.23.25.27.35路都能到",
    "加我喜欢的芋圆，再来一份红豆", "人群里一眼就认出来了",
    # a book title searched for is what was bought
    "在网上搜《平凡的世界》买的，纸张不错",
    # a live room or shop in the buyer's own story, and a question about the shop's window
    "已关注店铺，下次还来", "在主页看到的视频，就下单了", "进直播间就被种草了", "橱窗里还有别的颜色吗",
    # deals the buyer used or came across, greetings quoted from staff, a house hunt
    "想起来前几天群里有人推荐，就来试试", "赶着商场周年庆，顺便团了一个双人套餐", "一进门就听到“欢迎光临”，很热情",
    "周末去郊区看房子，顺路来吃的", "团了一张五折券，减完之后一杯才三块",
    # admissions, pay and pride in ordinary talk
    "今年的招生分数线又涨了", "天天加班月薪才六千", "欢迎来上海玩，带你吃小笼包", "翻了翻答主的主页，很有意思",
    "玩成语接龙输给了孩子", "去看看房价就知道了", "书里说星巴克出售的是一种生活方式",
    "过两天追加我再说说效果", "活动增加我们的人气",
    # a visit told by the visitor with the deal that brought them, the staff's greeting, the
    # writer's own photos, a bank's offer ("招行" is no recruiting)
    "听说新开了家粥铺，开业八折优惠，周末就约朋友去了", "进门服务员就大声招呼欢迎光临，挺热闹",
    "环境一般，细节详情请看第二张图", "最近建行信用卡有汉堡店优惠活动，很划算",
    "赶上商场推出的双人套餐，跟同事点了一份", "商家借满减的名义涨价，差评",
    # what is free told as a fact of the product, not offered
    "这台机子的游戏大多是免费下载的，可惜内存小",
    # the writer asking or wishing for an offer, pay talk
    "这款吹风机能免费试用吗？", "希望能有机会免费试用一下", "要是每个月都免费送就好了", "月薪三千以下的人起码占一半",
    "真希望能让我免费试用一台",
    # a laptop model read as "vx" and an id too short for one; a number the buyer called; the
    # writer's own search for the same item; phone features and promotions buyers talk about
    "买的vx600x不是vx600，差了好多", "我先打电话 021-64738291 问过才下单的", "打了半天0571-86723301客服热线", "售后电话 0571-86723301 一直占线也没人管", "去淘宝搜同款，这家最便宜",
    "不支持短信群发，待机也短", "店里常有促销活动，这次没赶上", "网站建设得很乱，找了半天",
])
def test_ordinary_words_of_narratives_are_not_ad_evidence(text):
    assert not review_evidence(case(text, rating=5)).supports("ad")


@pytest.mark.parametrize("text", ["不错", "还行吧", "👍好", "太差", "失望", "一般般", "好好好", "收到了",
                                  "猫咪很爱吃，适口性好", "沙发安装简单，坐着很稳", "面霜抹开很清爽", "鞋子偏大一码",
                                  # defects as the senses report them
                                  "一股塑料味，开窗散了三天", "椅子一坐就嘎吱嘎吱", "桌角全是毛刺，差点划到孩子",
                                  # food, devices, rooms, hair and shops name what was bought by its own nouns
                                  "火龙果个头太小了", "酱爆鸡丁里吃出一根头发", "等了两个钟头才到", "开机就死机",
                                  "淋浴的水一直忽冷忽热", "洗完头皮好痒", "这家的凉菜一般", "我要白的，给我发了个黑的",
                                  "备注了不要香菜，还是放了，牛肉倒是挺嫩",
                                  # merits and faults judge the thing
                                  "唯一的缺点是没有目录", "优点太多说不完", "用了半个月没发现什么毛病",
                                  # leaks, smells, washing and make-up on the skin
                                  "瓶盖不严，漏得满箱子都是", "洗起来挺方便", "下午就有点浮粉",
                                  # the courier and the days it took, points and coupons, buying slang
                                  "走的圆通，两天到", "积分抵了五块", "真香，已经安利给室友",
                                  "这个价位很可以了", "外壳容易留指纹", "说好的小勺子没给配", "666", "6666",
                                  # a box or portion, the fit, what went into a dish, the shopping itself
                                  "中份才小半碗，吃不饱", "裤腰穿着太紧", "湖南米粉我是吃不惯", "备注了别放蒜还是放了",
                                  "这次网购体验很糟", "不咋地，凑合吃",
                                  # dining out told in a reviewer's words
                                  "周末和同事在这聚餐", "二楼有包厢，适合带老人", "这里的日本料理算地道", "找了一家湘菜馆子",
                                  # genuineness checked, a machine's noise and strength, a warning to buyers
                                  "有县里的溯源码，挺正规", "晚上声音大得能把孩子吵醒，吸力倒是够", "介意的宝妈慎买",
                                  "比起贝亲的，这个流速偏快，宝宝喝得直呛", "萝卜里面竟然有毛发", "有机菜花里有虫子",
                                  # fishing bait, health devices, grain, weight in the hand, northern praise
                                  "新出的窝料腥味够，一早上就爆护", "给我爸的血糖仪测了好几回都不一样，不准",
                                  "整体很轻巧，老人拿着不累", "姥姥说这个足浴盆她老稀罕了", "五常大米煮粥有股清香",
                                  "雨刷换上还是有水痕", "电视是坏的，根本开不了机", "到现在还显示运输中",
                                  "蜂蜜里有一只死蜜蜂", "补充装的口不好倒，液体本身没问题"])
def test_short_or_unfamiliar_genuine_text_is_not_meaningless(text):
    evidence = review_evidence(case(text, rating=3))
    assert not evidence.supports("meaningless") and evidence.purchase_reference


@pytest.mark.parametrize("text", ["今天天气真不错，适合去爬山", "早上好🌞 祝你好心情 万事如意",
                                  "据新华社报道，全国铁路今日发送旅客超千万人次，服务保障平稳"])
def test_small_talk_and_a_reprinted_news_report_are_no_purchase_reference(text):
    # The weather judged is not goods judged, and a news report's prices and services are no purchase.
    evidence = review_evidence(case(text, rating=5))
    assert evidence.codes("meaningless") == ["no_purchase_reference"]


def test_masked_digits_are_no_keyboard_mash():
    assert review_evidence(case("xxxx年x月经批准，更名为某某食品有限公司")).codes("meaningless") == ["no_purchase_reference"]
    assert review_evidence(case("xxxxxxxx")).codes("meaningless") == ["digits_only"]


@pytest.mark.parametrize("text", ["wx：hello2024abc", "加wx: ab12345678", "我的v是abc_12345", "V: abc88991 电话13912345678",
                                  "加q xxxxxxxxxx"])
def test_a_review_that_is_only_a_contact_is_an_ad_not_keyboard_mash(text):
    evidence = review_evidence(case(text, rating=5))
    assert evidence.supports("ad") and not evidence.supports("meaningless")


@pytest.mark.parametrize(("text", "code"), [("嗯嗯嗯嗯嗯嗯嗯嗯", "repetition"), ("！！！……", "symbols_only"),
                                            ("😂😂😂😂", "symbols_only"), ("qwerasdfzxcv", "keyboard_mash"),
                                            ("周末和朋友去爬山，山顶风景很美", "no_purchase_reference"),
                                            ("凑个字数凑个字数", "filler"), ("还行，凑字数凑字数凑字数", "filler"),
                                            # a brand named in a Chinese sentence is no keyboard mash
                                            ("gomaxs乐队在铁道后街排练了很久", "no_purchase_reference")])
def test_meaningless_evidence_names_its_kind(text, code):
    evidence = review_evidence(case(text))
    assert evidence.codes("meaningless") == [code]


def test_competitor_needs_more_than_one_account_fact():
    new_only = {**DELIVERED, "buyer": {"account_age_days": 3, "reviews_total": 5, "negative_reviews_total": 1}}
    assert not review_evidence(case("质量很差", order=new_only, created_at="2026-09-08T12:00:00+08:00")).supports("competitor")
    pattern = {**DELIVERED, "buyer": {"account_age_days": 3, "reviews_total": 5, "negative_reviews_total": 5}}
    assert review_evidence(case("质量很差", order=pattern)).supports("competitor")


@pytest.mark.parametrize("text", ["我们店也卖这款，品质比这家好", "我是做批发的，这个进价不到十块", "还是去‘木木家居馆’买吧",
                                  "隔壁青禾小铺家的做工好多了", "别在这买，去别家看看",
                                  "我家也做这个，材料成本很低", "我自己家就是卖这个的，差距太大", "我们自己店里卖的比这厚实",
                                  "别在这买了，青柚旗舰店便宜一半", "去栗子服饰买才47块",
                                  "同样的货我们拿货才15",
                                  # a factory by its goods, a wholesale stall, a rival by name, the writer's own
                                  # standard and shop price, a northern 俺
                                  "我们工厂就是做保温杯的，这内胆一看就是回收料", "这款我们档口拿货才二十，太黑了",
                                  "友商路过说句公道话，这料子不行", "这种做工的货我们都不好意思拿出来卖",
                                  "同款我自己店里39包邮", "俺家也是卖小米的，这米一看就是陈的",
                                  "别买了，隔壁长青茶庄一样的茶叶便宜一半", "我自己就是卖蓝牙耳机的，这耳机的芯片最便宜",
                                  "我们家卖的同款用的是实木", "我们前年也上过这款，退货率太高",
                                  "晨光经销商路过说一句，这不是正品渠道", "我们也是做净水器的，这台净水器的滤芯是翻新的",
                                  "花店老板路过，这花材是次品", "我家烘焙店开了八年，这奶油不行", "做茶叶的都知道，这是陈茶",
                                  "要货可以来找我们，比这新鲜", "同款我们直播间才59",
                                  "同行路过，这种耳机批发价十五块，卖八十九，良心呢",
                                  "我们工厂直供的才是正品", "我们家都是工厂直发，比这便宜"])
def test_seller_self_identification_and_steering_are_competitor_evidence(text):
    item = case(text)
    evidence = review_evidence(item)
    assert evidence.supports("competitor")
    assert_exact_quotes(item, evidence)


@pytest.mark.parametrize("text", ["去栗子专营店买吧，同样的东西", "橙橙家居馆那家发货快质量好，这家不行",
                                  "在木木杂货铺看到一样的，便宜一半"])
def test_a_named_shop_of_any_retail_kind_is_steering(text):
    item = case(text)
    assert review_evidence(item).for_label("competitor")
    assert_exact_quotes(item, review_evidence(item))


@pytest.mark.parametrize("text", ["在品牌官方旗舰店买过一样的", "这家旗舰店质量好，回购了", "性价比优选，五星",
                                  "京东旗舰店便宜10块", "实体店才卖50，这里贵了", "楼下小店才卖20", "我家孩子很喜欢",
                                  "我自己的店铺也在用这个杯子，很好用", "大家别在这买了，质量太差",
                                  "隔壁房间半夜很吵", "比别家的好吃多了", "这是我住过的第一家民宿",
                                  "菜市场的橘子个头更大，价钱还比你们便宜", "楼下水果摊的都比这好", "上回在夜市买的比这家强",
                                  # a visit to a store, this one or a brand's, is no direction
                                  "第二次来这家店了，服务很好", "去店里试过才下单的", "去专卖店看过，一模一样",
                                  "住在隔壁的酒店，走过来很近", "刚刷到别的直播间也在卖", "去了“海景酒店”住了一晚",
                                  # a live room's shopping cart is how the buyer bought
                                  "点了小黄车第四个链接，拍的黑色", "小黄车2号链接买的，很合身"])
def test_price_comparisons_and_first_person_buyers_are_not_competitor_evidence(text):
    assert not review_evidence(case(text)).for_label("competitor")


def test_a_review_soon_after_delivery_is_one_account_fact_not_competitor_evidence():
    delivered = {**DELIVERED, "delivered_at": "2026-09-05T11:30:00+08:00"}
    old_account = {"account_age_days": 600, "orders_total": 40, "reviews_total": 20, "negative_reviews_total": 2}
    quick = case("根本没效果，差评", order={**delivered, "buyer": old_account})  # a verdict that takes use
    assert review_evidence(quick).codes("competitor") == ["review_minutes_after_delivery"]
    assert not review_evidence(quick).supports("competitor")
    new_account = case("根本没效果，差评", order={**delivered, "buyer": {**old_account, "account_age_days": 3}})
    assert review_evidence(new_account).supports("competitor")  # two account facts


@pytest.mark.parametrize("text", ["关注店铺很久了，终于等到打折", "进这个直播间好几年了，第一次抢到"])
def test_how_long_the_writer_has_followed_the_shop_is_their_history(text):
    assert not review_evidence(case(text, rating=5)).for_label("ad")


@pytest.mark.parametrize("text", ["喜欢的来我直播间看看", "大家去别的直播间买吧", "搜“小鹿杂货铺”更便宜",
                                  "隔壁直播间小黄车才卖29", "那家小黄车更便宜"])
def test_the_writers_own_room_and_a_named_rival_are_directions(text):
    assert review_evidence(case(text)).for_label("competitor") or review_evidence(case(text)).for_label("ad")


def test_a_comparison_with_a_direction_to_search_is_steering():
    item = case("搜一下果果鲜，比这家强太多")
    assert review_evidence(item).for_label("competitor")
    assert_exact_quotes(item, review_evidence(item))


@pytest.mark.parametrize("text", ["不是说买一送一吗？只到了一包", "说好的下单就送围巾呢，啥也没有",
                                  "说好了前100名送杯子，结果没送", "不是写着24小时服务吗？半夜打前台没人接"])
def test_a_promise_held_against_the_shop_is_no_offer(text):
    assert not review_evidence(case(text, rating=1)).for_label("ad")


def test_the_shops_reply_in_an_exported_review_is_not_the_reviewers_evidence():
    reply = "床很软，早饭一般。商家回复：感谢入住，本店推出周末套餐，欢迎来电咨询，期待您再次光临！"
    assert not review_evidence(case(reply)).for_label("ad")
    # The buyer's own words before the reply still count.
    own = "加微信 abc12345 领返现。商家回复：请勿在评价区留联系方式"
    assert review_evidence(case(own)).for_label("ad")


def test_quotes_stay_exact_in_full_width_and_traditional_text():
    item = case("衹要轉我３０元，我就刪差評", rating=1)
    evidence = review_evidence(item)
    assert evidence.supports("extortion")
    assert_exact_quotes(item, evidence)


def test_a_malicious_guess_without_its_evidence_is_needs_review_and_says_what_is_missing():
    classes = ["ad", "meaningless", "normal"]
    probabilities = np.asarray([[0.05, 0.9, 0.05], [0.9, 0.05, 0.05]])
    evidence = [review_evidence(case("不错", rating=5)), review_evidence(case("加微信 abcd12345", rating=5))]
    first, second = decide_reviews(probabilities, classes, {"ad": 0.5, "meaningless": 0.5}, evidence)
    assert (first.label, first.malicious, first.needs_review) == ("meaningless", False, True)
    assert first.missing_evidence == MISSING["meaningless"]
    assert (second.label, second.malicious, second.needs_review, second.missing_evidence) == ("ad", True, False, None)


COPY = "多年来坚持品质第一。我们为广大用户提供优质的产品和专业的服务，价格合理"


def test_an_ad_the_model_reads_in_promotional_copy_is_asserted_only_when_nearly_certain():
    """Business prose names no contact and no offer: the model's near-certain reading of it is
    asserted with the quoted copy, labelled as the model's reading; below the copy threshold, or
    with no word of trade to quote, it stays a guess for a person."""
    classes = ["ad", "meaningless", "normal"]
    thresholds = {"ad": 0.5, "meaningless": 0.5, "ad_copy_only": 0.95}
    texts = [COPY, COPY, "今天下雨，心情一般，随便写写"]
    evidence = [review_evidence(case(text, rating=5)) for text in texts]
    assert not any(e.supports("ad") for e in evidence)
    probabilities = np.asarray([[0.97, 0.02, 0.01], [0.9, 0.05, 0.05], [0.99, 0.005, 0.005]])
    sure, unsure, nothing_to_quote = decide_reviews(probabilities, classes, thresholds, evidence)
    assert (sure.label, sure.malicious, sure.needs_review, sure.missing_evidence) == ("ad", True, False, None)
    read = evidence[0].for_label("ad")
    # The sentence with the most words of trade, quoted exactly; the fact says whose reading it is.
    assert [e.code for e in read] == ["promotional_copy"] and read[0].quote == "我们为广大用户提供优质的产品和专业的服务，价格合理"
    assert "0.97" in read[0].fact and "模型" in read[0].reason
    assert (unsure.malicious, unsure.needs_review, unsure.missing_evidence) == (False, True, MISSING["ad"])
    assert not evidence[1].for_label("ad")
    assert (nothing_to_quote.malicious, nothing_to_quote.needs_review) == (False, True)
    # A model that stored no copy threshold uses the floor (0.95), never the plain ad threshold.
    evidence = [review_evidence(case(COPY, rating=5))]
    fallback = decide_reviews(np.asarray([[0.9, 0.05, 0.05]]), classes, {"ad": 0.5}, evidence)[0]
    assert fallback.needs_review and not fallback.malicious


def test_a_report_resting_on_the_models_reading_of_copy_needs_a_person():
    from datetime import date

    from features.report_reasons import report_reasons, reportability

    item = case(COPY, rating=5)
    evidence = [review_evidence(item)]
    decide_reviews(np.asarray([[0.99, 0.005, 0.005]]), ["ad", "meaningless", "normal"], {"ad": 0.5}, evidence)
    reasons = report_reasons(item, "ad", 0.99, evidence[0])
    assert reasons[0].code == "report_reason_evaluate_advertise"
    verdict = reportability(item, reasons, today=date(2026, 9, 6))
    assert verdict.ok and verdict.needs_person and any("人工确认" in line for line in verdict.why)
    # A rule's contact needs no such check.
    contact = case("加微信 abcd12345", rating=5)
    found = review_evidence(contact)
    assert not reportability(contact, report_reasons(contact, "ad", 0.99, found), today=date(2026, 9, 6)).needs_person


def test_a_missing_gift_is_not_a_claim_the_delivery_refutes():
    item = case("赠品没有收到，别的还可以", order=DELIVERED)
    assert not review_evidence(item).supports("false_claim")


def test_a_complaint_the_seller_admitted_in_chat_is_never_false():
    item = case("到现在都没收到货", order=DELIVERED, chat=[
        ("buyer", "怎么还没到", "2026-09-04T10:00:00+08:00"),
        ("seller", "亲，查了一下是我们漏发了，今天给您补发", "2026-09-04T10:05:00+08:00")])
    assert not review_evidence(item).supports("false_claim")


@pytest.mark.parametrize("text", ["有要的联系阿杰 2260771613", "进内部找小白1516842687"])
def test_a_named_person_then_a_number_is_a_contact(text):
    item = case(text)
    assert "contact" in review_evidence(item).codes("ad")
    assert_exact_quotes(item, review_evidence(item))


def test_a_conjunction_before_a_number_is_no_contact():
    assert not review_evidence(case("加之有123456人好评，就买了，质量不错")).for_label("ad")


@pytest.mark.parametrize("text", ["运单号YT1395827461035一直没更新，物流太慢", "订单编号1598765432109，衣服偏大一码",
                                  "打了售后电话4006012345，半天没人接，差评", "配送员电话13598765432提前联系了我，送货很快",
                                  "骑手的手机15811112222打不通，饭凉了"])
def test_a_number_the_buyer_reports_is_no_contact(text):
    assert "contact" not in review_evidence(case(text, rating=2)).codes("ad")


@pytest.mark.parametrize("text", ["进店领券，客服电话13598765432随时咨询", "想要的加粉丝群领福利"])
def test_a_number_or_group_left_for_readers_is_still_an_ad(text):
    assert review_evidence(case(text)).for_label("ad")


@pytest.mark.parametrize("text", ["抖音上搜这个型号的安装就有视频，半小时装好", "后来在抖音买的这个，一次就打着火了",
                                  "下单后进了粉丝群，群里发了优惠券，用着还行", "扫码关注公众号才能激活保修，有点麻烦",
                                  "孩子两岁了，作为宝妈觉得这款辅食碗很实用"])
def test_what_the_buyer_did_or_is_is_no_call_to_the_reader(text):
    assert not review_evidence(case(text)).for_label("ad")


def test_a_job_offer_to_stay_at_home_mothers_is_still_promotional():
    assert "promotional_offer" in review_evidence(case("在家就能做，宝妈、学生都可以，做多少赚多少")).codes("ad")


@pytest.mark.parametrize("text", ["I like it, very soft", "yyds!!!", "Pretty good quality, fast delivery", "awsl 太可爱了"])
def test_english_and_pinyin_slang_verdicts_are_about_the_purchase(text):
    assert not review_evidence(case(text)).for_label("meaningless")


@pytest.mark.parametrize("text", ["henhao xiaci hai lai", "thank you very much"])
def test_words_in_latin_letters_are_no_keyboard_mash(text):
    assert "keyboard_mash" not in review_evidence(case(text)).codes("meaningless")


@pytest.mark.parametrize("text", ["物流很给力，上午下单下午就到了，好评", "买给孩子的，他喜欢就好，好评",
                                  "绝对不是因为返现才好评的，是真的好用", "不是为了返现才好评的，真心好用", "不然连一星都不想给，太差了",
                                  "要不再用用看，过几天追评", "改地址后第二天就改送到驿站了，好评"])
def test_good_news_and_plans_are_no_conditional_demand(text):
    assert not review_evidence(case(text, rating=1)).for_label("extortion")


@pytest.mark.parametrize("text", ["东西凑合，要是能返我20块我就改成好评", "如果退我一半钱，评价可以改",
                                  "￥30到账我就追加hao评，否则一直挂着", "不送赠品就差平，说到做到",
                                  "商家要是肯赔50元，这条差评我立马删",
                                  # a free order withheld, cash-back with a measure word, compensation found short,
                                  # the review left unchanged as the or-else, Cantonese
                                  "不给免单就差评到底", "商家要是肯返点现，我就改五星", "补偿不够这条差评就一直挂着",
                                  "赔偿至少两百，不然不改", "唔退钱俾我，我就日日嚟写差评", "给我延保三年，不然就投诉",
                                  "差评先挂着，等商家把钱赔给我再说",
                                  "红包没到账之前我随时改回一星", "差评先挂着，等客服来谈赔偿",
                                  "不赔钱这条差评我就挂到底", "要么退一半，要么我天天在这款下面写差评",
                                  "想让我删也行，给个红包再说"])
def test_a_demand_for_the_review_is_conditional_demand_evidence(text):
    item = case(text, rating=1)
    assert "conditional_demand_in_review" in review_evidence(item).codes("extortion")
    assert_exact_quotes(item, review_evidence(item))


def test_the_writers_own_goods_and_listing_are_an_ad():
    item = case("好评！顺便推荐下自家的蜂蜜，橱窗里有链接")
    assert {"account_or_shop_handle", "promotional_offer"} <= set(review_evidence(item).codes("ad"))
    assert not review_evidence(case("安利一下我家猫最爱的罐头，在主播橱窗里买的")).for_label("ad")


def test_a_demand_written_in_the_review_is_a_feature_of_its_own():
    from features.evidence import EVIDENCE_FEATURE_NAMES, evidence_features

    column = EVIDENCE_FEATURE_NAMES.index("evidence_extortion_in_review")
    in_review = evidence_features(review_evidence(case("不退我50块钱我就一直差评")))
    in_chat = evidence_features(review_evidence(case("质量差", chat=[("buyer", "赔我50块，不然我就差评", None)])))
    assert in_review[column] == 1.0 and in_chat[column] == 0.0
    assert in_chat[EVIDENCE_FEATURE_NAMES.index("evidence_extortion")] == 1.0


@pytest.mark.parametrize("text", ["hen hao yong, xia ci hai mai", "it is ok for the price"])
def test_a_sentence_in_pinyin_or_english_carries_no_meaningless_evidence(text):
    assert not review_evidence(case(text)).for_label("meaningless")


@pytest.mark.parametrize("text", ["asdf jkl", "sdfkj qwpo"])
def test_latin_letters_at_random_are_still_keyboard_mash(text):
    assert "keyboard_mash" in review_evidence(case(text)).codes("meaningless")


@pytest.mark.parametrize("text", ["连发票也不给，估计就是假货，差评", "如果能删帖子给我说，我就删了"])
def test_words_that_only_look_like_a_deal_are_no_conditional_demand(text):
    assert not review_evidence(case(text)).for_label("extortion")


def test_asking_for_what_was_promised_is_no_conditional_demand():
    assert not review_evidence(case("说好的买二送一也没送，赠品不送来就一星")).for_label("extortion")
    assert review_evidence(case("不送个赠品就一星")).for_label("extortion")


# --- classes found by outside-style probes (issue 14, seventh pass) -------------------------------
def test_a_thank_you_starts_no_wait_so_a_prompt_answer_to_the_next_question_refutes_no_reply():
    chat = [("buyer", "这个怎么调亮度", "2026-09-03T20:00:00+08:00"), ("seller", "亲，长按开关三秒", "2026-09-03T20:01:00+08:00"),
            ("buyer", "好的谢谢", "2026-09-03T20:02:00+08:00"), ("buyer", "能开专票吗", "2026-09-04T09:00:00+08:00"),
            ("seller", "可以的，发一下抬头", "2026-09-04T09:03:00+08:00")]
    evidence = review_evidence(case("客服老是不回消息", chat=chat, order=DELIVERED))
    facts = [e for e in evidence.for_label("false_claim") if e.code == "fact_vs_no_reply"]
    assert [e.fact for e in facts] == ["买家发消息后 1 分钟回复", "买家发消息后 3 分钟回复"]
    slow = [("buyer", "能开专票吗", "2026-09-04T09:00:00+08:00"), ("seller", "可以的", "2026-09-04T16:00:00+08:00")]
    assert not review_evidence(case("客服老是不回消息", chat=slow, order=DELIVERED)).for_label("false_claim")


@pytest.mark.parametrize("text", ["什么时候赔我20块什么时候删评", "想要我改评价？转我50就行",
                                  "要是愿意返我个10元，我会把评价改成五星", "给我免费换个新的我再改好评",
                                  "想让我删评？先把我打车去驿站的60块报了", "嫌少？不给够40这评价就一直挂着"])
def test_a_review_that_prices_its_own_change_is_extortion_evidence(text):
    assert review_evidence(case(text)).codes("extortion") == ["conditional_demand_in_review"]


@pytest.mark.parametrize("message", ["差评写了，要改就得加钱", "退一半货款我就删掉", "换可以，得给我换两个，不然评价里就说你们是假货"])
def test_a_price_for_changing_the_review_in_chat_is_extortion_evidence(message):
    assert review_evidence(case("一般", chat=[("buyer", message, None)])).for_label("extortion")


@pytest.mark.parametrize("message", ["包裹里卡片说晒图好评返3元，图已经晒了，麻烦返一下", "五星的截图发你了，返现什么时候到"])
def test_claiming_the_shops_own_reward_for_a_good_review_is_no_extortion(message):
    assert not review_evidence(case("还行", rating=5, chat=[("buyer", message, None)])).for_label("extortion")


@pytest.mark.parametrize("text", ["顺便宣传一下我们的烘焙工作室，报这条评价送曲奇", "微信搜“省钱宝”每天领红包",
                                  "回收旧手机，电话一五九 八八七六 五四三二", "海外代购私我 ig: shop_daigou88",
                                  "follow us on instagram for more deals", "推荐一个赚钱的app，做任务就能提现"])
def test_more_ways_of_addressing_readers_are_ad_evidence(text):
    assert review_evidence(case(text, rating=5)).for_label("ad")


@pytest.mark.parametrize("text", ["在小红书刷到的，专门来抖音搜的，果然好用", "大力宣传我国的科技成就", "淘宝搜同款要贵十块"])
def test_the_buyers_own_search_and_ordinary_publicity_are_no_ad_evidence(text):
    assert not review_evidence(case(text, rating=5)).for_label("ad")


@pytest.mark.parametrize("text", ["我们这边也在卖这款，品质比这个好多了", "正品请认准我们的旗舰店，这家不是",
                                  "我们直播间也上过这款，退货率很高", "我是开鞋店的，这种鞋底一看就是回收料"])
def test_a_writer_selling_the_same_goods_identifies_as_a_seller(text):
    assert review_evidence(case(text)).codes("competitor") == ["seller_self_identification"]


def test_a_wait_the_order_bears_out_is_no_false_slow_delivery_claim():
    five_days = {**DELIVERED, "delivered_at": "2026-09-06T10:00:00+08:00"}
    assert not review_evidence(case("别家第二天就到，这家等了五天", order=five_days)).for_label("false_claim")
    assert review_evidence(case("别家第二天就到，这家等了五天", order=DELIVERED)).for_label("false_claim")


@pytest.mark.parametrize("text", ["盖上这床刚好，一觉到天亮", "温度计很准，宝宝发烧量了两次"])
def test_the_thing_in_hand_and_whether_it_measures_true_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=5)).for_label("meaningless")


def test_a_shop_said_to_refuse_is_refuted_by_its_own_offer_in_chat():
    offered = [("buyer", "耳机左边没声音", None), ("seller", "抱歉亲，可以给您换一个新的", None)]
    evidence = review_evidence(case("左耳没声音，卖家说不管", chat=offered, order=DELIVERED))
    facts = [e for e in evidence.for_label("false_claim") if e.code == "fact_vs_refund_refused"]
    assert [(e.source, e.index) for e in facts] == [("chat", 1)]
    refused = [("buyer", "耳机左边没声音", None), ("seller", "不好意思，这个不能退也不能换", None)]
    assert not review_evidence(case("左耳没声音，卖家说不管", chat=refused, order=DELIVERED)).for_label("false_claim")


def test_an_invoice_said_to_be_refused_is_refuted_by_the_sellers_offer_to_issue_it():
    issued = [("buyer", "可以开票吗", None), ("seller", "可以的亲，麻烦发一下抬头和邮箱", None)]
    evidence = review_evidence(case("想要发票，商家说开不了", chat=issued, order=DELIVERED))
    assert [(e.code, e.index) for e in evidence.for_label("false_claim") if e.source == "chat"] == [
        ("fact_vs_invoice_refused", 1)]
    refused = [("buyer", "可以开票吗", None), ("seller", "不好意思亲，小店开不了发票", None)]
    assert not review_evidence(case("想要发票，商家说开不了", chat=refused, order=DELIVERED)).for_label("false_claim")


def test_a_reply_said_to_have_taken_days_is_checked_against_the_chat():
    prompt = [("buyer", "这个能机洗吗", "2026-09-03T20:00:00+08:00"), ("seller", "可以的亲", "2026-09-03T20:04:00+08:00")]
    assert review_evidence(case("问个问题等了两天客服才回", chat=prompt, order=DELIVERED)).for_label("false_claim")
    late = [("buyer", "这个能机洗吗", "2026-09-01T20:00:00+08:00"), ("seller", "可以的亲", "2026-09-03T20:04:00+08:00")]
    assert not review_evidence(case("问个问题等了两天客服才回", chat=late, order=DELIVERED)).for_label("false_claim")


def test_a_refund_applied_for_and_refused_is_checked_against_the_refund_record():
    no_request = {**DELIVERED, "refund_status": "none"}
    evidence = review_evidence(case("申请了退货，商家直接拒绝", order=no_request))
    assert [e.fact for e in evidence.for_label("false_claim") if e.source == "order"] == ["退款状态：无退款申请"]
    rejected = {**DELIVERED, "refund_status": "rejected", "refund_requested_at": "2026-09-04T10:00:00+08:00"}
    assert not review_evidence(case("申请了退货，商家直接拒绝", order=rejected)).for_label("false_claim")
    refused_in_chat = [("buyer", "能退吗", None), ("seller", "这个不支持退货哦", None)]
    assert not review_evidence(case("申请了退货，商家直接拒绝", chat=refused_in_chat, order=no_request)).for_label(
        "false_claim")


def test_the_wait_a_review_counts_is_a_feature_as_well_as_evidence():
    from features.behaviour import CLAIM_NAMES, claim_fact_contradictions
    from features.signals import claims
    from features.text import normalize_text

    text = normalize_text("页面写次日达，结果第四天才到")
    four_days = {**DELIVERED, "delivered_at": "2026-09-05T09:00:00+08:00"}
    verdicts = dict(zip(CLAIM_NAMES, claim_fact_contradictions(claims(text), four_days, [], text=text), strict=True))
    assert verdicts["claim_slow_delivery"] == -1.0
    verdicts = dict(zip(CLAIM_NAMES, claim_fact_contradictions(claims(text), DELIVERED, [], text=text), strict=True))
    assert verdicts["claim_slow_delivery"] == 1.0


def test_a_second_parcel_not_yet_come_is_no_claim_against_the_orders_delivery():
    chat = [("buyer", "膜有气泡", None), ("seller", "抱歉亲，给您补寄一张", None)]
    assert not review_evidence(case("屏幕膜有气泡，补寄的还没到", chat=chat, order=DELIVERED)).for_label("false_claim")
    assert review_evidence(case("到现在还没收到", order=DELIVERED)).for_label("false_claim")


def test_a_price_comparison_refers_to_the_purchase():
    assert not review_evidence(case("我家楼下超市同款才卖12", rating=2)).for_label("meaningless")


@pytest.mark.parametrize("text", ["本人干了五年灯具批发，这灯珠是拆机的", "我在快手也开女装店的，这家图是盗的"])
def test_a_writer_in_the_trade_identifies_as_a_seller(text):
    assert review_evidence(case(text)).codes("competitor") == ["seller_self_identification"]


def test_a_writer_who_would_like_to_resell_is_no_seller():
    assert not review_evidence(case("很好，我想做这个批发，怎么联系", rating=5)).for_label("competitor")


@pytest.mark.parametrize("text", ["为了积分为了积分为了积分", "为了凑字数写的评价为了凑字数写的评价"])
def test_text_written_for_points_or_length_is_filler(text):
    assert review_evidence(case(text, rating=5)).codes("meaningless") == ["filler"]


@pytest.mark.parametrize("text", ["凭这条评价截图来店里打八折", "☎一五八 六六六六 八八八八 上门开锁", "love it! follow my dy: mom_daily"])
def test_a_review_used_as_a_coupon_a_bare_numeral_phone_and_a_handle_to_follow_are_ad_evidence(text):
    assert review_evidence(case(text, rating=5)).for_label("ad")


@pytest.mark.parametrize("text", ["会员画质一般，想要我改好评就再送我一个月会员", "门票钱退给我，不退我天天来评论区骂",
                                  "已经给了差评，老板什么时候把钱退了我什么时候改", "客服说不给退，不退款我就差评",
                                  "想让我改好评的话先退款，退了再说", "客服要是识相，私聊我返个30，我就把这条改了",
                                  "差评先挂着，补偿300到账之前这条不会删", "差评先放这，什么时候把我运费退了再说改不改",
                                  "卖家天天私信让我删差评？先给我免单再说", "想让我删差评的话再送两盒新的过来",
                                  "赠品漏发了，不补我100块红包这条差评我是不会删的"])
def test_goods_a_persistent_threat_and_a_when_then_condition_are_extortion(text):
    assert review_evidence(case(text)).codes("extortion") == ["conditional_demand_in_review"]


@pytest.mark.parametrize("text", ["客服说想要我改好评就送我一个月会员，我拒绝了", "客服私信说给我转8块让我改好评，我没同意",
                                  "老板把钱退了，我就改了好评",
                                  "商家什么时候发货我什么时候改评价", "不退也行，我天天用着呢"])
def test_the_shops_offer_reported_a_refund_told_and_service_pressed_for_are_no_extortion(text):
    assert not review_evidence(case(text)).for_label("extortion")


@pytest.mark.parametrize("text", ["我们驾校也在这一片招生，这家通过率很低", "我们机构也做教资培训，这老师讲的都是旧考点",
                                  "我们果园也种脐橙，这家明显打过蜡", "我们做牛排生意十年了，一眼看出是拼接的",
                                  "同一个产地，我们家妃子笑才卖39.9五斤", "我们酒行也卖五粮液，这批号不对",
                                  "我家也是做潮鞋的，真货什么手感我们最清楚", "做了十年香水生意，这瓶一闻就是调香水",
                                  "这版型一看就是抄我们家的", "我也是卖女鞋的，这种鞋底最便宜"])
def test_a_rival_farm_or_business_of_the_trade_identifies_itself(text):
    assert review_evidence(case(text)).codes("competitor") == ["seller_self_identification"]


@pytest.mark.parametrize("text", ["我们做小生意的也懂这个道理", "我们家孩子才卖了二手书", "我爸做了二十年茶叶生意，说这茶不错",
                                  "我是卖保险的，这个包挺好",
                                  # a cost guessed, company on the way, rivals of a shop told of
                                  "这质量成本顶多两块钱，卖这么贵", "跟同事同行出差带着它，很够用", "我们四人同行，房间够住",
                                  "现在同行竞争激烈，这家还是老味道", "我们公司要买六箱，能分开开票吗"])
def test_small_business_talk_and_family_are_no_rival(text):
    assert not review_evidence(case(text)).for_label("competitor")


def test_a_free_order_demanded_with_the_review_pinned_as_leverage_is_extortion():
    assert review_evidence(case("不给免单，这条差评就永远挂着")).codes("extortion") == ["conditional_demand_in_review"]


def test_a_colour_the_buyer_chose_in_chat_is_no_wrong_colour_sent():
    chose = [("buyer", "白色没货的话能换成灰色吗", None), ("seller", "可以的亲，给您改成灰色", None)]
    evidence = review_evidence(case("发错颜色，我要的是白色，给我发了个灰色", chat=chose, order=DELIVERED))
    assert [(e.code, e.index) for e in evidence.for_label("false_claim") if e.source == "chat"] == [("fact_vs_wrong_colour", 0)]
    admitted = [("buyer", "我拍的白色，怎么来的是灰色", None), ("seller", "抱歉亲，是我们发错了，给您换", None)]
    assert not review_evidence(case("发错颜色，我要的是白色，给我发了个灰色", chat=admitted, order=DELIVERED)).for_label(
        "false_claim")


def test_broken_on_arrival_is_refuted_by_the_buyers_word_that_all_was_fine_but_not_by_an_intact_box():
    fine = [("buyer", "收到了，检查了一下都好好的，宝宝坐上去很开心", None)]
    evidence = review_evidence(case("收到时轮子就是断的，根本没法推", chat=fine, order=DELIVERED))
    assert ("fact_vs_damaged_on_arrival", 0) in [(e.code, e.index) for e in evidence.for_label("false_claim")]
    box = [("buyer", "收到了，外箱都好好的，但是轮子断了", None)]
    assert not review_evidence(case("收到时轮子就是断的，根本没法推", chat=box, order=DELIVERED)).for_label("false_claim")


def test_a_gift_named_with_what_it_was_and_nobody_answering_are_checked_in_chat():
    thanked = [("buyer", "赠品的小摇铃也收到了，谢谢小姐姐", None)]
    assert "fact_vs_item_missing" in review_evidence(case("说好的赠品根本没送", chat=thanked, order=DELIVERED)).codes("false_claim")
    answered = [("buyer", "宝宝16斤穿什么码", "2026-09-03T12:00:00+08:00"), ("seller", "亲16斤建议L码", "2026-09-03T12:01:00+08:00")]
    assert "fact_vs_no_reply" in review_evidence(case("问了三遍，一个人都不理", chat=answered, order=DELIVERED)).codes("false_claim")


def test_a_size_the_buyer_changed_to_in_chat_is_no_wrong_size_sent():
    changed = [("buyer", "刚拍的38码，能改成37码吗", None), ("seller", "好的亲，已备注37码", None)]
    evidence = review_evidence(case("我拍的38码，发来的是37码，穿不下", chat=changed, order=DELIVERED))
    assert [(e.code, e.index) for e in evidence.for_label("false_claim") if e.source == "chat"] == [("fact_vs_wrong_size", 0)]
    admitted = [("buyer", "我拍的38码怎么来的37码", None), ("seller", "抱歉亲，仓库发错了，给您换", None)]
    assert not review_evidence(case("我拍的38码，发来的是37码，穿不下", chat=admitted, order=DELIVERED)).for_label(
        "false_claim")
    # "到的是" tells what came as "发来的是" does.
    assert ("fact_vs_wrong_size", 0) in [(e.code, e.index) for e in review_evidence(
        case("我拍的38码，到的是37码", chat=changed, order=DELIVERED)).for_label("false_claim")]
    # Days are no size: "发了10天" names none sent.
    assert "fact_vs_wrong_size" not in review_evidence(case("拍的38码发了10天才到", chat=changed, order=DELIVERED)).codes(
        "false_claim")


def test_virtual_goods_said_never_credited_are_refuted_by_the_buyers_own_confirmation_only():
    confirmed = [("buyer", "点券怎么还没到？", None), ("seller", "亲，稍等", None), ("buyer", "点券到了，感谢", None)]
    evidence = review_evidence(case("卡密是无效的，一个点券都没到账，坑人", chat=confirmed))
    assert [(e.code, e.index) for e in evidence.for_label("false_claim") if e.source == "chat"] == [("fact_vs_not_credited", 2)]
    # The shop saying it credited them, then the buyer's receipt.
    after_shop = [("seller", "已为您充值成功", None), ("buyer", "收到了 谢谢", None)]
    assert ("fact_vs_not_credited", 1) in [(e.code, e.index) for e in review_evidence(
        case("付了钱一直没到账，骗子店铺", chat=after_shop)).for_label("false_claim")]
    # Not a confirmation: a question, something else opened, the app's word, a bare "收到了" with no
    # shop message before it, and money said not to have come back (a refund's wait, another claim).
    for message in ("已经到账了还是？", "昨天不小心开通了Plus会员 申请退订", "显示已到账但是我这边没有", "收到了，我再等等",
                    "怎么还没生效"):
        assert not review_evidence(case("会员一直没生效，白花钱", chat=[("buyer", message, None)])).for_label("false_claim")
    assert not review_evidence(case("退款一直没到账", chat=[("buyer", "到账了，谢谢", None)])).for_label("false_claim")


@pytest.mark.parametrize("text", ["刻的是我俩的名字，刻字很清楚，一个字没错", "吊坠有点小", "闪", "超闪", "暖和", "连个礼盒都没有，就一个塑料袋装着",
                                  "她刷到我发的开箱视频超惊喜"])
def test_engraving_jewellery_a_gift_box_and_sparkle_are_about_the_purchase(text):
    assert not review_evidence(case(text, rating=5)).for_label("meaningless")


def test_a_parcel_the_review_says_came_later_or_a_story_before_it_came_claims_no_non_receipt():
    signed = {"logistics_status": "delivered", "delivered_at": "2026-08-17T10:00:00+08:00"}
    for text in ("七夕前下单的项链，结果东西还没到我们就分手了。东西到了我拆开看了，做工挺好的",
                 "一直没收到，过两天收到后戴上试了一下，还行"):
        assert not review_evidence(case(text, order=signed)).for_label("false_claim")
    # Still a claim the signing refutes: a parcel said missing while the record shows it signed for.
    for text in ("一直没收到货，差评", "还没收到就显示签收了"):
        assert review_evidence(case(text, order=signed)).codes("false_claim")[:1] == ["claim:not_received"]


@pytest.mark.parametrize("text", ["整点免单没抽到，但是秒杀价89拿下的枕头也值了，下次还来蹲",
                                  "618等了四天才发货，客服一直道歉说大促爆单了，东西本身没问题",
                                  "发货太慢了，618大促可以理解，但一周真的太久了",
                                  "直播间专属价199两套，太划算了，每晚8点蹲直播间准没错",
                                  "源头工厂就是不一样，四件套厚实，洗了两次没掉色没起球"])
def test_a_live_rooms_sale_landed_excused_or_waited_for_by_the_buyer_is_no_offer(text):
    assert not review_evidence(case(text, rating=5)).for_label("ad")


@pytest.mark.parametrize("text", ["新年价格限时，现在只需15r即可拿下这么棒的配置，欢迎咨询", "每晚8点来蹲我直播间，福利多多，关注不迷路",
                                  "源头工厂直供，品质保证，欢迎咨询"])
def test_a_sellers_grab_it_now_and_come_wait_in_my_room_stay_offers(text):
    assert review_evidence(case(text, rating=5)).for_label("ad")


def test_a_seller_who_blames_the_buyer_confirms_a_rudeness_complaint():
    blamed = [("buyer", "手机充不进电怎么办", None), ("seller", "亲，您自己摔过吧？好好的机器怎么会这样，别什么都赖我们", None)]
    assert not review_evidence(case("客服说话阴阳怪气，反问我是不是自己摔的", chat=blamed, order=DELIVERED)).for_label(
        "false_claim")


def test_a_parcel_found_at_last_and_a_search_for_the_shop_itself_are_no_claim_and_no_ad():
    signed = {"logistics_status": "delivered", "delivered_at": "2026-08-17T10:00:00+08:00"}
    assert not review_evidence(case("物流显示签收了但我没收到，快递放驿站了也不通知，找了半天才在驿站拿到", order=signed)).for_label(
        "false_claim")
    assert not review_evidence(case("推荐这家，抖音搜店名就能找到，已经回购第三台了", rating=5)).for_label("ad")
    assert review_evidence(case("抖音搜小鹿家就能找到，全场五折", rating=5)).for_label("ad")


def test_a_size_the_review_says_was_advised_is_checked_against_the_sellers_advice():
    other = [("buyer", "170 65kg穿什么码", None), ("seller", "建议XL码哦", None), ("buyer", "我要L", None)]
    evidence = review_evidence(case("客服推荐的L，结果小了", chat=other, order=DELIVERED))
    assert [(e.code, e.index) for e in evidence.for_label("false_claim") if e.source == "chat"] == [("fact_vs_size_advice", 1)]
    same = [("buyer", "170 65kg穿什么码", None), ("seller", "建议L码哦", None)]
    assert not review_evidence(case("客服推荐的L，结果小了", chat=same, order=DELIVERED)).for_label("false_claim")


@pytest.mark.parametrize("message", ["你们再给我寄一瓶新的，这瓶我也不退了，不然我举报平台卖假货",
                                     "给我换成贵200的新款，差价我不补，不然我就写高仿",
                                     "不退，你们再送我一瓶正装，我就不写是假货",
                                     "退全款东西我不寄回，要不然我一天给你们刷一条差评",
                                     "给我换成你们新上的那款大衣，差价我不补，不换就投诉，再给差评"])
def test_a_replacement_kept_beside_the_goods_or_a_review_withheld_for_goods_is_extortion_in_chat(message):
    assert review_evidence(case("一般", chat=[("buyer", message, None)])).codes("extortion") == ["demand_with_review_leverage"]


@pytest.mark.parametrize("message", ["质量有问题，再给我寄一个新的吧，旧的我寄回去", "东西是好的，我就不写差评了"])
def test_a_replacement_with_the_return_and_a_review_spared_for_good_goods_are_no_extortion(message):
    assert not review_evidence(case("一般", chat=[("buyer", message, None)])).for_label("extortion")


@pytest.mark.parametrize("messages", [
    ["你们这个杯子根本不保温，我肯定要写差评的", "不要红包，退货退款，差评照写"],   # money refused, the review stands
    ["退15吧", "没事，处理挺快的，我会追评说明一下"],                          # a fair deal and an honest follow-up
    ["用了两天就坏了，我要退货退款", "你们不处理我就找平台客服投诉了"],          # the platform's own route
    ["都一天了，不补我就投诉主播虚假宣传"],                                    # the owed part, not money
    ["不用退钱，好评看东西，东西好我自然给"],
    ["退20可以，删评不可能，我会追评说你们处理了"],                             # the shop's offer, the review kept
])
def test_negotiations_where_the_buyer_sets_no_price_on_the_review_are_no_extortion(messages):
    chat = [("buyer", m, None) for m in messages]
    assert not review_evidence(case("一般", chat=chat)).for_label("extortion")


@pytest.mark.parametrize("text", ["少了一本，再给我寄一整套我就改五星，不寄就一星到底",
                                  "给我再寄一台新的大号的，不寄我就让我儿子天天给你们打差评",
                                  "医药费加精神损失费一共800，处理好了我追评说明，不处理我天天来追评"])
def test_goods_beyond_the_order_or_money_with_a_threat_on_the_handling_are_extortion(text):
    assert review_evidence(case(text)).for_label("extortion")


@pytest.mark.parametrize("text", ["东西坏了我要的是退款！你给我发五块红包让我改好评是什么意思？",
                                  "包裹里有张好评返现卡，说五星晒图返5块，我是真觉得不错才给的好评"])
def test_the_shops_bribe_told_and_a_reward_with_a_good_review_given_are_no_extortion(text):
    assert not review_evidence(case(text)).for_label("extortion")


def test_a_question_left_unanswered_at_the_end_keeps_no_reply_true():
    chat = [("buyer", "盒子压坏了", "2026-05-23T21:15:00+08:00"), ("seller", "亲抱歉，给您发一张10元券", "2026-05-23T21:21:00+08:00"),
            ("buyer", "券呢，卡包里没看到", "2026-05-24T14:30:00+08:00"), ("buyer", "在吗", "2026-05-25T14:30:00+08:00")]
    evidence = review_evidence(case("说好的券没收到，问了也没人回", chat=chat, order=DELIVERED))
    assert not evidence.for_label("false_claim")  # nor is a coupon the order's parcel
    answered = chat[:2] + [("buyer", "会了谢谢", "2026-05-23T21:30:00+08:00")]
    assert "fact_vs_no_reply" in review_evidence(case("问了也没人回", chat=answered, order=DELIVERED)).codes("false_claim")


@pytest.mark.parametrize("message", ["十天了还不发货，今天再不发我就申请退款并投诉了", "再不给我发货我就投诉了"])
def test_pressing_for_the_order_itself_or_the_buyers_own_refund_right_is_no_extortion(message):
    assert not review_evidence(case("一般", chat=[("buyer", message, None)])).for_label("extortion")


@pytest.mark.parametrize("text", ["我就在隔壁街开店的，他家用料全是次品", "我们花店卖的同款才一半价", "差评先挂着，什么时候赔钱什么时候删",
                                  "想让我删评？全款退了再加50精神损失费"])
def test_more_rivals_and_priced_review_changes_carry_their_evidence(text):
    assert review_evidence(case(text)).for_label("competitor") or review_evidence(case(text)).for_label("extortion")


@pytest.mark.parametrize("text", ["好物群 vx搜 shop_tuan88 每天秒杀", "代练找我，扣扣 壹贰叁肆伍陆柒捌玖", "本人承接旧房翻新，包工包料"])
def test_a_wechat_id_of_letters_formal_numerals_and_a_tradesmans_offer_are_ad_evidence(text):
    assert review_evidence(case(text, rating=5)).for_label("ad")


def test_laughter_in_letters_is_no_keyboard_mash_and_a_pet_using_it_refers_to_the_purchase():
    assert not review_evidence(case("hhhhhh笑死，猫一直霸占这个窝", rating=5)).for_label("meaningless")
    assert "keyboard_mash" not in review_evidence(case("hhhh今天好开心", rating=5)).codes("meaningless")


def test_a_wait_for_after_sales_and_a_complaint_of_canned_answers_are_not_refuted_as_delivery_or_rudeness():
    assert not review_evidence(case("用三天就坏了，换货流程拖了一周", order=DELIVERED)).for_label("false_claim")
    canned = [("buyer", "在吗", None), ("seller", "亲，您好，请问有什么可以帮您", None),
              ("buyer", "东西坏了怎么办", None), ("seller", "亲，您好，请问有什么可以帮您", None)]
    assert not review_evidence(case("客服态度很差，一直是机器人话术", chat=canned, order=DELIVERED)).for_label("false_claim")
    assert review_evidence(case("客服态度很差", chat=canned, order=DELIVERED)).for_label("false_claim")


def test_a_call_addressed_to_the_shop_and_a_peer_who_praises_are_no_evidence():
    assert not review_evidence(case("商家看到请私信我，少发了一个配件", rating=3)).for_label("ad")
    assert review_evidence(case("需要的请私信我", rating=5)).for_label("ad")
    assert not review_evidence(case("我也是做电商的，从同行角度看这家打包很用心", rating=5)).for_label("competitor")
    assert review_evidence(case("我也是做电商的，同行角度看这家做工太差", rating=1)).for_label("competitor")


def test_the_buyers_own_receipt_in_chat_refutes_not_received_beside_the_signing_on_record():
    said = [("buyer", "收到了，谢谢", "2026-09-03T10:00:00+08:00")]
    evidence = review_evidence(case("显示签收了但我没收到", chat=said, order=DELIVERED))
    assert [(e.source, e.index) for e in evidence.for_label("false_claim") if e.code.startswith("fact_")] == [
        ("chat", 0), ("order", None)]
    # Without an order, the chat alone refutes it; a question in chat does not.
    assert review_evidence(case("根本没收到货", chat=said)).for_label("false_claim")
    asked = [("buyer", "收到了吗？怎么没消息", "2026-09-03T10:00:00+08:00")]
    assert not review_evidence(case("根本没收到货", chat=asked)).for_label("false_claim")


@pytest.mark.parametrize(("text", "order", "refuted"), [
    # A wait counted against the record: overstated twice over, or true.
    ("申请退款十天了都没人处理", {**DELIVERED, "refund_status": "requested", "refund_requested_at": "2026-09-04T12:00:00+08:00"}, True),
    ("申请退款十天了都没人处理", {**DELIVERED, "refund_status": "requested", "refund_requested_at": "2026-08-25T12:00:00+08:00"}, False),
    ("一个月了货还没到", {**DELIVERED, "delivered_at": None, "logistics_status": "in_transit"}, True),
    ("等了一个多月才拿到", {**DELIVERED, "paid_at": "2026-08-21T10:00:00+08:00"}, True),
    ("等了一个多月才拿到", {**DELIVERED, "paid_at": "2026-08-01T10:00:00+08:00"}, False),
    # A delay against an expectation ("慢了一天") or a hedge ("慢了点") is no wait the order can refute.
    ("就是快递慢了一天", DELIVERED, False),
    ("物流慢了点，东西不错", DELIVERED, False),
    ("等了好久才发货，还好衣服不错", DELIVERED, False),  # a feeling, no count
    ("少零件拼不完！孩子等了一周的礼物，就这？", DELIVERED, False),  # a thing awaited, no delivery wait
    # Goods counted against the order.
    ("买了三盒只收到一盒", {**DELIVERED, "quantity": 1}, True),
    ("买了三盒只收到一盒", {**DELIVERED, "quantity": 3}, False),
    # ... unless the review counts a free one or the pieces of a set, which the order does not.
    ("买一送一，买了两盒只收到一盒", {**DELIVERED, "quantity": 1}, False),
    ("拍了2盒只到了1盒，不是两盒装吗", {**DELIVERED, "quantity": 1}, False),
    # A price said to be paid is no claim the amount can refute (list price, coupons, a bundle).
    ("209块买的真心疼", {**DELIVERED, "amount": 89.0}, False),
    # Goods sent after the refund was applied for: the order says which came first.
    ("我都申请退款了他还硬给我发货", {**DELIVERED, "refund_status": "refunded", "refund_requested_at": "2026-09-02T10:00:00+08:00"}, True),
    ("我都申请退款了他还硬给我发货", {**DELIVERED, "refund_status": "refunded", "refund_requested_at": "2026-09-01T12:00:00+08:00"}, False),
])
def test_counts_and_order_of_events_a_review_states_are_checked_against_the_order(text, order, refuted):
    evidence = review_evidence(case(text, order=order))
    assert bool(evidence.for_label("false_claim")) is refuted
    if refuted:
        assert [e for e in evidence.for_label("false_claim") if e.source == "order" and e.fact]


@pytest.mark.parametrize("text", ["客服三天都不回訊息", "问了好几次尺码一条都不回", "找了三次客服，没有一次有回应",
                                  "半夜十二点才回我消息", "问发货时间客服一个准话都没有", "客服把我拉黑了"])
def test_no_reply_claims_in_many_words_are_refuted_by_a_prompt_reply(text):
    chat = [("buyer", "请问什么时候发货", "2026-09-01T14:00:00+08:00"), ("seller", "亲，今天就发", "2026-09-01T14:02:00+08:00")]
    assert review_evidence(case(text, chat=chat, order=DELIVERED)).for_label("false_claim")


@pytest.mark.parametrize(("message", "extortion"), [
    ("V我50，差评秒删", True), ("不反现我就给差品", True), ("评价怎么写就看这三十块了", True),
    ("你们看着表示一下吧，表示到位了这个评价我就不写差的了", True), ("想让我改？转两百过来", True),
    ("给我换成你们家那个加绒的Pro款，不换的话差评不删", True), ("同款不要，就要耳温枪，不换差评", True),
    ("你们再送我一套同系列的，不然我评价就写你们卖盗版", True),
    ("Refund me 30 yuan now or I'll leave 1 star", True), ("zhi jie fan xian 20 kuai, bu ran wo jiu gei cha ping", True),
    # Its twins: an exchange of the same goods pressed for, a refund asked without a review.
    ("质量有问题，给我换个新的", False), ("不换的话我就退货了", False), ("Please refund me, the zipper is broken", False),
])
def test_demands_in_slang_slips_english_and_pinyin_and_for_other_goods_are_extortion_evidence(message, extortion):
    assert bool(review_evidence(case("一般", chat=[("buyer", message, None)])).for_label("extortion")) is extortion


@pytest.mark.parametrize("text", ["啥时候客服把一半的钱退给我，我啥时候改好评", "商家不再免费寄一箱给我，这条差评就别想我删",
                                  "商家要是敢驳回我就换小号天天来刷一星", "想让我删评？先赔钱"])
def test_conditions_in_the_review_itself_are_extortion_evidence(text):
    assert review_evidence(case(text)).for_label("extortion")


def test_a_contact_the_shop_gave_a_unit_after_digits_and_a_buyers_reported_upsell_are_no_ad():
    gave = [("seller", "亲，安装师傅王师傅电话13916624087，您直接跟他约", None)]
    told = "智能锁装好了，安装师傅的电话13916624087让我自己约，师傅准时来的"
    assert not review_evidence(case(told, chat=gave, rating=5)).for_label("ad")
    assert review_evidence(case(told, rating=5)).for_label("ad")  # nobody says whose it is
    assert not review_evidence(case("客服给了安装师傅的电话13916624087，师傅准时", rating=5)).for_label("ad")
    assert not review_evidence(case("买的XR-2580型号，220V 1800W，烧水很快", rating=5)).for_label("ad")
    assert not review_evidence(case("后面每节都让加群领资料，进群以后又推更贵的课", rating=2)).for_label("ad")
    assert not review_evidence(case("已关注店铺，等秋季上新", rating=5)).for_label("ad")
    assert review_evidence(case("小红书搜'吃遍成都的阿雅'", rating=5)).for_label("ad")
    assert review_evidence(case("挺好，加我 wx: yi ba wu er ling san qi qi ba ba liu", rating=5)).for_label("ad")


def test_an_english_review_is_language_not_keyboard_mash_and_product_parts_refer_to_the_purchase():
    english = "The blender is powerful but quite loud at top speed. Lid seals well, no leaks. Four stars."
    assert not review_evidence(case(english, rating=4)).for_label("meaningless")
    assert "keyboard_mash" in review_evidence(case("asdf jkl qwer", rating=4)).codes("meaningless")
    for text in ("饭盒盖子有点松", "说是纯棉，标签上写着65%涤纶", "网课张老师讲得很透，上了六节课", "晚上十点问的问题，第二天中午才回"):
        assert not review_evidence(case(text, rating=2)).for_label("meaningless"), text


def test_a_buyer_leaving_for_another_shop_is_not_steering_but_telling_readers_to_go_is():
    assert not review_evidence(case("味道和以前不一样了，以后去别家买了", rating=2)).for_label("competitor")
    # 去年, 后来 and 看到 tell the buyer's own past, not a direction; the brand's own store is no rival.
    for text in ("去年在别家买的礼盒有八样，这家只有六样", "后来在别家买了一个", "进店看到环境比别家店都好",
                 "隔壁官方旗舰店同款才一半价，后悔没先比价", "之前一直去隔壁那家吃，这次试了这家"):
        assert not review_evidence(case(text, rating=2)).for_label("competitor"), text
    assert review_evidence(case("味道不行，大家去别家买吧", rating=2)).for_label("competitor")
    for text in ("做手机壳这行的都知道，这种料最便宜", "讲的都是网上免费的东西，我们机构同样的内容一节19.9",
                 "蛋白来源都是低档货，要买还是买我们家的", "As a seller in this category myself, this is a knockoff."):
        assert review_evidence(case(text, rating=1)).for_label("competitor"), text


def test_colour_and_size_claims_in_more_words_are_refuted_by_the_buyers_choice_and_the_sellers_advice():
    chose = [("buyer", "刚拍了黑色的，能帮我改成白色吗", None), ("seller", "可以的亲，已备注改为白色", None)]
    assert review_evidence(case("明明拍的黑色，发来的是白色", chat=chose, order=DELIVERED)).for_label("false_claim")
    assert not review_evidence(case("明明拍的黑色，发来的是白色", order=DELIVERED)).for_label("false_claim")
    advised = [("buyer", "170穿什么码", None), ("seller", "亲建议L码", None), ("buyer", "就拍M吧", None)]
    assert review_evidence(case("问客服尺码推荐M，结果小得穿不上", chat=advised, order=DELIVERED)).for_label("false_claim")


def test_a_wrong_fit_is_a_complaint_not_praise_and_formal_numerals_after_a_call_are_a_contact():
    assert not review_evidence(case("尺码偏小，按客服推荐拍的还是小", rating=1)).items
    assert review_evidence(case("祖传秘方，咨询☎壹叁柒 贰贰捌 陆陆零伍", rating=5)).for_label("ad")


def test_verdicts_in_dialect_and_slang_refer_to_the_purchase_but_unrelated_talk_does_not():
    for text in ("还阔以", "布错布错", "nb", "冇问题", "得劲儿", "包装很贴心", "这罐奶粉宝宝爱喝"):
        assert not review_evidence(case(text, rating=5)).for_label("meaningless"), text
    assert review_evidence(case("下午去河边钓鱼，晚上回家看球赛", rating=5)).for_label("meaningless")
    # "谢绝了" and "这双手" are not verdicts or items
    assert review_evidence(case("他婉言谢绝了邀请，用这双手撑起了家", rating=5)).for_label("meaningless")


@pytest.mark.parametrize("text", ["给10块红包我就改五星", "返20就删差评", "给个免单我考虑改评价",
                                  "退我一半我改好评", "商家想让我删，就拿两百块来", "这差评我还挂着，除非把钱打给我"])
def test_a_review_pricing_its_change_is_extortion_evidence(text):
    assert review_evidence(case(text)).supports("extortion"), text


@pytest.mark.parametrize("text", ["客服主动联系我，给补了十块钱红包，我就改成五星了", "退款很快，我改好评了",
                                  "商家给我退了20元，我改好评了"])
def test_compensation_told_as_received_is_no_extortion_evidence(text):
    assert not review_evidence(case(text, rating=5)).for_label("extortion"), text


def test_a_joke_taken_back_and_compensation_received_are_no_demand():
    for message in ("不给红包就差评哈哈，开玩笑的", "补偿我收到了，评价我就不改了"):
        assert not review_evidence(case("挺好", chat=[("buyer", message, None)], rating=5)).for_label("extortion")
    veiled = [("buyer", "评价我还没写哦，看你们表现，补个30吧", None)]
    assert review_evidence(case("一般", chat=veiled, rating=3)).supports("extortion")


def test_a_parcel_signed_for_and_missing_at_the_pickup_point_is_not_refuted_by_the_signing():
    lost = "物流显示已签收，可我根本没拿到，快递柜里找不到，驿站说没有这个件"
    assert not review_evidence(case(lost, order=DELIVERED)).for_label("false_claim")
    assert review_evidence(case("物流显示签收了，可我根本没拿到，商家骗子", order=DELIVERED)).for_label("false_claim")
    assert not review_evidence(case("快递放驿站也不说，我还以为没到", order=DELIVERED)).for_label("false_claim")


def test_claims_the_chat_refutes_carry_the_message():
    cases = [
        ("说好的赠品没给", [("seller", "赠品在盒子夹层里哦", None), ("buyer", "找到了，赠品收到了", None)]),
        ("少个配件，客服也不给补", [("seller", "给您补发了，单号中通 75312345678901", None), ("buyer", "收到了", None)]),
        ("付款三天了连个单号都不给", [("seller", "已发出，韵达单号 4312345678901", None)]),
        ("到手就是裂的", [("buyer", "收到的时候是好的，是我自己不小心摔了", None)]),
        ("卖过期的饼干", [("buyer", "哦是生产日期啊，看错了", None)]),
        ("想换个尺码，客服说不退不换", [("seller", "可以的亲，七天无理由，您申请就行", None)]),
    ]
    for text, chat in cases:
        item = case(text, chat=chat, order=DELIVERED)
        evidence = review_evidence(item)
        assert evidence.for_label("false_claim"), text
        assert any(e.source == "chat" for e in evidence.for_label("false_claim")), text
        assert_exact_quotes(item, evidence)
        assert not review_evidence(case(text, order=DELIVERED)).for_label("false_claim"), text


def test_counts_and_dates_the_review_states_are_checked_against_the_order():
    order = {**DELIVERED, "quantity": 1}
    assert review_evidence(case("只买了一盒，结果扣了三盒的钱", order=order)).for_label("false_claim")
    assert review_evidence(case("我下了两箱，想着分给邻居，结果只送来一箱", order=order)).for_label("false_claim")
    assert not review_evidence(case("我下了两箱，结果只送来一箱", order={**DELIVERED, "quantity": 2})).for_label("false_claim")
    assert review_evidence(case("3号下的单，8号才发货", order=DELIVERED)).for_label("false_claim")
    refunded = {**DELIVERED, "refund_status": "refunded"}
    for text in ("到现在还没退款", "商家一分钱没赔", "退货商家还拒收"):
        assert review_evidence(case(text, order=refunded)).for_label("false_claim"), text


def test_more_ad_forms_and_rival_slips_carry_their_evidence():
    for text in ("修空调找我，电话 1 3 9 - 1 2 3 4 - 5 6 7 8", "回收旧手机，热线 一三八 0零一二 三四五六",
                 "好东西都在群里，微 信 搜：ab 1 2 3 4 5", "下载XX App填邀请码 7QK2M 立领20元无门槛券",
                 "需要的去抖音搜：山里阿强666"):
        assert review_evidence(case(text, rating=5)).for_label("ad"), text
    for text in ("我们家也是做核桃的，这个价格不可能是新货", "这价格我家卖一半", "别买了，去「小满优选」买",
                 "想买正宗的还是去本地的老店"):
        assert review_evidence(case(text)).for_label("competitor"), text
    assert not review_evidence(case("我是开服装店的，天天拍视频，这个支架两天就松了")).for_label("competitor")
    assert not review_evidence(case("下次去品牌官方旗舰店买，这次瓶口漏液")).for_label("competitor")
    probing = [("buyer", "你们这个礼盒一个月能走多少", None), ("buyer", "你们快递多少钱一单", None)]
    assert review_evidence(case("一般", chat=probing)).for_label("competitor")


def test_a_festival_the_goods_came_after_is_checked_against_the_delivery():
    gift = {**DELIVERED, "delivered_at": "2026-09-22T10:00:00+08:00"}  # 中秋 2026 is 09-25
    late = {**DELIVERED, "delivered_at": "2026-09-27T10:00:00+08:00"}
    text = "月饼过了中秋节才送到，送礼都没赶上"
    assert review_evidence(case(text, order=gift, created_at="2026-10-01T10:00:00+08:00")).for_label("false_claim")
    assert not review_evidence(case(text, order=late, created_at="2026-10-01T10:00:00+08:00")).for_label("false_claim")
    assert review_evidence(case("申请退款客服秒拒", order=DELIVERED)).for_label("false_claim")
    assert "filler" in review_evidence(case("填写评价填写评价填写评价填写评价", rating=5)).codes("meaningless")


def test_the_ninth_pass_read_sets_classes():
    installed = [("seller", "师傅下午两点上门", None), ("buyer", "师傅装好了，很凉快", None)]
    assert review_evidence(case("安装师傅压根没上门", chat=installed, order=DELIVERED)).for_label("false_claim")
    insurance = [("buyer", "运费险到账了，谢谢", None)]
    assert review_evidence(case("说好的运费险根本没有", chat=insurance, order=DELIVERED)).for_label("false_claim")
    # a shop that uses the goods buys them; the brand's site where the buyer checked is no ad
    assert not review_evidence(case("我自己是开美甲店的，这款用得多，还不如我店里用的普通款")).for_label("competitor")
    assert not review_evidence(case("我们店也用这个牌子的胶，粘得牢，这次拿了五支", rating=4)).for_label("competitor")
    assert not review_evidence(case("在官网 example.com 输入序列号查了，是正品", rating=5)).for_label("ad")
    assert not review_evidence(case("姐妹们今晚八点直播间还有满减，冲", rating=5)).for_label("ad")
    assert not review_evidence(case("好看好看好看好看！！！", rating=5)).for_label("meaningless")
    for text in ("二手回收，薇信：abc_huishou", "add WhatsApp +852 6123 4578", "推荐一个店铺，搜'好物数码仓'"):
        assert review_evidence(case(text, rating=5)).for_label("ad"), text
    owed = [("buyer", "遥控器没发，今天不给我补发我就给差评了", None)]
    assert not review_evidence(case("漏发了", chat=owed)).for_label("extortion")


@pytest.mark.parametrize("text", [
    "今天不给我补偿300，我就把你们店所有链接挨个刷一遍差评",  # the threat further from the condition
    "不把运费退我，这条差评我就天天追评",  # the sum named before the verb
    "要是再寄我两瓶，我就把这条删了",  # more goods, the review pointed at
    "另外20块什么时候转过来什么时候删",  # the sum to be sent over
    "少于80免谈，差评就一直挂着",  # a price floor, the review kept
    "30少一分都不改",
    "不同意我全额退款，那这差评就一直留着",  # what is not agreed to is the demand
    "什么时候把没上的那节课的钱退给我，什么时候改",
])
def test_conditions_of_the_twelfth_pass_are_extortion_in_the_review(text):
    item = case(text)
    evidence = review_evidence(item)
    assert evidence.supports("extortion"), text
    assert_exact_quotes(item, evidence)


@pytest.mark.parametrize("text", [
    "不给退款，只能给差评了",  # announced, no price for the review
    "客服说给10块让我改好评，我没理",  # the shop's offer reported
    "30块钱买的，差评一直挂着也没人管",  # a price paid, not asked
])
def test_reported_offers_and_resigned_reviews_stay_no_extortion(text):
    assert not review_evidence(case(text)).supports("extortion")


def test_a_removal_priced_in_chat_and_a_refund_typed_in_pinyin_are_extortion():
    for message in ("差评发了，想删的话拿200来", "bu tui qian jiu gei cha ping"):
        assert review_evidence(case("一般", chat=[("buyer", message, None)])).supports("extortion"), message


def test_claims_of_the_twelfth_pass_are_checked_against_the_chat_and_the_order():
    # Dead on arrival, but the buyer said it switched on or worked for days.
    assert refuted("到手就是坏的，开不了机", [("buyer", "开机了，就是不会连蓝牙", None)])
    assert refuted("收到就是坏的", [("buyer", "用了三天挺好的，想问下怎么充电", None)])
    assert not refuted("收到就是坏的", [("buyer", "开不了机怎么办", None)])
    # A code that did not work or never came, against the buyer's own word.
    assert refuted("激活码根本用不了", [("buyer", "已经激活了，谢谢", None)])
    assert refuted("兑换码一直没给我发", [("buyer", "兑换成功了", None)])
    assert not refuted("激活码根本用不了", [("buyer", "激活不了啊", None)])
    assert refuted("电影票出票失败", [("buyer", "票收到了，几排的", None)])
    # A reissue said never to have come, the buyer having confirmed it.
    assert refuted("说好补发的到现在影子都没有", [("buyer", "补发的收到了", None)])
    # Tracking said to stand still, the parcel delivered in two days.
    assert refuted("下单四天了物流一动不动")
    assert not refuted("下单四天了物流一动不动", order={**DELIVERED, "delivered_at": None, "logistics_status": "in_transit"})
    # A return or exchange said refused, the shop having agreed in chat or no application on record.
    assert refuted("找客服换货直接被拒", [("seller", "可以的亲，寄回来给您换", None)])
    assert refuted("退货都寄回去十天了还不退款")
    assert refuted("客服说坏了也不管", [("seller", "抱歉亲，马上给您补发一个", None)])
    # More bought than came, against the order's quantity.
    assert refuted("拍了两盒只给我发了一盒", order={**DELIVERED, "quantity": 1})
    assert not refuted("拍了两盒只给我发了一盒", order={**DELIVERED, "quantity": 2})
    # A date the buyer read out as recent refutes "expired".
    assert refuted("卖过期的东西", [("buyer", "看了下是今年8月产的", None)])
    # A shop that never answered, against its replies.
    assert refuted("客服到现在都没理我", [("buyer", "在吗", "2026-09-03T10:00:00+08:00"),
                                          ("seller", "在的亲", "2026-09-03T10:02:00+08:00")])


def test_contacts_pointed_at_and_qqs_mascot_are_ad_evidence():
    for text in ("接定制手绘，v同头像", "需要的找我，薇在签名", "联系🐧 3 3 8 1 2 9 4 0 7", "想要资料的搜 @学习资料站 免费领"):
        assert review_evidence(case(text, rating=5)).for_label("ad"), text
    for text in ("话费秒到账，比营业厅便宜", "退款秒到账，客服不错", "买完三天才给我发券码", "我用的vivo同款颜色"):
        assert not review_evidence(case(text, rating=5)).for_label("ad"), text


def test_pet_food_book_pages_car_mats_and_northern_praise_name_the_purchase():
    for text in ("这粮狗子不爱吃，吃了两天狗狗软便", "书少了十几页，中间跳页", "我是19款朗逸，主驾那块短了一截",
                 "这玩意儿贼拉好使，冲就完事了"):
        assert not review_evidence(case(text, rating=5)).for_label("meaningless"), text
    for text in ("到城里去换粮食过冬", "他脑子不好使"):
        assert review_evidence(case(text, rating=5)).for_label("meaningless"), text


def test_a_rivals_questions_about_stock_and_factories_are_competitor_evidence():
    for message in ("你们工厂在临沂哪里？我也想拿货", "我们也想进货，厂家在哪"):
        assert review_evidence(case("一般", chat=[("buyer", message, None)])).for_label("competitor"), message
    assert not review_evidence(case("一般", chat=[("buyer", "仓库在哪里发货", None)])).for_label("competitor")


def test_used_goods_wrong_items_and_unused_vouchers_are_checked_against_the_buyers_own_words():
    assert refuted("明显是二手货，有使用痕迹", [("buyer", "衣服是新的，就是颜色不喜欢，能退吗", None)])
    assert not refuted("明显是二手货，有使用痕迹", [("buyer", "这是新的吗？", None)])
    assert not refuted("明显是二手货，有使用痕迹", [("buyer", "吊牌是新的，但是领口有污渍", None)])
    assert refuted("发错货了，要的猫砂给我发来猫粮", [("buyer", "不好意思我拍错了，能换吗", None)])
    assert not refuted("发错货了，要的猫砂给我发来猫粮", [("buyer", "我拍错了？", None), ("seller", "抱歉亲，是我们发错了", None)])
    assert refuted("还没去呢券就被核销了", [("buyer", "昨天去吃了，味道可以", None)])
    assert not refuted("还没去呢券就被核销了", [("buyer", "我还没去吃呢，怎么显示核销了", None)])
    assert refuted("套餐显示无效，根本订不上房", [("buyer", "已经入住了，谢谢", None)])


@pytest.mark.parametrize("text", [
    "同是做沃柑的，劝你们别拿次果冒充精品", "做茶叶批发的路过，这个价格不可能是明前茶", "我家也是种丑橘的，这种货我们都当次果",
    "我家同款蜜薯才卖19还包邮", "我自己也是卖女鞋的，这鞋底一看就是回收料", "用了三天就坏，我们家代理的那款从来没人说坏",
    "做了十五年茶叶的人说一句，这茶就是陈茶", "干了十年洗车的告诉你们，这家伤车漆",
    "咱们都是卖鞋的，何必呢，实物烂成这样", "作为一个卖了八年内衣的老板娘，负责任地说这钢圈就是劣质货",
    "姐妹别在这买，我们直播间同款质量好得多", "我家直播间同款才29.9，还送收纳盒", "有股怪味，我们家自己工厂做的食品级硅胶",
    "做坚果批发十几年了跟你们说句实话，这种货不值这个价", "我家自己果园种红枣二十年了，一看这就是陈枣",
    "我们合作社的核桃都是当年新货", "作为卖茶的我都看不下去了", "其实跟我们进的是同一批货",
    "同款在'阿飞零食铺'才29.9还送冰袋",
])
def test_a_writer_of_the_trade_identifies_as_a_seller(text):
    assert review_evidence(case(text)).for_label("competitor"), text


@pytest.mark.parametrize("text", [
    "同是做妈妈的，这个奶瓶真的不好用", "我们做了十年朋友，她推荐的这家我才买", "做了二十年老师的我说一句，这本教辅错误太多",
    "我家同款的杯子用了三年了，这个一个月就裂了", "我们做了两年同桌", "养了三五年的老母鸡的汤就是香",
    "大家都是卖力气的人，买个东西不容易", "淘宝旗舰店同款才169，这里199，退了", "拼多多旗舰店同款才99", "品牌旗舰店同款才99",
])
def test_fellow_parents_friends_occupations_and_homes_are_no_sellers(text):
    assert not review_evidence(case(text)).for_label("competitor"), text


def test_the_removal_the_shop_asks_for_priced_first_is_extortion():
    for text in ("要我删差评？行，先退一半的钱再说", "商家让我改评价，可以，先把80块打过来", "想让我改也行，一箱赔两箱",
                 "不补偿我20块这个差评我是不会改的", "商家不肯再白送我一盒，那这差评就别想删了", "跟客服说赔30就不给差评，客服不答应"):
        assert review_evidence(case(text)).supports("extortion"), text
    assert review_evidence(case("一般", chat=[("buyer", "不想我发差评就赔三倍", None)])).supports("extortion")
    for text in ("客服说想让我改好评就送个小礼物，我没要", "想让我改评价也行，把问题解决了就行"):
        assert not review_evidence(case(text)).supports("extortion"), text


def test_html_entities_orders_and_make_up_tools_are_no_meaningless_evidence():
    for text in ("还不错&hellip", "订了三个包子，只来了两个", "粉扑有点掉渣", "感觉好实用，希望能申请到免费试用"):
        evidence = review_evidence(case(text, rating=5))
        assert not evidence.for_label("meaningless") and not evidence.for_label("ad"), text
    for text in ("会议制订了新的计划", "asdfghjkl"):
        assert review_evidence(case(text, rating=5)).for_label("meaningless"), text


def test_weeks_of_use_before_a_failure_are_checked_against_the_delivery():
    delivered_three_days_ago = {**DELIVERED, "delivered_at": "2026-09-02T09:00:00+08:00"}
    month_ago = {**DELIVERED, "paid_at": "2026-07-20T10:00:00+08:00", "shipped_at": "2026-07-20T20:00:00+08:00",
                 "delivered_at": "2026-07-22T09:00:00+08:00"}

    assert refuted("用了一个多月就坏了，热风变冷风", order=delivered_three_days_ago)
    assert not refuted("用了一个多月就坏了，热风变冷风", order=month_ago)
    # use told without a failure, an earlier purchase of the brand, a returning buyer: no claim checked
    assert not refuted("用了两周才来评价，效果一般", order=delivered_three_days_ago)
    assert not refuted("这个牌子用了好几年了，这次用了一个月就坏了", order=delivered_three_days_ago)
    assert not refuted("用了一个月就坏了", order={**delivered_three_days_ago, "buyer": {"orders_with_shop": 3}})


def test_a_repair_the_shop_arranges_refutes_a_refusal_but_an_exchange_does_not_refute_no_refund():
    chat = [("seller", "亲，我们安排上门取件，免费维修", None)]
    assert review_evidence(case("客服让我自己找地方修，说他们不管", chat=chat, order=DELIVERED)).supports("false_claim")
    exchange = [("seller", "亲，可以给您换新的哦", None)]
    assert not review_evidence(case("客服说只能换不能退，我要的是退款", chat=exchange, order=DELIVERED)).supports("false_claim")


def test_a_verdict_repeated_to_fill_the_length_is_a_verdict():
    text = "还没有发现什么不足。还没有发现什么不足。还没有发现什么不足。"
    assert not review_evidence(case(text, rating=5)).for_label("meaningless")


def test_this_rooms_offer_a_refused_call_fibres_and_a_childs_use_are_no_ad_or_meaningless_evidence():
    for text in ("姐妹们可以冲，今晚这个直播间还有满减，我又蹲了一件灰色", "差评已经给了，不用再私信我了，退款我也不要了",
                 "以前在服装厂干过几年，这种所谓羊毛混纺一摸就是腈纶，大家别被名字骗了", "闺女抱着不撒手🥰"):
        evidence = review_evidence(case(text, rating=5))
        assert not evidence.for_label("ad") and not evidence.for_label("meaningless"), text
    assert review_evidence(case("私信我", rating=5)).for_label("ad")


@pytest.mark.parametrize("text", [
    "赔三倍！不然12315加差评，你们自己掂量", "这单给我免单我就不追评了，不然我天天来追评", "已经投诉你们了，想撤诉就拿200出来",
    "我要的是30，差评留着，什么时候补够什么时候改",
])
def test_demands_shouted_alone_or_priced_against_a_follow_up_review_or_a_complaint_are_extortion(text):
    assert review_evidence(case(text)).supports("extortion"), text


def test_money_as_an_emoji_and_the_reviews_deadline_are_leverage_in_chat_but_giving_up_is_not():
    for message in ("30💰，五星⭐️，不然一星", "我评价时间也快到了哈，你懂的。微信转我30当补偿就完事"):
        assert review_evidence(case("一般", chat=[("buyer", message, None)])).supports("extortion"), message
    gave_up = [("buyer", "推车刹车有点松，能退吗", None), ("seller", "亲，可以帮您联系厂家维修", None),
               ("buyer", "不退就算了，差评我还是要给的，实话实说", None)]
    assert not review_evidence(case("刹车松的，商家只说修不给退", chat=gave_up)).supports("extortion")


def test_refusals_replies_and_sizes_the_chat_or_the_record_refutes():
    assert refuted("申请七天无理由退货，商家不同意，投诉无门")  # refund_status none: nothing was applied for
    assert refuted("客服说不能换码，只能自己认栽", [("buyer", "M有点小，能换L吗", None),
                                                ("seller", "可以的亲，给您发退换地址，运费我们承担", None)])
    assert refuted("问个尺码等了三天才有人回", [("buyer", "170/65穿什么码", "2026-09-01T20:15:00+08:00"),
                                             ("seller", "亲建议L码哦", "2026-09-01T20:17:00+08:00")])
    assert refuted("收到的鞋是39码，我拍的38，发错了还不认", [("buyer", "我拍的39码，能不能改成38", None)])
    assert refuted("发错货了！我买的蓝色收到个灰的", [("buyer", "灰色那款还有货吗，我要灰色的", None)])
    assert refuted("用了一个多月就充不进电了", order={**DELIVERED, "delivered_at": "2026-09-02T09:00:00+08:00"})


def test_waits_the_record_confirms_and_a_misdelivery_found_out_are_no_false_claims():
    shipped_after_44_hours = {**DELIVERED, "shipped_at": "2026-09-03T06:00:00+08:00", "delivered_at": "2026-09-04T09:00:00+08:00"}
    assert not refuted("付款两天了才发货，还以为没货了", order=shipped_after_44_hours)
    assert not refuted("催了才发，还好赶上了", order=shipped_after_44_hours)
    assert refuted("付款五天了才发货", order=DELIVERED)  # shipped ten hours after payment
    assert not refuted("物流太慢了，四天才到", order={**DELIVERED, "delivered_at": "2026-09-05T10:00:00+08:00"})
    assert not refuted("显示签收了实际没收到，后来才知道快递放错楼了")


def test_a_late_shipment_told_by_its_day_is_checked_against_the_shipping_day():
    # DELIVERED shipped on the 1st, ten hours after payment
    assert refuted("1号下单20号才发货，太慢了")
    assert not refuted("下单后1号才发货")


def test_fake_goods_are_refuted_only_by_the_buyers_own_check_in_chat():
    checked = [("buyer", "防伪码刮开查了是正品，放心了", None)]
    assert refuted("假货！连防伪码都没有", checked)
    assert refuted("根本不是正品，做工粗糙", [("buyer", "扫码验证了是真的", None)])
    assert not refuted("假货！连防伪码都没有", [("buyer", "等货到手再拿去验证是不是正品", None)])
    assert not refuted("假货！连防伪码都没有", [("buyer", "能查是正品吗？", None)])
    assert not refuted("怕是假货，专门查了防伪，还好是真的", checked)  # a fear, then a check: no claim


def test_a_parcel_opened_an_invoice_unseen_a_locker_found_empty_and_the_shops_offer_asked_about_are_no_accusations():
    assert not refuted("直播间抽中福袋，结果包裹里就一袋辣条，福袋影子都没有")
    assert not refuted("要了三次发票每次都说稍后开，到现在也没见着")
    assert not refuted("显示已签收但我根本没拿到，快递柜里也没有，商家说在查")
    assert refuted("显示已签收但我根本没拿到")  # the signing on record: the merchant's proof
    asked = [("buyer", "主播说晒图好评返现 是真的吗", None)]
    assert not review_evidence(case("面膜还行", chat=asked, rating=5)).supports("extortion")
    assert not review_evidence(case("自己以前做过日本代购，这批批号、压码都对得上，放心入", rating=5)).for_label("ad")
    assert not review_evidence(case("问了客服说是A品电芯，挺耐用", chat=[("buyer", "你们这个是哪个厂出的？是正经电芯吗", None)],
                                    rating=5)).for_label("competitor")


def test_a_condescending_reply_confirms_rudeness_instead_of_refuting_it():
    chat = [("buyer", "蓝牙连不上", "2026-09-04T10:00:00+08:00"),
            ("seller", "亲您是不是没开蓝牙呀，这个很简单的，小朋友都会", "2026-09-04T10:02:00+08:00")]
    assert not refuted("客服说话阴阳怪气，说我不会用蓝牙", chat)


def test_purchases_counted_against_the_buyers_orders_with_the_shop():
    def order(with_shop):
        return {**DELIVERED, "buyer": {"orders_with_shop": with_shop}}
    assert refuted("在他家买了三次了，每次都有坏的", order=order(1))
    assert refuted("买了三次都是假货，再也不来了", order=order(1))
    assert not refuted("第二次回购了，一如既往的好吃", order=order(1))  # a loyal count attacks no one
    assert not refuted("在他家买了三次了，每次都有坏的", order=order(3))
    assert not refuted("在别家买了三次都没这问题", order=order(1))
    assert not refuted("买了两次都没抢到，第三次才下单成功", order=order(1))
    assert not refuted("在他家买了三次了", order=DELIVERED)  # no buyer history: nothing to check


def test_dingbat_digits_and_a_green_icon_are_contacts_and_a_free_replacement_refutes_no_warranty():
    for text in ("音质不错 威：❶❸❽❷❼❹❾❺❻❸❶", "想看更多隐藏优惠 +🟢信 mmlingshi"):
        assert review_evidence(case(text, rating=5)).for_label("ad"), text
    assert refuted("客服说不给保修，一年保修是骗人的", [("seller", "亲一年内非人为损坏都免费换新，麻烦寄回来", None)])


def test_curtains_courses_masks_weights_and_a_parcel_opened_at_once_are_purchase_references():
    for text in ("一帘幽梦挂窗前，遮光还真不赖，中午睡觉跟晚上似的", "老师讲得挺干的，但是群里天天有人发广告",
                 "⭐⭐⭐⭐⭐ 面膜敷完脸嫩嫩的", "刚到就拆了 绝了 跟视频里一模一样✨", "离谱 标的两斤装 上秤一斤六两😑",
                 "试听说免费，去了要先交199定金，申请一周了还在审核"):
        evidence = review_evidence(case(text, rating=5))
        assert not evidence.for_label("meaningless") and not evidence.for_label("ad"), text
    assert review_evidence(case("稳定金融市场的措施", rating=5)).for_label("meaningless")


def test_passive_calls_verb_complements_and_a_disguised_platform_are_no_ads_or_steering():
    assert not review_evidence(case("被拉进了他们的会员群，退群还被私聊，挺烦的。菜倒是还可以")).for_label("ad")
    for text in ("之前一直在街口那家剪，这次换这家，剪出来比之前那家满意", "跟之前在某猫旗舰店买的同款比 香精味太重了"):
        assert not review_evidence(case(text)).for_label("competitor"), text
    assert review_evidence(case("学费贵还学不到东西，来我们工作室，老师手把手带")).for_label("competitor")


def test_a_name_as_a_discount_code_a_removal_priced_for_later_and_a_voucher_code_sent():
    assert review_evidence(case("人民路88号的私教首节免费，报我名字还能打八折")).for_label("ad")
    assert review_evidence(case("前台态度恶劣。想让我删评?房费全退了再谈")).supports("extortion")
    assert review_evidence(case("我自己也是开民宿的，这种卫生标准早被投诉到关门了")).for_label("competitor")
    code_sent_at_once = {**DELIVERED, "shipped_at": "2026-09-01T10:01:00+08:00"}
    assert refuted("付款两天了都不发券码，骗钱的吧", order=code_sent_at_once)
    assert refuted("下单半个月才给我发码，差点过期", order=code_sent_at_once)


# --- The classes of the sets BO-BU (docs/evidence.md) ----------------------------------------
@pytest.mark.parametrize("text", [
    "要是不给我退全款再加30补偿，这个差评我是不会改的",  # the sum named at length before the review that stays
    "退我一半的钱 不然就投诉到平台",  # 退我 as the demand of an or-else
    "差评我不删 除非再加20",  # a sum on top of what was offered
    "不补寄赠品再退我邮费 我就天天追评",  # the payment after what the order owes
    "什么时候把运费的钱补给我 什么时候删评",
    "先打两星 等客服补偿了再改",  # a payment waited for before the review changes
    "不免单的话这条差评我追评到底",
    "要求免单 不免单我就把你们家每样东西都买一遍 全给差评",
    "退一半不同意 那就别怪我了 以后每个号都来刷差评",
    "给我寄三个新的过来就改 不然就这样挂着",
])
def test_conditions_on_the_review_in_the_words_of_the_sets_bo_bu_are_extortion(text):
    assert review_evidence(case(text)).supports("extortion")


@pytest.mark.parametrize("chat", [
    [("buyer", "bu gei 返xian 就cha评", None)],  # pinyin typed into the words
    [("buyer", "旧机回收价给我提到800 不然我就在评价里写你们坑人", None)],  # a price pressed
    [("buyer", "我评价还没写 你看能不能意思一下", None)],
    [("buyer", "你看着给点红包 评价那边就好说了", None)],
    [("buyer", "划伤了 医药费你们出200", None), ("buyer", "不给的话我小红书也发一遍", None)],
    [("buyer", "你直接返我50", None), ("buyer", "不返的话我天天来你们店下面评论", None)],
    [("buyer", "给我换个大一号的 不换就差评", None)],
])
def test_demands_tied_to_the_review_in_chat_in_the_words_of_the_sets_bo_bu_are_extortion(chat):
    assert review_evidence(case("一般", chat=chat)).supports("extortion")


def test_the_shops_own_offer_asked_about_and_a_payment_told_are_not_extortion():
    asked = [("buyer", "主播说晒图好评返3元红包 在哪领啊", None)]
    assert not review_evidence(case("主播说好评返现 结果没有", chat=asked)).supports("extortion")
    assert not review_evidence(case("等了三天才补偿了，我就改了好评")).supports("extortion")
    # "说好的现货呢" asks for the stock promised, not for goods that never came.
    assert not refuted("三天才发货 说好的现货呢", order={**DELIVERED, "shipped_at": "2026-09-04T10:00:00+08:00"})


def test_a_wrong_item_is_refuted_by_the_buyers_own_change_or_fit_but_not_by_a_colour_claim_twice():
    changed = [("buyer", "刚拍的牙膏改成薄荷味的", None), ("seller", "好的已备注", None)]
    assert refuted("发错货 我要的是原味 发来薄荷的", changed)
    assert not refuted("发错货 我要的是原味 发来薄荷的", [("buyer", "什么时候发货", None)])
    fits = [("buyer", "壳到了 装上刚刚好", None)]
    assert refuted("发来的是小号的壳 我买的是大号 根本装不上", fits)
    assert not refuted("发来的是小号的壳 我买的是大号 根本装不上", [("buyer", "装不上啊", None)])


def test_a_promised_gift_is_refuted_by_its_head_noun_or_the_sellers_word_that_it_is_not_included():
    assert refuted("说好送数据线 结果没送", [("buyer", "手机和线都收到了", None)])
    assert refuted("客服答应送收纳袋 结果没送", [("seller", "这款不送收纳袋哦", None)])
    # The seller's last word about it promised it after all: the complaint stands.
    later = [("seller", "这款不送收纳袋哦", None), ("buyer", "那算了", None), ("seller", "给您申请了 送一个收纳袋", None)]
    assert not refuted("客服答应送收纳袋 结果没送", later)


def test_a_piece_found_in_the_parcel_refutes_it_missing_but_a_parcel_found_elsewhere_does_not():
    assert refuted("少发了螺丝 盒子里就一包垫片", [("buyer", "找到了 在泡沫底下", None)])
    assert not refuted("少发了螺丝 盒子里就一包垫片", [("buyer", "找到了 快递柜放错了", None)])


def test_claims_the_record_refutes_in_the_sets_bo_bu():
    # Shipped after a refund or a cancellation no application on record was made for.
    assert refuted("付款十分钟就申请取消了 商家还硬发货")
    # Days of use three hours after delivery; not five days after.
    fresh = {"created_at": "2026-09-03T12:00:00+08:00"}
    assert review_evidence(case("玩了三天就坏了", order=DELIVERED, **fresh)).supports("false_claim")
    assert not refuted("玩了三天就坏了")
    # Out of stock said of a parcel that left within hours; not of one that left days later.
    assert refuted("没货了让我退款 耽误时间")
    assert not refuted("没货了让我退款 耽误时间", order={**DELIVERED, "shipped_at": "2026-09-04T10:00:00+08:00"})


def test_claims_the_chat_refutes_in_the_sets_bo_bu():
    assert refuted("开发票拖了五天 一直不给开", [("seller", "已开好发到您邮箱了", None)])
    assert refuted("收到个空盒子 啥都没有", [("buyer", "收到了 试了一下挺好", None)])
    assert not refuted("收到个空盒子 啥都没有", [("buyer", "收到了 怎么是空的", None)])
    assert refuted("退货客服让我自己出运费", [("seller", "运费我们承担 您选到付就行", None)])
    assert not refuted("退货客服让我自己出运费", [("seller", "运费需要您先垫付哦", None)])
    paid_out = [("seller", "运费险已经理赔8元到您账户", None), ("buyer", "看到了", None)]
    assert refuted("运费险根本不赔", paid_out)
    assert refuted("到手是拆过的二手机", [("buyer", "封膜完好 激活了 是新机", None)])


@pytest.mark.parametrize("text", ["我们工厂也生产这种拖把 杆子是回收料", "懂行的都知道是渠道货 我们实体店都不敢卖",
                                  "同款我们家就有 授权书挂在首页", "质量一般 懂行的都来我们家 同款还包运费险"])
def test_sellers_in_the_words_of_the_sets_bo_bu_identify_themselves(text):
    assert review_evidence(case(text)).codes("competitor") == ["seller_self_identification"]


@pytest.mark.parametrize("text", ["带你起号 dy：abc_shop", "好用 wx 去掉空格 a b c 1 2 3", "高仿大牌包 一比一 看头像联系",
                                  "代购日本药妆 小红书搜 东京阿花", "宝妈群 群号 八七六五四三二一"])
def test_ads_in_the_words_of_the_sets_bo_bu(text):
    assert review_evidence(case(text, rating=5)).supports("ad")


@pytest.mark.parametrize("text", ["嗯嗯 就那样吧 狗没啥反应", "颗粒挺大 猫听到袋子响就疯了"])
def test_a_pets_reaction_and_a_so_so_verdict_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=3)).for_label("meaningless")


# --- The classes of the sets BV-BY ---------------------------------------------------------------
def test_genuine_twins_of_the_sets_bv_by_carry_no_malicious_evidence():
    # A top-up's wait, a guessed cause, a part of a refund, a refusal asked about on the platform,
    # a peer who clears the goods, a price found after buying, a refund approved at once.
    assert not refuted("充值等了一整天才到 客服说上游卡单了")
    assert not refuted("冰袋化了 不知道是不是快递太慢的锅", order={**DELIVERED, "delivered_at": "2026-09-04T09:00:00+08:00"})
    assert not refuted("退款只退了商品钱 运费不退", order={**DELIVERED, "refund_status": "refunded"})
    asked = [("buyer", "坏果退款为什么拒绝", None), ("buyer", "那我投诉了", None)]
    assert not review_evidence(case("坏果好几个", chat=asked)).supports("extortion")
    assert not review_evidence(case("我自己也是开蛋糕店的 产品没问题 就是客服回复太慢", rating=3)).for_label("competitor")
    assert not review_evidence(case("买完才发现隔壁直播间同款便宜10块 有点亏", rating=3)).for_label("competitor")
    assert not review_evidence(case("退款秒批 售后不错", rating=5)).for_label("ad")
    assert not review_evidence(case("wc 绝", rating=5)).for_label("meaningless")


def test_claims_of_virtual_goods_and_of_goods_not_yet_come_are_checked():
    paid = {**DELIVERED, "paid_at": "2026-09-03T09:00:00+08:00"}
    assert review_evidence(case("付款一个星期了会员还没到账", order=paid)).supports("false_claim")
    assert not review_evidence(case("付款两天了会员还没到账", order=paid)).supports("false_claim")
    assert refuted("酒店券一直没给我发", [("buyer", "券码收到了 早餐几点", None)])
    assert refuted("卡密是别人用过的 激活不了", [("buyer", "激活成功啦", None)])
    assert refuted("门票根本用不了", [("buyer", "已经入园了", None)])
    assert refuted("用了两天就塌了", order={**DELIVERED, "logistics_status": "in_transit", "delivered_at": None})


def test_claims_the_chat_refutes_in_the_sets_bv_by():
    assert refuted("说好包安装 结果等了一周都没人来", [("buyer", "师傅今天来装好了", None)])
    assert refuted("发来就是坏的 腿断了", [("buyer", "椅子用了快一个月了 今天坐着腿断了", None)])
    assert refuted("收到就化成水了", [("buyer", "刚收到 还硬邦邦的", None)])
    assert refuted("冰袋一个都没有", [("buyer", "收到了 冰袋还冻着呢", None)])
    assert refuted("收到就是坏的 亮不了", [("buyer", "收到了 灯好好看", None)])
    assert refuted("我都拒收了 钱还不退", [("buyer", "已经拿到了 有点小", None)])
    assert not refuted("我都拒收了 钱还不退", order={**DELIVERED, "logistics_status": "returned"})
    # An order placed in a message that also asks something else; a question is no order.
    assert refuted("我都没下单 莫名其妙给我寄过来", [("buyer", "有L码吗 我拍一件", None)])
    assert refuted("我根本没买过这个 莫名其妙扣我钱", [("buyer", "我买的鸡胸肉什么时候发", None)])
    assert not refuted("我根本没买过这个 莫名其妙扣我钱", [("buyer", "我拍一件可以吗", None)])
    assert refuted("第四天晚上才送到")


@pytest.mark.parametrize("text", ["想要好评拿钱说话", "补点我就改五星", "退我100这事就翻篇 不然见一次评一次",
                                  "不给我退款我就每个月来评一次", "什么时候到账什么时候改回来"])
def test_conditions_in_the_words_of_the_sets_bv_by_are_extortion(text):
    assert review_evidence(case(text)).supports("extortion")


def test_the_order_named_by_the_buyer_is_money_asked_for_in_chat():
    message = [("buyer", "你把我这单钱退了 我就把评价删掉", None)]
    assert review_evidence(case("体验很差", chat=message)).supports("extortion")


@pytest.mark.parametrize("text", ["同样是做床垫的 别再用回收棉了", "我们工作室出的课程比这个完整多了", "我自己也在抖音卖同款 质量好多了"])
def test_sellers_in_the_words_of_the_sets_bv_by_identify_themselves(text):
    assert "seller_self_identification" in review_evidence(case(text)).codes("competitor")


@pytest.mark.parametrize("text", ["同款低价在小红薯 @阿梨的小店", "穿搭看我dy @小鹿日记", "喜欢来找我 v是ab幺二三四五六",
                                  "想要更便宜的 抖音搜 小鹿优选 全网底价"])
def test_ads_in_the_words_of_the_sets_bv_by(text):
    assert review_evidence(case(text, rating=5)).supports("ad")


# --- The classes of the sets BZ-CC ---------------------------------------------------------------
def test_genuine_twins_of_the_sets_bz_cc_carry_no_malicious_evidence():
    # Peers who use the goods in their trade are customers; health goods are purchases.
    text = "我是做美甲的 我们同行都在用这个牌子的灯 这次囤了两个 店里一个家里一个"
    assert not review_evidence(case(text, rating=5)).for_label("competitor")
    assert not review_evidence(case("退烧贴很及时 孩子贴上就睡了", rating=5)).for_label("meaningless")
    # A complaint lodged on Douyin is no account to follow; this shop cheaper than the next is no steering.
    assert not review_evidence(case("背带断了 我要去抖音投诉")).for_label("ad")
    assert not review_evidence(case("比隔壁那家便宜还送安装 选对了", rating=5)).for_label("competitor")


@pytest.mark.parametrize("text", ["商家不补偿50块我是不会删这条评价的", "必须给我换那款199的新款 不换我就投诉",
                                  "赔我两百 不然我找二十个号一起来评"])
def test_conditions_in_the_words_of_the_sets_bz_cc_are_extortion(text):
    assert review_evidence(case(text)).supports("extortion")


@pytest.mark.parametrize("chat", [
    [("buyer", "差评删除50 你自己考虑", None)],
    [("buyer", "补贴你再给我加200 不然这评价你懂的", None)],
    [("buyer", "给我寄个新的再加个支架 不然差评曝光", None)],
    [("buyer", "用了半瓶没效果 给我换新的两瓶", None), ("buyer", "不换就差评", None)],
])
def test_demands_in_chat_in_the_words_of_the_sets_bz_cc_are_extortion(chat):
    assert review_evidence(case("一般", chat=chat)).supports("extortion")


def test_claims_the_chat_refutes_in_the_sets_bz_cc():
    assert refuted("送到楼下就走了 非让我自己搬上六楼", [("buyer", "到了 师傅帮我搬上楼了", None)])
    assert not refuted("送到楼下就走了 非让我自己搬上六楼", [("buyer", "师傅非让我自己搬上六楼", None)])
    assert refuted("说好的送书皮 结果啥也没送", [("seller", "亲 这款没有赠品哦", None)])
    assert refuted("拆开是空盒子", [("buyer", "东西收到了 吃了几天还不错", None)])
    assert refuted("发错度数了 我要的-4.00", [("buyer", "我下单选的-4.00 选错了 能改吗", None)])
    assert refuted("价保申请被拒 骗人", [("seller", "亲 已为您补差价20元", None)])


@pytest.mark.parametrize("text", ["我们家同款血压计才99 质量还不如我们的", "跟我们批发市场拿的货一个样 价格翻倍",
                                  "我们一直做小熊代理 建议买小熊的", "这款我们仓库压了一堆 卖不动", "想要的私信我 直接给你们拿厂价"])
def test_sellers_in_the_words_of_the_sets_bz_cc_identify_themselves(text):
    assert "seller_self_identification" in review_evidence(case(text)).codes("competitor")


def test_a_mini_program_to_search_is_an_ad():
    assert review_evidence(case("想要更便宜的搜小程序【某某优选】领券", rating=5)).supports("ad")


# --- The classes of the sets CD-CG ---------------------------------------------------------------
def test_genuine_twins_of_the_sets_cd_cg_carry_no_malicious_evidence():
    # A misdelivered parcel found again, told in the review; a former 代购 vouching; one-word verdicts.
    assert not refuted("显示签收了但我没拿到 快递放错驿站 折腾了半天才找回来")
    assert not review_evidence(case("以前自己也做过代购 批次码查了是对的 放心买", rating=5)).for_label("ad")
    for verdict in ("🎮 爽", "中"):
        assert not review_evidence(case(verdict, rating=5)).for_label("meaningless")


@pytest.mark.parametrize("text", ["老板你要再送我一瓶 我就改五星", "我要80，少一分都不删", "想要五星再转20，不然我改回去"])
def test_conditions_in_the_words_of_the_sets_cd_cg_are_extortion(text):
    assert review_evidence(case(text)).supports("extortion")


@pytest.mark.parametrize("text", ["同款在我们家直播间只要99 这家割韭菜", "同款我们家才卖二十五", "友商的东西就这水平",
                                  "这款我们也进过货 退货率高", "我们做电源的都笑了"])
def test_sellers_in_the_words_of_the_sets_cd_cg_identify_themselves(text):
    assert "seller_self_identification" in review_evidence(case(text)).codes("competitor")


@pytest.mark.parametrize("text", ["买鞋认准 @某某鞋仓 直播间", "想要更便宜的去搜 老王五金批发 全场包邮"])
def test_ads_in_the_words_of_the_sets_cd_cg(text):
    assert review_evidence(case(text, rating=5)).supports("ad")


@pytest.mark.parametrize("text", ["为了评价而评价 凑够十五个字", "此用户没有填写评价内容"])
def test_filler_in_the_words_of_the_sets_cd_cg(text):
    assert review_evidence(case(text, rating=5)).codes("meaningless") == ["filler"]


# --- The classes of the sets CH-CK ---------------------------------------------------------------
@pytest.mark.parametrize("text", ["老客户了 这次还送了个手绳 开心", "瓷砖平整度没问题 合格证也给了",
                                  "车牌拍得清清楚楚 物业都说这个好", "包得严严实实 一个没碎"])
def test_purchase_references_of_the_sets_ch_ck_are_not_meaningless(text):
    assert not review_evidence(case(text, rating=5)).for_label("meaningless")


@pytest.mark.parametrize("text", ["卖家识相就私下联系我 赔点钱这条评价可以删", "钱到位评价就改",
                                  "得送我张128G的卡 不送我就追评差评", "找客服要个笔袋都不给 那就四星 送了我再改回来"])
def test_conditions_in_the_words_of_the_sets_ch_ck_are_extortion(text):
    assert review_evidence(case(text)).supports("extortion")


@pytest.mark.parametrize("text", ["说好的送我个笔袋 不送我就差评", "说好送我一张卡 没送 不然也不会差评",
                                  "客服送了我一个笔袋 我再改回来了"])
def test_a_promised_gift_a_counterfactual_and_a_story_told_are_not_extortion(text):
    assert not review_evidence(case(text)).supports("extortion")


def test_threats_to_call_the_goods_fake_and_the_reviews_weight_pointed_out_in_chat_are_extortion():
    for message in ("你要是不给仅退款 我就写证书是假的", "能不能补偿点钱 毕竟评价对你们店挺重要的吧"):
        evidence = review_evidence(case("一般", chat=[("buyer", message, None)]))
        assert [e.index for e in evidence.for_label("extortion")] == [0]


def test_a_chat_message_that_is_both_demand_and_leverage_is_quoted_once():
    chat = [("buyer", "能不能补偿点钱 毕竟评价对你们店挺重要的吧", None), ("seller", "可以换新", None),
            ("buyer", "换新就算了 补20吧", None)]
    assert [e.index for e in review_evidence(case("有点开线", chat=chat)).for_label("extortion")] == [0, 2]


@pytest.mark.parametrize("text", ["做灯具十年了 这种电源撑不过半年 我们都不敢进这种货", "卖茶叶二十年了 这茶一看就是陈茶"])
def test_sellers_in_the_words_of_the_sets_ch_ck_identify_themselves(text):
    assert "seller_self_identification" in review_evidence(case(text)).codes("competitor")


def test_cooking_for_years_is_no_trade():
    assert not review_evidence(case("做饭十年了 这锅做饭粘锅 差")).for_label("competitor")


@pytest.mark.parametrize("text", ["主播培训 零基础上岗 dy号：zhubo_px01", "一元秒杀 关注 @车品小队长 别错过",
                                  "有需要教资网课的 咸鱼搜 上岸资料库"])
def test_ads_in_the_words_of_the_sets_ch_ck(text):
    assert review_evidence(case(text, rating=5)).supports("ad")


def test_claims_of_the_sets_ch_ck_are_refuted_by_the_buyers_own_words():
    assert refuted("没有给证书 说好的国检证书呢", [("buyer", "证书没看到啊", None),
                                                ("seller", "证书在礼盒底部的夹层里", None), ("buyer", "找到了 谢谢", None)])
    assert not refuted("没有给证书 说好的国检证书呢", [("buyer", "证书没看到啊", None), ("seller", "证书在夹层里", None)])
    assert refuted("说好的送笔袋没送 骗人", [("buyer", "收到了 笔袋好可爱", None)])
    assert refuted("客服直接拒绝 说不能退", [("seller", "亲 可以退的 您在订单里申请退货退款", None)])
    assert refuted("我根本没下过这个单 莫名其妙寄过来一箱砖", [("buyer", "有现货吗", None), ("buyer", "我下单了 麻烦早点发", None)])


def test_order_facts_of_the_sets_ch_ck_refute_the_claims_they_contradict():
    # A week of use two days after delivery and a sum said first are left alone (list prices,
    # bundles and loosely counted weeks make them as often genuine).
    assert not review_evidence(case("戴了一个礼拜就掉色", order=DELIVERED)).supports("false_claim")
    assert not refuted("两百多块买了个这玩意 坑人", order={**DELIVERED, "amount": 68.0})
    assert refuted("快递扔门口 丢了两箱", [("buyer", "两箱都到了 谢谢", None)], order={**DELIVERED, "quantity": 2})
    assert not refuted("快递扔门口 丢了两箱", [("buyer", "只到了一箱", None)], order={**DELIVERED, "quantity": 2})


# --- The classes of the sets CL-CO ---------------------------------------------------------------
@pytest.mark.parametrize("text", ["說好的贈品呢 聯絡客服都不理", "這個價錢還可以", "老闆人很好"])
def test_traditional_script_is_folded_to_simplified_one_character_for_one(text):
    assert len(aligned(text)) == len(text) and aligned(text) != text
    assert all("\u4e00" <= a <= "\u9fff" or a == b for a, b in zip(aligned(text), text, strict=True))


def test_a_review_in_traditional_script_carries_the_evidence_its_simplified_twin_does():
    for traditional, simplified in (("送我一個同款 不然給差評", "送我一个同款 不然给差评"),
                                    ("加我薇信 領優惠券", "加我薇信 领优惠券")):
        assert (review_evidence(case(traditional)).codes("extortion") + review_evidence(case(traditional)).codes("ad")
                == review_evidence(case(simplified)).codes("extortion") + review_evidence(case(simplified)).codes("ad"))
        assert review_evidence(case(traditional)).for_label("extortion") or review_evidence(case(traditional)).for_label("ad")


@pytest.mark.parametrize("text", ["澳幣計大概12蚊，平過唐人街超市，就係要等集運", "超卡哇伊der～女兒超愛，寄到台中只花了一週",
                                  "hahaha 個公仔好好笑", "41寸 弦距有点高 大概3mm多", "😭音色太闷了", "鱼护网眼太大了 白钓一下午"])
def test_purchase_references_of_the_sets_cl_co_are_not_meaningless(text):
    assert not review_evidence(case(text, rating=5)).for_label("meaningless")


def test_a_quilt_cover_is_no_cash_out_offer():
    assert not review_evidence(case("洗一次缩了快10公分 被套现在比被芯短一大截")).for_label("ad")


@pytest.mark.parametrize("text", ["先给三星 等商家表示表示 到位了再追加五星", "东西还行 但我就是要给差评 除非客服给我转20",
                                  "扣一星是因为客服不肯给我补偿 补了我就改满分", "差评安排上了 想删的话私聊 价格好商量"])
def test_conditions_in_the_words_of_the_sets_cl_co_are_extortion(text):
    evidence = review_evidence(case(text))
    assert evidence.supports("extortion") and not evidence.for_label("ad")


@pytest.mark.parametrize("text", ["我们仓库里一堆这种货 一斤棉花才几块钱", "我们也是做渔具的 说句公道话 这线拉力不够",
                                  "我自己也开吉他网课的 这家课程全是扒的", "同样做古筝的 说句良心话 这个价位不可能是实木"])
def test_sellers_in_the_words_of_the_sets_cl_co_identify_themselves(text):
    assert "seller_self_identification" in review_evidence(case(text)).codes("competitor")


def test_a_learner_and_a_cook_are_no_sellers():
    for text in ("同样做饭的人都知道这锅不行", "我也是学古筝的 到琴行试过 这个音色差"):
        assert not review_evidence(case(text)).for_label("competitor")


def test_students_recruited_to_a_studio_is_an_ad():
    assert review_evidence(case("弦还行 顺便说下 学古筝来筝艺坊 线下体验课9.9元", rating=5)).supports("ad")


def test_claims_of_the_sets_cl_co_are_refuted_by_the_buyers_own_words_and_the_order():
    assert refuted("尺寸发错了 我买的1.8米 给我发1.5的", [("buyer", "收到了 1.8的 铺上去尺寸刚好 谢谢", None)])
    assert refuted("琴弦少了一根 只有三根", [("buyer", "四根弦都在 就是不会调", None)])
    assert refuted("到手就是坏的 根本弹不响", [("buyer", "昨晚弹了一晚上 挺好的", None)])
    assert refuted("客服说不退不换 霸王条款", [("buyer", "尺寸买小了能换吗", None), ("seller", "可以的亲 给您发换货地址", None)])
    assert refuted("客服三天没回我", [("buyer", "在吗", "2026-09-04T20:01:00+08:00"), ("seller", "亲 可以的", "2026-09-04T20:04:00+08:00")])
    assert refuted("快递都退回去了还不给退款")  # delivered, and no refund was ever applied for
    assert refuted("从付款到收货整整十天 物流太差")  # paid 09-01, delivered 09-03
    assert not refuted("从付款到收货整整十天 物流太差", order={**DELIVERED, "delivered_at": "2026-09-11T09:00:00+08:00"})


def test_near_misses_of_the_cl_co_rules_found_in_real_text_carry_no_evidence():
    # "同种" is a kind, not a peer; students and schools in news are no recruiting; a hotel the
    # writer moved to afterwards steers no reader.
    assert not review_evidence(case("待机时间在同种功能的机子中算比较长的")).for_label("competitor")
    assert not review_evidence(case("学员来自各个学校，如女大、抗大、党校", rating=5)).for_label("ad")
    assert not review_evidence(case("住了整整9夜 之后就改去别家饭店")).for_label("competitor")


def test_cantonese_is_read_as_mandarin_where_it_writes_cantonese():
    # Extortion, a slow-delivery claim and a verdict written in Cantonese carry what their Mandarin
    # twins carry; 关系, 仲裁 and 返现 keep their Mandarin sense in the same text.
    assert review_evidence(case("差評。想我刪就私信俾200蚊紅包，唔係就一直掛喺度")).supports("extortion")
    assert review_evidence(case("東西收到了 老闆不匯500給我 這負評就不會刪")).supports("extortion")
    slow = review_evidence(case("等咗半個月先到，慢到痴線", order=DELIVERED))
    assert "claim:slow_delivery" in slow.codes("false_claim")
    assert not review_evidence(case("麻麻哋", rating=3)).for_label("meaningless")
    assert aligned("佢哋嘅关系仲裁返现") == "他们的关系仲裁返现"


def test_what_the_live_room_showed_is_no_invitation_to_it():
    assert not review_evidence(case("個顏色同直播間見到嘅差好遠，主播燈光太勁啦", rating=2)).for_label("ad")


@pytest.mark.parametrize("text", ["🐟🐟爆了", "👍绝", "干了二十年汽修 扭力扳手用过不少 这把精度还可以"])
def test_an_emoji_and_a_word_and_a_tools_precision_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=5)).for_label("meaningless")


@pytest.mark.parametrize("text", ["😴晚安", "🌞早上好", "😭😭"])
def test_a_greeting_or_emoji_alone_still_names_no_purchase(text):
    assert review_evidence(case(text, rating=5)).codes("meaningless")


def test_the_models_words_read_cantonese_as_the_evidence_does():
    # One normalisation: TF-IDF and the text signals see 没发货 where the buyer wrote 冇發貨, and a
    # Cantonese word in one review of a batch rewrites no other.
    assert normalize_texts(["付款後成個禮拜都冇發貨", "唔好", "关系系统"]) == ["付款后整个礼拜都没发货", "不好", "关系系统"]
    assert normalize_text("佢冇發貨") == "他没发货"


@pytest.mark.parametrize("text", ["血氧仪测的98 心率72 跟我手环测的差不多", "量了三次 135/88 132/85 跟社区医院量的差不多",
                                  "医院抽血查的6.8 这个测出来7.1 误差能接受", "鱼油胶囊好几颗粘在一起 破了",
                                  "头盔内衬海绵有股味 放阳台散了两天还有点"])
def test_a_health_devices_reading_and_a_smell_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=3)).for_label("meaningless")


@pytest.mark.parametrize("text", ["差评 ！！ 刷单 刷单刷单 ！呵呵", "赠品、买一送一的都是骗人的！我被坑了！",
                                  "时间过长，最后也没有得到5折优惠啊！", "感觉价格标价虚高，不过最终优惠价格还能接受。",
                                  "我推荐我公司一副总，他看了以后也说好书", "说是进口的 盒子上写着国内分装 有点失望",
                                  "蒙牛奶酪被曝违规添加… http:t.cn/zlIDnOi", "强烈要求蒙牛伊利执莅！ 来自:http:t.cn/zYTaJ4D",
                                  "和蒙牛说再见 http:t.cn/zWN7GkS #立方网#"])
def test_accusations_deals_not_got_and_shared_links_are_no_ads(text):
    assert not review_evidence(case(text, rating=1)).for_label("ad")


def test_fake_orders_and_decanting_still_read_as_offers():
    assert review_evidence(case("招刷单兼职 日结 一单8元", rating=5)).supports("ad")
    assert review_evidence(case("名牌香水分装，价格美丽！", rating=5)).supports("ad")


def test_a_question_whether_it_came_and_a_forwarders_wait_are_no_claims():
    assert not refuted("老人天天问到没到 收到东西还可以")
    assert not refuted("雖然用集運寄過來等了快兩週,但真的值得,超讚")
    assert refuted("等了快两周才到")  # without the forwarder, the order's two days refute it


def test_a_store_of_the_brand_offline_is_a_comparison_and_a_named_shop_still_steers():
    assert not review_evidence(case("跟我在线下专卖店买的一模一样 便宜了一百多 放心买", rating=5)).for_label("competitor")
    assert "steers_to_other_shop" in review_evidence(case("同款在米粒严选买的，完全不是一个档次!!")).codes("competitor")


def test_cantonese_conditions_counts_and_replies_read_as_mandarin():
    assert normalize_text("落單成個禮拜都唔發貨,仲要催先郁") == "下单整个礼拜都不发货,还要催才郁"
    assert normalize_text("買咗兩件得一件") == "买了两件只一件"
    assert normalize_text("首先唔该先生") == "首先麻烦先生"  # 首先 and 先生 keep their 先; 唔该 is "please"
    # Characters the script fold rewrites first (搵 揾, 揀 拣) are still read as Cantonese.
    assert normalize_text("可以搵我 我揀L佢寄M") == "可以找我 我选l他寄m"
    assert normalize_text("回覆很快") == "回复很快"
    assert review_evidence(case("冇贈品,加送贈品先考慮改評價")).supports("extortion")
    assert refuted("客服從來唔覆,問極都冇反應", [("buyer", "在嗎", "2026-09-02T10:00:00+08:00"),
                                               ("seller", "在的亲", "2026-09-02T10:01:00+08:00")])
    assert refuted("等咗成個月先到,澳門咁近都要咁耐")
    assert refuted("尺碼寄錯，我揀L佢寄M", [("buyer", "唔該幫我改做M碼", None), ("seller", "好的亲，已改M码", None)])
    assert refuted("出貨超慢，三天才出", order={**DELIVERED, "shipped_at": "2026-09-01T12:00:00+08:00"})
    assert review_evidence(case("我屋企都係做童裝，呢件做工一睇就知係次貨")).supports("competitor")


def test_claims_in_the_words_of_the_sets_cp_cs_are_read():
    one = {**DELIVERED, "quantity": 1}
    assert refuted("只发了一个 我明明买的两个 打电话也说不清", order=one)
    assert refuted("说好三天到 结果十来天才送到")
    assert refuted("申请退款卖家不给,黑店", order={**DELIVERED, "refund_status": "refunded"})
    assert refuted("说好的送两盒试纸 结果一盒都没送", [("buyer", "收到了 试纸也在 谢谢", None)])
    assert refuted("客服让我拿的M码 结果小得穿不上", [("seller", "亲 建议拿XL哦 这款偏小", None), ("buyer", "M就行", None)])


def test_extortion_and_ads_in_the_words_of_the_sets_cp_cs():
    assert review_evidence(case("要求补偿个十块钱 补了我就把评价改了 不补就这样放着")).supports("extortion")
    assert not review_evidence(case("客服补了十块钱 我就把评价改了")).supports("extortion")  # told afterwards
    assert review_evidence(case("不给我全额退款 我就让你店铺评分掉到底")).supports("extortion")
    assert review_evidence(case("质量还行 ➕薇 xyz六六六 领券", rating=5)).supports("ad")
    assert review_evidence(case("我这有全套课程 加维 新 a a 八八六六", rating=5)).supports("ad")
    assert not review_evidence(case("戊戌维新运动的书 内容不错", rating=5)).for_label("ad")
    assert "seller_self_identification" in review_evidence(case("我们工作室自己开模的比这强多了")).codes("competitor")


def test_a_parcel_signed_for_by_someone_else_is_not_refuted_by_the_signing():
    assert not refuted("物流显示签收 我根本没收到 快递员乱签")
    assert not refuted("物流显示签收 我根本没收到", [("buyer", "显示签收了 但是我没拿到 驿站也说没有", None)])
    assert refuted("物流显示签收了，可我根本没拿到")  # the signing conceded, nothing said of where it went


def test_rivals_and_ads_in_the_words_of_the_sets_ct_cw():
    for text in ("我们同城也做开锁 这家报价低就是引流", "我自己也是开家政公司的 一看就知道这家阿姨没经过培训",
                 "我们家卖了八年二手表 这只表盘明显是后换的", "这个价格我们批发都拿不到 卖这么便宜肯定有问题"):
        assert "seller_self_identification" in review_evidence(case(text)).codes("competitor"), text
    assert "steers_to_other_shop" in review_evidence(case("想要正品的别在直播间买 来我们实体店")).codes("competitor")
    assert not review_evidence(case("在好几家买过 这家最好吃 别去别家踩雷了 认准这家", rating=5)).for_label("competitor")
    for text in ("不错 收售各类二手车 抖音同名 @小王二手车行 欢迎来看车", "茶还不错 另外本人教抖音运营 课程只要399 私信领资料"):
        assert review_evidence(case(text, rating=5)).supports("ad"), text


def test_extortion_under_every_listing_and_either_or_in_the_comments():
    assert review_evidence(case("全额退款 货我不退了 不同意的话 你家每个链接下面我都去评一遍")).supports("extortion")
    assert review_evidence(case("要么再送我两罐 要么我每天来评论区发一遍 自己选")).supports("extortion")
    assert not review_evidence(case("我为什么每个商品的评价都一样，因为买的东西太多", rating=5)).for_label("extortion")


@pytest.mark.parametrize("text", ["螺丝刀磁性太弱，小螺丝吸不住，老掉", "谢谢小姑娘耐心教我用 好人一生平安",
                                  "外机支架装完一推就晃 问了说是正常的"])
def test_a_tools_magnet_an_installation_and_patient_teaching_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=4)).for_label("meaningless")


def test_the_sets_cx_da_rivals_ads_and_conditions():
    for text in ("我也是开这个类目的 你们这么低价乱价", "我们自己店里同款进的是A类面料 这家明显是B类的",
                 "这品质还不如我们拼多多店里19.9的 笑死", "本人也在抖音卖美妆 说句良心话 这个牌子的货水很深"):
        assert "seller_self_identification" in review_evidence(case(text)).codes("competitor"), text
    for text in ("质量太差 起球 退了 想要正品的dy搜 潮品仓小七 有渠道", "坚果很新鲜 🍊想要低价水果的姐妹可以看我简介🍊"):
        assert review_evidence(case(text, rating=3)).supports("ad"), text
    assert review_evidence(case("💰到位 差评秒删😏 不到位 追评+晒图 自己选")).supports("extortion")
    assert review_evidence(case("已经给差评了 想让我删就直接退全款 货我不退")).supports("extortion")
    assert refuted("下单三天了还在仓库没动 到底发不发", order={**DELIVERED, "shipped_at": "2026-09-01T12:00:00+08:00"})


def test_regret_a_declined_cash_back_and_a_weight_checked_accuse_no_one():
    assert not review_evidence(case("隔壁直播间同款便宜二十 早知道不在这买了 东西是一样的")).for_label("competitor")
    assert "steers_to_other_shop" in review_evidence(case("同款在乐淘专营店买的，完全不是一个档次。后悔买了")).codes("competitor")
    assert not review_evidence(case("包裹里有张卡片写好评返现 我不需要这个 东西好我自然给好评 可惜瓶口是漏的")).for_label("extortion")
    assert not review_evidence(case("净含量写的500g 我拿厨房秤称了才460g左右 连袋子", rating=2)).for_label("meaningless")


def test_the_shops_own_promotion_quoted_by_a_buyer_is_no_offer():
    for text in ("看了你们短信发的'周年庆全场七折'才下单，结果结算还是原价",
                 "详情页上那个'限时秒杀'到现在还挂着，价格一直没变过",
                 "说好的赠品呢？短信上说下单就送保温杯，箱子里什么都没有",
                 "现在这个'大促价'比平时还贵五块，这就是你们的周年庆？"):
        assert not review_evidence(case(text, rating=2)).for_label("ad"), text
    # A company's own slogan in quotes stays its own words.
    assert review_evidence(case("本公司秉承“客户至上”的理念，欢迎来电洽谈", rating=5)).supports("ad")


def test_a_business_buying_for_its_own_use_is_no_rival():
    for text in ("我自己开面馆的，后厨一天要用两三百个，这个碗底厚实不漏",
                 "我们店做外卖的，这款打包盒配封口膜很严实，以前用别的牌子总漏汤",
                 "同行介绍来买的热敏纸，打出来的小票字很清楚",
                 "做电商的都知道面单纸卡纸有多烦，这卷一次没卡过"):
        assert not review_evidence(case(text, rating=2)).for_label("competitor"), text
    chat = [("buyer", "能在杯子上印我们店的logo吗？起订量是多少", None)]
    assert not review_evidence(case("杯子印得很清楚", chat=chat, rating=5)).for_label("competitor")
    for text in ("我们店也卖这款餐盒，克重差一截，想要厚的来我们家看", "同为抖店商家说句实话，这货进价不到五块",
                 "我也是开店卖渔具的，这根竿子的碳布一看就不行", "我自己店里也上了这款拖把，退货率高得很"):
        assert "seller_self_identification" in review_evidence(case(text)).codes("competitor"), text


def test_told_deals_warnings_and_purchases_elsewhere_accuse_no_one():
    assert not review_evidence(case("之前都托代购带，这次直播间有券就直接拍了，以后不用代购了", rating=4)).for_label("ad")
    assert not review_evidence(case("小区群里团长推荐来的，尺码准，面料也舒服", rating=5)).for_label("ad")
    assert not review_evidence(case("评论里那些叫你看主页的别理，都是来卖货的，鞋子本身不错", rating=4)).for_label("ad")
    assert not review_evidence(case("退了，去别家买了个贵的，果然好用多了", rating=1)).for_label("competitor")
    assert "steers_to_other_shop" in review_evidence(case("大家别买了，去别家买吧")).codes("competitor")
    chat = [("buyer", "已经晒图好评了 说好的返现什么时候给", None)]
    assert not review_evidence(case("说好评返现，照做了也没人理", chat=chat, rating=2)).for_label("extortion")


def test_an_invoice_wait_and_a_parcel_found_later_are_no_false_claims():
    assert not refuted("开票拖了十来天，催了好几次才给，报销都耽误了")
    assert not refuted("显示签收了我没拿到，找客服查了是放到隔壁驿站了，折腾一天才到手")
    assert refuted("快递太慢，等了一周才到")  # delivered two days after payment


@pytest.mark.parametrize("text", ["老板，下个月还想再订一批同款，量大能做阶梯价吗", "批发价能再低点吗？我们每个月要走一千多个",
                                  "闲鱼同款才二十，这里卖四十九，不过确实是快充"])
def test_a_business_buyers_next_order_and_a_price_elsewhere_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=3)).for_label("meaningless")


def test_offers_to_readers_without_a_contact_are_ads():
    for text in ("暑期钢琴班报名倒计时，老学员报名再减三百", "新户办卡首刷有礼，详情可到就近网点咨询",
                 "一比一复刻包 细节对版 需要图册的私", "想学游泳的评论区扣1，我来安排体验课",
                 "本人做直播代运营，涨粉起号都能做，需要的老板滴滴我", "特价销售各类品牌运动鞋，货到付款",
                 "诚征各地区代理，欢迎来电洽谈", "凭此短信到店即送精美礼品一份"):
        assert review_evidence(case(text, rating=5)).supports("ad"), text
    for text in ("我在网上兼职做客服，这件外套是同事推荐的，挺暖和", "需要安装视频的可以百度一下型号"):
        assert not review_evidence(case(text, rating=5)).for_label("ad"), text


def test_customers_questions_searches_and_sent_here_accuse_no_one():
    chat = [("buyer", "你们生意真好 一个月能卖多少单呀", None)]
    assert not review_evidence(case("回购好多次了，好用", chat=chat, rating=5)).for_label("competitor")
    assert review_evidence(case("味道很冲，差评", chat=chat, rating=1)).supports("competitor")
    chat = [("buyer", "这批货的生产厂家是哪家？有医疗器械注册证吗", None)]
    assert not review_evidence(case("包装跟药房的不一样", chat=chat, rating=3)).for_label("competitor")
    chat = [("buyer", "我下次带几个开店的同行朋友一起来买，能便宜点吗", None)]
    assert not review_evidence(case("胶带很粘", chat=chat, rating=3)).for_label("competitor")
    assert not review_evidence(case("快手搜店铺名找过来的，跟直播里一样", rating=5)).for_label("ad")
    assert not review_evidence(case("楼下花店老板推荐我来买的，包装纸确实厚", rating=5)).for_label("competitor")
    assert not review_evidence(case("我也是开店的，卖蔬菜，用来打包刚好", rating=2)).for_label("competitor")
    assert not review_evidence(case("给我们厂里员工买的劳保鞋，一次订了四十双，鞋底有点硬", rating=2)).for_label("competitor")
    assert "seller_self_identification" in review_evidence(case("我们厂也做这款劳保鞋，这鞋底是回收料")).codes("competitor")
    assert not review_evidence(case("客服说要领券才有这个价，可主播也没提要领券啊", rating=2)).for_label("ad")
    for text in ("问了个批发价半天不回", "批发价还能不能再低一点，我们量大"):
        assert not review_evidence(case(text, rating=3)).for_label("ad"), text
    chat = [("buyer", "说好的好评返现呢", None)]
    assert not review_evidence(case("好评返现到现在也没给", chat=chat, rating=2)).for_label("extortion")
    assert not refuted("要的专票开成了普票，重新开又拖了两天")


@pytest.mark.parametrize("text", ["铜铃摇着声音清脆", "这套扳手挺顺手", "给家里人一人一瓶", "口罩挂绳不勒耳朵", "行", "孬",
                                  "十块钱的东西还要啥自行车，能用", "领张券还要拉五个人助力",
                                  "键帽上的字母印糊了 qwer那排看不清"])
def test_a_sound_a_set_of_tools_one_each_and_keycaps_refer_to_the_purchase(text):
    assert not review_evidence(case(text, rating=4)).for_label("meaningless")


@pytest.mark.parametrize("text", ["这台晚会由文化部主办", "球迷敲着鼓走过来", "他在那不勒斯踢球", "沿着清脆的铃声"])
def test_shows_drums_and_naples_still_name_no_purchase(text):
    assert review_evidence(case(text, rating=5)).for_label("meaningless")


def test_unboxing_money_waited_for_and_refused_calls_accuse_no_one():
    quick = {**DELIVERED, "delivered_at": "2026-09-05T11:40:00+08:00",
             "buyer": {"account_age_days": 2, "orders_total": 1, "reviews_total": 1, "negative_reviews_total": 1}}
    assert not review_evidence(case("拆开就一股塑料焦味，通电也没反应", order=quick)).supports("competitor")
    # The shop's appended reply is not the buyer's account of the unboxing.
    replied = case("虚假宣传，骗人的 商家回复：亲，打开后如有异味请通风", order=quick)
    assert "review_minutes_after_delivery" in review_evidence(replied).codes("competitor")
    assert review_evidence(case("用了根本没效果，孩子用了还起疹子", order=quick)).codes("competitor") == [
        "new_account", "review_minutes_after_delivery"]
    chat = [("seller", "亲，包裹地址异常被退回了，仓库收到退件后马上给您退款", None)]
    assert not refuted("快递都退回去了，钱还没退", chat=chat, order={**DELIVERED, "refund_status": "requested"})
    assert not review_evidence(case("客服叫我加微信返差价 我没加 就在平台上处理", rating=3)).for_label("ad")
    for message in ("再不给我换 我就打12315投诉", "[图片] 好评了，返现呢？", "差评我已经给了，也不用退款了"):
        assert not review_evidence(case("东西不行", chat=[("buyer", message, None)], rating=2)).for_label("extortion"), message
    assert not review_evidence(case("客服主动联系换货，没让我删评也没提返现", rating=5)).for_label("extortion")
    assert review_evidence(case("差", chat=[("buyer", "不给返现就不给好评了", None)])).supports("extortion")
    assert not review_evidence(case("说是当天采摘的 叶子边都干了", rating=2)).for_label("meaningless")


def test_the_sets_dn_dq_unboxing_how_tos_and_resignation_accuse_no_one():
    quick = {**DELIVERED, "delivered_at": "2026-09-05T11:40:00+08:00",
             "buyer": {"account_age_days": 2, "orders_total": 1, "reviews_total": 1, "negative_reviews_total": 1}}
    for text in ("太硬了 咬都咬不动", "一开机就咔咔响，吵得睡不着"):
        assert not review_evidence(case(text, order=quick)).supports("competitor"), text
    assert not review_evidence(case("客服给了个教程，小红书搜'乐高城堡搭法'好多玩法", rating=5)).for_label("ad")
    assert review_evidence(case("想要同款的小红书搜'阿雅的小店'", rating=5)).supports("ad")
    assert not review_evidence(case("说拆封了不能退，行吧，差评留着提醒别人", rating=1)).for_label("extortion")
    for text in ("狗子吃完了 一袋见底", "我是跑网约车的，这个支架很稳", "又是临期，只剩三个月", "金罐的，放心冲",
                 "跨境购要实名，记得补身份证", "这个会唱歌的小熊宝宝天天抱着", "装好了", "装上没几天就不亮了",
                 "你家的鸭脖一口下去太过瘾了"):
        assert not review_evidence(case(text, rating=4)).for_label("meaningless"), text
    assert "seller_self_identification" in review_evidence(case("我自己也是做坐垫的，这走线在我们行里算次品")).codes("competitor")
    chat = [("buyer", "转我40块的话，这事就算了，评价我改", None)]
    assert review_evidence(case("差评", chat=chat)).supports("extortion")
