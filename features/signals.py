"""Hand-written text signals: the domain knowledge of the appeal guide as numbers.

Each function takes text that already went through :func:`features.text.normalize_text`.
TF-IDF sees the words; these signals see the *structure* a word model misses: a money amount
next to a demand next to a review threat, a contact number after de-obfuscation, a claim
("没收到货") that the order facts can contradict, and gibberish measured by entropy.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from features.constants import FESTIVAL_ALIASES, FESTIVAL_DAYS
from features.regex_compat import compile_screened

# No pattern below can match across a newline (negated classes and whitespace exclude it), and
# normalised text never holds one: :func:`text_signals_batch` scans a whole batch joined by
# newlines in one call per pattern and gets exactly the per-text matches.

# --- money, demands and threats (extortion) -------------------------------------------------
_MONEY = compile_screened(
    r"(?:[¥$][^\S\n]*\d+(?:\.\d+)?|\d+(?:\.\d+)?[^\S\n]*(?:元|块|rmb|米|圆|大洋)"
    r"|[一二两三四五六七八九十百千]+[^\S\n]*(?:元|块))"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CN_NUMBER_VALUES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                     "八": 8, "九": 9}
# One group of plain words: the regex engine then skips ahead to the words' first characters
# (two groups side by side, the same words in the same order, make it try every position).
_DEMAND = re.compile(
    r"(?:给我|转我|赔我|补我|退我|返我|打我|发我|补偿|赔偿|赔钱|返现|红包|免单|退钱|转账|"
    r"打钱|报销|送我|再送|补发一个|给个说法|精神损失)"
)
_REVIEW_THREAT = re.compile(
    r"(?:差评|中评|删评|删掉评|删除评|改好评|改评|追评|一星|1星|投诉|曝光|举报|12315|消协|工商|"
    r"维权|挂你|发抖音|发视频|让大家都知道)"
)
# "不给/不退 ... 就 ... 差评", "给我 ... 就/马上 ... 删": a demand conditioned on a review act.
_CONDITIONAL_THREAT = compile_screened(
    r"(?:不|没|要是不|如果不|不肯)(?:给|退|补|赔|返|转|处理|解决)[^。!?\n]{0,16}"
    r"(?:就|我就|那就|马上|立马|等着)[^。!?\n]{0,10}(?:差评|中评|一星|投诉|曝光|举报|追评|12315)"
    r"|(?:给|转|退|补|赔|返)[^。!?\n]{0,16}(?:就|马上|立马|立刻|才)[^。!?\n]{0,6}(?:删|改|撤|追加好评|好评)"
    r"|(?:否则|不然|要不然|要不)[^。!?\n]{0,12}(?:差评|中评|一星|投诉|曝光|举报|追评|12315)"
)

# --- contacts and promotion (ads) ------------------------------------------------------------
_PHONE = compile_screened(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_MASKED_PHONE = compile_screened(r"(?<!\d)1[3-9]\d[*x×#]{3,4}\d{4}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)\d{6,}(?!\d)")
_WECHAT = re.compile(r"(?:微信|加微信|vx|wx)")
_QQ = re.compile(r"qq")
_URL = re.compile(r"(?:https?://|www\.|\.com\b|\.cn\b|\.net\b|t\.cn|dwz\.)")
_SOCIAL_ID = re.compile(r"(?:抖音号|快手号|小红书号|公众号|群号|加群|进群|qq群|微信群|主页|直播间|私信我|关注我)")
_PROMOTION = re.compile(
    r"(?:兼职|刷单|日结|佣金|返利|贷款|借款|额度|放款|高仿|a货|代购|招聘|招人|代理|加盟|优惠券|"
    r"领券|免费领|赚钱|副业|躺赚|日入|月入|团购|拼团|秒杀|店铺上新|进店|下单立减|点击|链接|"
    r"扫码|私聊|咨询我|批发|厂家直销|特价|联系我|请联系|详询|招商|合作|诚聘|招募|网站|找小姐|包夜|"
    r"私我|看我头像|头像|内部价|福利|领取|免费送|团长|下单返|折扣码|暗号)"
)

# --- competitor talk ---------------------------------------------------------------------------
_COMPETITOR = compile_screened(
    r"(?:我们店|我家店|我们家也|我们也卖|我店|本店也|同行|别家|隔壁店|隔壁家|"
    r"(?:去|到|来)[^,.!?。\n]{1,10}(?:家|店|旗舰店)(?:买|看看|下单)|"
    r"(?:家|店|铺|旗舰店)(?:的)?同款(?:才|只要|只卖|便宜)|同款(?:才|只要|只卖)[^,.!?。\n]{0,6}(?:块|元)|"
    r"(?:比这|比你们|比你家)(?:家)?(?:好|便宜|强)|隔壁|"
    r"(?:进货价|进价|货源|拿货|哪个厂|什么厂|厂家是|一天卖|卖多少单|销量多少|利润))"
)

# --- claims a false review makes (compared with order facts in behaviour.py) ----------------
# A wait for money is a refund, not a delivery ("退款拖了八天才到账", "退的钱到现在都没到",
# "还没收到退款"), and a missing gift or part is not the order going missing ("赠品没收到", "说好
# 送的发圈没收到"): a
# delivery claim is matched from the start of its clause, and neither the clause before it nor
# the word right after it may name money (or, for "not received", a part).  Without this a
# genuine slow-refund complaint was "refuted" by the delivery record.  Money after the claim in
# another role leaves it a delivery claim ("没收到货还不给退款").
_MONEY_WAITED_FOR = r"退款|退钱|退的钱|退费|到账|货款|钱(?:还|都|也|一直|到现在|迟迟)"
# A cause guessed at ("不知道是不是快递太慢的锅") is no claim of a slow delivery.
_GUESSED = r"不知道是不是|是不是|可能是|估计是|怀疑是"
# What a "not received" claim may be about besides the order's own parcel: a part, a gift, a
# coupon or cash back, or a second parcel the shop sent later ("补寄了还没到", "换的新的还没收到"),
# which the order's delivery record does not cover.
_PARTS = r"赠品|配件|小样|发票|礼品|零件|赠送|附件|送的(?!时候)|补寄|补发|重发|重寄|换的|换货|新的|券|红包|返现|积分|补贴|返利|佣金|差价"
_NOT_MONEY_AFTER = r"(?!账|退款|钱|的钱|款)"


# The marks that end a clause, and the (fewer) that end a sentence.
_CLAUSE_MARKS = r",，.。!！?？;；\s"
_SENTENCE_MARKS = r".。!！?？;；\n"


def _start_without(words: str, marks: str = _CLAUSE_MARKS) -> str:
    """From the start of a clause (or of a sentence, with ``_SENTENCE_MARKS``) up to the claim,
    through characters that start none of ``words``."""
    return r"(?<![^" + marks + r"])(?:(?!" + words + r")[^" + marks + r"])*?"


# What each delivery claim says, without the rules around it (where its clause starts, what may
# follow it): every match of the claim's pattern holds a match of these words.
_NOT_RECEIVED_WORDS = (
    # "到没到", "收到没收到" ask (a question, "老人天天问到没到"), they claim nothing.
    r"(?:(?<!到)(?:没|没有|未|还没|根本没|压根没|一直没)(?:收到|收倒|到货|拿到|见到|见着|到手)|收不到|(?<![发现])货呢|东西呢|"
    r"不见货|丢件|显示签收(?:但|可)?(?:我)?没|(?:影子|影儿)(?:都|也)没|(?<![人我你他她们到])(?:没|没有|还没|根本没|一直没|都没)(?:送到|送过来|到)(?!底|公司|家|单位|店)|未送达|"
    r"到现在(?:都|还)?没(?:收到|到|送到))"
)
# Virtual goods not credited or opened ("没到账", "没生效", "不给开通").
# A code for them that does not work or never came ("激活码根本用不了", "兑换码一直没给我发").
_NOT_CREDITED_WORDS = (r"(?:(?:没|未|不)(?:有)?(?:给我?)?(?:到账|生效|开通|激活|充上|充进去)|"
                       r"(?:激活码|兑换码|卡密)[^,，。!！?？\n]{0,8}?(?:用不了|不能用|无效|激活不了|无法激活|(?:没|不)(?:有)?(?:给我?)?发)|出票失败|没(?:有)?出票|"
                       # A voucher or a code the order is ("酒店券一直没给我发", "券根本就没收到").
                       r"(?:券|券码|核销码|电子码)[^,，。!！?？\n]{0,6}?(?:(?:没|不)(?:有)?(?:给我?)?发|(?:没|未)(?:有)?收到))")
# Not "等了一周的礼物": a thing long awaited, no wait for a delivery.
_WAITED = (r"(?:等了|拖了)[^,.!?\n]{0,4}(?:天|周|星期|礼拜|个?多?月)(?!的)"
           # The wait counted from payment to receipt ("从付款到收货整整十天").
           r"|(?:付款|付钱|下单|拍下)(?:到|后到?)(?:收货|收到|到货|签收)[^,.!?\n，。！？]{0,4}?[0-9一二两三四五六七八九十几半]+\s*(?:天|日)")
_SLOW_WORDS = (
    r"(?:(?:半个月|一个多?月|[0-9一二两三四五六七八九十几]+个多?月|十几天|二十多?天|好几天|一周多|一个多星期|两周|两个星期|[0-9一二三四五六七八九十]+[多来]?天)"
    r"(?:了)?(?:货|东西|快递|包裹)?(?:都|也)?(?:才|都没|还没|没)(?:到|收到|送到)|"
    r"(?:走了|花了|跑了)[^,.!?\n]{0,4}(?:天|周|星期|礼拜|个月|半个月)|"
    # The day counted from the order ("第四天晚上11点才送到").
    r"第(?:[2-9]|[二三四五六七八九十])天[^,.!?\n，。！？]{0,8}才(?:送到|到货|收到|送来|到)|"
    # Days the parcel lay on the way ("在路上放了三天", "中转站压了五天").
    r"(?:路上|途中|中转站?)(?:又)?(?:放|压|躺|耽误|停|卡)了[^,.!?\n]{0,4}(?:天|周|星期|礼拜)|用了[^,.!?\n]{0,4}(?:天|周|星期)才(?:到|收到|送到)|"
    r"还在路上|(?:还|一直)(?:卡|堵|停)在(?:路上|中转)|物流(?:信息)?(?:都|也|一直|[0-9一二两三四五六七八九十几]+天)?(?:不|没)(?:有)?更新|一直(?:显示)?(?:运输中|在途|在路上)|"
    # No tracking at all after a wait the writer counts ("一个礼拜了连个物流信息都没有").
    r"(?:[0-9一二两三四五六七八九十几]+多?天|一个?多?(?:礼拜|星期|周)|半个月|一个多?月)了?[^,，。!！?？\n]{0,4}(?:连个)?物流(?:信息)?(?:都|也)?(?:没|没有)|"
    # Tracking said to stand still ("下单三天了物流一动不动", "发货后三天物流都不动").
    r"物流(?:信息)?(?:都|也|还|一直|[0-9一二两三四五六七八九十几]+天)?(?:一动不动|不动|没动(?:静)?)|"
    # "慢了点" is an opinion and "慢了一天" a delay against an expectation the order does not record.
    r"(?:物流|快递)(?:太|超级|特别|巨)?慢(?!了?一?点|了?些|了?一丢丢|了?(?:[0-9]+|[一二两三四五六七八九十几半]+)\s*个?多?(?:天|周|星期|礼拜))|慢死了|蜗牛)"
)

# A count of days, weeks or months ("十天", "一个多星期", "半个月", "3天").
_SPAN = r"(?:[0-9]+|[一二两三四五六七八九十几半]+)\s*个?多?(?:天|周|星期|礼拜|月)"

COLOURS = r"红|蓝|白|黑|粉|绿|黄|紫|灰|棕|咖啡|米|橙|卡其|藏青|酒红|杏"
SIZES = r"x{0,3}[sml]|[2-5]?xl|\d{2,3}"
# What the buyer ordered, as a wrong-colour or wrong-size claim says it ("拍的", "我要的", and without
# 的 before the colour or size itself: "我明明要黑色", "我选L他寄M").
ORDERED_AS = r"(?:我要的|拍的|选的|买的|订的|下单的?|(?:我|明明)(?:要|选|拍|买|订)(?!的))"
# What came, as a wrong-colour or wrong-size claim says it ("给我发了个", "发来的是", "来的是").
SENT_AS = r"(?:(?:发|寄|给)(?:了|我|来)*(?:发|寄)?(?:来|成|了)?(?:个|的是|的)?|(?:来的|到的|收到的|收到(?:了)?(?:个|一个|一件|一双))(?:是|却是|竟然是|居然是)?)"
# A size as a claim names it: a letter size, or two or three digits followed by 码/号 ("38码"), so
# that "拍的38码发了10天" names no size sent.
SIZE_SENT = r"(?:[2-5]?xl|x{0,3}[sml](?![a-z])|\d{2,3}(?=码|号))"
# The shop's size advice as a review reports it ("客服推荐的M", "问客服尺码推荐M"), before the size.
# The same claim with what came first ("收到的鞋是39码，我拍的38"): (sent size) ... (ordered size).
SIZE_RECEIVED_FIRST = (r"(?:来的|到的|收到的)[^。!！?？\n]{0,3}?(?:是)?(" + SIZE_SENT + r")(?:码|号)?[^。!！?？\n]{0,6}?"
                       r"(?:我|可我|但我|明明)?(?:拍|要|买|选|订)的(?:是)?([2-5]?xl|x{0,3}[sml](?![a-z])|\d{2,3}(?![0-9.]|元|块))")
SIZE_ADVICE = r"客服(?:的)?(?:尺码)?(?:推荐|建议|说|让)(?:的|我)?(?:选|拍|买|穿|拿)?(?:的)?\s*"

# The festivals of the table, by every name a review gives them.
_FESTIVALS = "|".join((*FESTIVAL_DAYS, *FESTIVAL_ALIASES))

# The claims after the two delivery claims are alternations of words: compile_screened lets the
# engine skip the positions none of them can start at (the same matches, ~2x faster).
# The measure words goods are counted in ("两桶油", "三盒", "一个哑铃片").
_GOODS_COUNTED = r"(?:件|盒|套|个|双|瓶|袋|箱|份|支|条|包|台|只|本|桶|罐|把|块|张|卷|对|副|组|提|片|根|颗|枚|束|枝|朵|串|板)"
_CLAIMS: dict[str, re.Pattern[str]] = {
    "claim_not_received": re.compile(
        # A belief the buyer tells as mistaken ("我还以为没到，原来放驿站了") claims nothing.
        _start_without(_MONEY_WAITED_FOR + "|" + _PARTS + "|以为") + _NOT_RECEIVED_WORDS + _NOT_MONEY_AFTER
    ),
    "claim_slow_delivery": re.compile(
        # A bare wait ("等了一个多星期") is of whatever the sentence is about: after "钱是退了，但"
        # it is the refund's, and after "客服回复太慢了" a reply's, so money or a reply anywhere
        # before it in the sentence makes it no delivery claim.
        # So is a wait for after-sales ("换货流程拖了一周", "维修等了十天").
        # So is a wait for an installer ("约了三次安装…拖了一个礼拜才装上").
        # So is a top-up's or a membership's ("充值等了一整天才到"), and a guess ("不知道是不是快递太慢的锅").
        # So is a wait through a forwarder ("用集运寄过来等了快两周"): the order's record ends at its
        # warehouse.
        # So is an invoice's or a ticket's (票: "开票拖了一个礼拜", "开成了普票…重新开又拖了三天").
        _start_without(r"钱|退款|退了|到账|退费|货款|回复|回消息|答复|换货|退货|售后|维修|流程|处理|安装|师傅|上门|改期|收据|"
                       r"充值|话费|会员|点券|流量|集运|转运|票|" + _GUESSED, _SENTENCE_MARKS)
        + _WAITED + _NOT_MONEY_AFTER + "|" +
        _start_without(_MONEY_WAITED_FOR + "|集运|转运|" + _GUESSED) + _SLOW_WORDS + _NOT_MONEY_AFTER
    ),
    "claim_not_shipped": compile_screened(
        # "慢了点" and "慢了一天" (than hoped) are an opinion, not a claim; "快过期了才发过来" is about
        # freshness, not the wait.
        r"不发货|没发货|未发货|迟迟不发|一直不发|还没发|(?:天|周|星期|礼拜)(?:了)?(?:都|也)?还在仓库|还没出库|[发出]货(?:太|超级?|特别|巨|很)?慢(?!了?一?点|些|了?[一两半]天)|"
        # A voucher's code not sent ("付款两天了都不发券码"): its sending is the order's shipment.
        r"(?:不|没|还没)(?:给我)?发(?:券码|兑换码|核销码|券|码)|"
        # A wait counted ("三天才发", "催了几次才发"); "好久才发货" and "半天才发" are a feeling no record refutes.
        # Taiwan's and Hong Kong's 出货 is 发货 ("三天才出").
        r"(?:天|周|星期|礼拜|小时|半个月|几次|催了)(?:后|之后|了)?才(?:给我)?(?:发(?!现)|出(?=货|$|[,，。!！?？\s]))|"
        # A date the review gives for the shipping ("12号下单20号才发货").
        r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)才(?:给我|给)?发(?:货|出)|(?:几|[0-9一二三四五六七八九十]+)天(?:都|还|了)?(?:不|没)发|拖着不发|催了(?:好几次|几次)?(?:也|都|还)?不发"
    ),
    "claim_no_reply": compile_screened(
        # How long or how often goes between 客服 and the refusal ("客服半天不回", "客服老是不理人").
        r"(?:客服|商家|卖家|店家)(?:半天|好久|很久|一整天|一天|几天|两天|一直|总是|老是|从来|根本|压根|都|也|就是|直接|完全|到现在|至今)*(?:不|没|没有)(?:回|理|回复|搭理)|"
        r"(?:客服|商家|卖家|店家)[0-9一二两三四五六七八九十几半]+(?:天|个小时|小时)(?:都|也)?(?:不|没|没有)(?:回|理|回复|搭理)|"
        r"(?:一次|一句|一条|一个字|一个人)(?:都|也)(?:没|不)(?:理|回|回应)|没(?:有)?一个人(?:理|回)|不回(?:复|消息|我|讯息|信息)|没人(?:回|理)|没有一次(?:有)?(?:回应|回复|回)|"
        # Asked and ignored ("问啥都不理"), blocked ("把我拉黑了"), an answer at an hour nobody is up
        # ("半夜十二点才回我消息"), no straight answer ("一个准话都没有").
        r"问[^,.!?\n，。！？]{0,3}(?:都|也)不理|拉黑|(?:半夜|凌晨|第二天|隔天|次日)[^,.!?\n，。！？]{0,8}才回|准话(?:都|也)?没|"
        r"联系不上|找不到客服|已读不回|没人管|装死|没(?:有)?回应|(?:一句话?|消息)(?:都|也)?不回|不理人|客服(?:不在|失联)|"
        # A reply that came days late ("问个问题等了三天客服才回").
        r"(?:等了|过了|隔了)?[0-9一二两三四五六七八九十几半]*(?:天|小时|个小时|半天|好久)[^,.!?\n，。！？]{0,3}(?:客服|商家|卖家)?才(?:有人)?(?:回|理)"
    ),
    "claim_rude_seller": compile_screened(
        r"客[服付](?:还|又|竟然|居然|直接)?(?:骂|辱骂|态度(?:差|恶劣|极差|很差))|骂人|骂我|辱骂|凶我|态度恶劣|"
        r"(?:客[服付]|售后|卖家|商家)[^,.!?\n，。！？]{0,6}(?:阴阳怪气|说话(?:很|太|特别)?(?:冲|难听)|不耐烦|爱答不理|怼|凶|嫌我|"
        r"态度(?:恶劣|极差|很差|差))|被客[服付]怼|爱买不买|(?:连句|连个|一句)道歉(?:都|也)没(?:有)?"
    ),
    "claim_refund_refused": compile_screened(
        r"不(?:给|让|肯)?(?:退|tui)(?:款|钱|货)|拒绝(?:退|tui)(?:款|货)|(?:退|tui)款(?:被)?(?:拒|驳回)|不同意(?:退|tui)|不给(?:退|tui)|"
        r"(?:退货|退款|售后|申请|换货|价保|保价)[^,.!?\n，。！？]{0,8}(?:被)?(?:拒绝|驳回|拒了|秒拒|直接拒|拒(?=$|[,.!?\n，。！？~～\s]))|"
        r"(?:申请|提交)了?(?:退款|退货|售后|仅退款)[^。!！?？\n]{0,10}(?:被)?(?:拒绝|驳回|拒了|不同意)|"
        # A return applied for and the shop said no ("申请七天无理由退货，商家不同意"), an exchange the
        # shop is said to have refused ("客服说不能换码"; "不能退" is left out: an exchange the shop
        # offers does not refute it).
        r"申请了?(?:七天|7天)?(?:无理由)?(?:退货|退款|换货)[^。!！?？\n]{0,3}(?:商家|卖家|店家|客服|他们|他)(?:就是|死活|硬是)?(?:不同意|不给退|不给换|拒绝|不(?:给|肯)(?=$|[,，。!！?？\s~～]))|"
        r"(?:客服|商家|卖家|店家|售后)(?:说|回复|一直拖着|拖着|就是)?(?:不能|不可以|不给|不让|不予)(?:换(?:货|码|款)?|保修|维修|修)(?![^,，。!！?？\n]{0,3}(?:吗|么|嘛|[?？]))|(?:钱|款)[^,.!?\n，。！？]{0,6}(?:都)?(?:没|不)退|"
        # The shop said it would do nothing ("客服说不管", "卖家说不支持七天无理由").
        # ... or said so without being named again ("客服让我自己找地方修，说他们不管").
        r"(?<!我)说(?:他们|我们)?(?:不管|不处理|不负责)(?!用)|"
        # The shop said to have refused outright ("找客服退 客服直接拒绝").
        r"(?:客服|商家|卖家|店家|售后)(?:直接|就|一口|当场)?拒绝(?:了)?(?![^,，。!！?？\n]{0,3}(?:吗|么|嘛|[?？]))|"
        r"(?:客服|商家|卖家|店家|售后)(?:说|回复|直接|都|也|还)?(?:[^,，。!！?？\n]{1,4}?(?=不管|不处理|一律不赔|不给赔|不赔))?(?:一律不赔|不给赔|不赔|不管|不处理|不负责|不给处理|不给换|不支持(?:七天|7天)?(?:无理由)?(?:退|换)?)|"
        # An exchange or return refused ("不退不换", "拒绝换货", "死活不让退", "退货商家还拒收"), a
        # refund or compensation said never paid ("到现在还没退款", "商家一分钱没赔").
        r"不退(?:也)?不换|拒绝换货|不(?:让|肯)(?:退|换)|(?:商家|卖家|店家)(?:还|直接|竟然)?拒收|(?:还|都|一直|到现在)(?:没|没有)(?:给我)?退(?:款|钱)|"
        r"(?:一分钱|一分|分文)(?:都|也)?(?:没|不)(?:赔|退|给)|钱被吞"
    ),
    # The shop sent another colour than the one ordered ("我要的是红色给我发个蓝色", "拍的黑色，发来的是白色").
    "claim_wrong_colour": compile_screened(
        ORDERED_AS + r"(?:是)?(?:" + COLOURS + r")色?[^。!！?？\n]{0,6}?" + SENT_AS + r"(?:" + COLOURS + r")色?"
    ),
    # The size the review says the shop advised ("客服推荐的M结果小了", "问客服说选L").
    "claim_size_advice": compile_screened(
        SIZE_ADVICE + r"(?:" + SIZES + r")(?:码|号)?"
    ),
    # The shop would not issue an invoice ("要发票说没有", "发票不给开", "连发票都开不了").
    "claim_invoice_refused": compile_screened(
        r"(?:不给|不肯|拒绝|不能|没法|开不了|不开)(?:开)?(?:具)?(?:个)?发票|(?:要|开)?发票[^,.!?\n，。！？]{0,10}(?:不给开?|不开|开不了|不能开|没法开|说没有?)|"
        r"发票[^。!！?？\n]{0,8}(?:商家|客服|卖家|店家)说?(?:开不了|不给开|不能开|不开|没有)"
    ),
    # How long a refund has waited ("申请退款十天了都没人处理", "退款拖了一个星期才处理"): a wait
    # counted from an application the order records.
    "claim_refund_slow": compile_screened(
        r"(?:退款|退货|售后)[^。!！?？\n，,]{0,8}?(?:拖了|等了|过了|磨蹭了|申请了|提交了?)?" + _SPAN + r"(?:了|才|都|还|后)|"
        r"申请了?" + _SPAN + r"(?:的)?退款"
    ),
    # More bought than came ("买了三盒只收到一盒", "拍了两套只到了一套", "买了两桶只发了一桶").
    "claim_quantity": compile_screened(
        r"(?:买|拍|订|下单|下了)了?\s*(?:[2-9]|[1-9][0-9]|[两三四五六七八九十])\s*" + _GOODS_COUNTED +
        r"[^。!！?？\n]{0,30}?(?:只|才|就|只有)(?:给我)?(?:到|收到|来|发|寄|送来|送到|送了|[一1]\s*" + _GOODS_COUNTED + r")|"
        # The count that came told first ("只发了一个 我明明买的两个").
        r"(?:只|就|才)(?:给我)?(?:发|寄|到|来|收到|送)了?\s*[一1]\s*" + _GOODS_COUNTED + r"[^。!！?？\n]{0,12}?"
        r"(?:买|拍|订|下单)(?:了|的)?(?:是)?\s*(?:[2-9]|[1-9][0-9]|[两三四五六七八九十])\s*" + _GOODS_COUNTED + r"|"
        # Charged for more than was bought ("买了一盒…扣了三盒的钱").
        r"扣了?(?:我)?\s*(?:[2-9]|[1-9][0-9]|[两三四五六七八九十])\s*" + _GOODS_COUNTED + r"的钱|"
        # A piece said to be short in the parcel ("发的货少了一个哑铃片", "少发了两个"): only the
        # buyer's own count in chat can check it (no number bought is stated).
        r"(?:发的货|收到的|到手|包裹里|箱子里)?(?:(?:少|漏)(?:发|给|寄)?了(?:[一两1-9]|几)?\s*" + _GOODS_COUNTED + r"|(?:少|漏)(?:发|寄)了?)|"
        # Pieces said lost on the way ("丢了两箱").
        r"(?:丢|弄丢|搞丢)了(?:[一两1-9]|几)\s*" + _GOODS_COUNTED
    ),
    # Goods sent after the refund was applied for ("我都申请退款了他还硬给我发货").
    "claim_shipped_after_refund": compile_screened(
        r"(?:申请|提交|点)了?(?:退款|仅退款|取消(?:订单)?)[^。!！?？\n]{0,12}?(?:还|硬|照样|仍然|依然|照常)(?:是)?(?:给我?)?(?:发货|发了|发出|寄)"
    ),
    # A gift, a part, a certificate or a reissue that never came or was refused ("赠品没给",
    # "少了个刀片，找客服也不补", "说好的鉴定证书没给").
    "claim_item_missing": compile_screened(
        r"(?:赠品|配件|小样|礼品|小礼物|运费险|证书|保修卡|合格证|贺卡|冰袋)(?:也|都|呢)?[^,，。!！?？\n]{0,6}?(?:没给|没送|没发|没收到|没有收到|没到|没见|不给|没有|不赔|没赔)|(?:没|不)(?:给我?)?送赠品|"
        # ... the verb first ("没有给证书", "压根没发配件").
        r"(?:没有?|不)(?:给|送|发|附|带)(?:我|了)?(?:赠品|配件|小样|礼品|小礼物|证书|保修卡|合格证|贺卡|冰袋)|"
        # The gift a live room promised, none of it come ("直播间说送小样，一个都没有").
        r"(?:送|赠)(?:的)?(?:赠品|小样|礼品|小礼物)[^。!！?？\n]{0,6}?(?:一个都没有|都没有|没给|没收到)|"
        # Whatever the shop promised to send ("说好送安装工具的，根本没送").
        r"(?:说好|承诺|答应)(?:的|了|过)?(?:要)?送(?:的)?[^,，。!！?？\s的]{2,6}(?:的)?[,，\s]?(?:呢)?(?:结果|可是|但是|但)?(?:啥|什么)?"
        # ... none of them at all ("说好的送两盒试纸 结果一盒都没送").
        r"(?:一(?:个|盒|件|份|样|瓶|包|张|支|袋|只|双|套))?(?:根本|压根|也|都)?(?:没|没有)(?:送|给|发|收到|见到|(?=$|[,，。!！?？\s]))|"
        r"(?:不|没)(?:给我?|肯)?补(?:发|寄)?(?=[,，。!！?？\s~～]|$)|不给补|不肯补|"
        # A reissue promised and never come ("说好补发的冻干到现在影子都没有").
        r"补(?:发|寄)的[^,，。!！?？\n]{0,10}?(?:(?:影子|影儿)(?:都|也)?没|(?:都|也|还|一直)?(?:没|没有)(?:收到|到|见))"
    ),
    # No tracking number given ("连个单号都不给", "付了钱几天了没给单号").
    "claim_no_tracking": compile_screened(
        r"单号[^,，。!！?？\n]{0,3}(?:都|也)?(?:不给|没给|没有给|不发|不告诉)|不给(?:我)?(?:个)?(?:快递|物流)?单号|没(?:有)?给(?:我)?(?:个)?(?:快递|物流)?单号"
    ),
    # Broken when it came ("快递送到就是碎的", "收到就是坏的").
    "claim_damaged_on_arrival": compile_screened(
        r"(?:送到|送来|送过来|发来|寄来|发过来|收到|到手|拿到|到货|货到了|打开)(?:的时候|时|后)?(?:[^,，。!！?？\n]{1,4}?)?(?:就是|就|已经|就已经)(?:是)?(?:碎|坏|破|烂|裂|断|漏|蔫|化了|化成|化掉|馊)"
    ),
    # The goods came after the festival they were for ("月饼礼盒过了中秋节才送到", "中秋都过了才收到").
    "claim_after_festival": compile_screened(
        r"(?:过了|错过了?)(?:" + _FESTIVALS + r")节?[^,，。!！?？\n]{0,4}?(?:才|都)?(?:送到|到货|收到|送来|到)|"
        r"(?:" + _FESTIVALS + r")节?(?:都)?过了?[^,，。!！?？\n]{0,6}?(?:才|都)(?:送到|到货|收到|送来|到)"
    ),
    # The installer never came ("安装师傅压根没上门", "没人来安装").
    "claim_not_installed": compile_screened(
        r"(?:师傅|安装)[^,，。!！?？\n]{0,12}?(?:没(?:有)?上门|没来|不来|没装|不上门|没人来)|没人(?:来|上门)?安装"
    ),
    # Sold past its date ("卖过期的零食"); "快过期了" is near its date, another complaint.
    "claim_expired": compile_screened(r"(?<![快没不])过期(?!时间|日期)"),
    # The shop sent another size than the one ordered ("拍的38码发来37码", "我要的L码给我发了个M").
    "claim_wrong_size": compile_screened(
        ORDERED_AS + r"(?:是)?" + SIZE_SENT + r"(?:码|号)?[^。!！?？\n]{0,6}?" + SENT_AS + SIZE_SENT
        + "|" + SIZE_RECEIVED_FIRST
    ),
    # A top-up, a membership, a course or a voucher said never credited or opened ("付了钱一直没到账",
    # "流量包一直没生效", "买了课一直不给开通"): virtual goods have no delivery record, so only the
    # buyer's own word in chat can refute it.
    # Money said not to have come back ("退款还没到账", "返现没到账") is another claim (a refund's wait).
    "claim_not_credited": compile_screened(
        _start_without(r"退|运费险|赔|补偿|返现|红包|提现|工资|佣金|差价|报销") + _NOT_CREDITED_WORDS
    ),
    # Goods said to be used or second-hand ("明显是二手货", "有使用痕迹", "被人用过").
    "claim_used_goods": compile_screened(
        r"(?:是|就是|明显是|根本是)(?:[^,，。!！?？\s]{1,5}的)?二手(?:货|的|机)|(?:被人|别人|有人)(?:穿|用|戴)过|有(?:明显的?)?(?:使用|穿过的|佩戴)痕迹|"
        r"翻新(?:机|货)|(?:别人|人家)退(?:回来|货)的"
    ),
    # Another item than the one ordered, in general ("发错货了，要的狗粮给我发来猫粮"); colours and
    # sizes are claims of their own.
    "claim_wrong_item": compile_screened(r"发错(?:货|东西|了|商品|度数|型号|规格|尺寸|款|版本)|(?:要|买|拍)的(?:是)?[^,，。!！?？\n]{1,8}(?:给我)?发(?:来|成)了?|"
                                         r"(?:我要|我买|我拍)的(?:是)?[^,，。!！?？\n]{1,8}[,，]?给我发(?:了|来)?(?:个)?|"
                                         r"发(?:来|过来)的是[^,，。!！?？\n]{1,12}[,，\s]*(?:我|可)(?:要|买|拍|下单)的(?:是|明明是)"),
    # A voucher or a booking said unusable or used up without a visit ("还没去呢券就被核销了",
    # "套餐显示无效，根本订不上房").
    "claim_voucher_unused": compile_screened(
        r"还没(?:去|用|到店|消费)[^。!！?？\n]{0,8}?(?:就)?(?:被)?核销|没(?:去|用)过[^。!！?？\n]{0,6}?(?:就)?(?:被)?核销|"
        r"订不上(?:房|位|号)?|(?:券|套餐|门票)[^,，。!！?？\n]{0,6}?(?:显示)?(?:无效|用不了|不能用)"
    ),
    # Weeks or months of use before it failed ("用了一个多月就坏了", "用了三个月电池就不行了"), against the
    # days since delivery; use told without a failure ("用了两周才来评价", "戴了一个月很舒服") is no claim.
    "claim_usage_length": compile_screened(
        r"(?:用|穿|戴|开|玩)了(?:快|差不多|将近|大概|有)?(?:[0-9]+|[一二两三四五六七八九十几半]+)\s*(?:个)?(?:多)?(?:天|周|星期|礼拜|月)"
        r"(?=[^。!！?？\n]{0,6}?(?:就|都|已经|开始)(?:[^。!！?？\n]{0,2})(?:坏|不行|烂|破|裂|开胶|起球|掉色|褪色|变形|失灵|没电|不转|不亮|漏|断|掉|充不进|充不上|打不开|没反应|鼓包|生锈|发霉|卡顿|黑屏|死机|花屏|失效|脱胶|起皮|异响|塌|瘪))"
    ),
    # Goods said to be fake ("假货！连防伪码都没有", "根本不是正品"); a fear or a doubt ("怕是假货",
    # "以为是高仿", "连高仿都不是") is no claim.
    "claim_fake_goods": compile_screened(
        r"(?<![不怕疑为心])(?<![不怕疑为心]是)(?:是)?假货|(?:根本|就|肯定|绝对|明显)?不是正品|(?<![连怕疑为])(?<![连怕疑为]是)高仿(?!都不是|版)|冒牌货|山寨货|"
        r"(?:东西|货|这个|商品|产品)(?:是|就是|都是|全是)假的"
    ),
    # Purchases of this shop counted as the ground of a repeated fault ("在他家买了三次了，每次都有坏的",
    # "买了三次都是假货"), against the buyer's orders with the shop.  A loyal buyer's count ("第二次回购了，
    # 一如既往的好吃") attacks no one, and the hand-written dev set keeps it genuine on a first order:
    # the history may be another account's.  Tries that failed ("买了两次都没买到") are no purchases.
    "claim_purchase_count": compile_screened(
        r"(?:(?:买|回购|复购)了?(?:[两三四五六七八九十]|好几|[2-9])次|第(?:[二三四五六七八九十]|[2-9])次(?:买|回购|复购|下单|光顾))"
        r"(?![^,，。!！?？\n]{0,4}(?:没|失败|不成功|抢不到))(?=[^。!！?？\n]{0,8}(?:每次都|每次|次次|都是|都有|都这样|又是|全是))"
    ),
    # A refund or return applied for and left unhandled ("申请退款了 到现在还不处理"): checked only
    # against the order's record of an application (a wait it counts is claim_refund_slow's).
    "claim_refund_unhandled": compile_screened(
        r"(?:(?:申请|提交)了?(?:退款|退货|售后|仅退款|退货退款)|(?:退款|退货|售后)(?:也)?(?:申请|提交)了)[^。!！?？\n]{0,12}"
        r"(?:不处理|没人处理|没处理|不给处理|没人管|不理|没人理)|"
        # The goods said sent back and the money withheld ("快递都退回去了还不给退款").
        r"(?:快递|货|东西|包裹)(?:都|已经|早就|早)?(?:退|寄)回去了[^。!！?？\n]{0,6}(?:还|也|都)?(?:不给|没给?|不)退(?:款|钱)"
    ),
    # An order the buyer says they never placed, then sent or charged ("我根本没买过这东西，莫名其妙寄
    # 给我"); "根本没买过这么差的" and "以前没买过这种" are a verdict and a first purchase.
    "claim_never_ordered": compile_screened(
        r"(?:根本|从来|压根|我都)就?(?:没|没有)(?:买|拍|下单|订|下过(?:这个|这|什么|任何)?单)过?(?!过|这么|那么|如此|这样|这种|比这)"
        r"(?=[^。!！?？\n]{0,14}(?:寄|发给|发过来|扣|莫名其妙|怎么))"
    ),
    # A parcel said to have come empty ("发的空盒子 里面什么都没有"): only the buyer's own word in chat
    # about the goods in it can check it.
    "claim_empty_box": compile_screened(
        r"(?:发|寄|收到|拆开|打开|拆了)(?:的|了|个)?(?:是)?空(?:盒子?|包裹|箱子?|袋子?)|(?:盒子|包裹|箱子|快递|袋子)(?:里|里面)?(?:是)?空的|"
        r"(?:盒子|包裹|箱子|快递)?里面(?:什么|啥)(?:都|也)没有"
    ),
    # The shop said to have called the goods out of stock and asked for a refund ("下单第二天就说没货
    # 让我退款"): the order's shipment checks it.
    "claim_said_out_of_stock": compile_screened(
        r"(?:没货|缺货|断货)(?:了)?[^。!！?？\n]{0,6}(?:让我|叫我|要我|逼我)(?:申请)?(?:退款|取消|退)"
    ),
    # Return postage the shop is said to have put on the buyer ("退货客服让我自己出运费"): the
    # seller's own words in chat check it.
    "claim_return_postage": compile_screened(
        r"(?:让|叫|要|逼)我(?:自己)?(?:出|付|承担|掏)(?:退货|寄回)?(?:的)?运费|(?:退货|寄回)?运费(?:还)?(?:得|要)(?:我)?自己(?:出|付|承担|掏)"
    ),
    # Big goods said left downstairs ("送到楼下就走了 非让我自己搬上七楼", "没给送货上门"): the buyer's own
    # word in chat that they were carried up checks it.
    "claim_not_carried_in": compile_screened(
        r"(?:送到|放到?|扔在?|卸在?)楼下[^。!！?？\n]{0,10}(?:让我|要我|非让我|叫我)(?:自己)?(?:搬|扛|拿|抬|下楼)|"
        r"(?:没|不)(?:给|肯)?(?:送货上门|送上楼|搬上楼|送到家|送货入户|入户)(?![^,，。!！?？\n]{0,2}(?:吗|么|[?？]))|让我自己下楼搬"
    ),
    # A parcel the buyer says they refused ("我都拒收了 东西退回去了"): the logistics record and the
    # buyer's own word in chat check it; a shop refusing a return (商家拒收) is another claim.
    "claim_parcel_refused": compile_screened(r"(?<![商卖店])(?:我|都|已经|早就?)(?:都|已经)?拒收了?(?!吗|么)"),
    # What the buyer says they paid for it ("花了三百多就买了这么个玩意儿", "花了199买个破拐杖"), against
    # the order's amount.
    "claim_amount_paid": compile_screened(
        r"花了?\s*(?:我)?\s*(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+)\s*(?:多)?\s*(?:块钱|块|元|大洋)?(?:多)?(?:钱)?\s*"
        r"(?:就|才|只)?(?:买|买了|买个|买的|买到)"
    ),
}
# A delivery claim's pattern starts with a look-behind and a scan of its clause, so the engine
# tries it at every position of a text (these two were the slowest patterns of the signals).  A
# text without the claim's words cannot make the claim: the words alone (screened, 6-10x faster
# than the whole pattern) are searched first, and the whole pattern only in the few texts that
# hold them.  :func:`claims` and :func:`text_signals_batch` both do so.
_CLAIM_WORDS: dict[str, re.Pattern[str]] = {
    "claim_not_received": compile_screened(_NOT_RECEIVED_WORDS),
    "claim_slow_delivery": compile_screened(_WAITED + "|" + _SLOW_WORDS),
    "claim_not_credited": compile_screened(_NOT_CREDITED_WORDS),
}
# (name, pattern, its words or None) of each claim, in CLAIM_NAMES order.
_CLAIM_SEARCHES = tuple((name, pattern, _CLAIM_WORDS.get(name)) for name, pattern in _CLAIMS.items())
CLAIM_NAMES: tuple[str, ...] = tuple(_CLAIMS)
# The patterns themselves, for quoting the claim (features.evidence).
CLAIM_PATTERNS: dict[str, re.Pattern[str]] = _CLAIMS

# --- sentiment, for rating-text mismatch -----------------------------------------------------
_POSITIVE = re.compile(
    r"(?:不错|很好|挺好|满意|喜欢|推荐|值得|好评|很棒|超棒|赞|舒服|好用|好吃|好看|漂亮|划算|"
    r"实惠|正品|完美|给力|很快|挺快|速度快|回购|惊喜|可以的|还行|好评)"
)
_NEGATIVE = re.compile(
    r"(?:差|垃圾|失望|烂|坑|骗|假货|破|坏|难用|难吃|难看|不好|不行|退货|退款|后悔|恶心|劣质|"
    r"一般|不值|臭|脏|慢|没收到|瑕疵|掉色|起球|开线|投诉)"
)
_NEGATION_OF_NEGATIVE = re.compile(r"(?:不差|没坏|不慢|不坑|没有瑕疵)")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_PUNCT_OR_SYMBOL = re.compile(r"[^\w\s]")
_REPEAT_RUN = re.compile(r"(.)\1{2,}")
_LATIN_RUN = re.compile(r"[a-z]{4,}")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Every four keys in a row, either way: a four-letter slice of a run is "in a row" exactly when
# it is one of these (one set lookup per slice instead of a substring search per row).
_KEYBOARD_SLIDES = frozenset(keys[i : i + 4] for row in _KEYBOARD_ROWS for keys in (row, row[::-1])
                             for i in range(len(keys) - 3))
_LATIN_WORDS = frozenset({"http", "https", "www", "html"})


def _is_mash(run: str) -> bool:
    """A latin run typed by sliding along the keyboard, or with almost no vowels."""
    if run in _LATIN_WORDS:
        return False
    vowels = sum(map(run.count, "aeiou"))
    if vowels / len(run) < 0.2:
        return True
    return any(run[i : i + 4] in _KEYBOARD_SLIDES for i in range(len(run) - 3))


def money_amounts(text: str) -> list[float]:
    """Amounts of money mentioned in ``text`` (``30元``, ``¥50``, ``五十块``)."""
    return [_amount(match.group(0)) for match in _MONEY.finditer(text)]


def _amount(money: str) -> float:
    number = _NUMBER.search(money)
    return float(number.group(0)) if number else chinese_number(money)


def chinese_number(text: str) -> float:
    """Value of a small Chinese numeral such as 五十 or 两百 (enough for compensation sums)."""
    total, current = 0, 0
    for char in text:
        if char in _CN_NUMBER_VALUES:
            current = _CN_NUMBER_VALUES[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "千":
            total += (current or 1) * 1000
            current = 0
    return float(total + current)


def _claim_match(pattern: re.Pattern[str], words: re.Pattern[str] | None, text: str) -> re.Match[str] | None:
    # A claim's whole pattern is searched only when the text holds its words (see _CLAIM_WORDS).
    if words is not None and words.search(text) is None:
        return None
    return pattern.search(text)


def claims(text: str) -> dict[str, bool]:
    """Which factual claims (not received, slow delivery, ...) the text makes."""
    return {name: _claim_match(pattern, words, text) is not None for name, pattern, words in _CLAIM_SEARCHES}


def claim_spans(text: str) -> list[tuple[str, str]]:
    """(claim name, matched text) for each claim found in ``text`` as given (not normalised)."""
    return [(name, match.group(0)) for name, pattern, words in _CLAIM_SEARCHES
            if (match := _claim_match(pattern, words, text))]


def char_entropy(text: str) -> float:
    """Shannon entropy (bits) of the character distribution; gibberish repeats is low."""
    if not text:
        return 0.0
    counts = Counter(text)
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


TEXT_SIGNAL_NAMES: tuple[str, ...] = (
    "len_chars_log",
    "cjk_ratio",
    "latin_ratio",
    "digit_ratio",
    "punct_ratio",
    "distinct_char_ratio",
    "char_entropy",
    "max_repeat_run",
    "latin_mash_share",
    "money_count",
    "money_max_log",
    "demand_count",
    "review_threat_count",
    "conditional_threat",
    "phone",
    "masked_phone",
    "long_digits",
    "wechat",
    "qq",
    "url",
    "social_id",
    "promotion_count",
    "competitor_count",
    "positive_count",
    "negative_count",
    *CLAIM_NAMES,
)


def text_signals(text: str) -> list[float]:
    """Numeric signals of one normalised text, in the order of :data:`TEXT_SIGNAL_NAMES`."""
    return [float(v) for v in text_signals_batch([text])[0]]


def _flags(pattern: re.Pattern[str], chars: list[str]) -> np.ndarray:
    return np.fromiter((pattern.match(c) is not None for c in chars), dtype=bool, count=len(chars))


_CHARACTER_CLASSES = (("cjk_ratio", _CJK), ("latin_ratio", _LATIN), ("digit_ratio", _DIGIT),
                      ("punct_ratio", _PUNCT_OR_SYMBOL))
_BMP = 0x10000


@functools.cache
def _bmp_class_table() -> np.ndarray:
    """``classes x 65536`` booleans: each class's regex applied once to every BMP code point."""
    every_char = [chr(point) for point in range(_BMP)]
    return np.stack([_flags(pattern, every_char) for _name, pattern in _CHARACTER_CLASSES])


def _character_classes(code_points: np.ndarray) -> np.ndarray:
    """``classes x len(code_points)`` booleans, as the class regexes say for each character.

    A table lookup for the Basic Multilingual Plane (a request's few hundred distinct characters
    cost ~1 ms through the regexes); the rare characters beyond it (emoji) go through the regexes.
    """
    table = _bmp_class_table()
    in_bmp = code_points < _BMP
    classes = np.zeros((len(_CHARACTER_CLASSES), len(code_points)), dtype=bool)
    classes[:, in_bmp] = table[:, code_points[in_bmp]]
    if not in_bmp.all():
        beyond = [chr(point) for point in code_points[~in_bmp].tolist()]
        classes[:, ~in_bmp] = np.stack([_flags(pattern, beyond) for _name, pattern in _CHARACTER_CLASSES])
    return classes


# Up to this many texts :func:`text_signals_batch` counts in plain Python (:func:`_text_signals_few`):
# for the one or few texts of an HTTP request the numpy path's ~40 array calls cost more than the
# counting itself.  Both paths give the same array, bit for bit (tests/features/test_signals.py).
SMALL_BATCH = 8


def text_signals_batch(texts: Sequence[str]) -> np.ndarray:
    """Signals of many normalised texts at once: a ``len(texts) x len(TEXT_SIGNAL_NAMES)`` array.

    Character statistics are computed with numpy over the code points of the whole batch, and
    each pattern scans the batch joined by newlines once; per text the values are those of the
    one-text definition (``tests/features/test_signals.py`` checks batch against single texts).
    A few texts (up to :data:`SMALL_BATCH`) are counted in plain Python with the same arithmetic.
    """
    if len(texts) <= SMALL_BATCH:
        # The array path's character table is built here too (once per process, ~0.2 s), so that
        # a one-review warm-up readies both paths and no later large batch pays for it.
        _bmp_class_table()
        return _text_signals_few(texts)
    return _text_signals_numpy(texts)


_COLUMN = {name: index for index, name in enumerate(TEXT_SIGNAL_NAMES)}
_CLASS_COLUMNS = tuple((_COLUMN[name], pattern) for name, pattern in _CHARACTER_CLASSES)
_COUNTED = tuple((_COLUMN[name], pattern) for name, pattern in (
    ("demand_count", _DEMAND), ("review_threat_count", _REVIEW_THREAT), ("promotion_count", _PROMOTION),
    ("competitor_count", _COMPETITOR), ("positive_count", _POSITIVE)))
_FLAGGED = tuple((_COLUMN[name], pattern) for name, pattern in (
    ("conditional_threat", _CONDITIONAL_THREAT), ("phone", _PHONE), ("masked_phone", _MASKED_PHONE),
    ("long_digits", _LONG_DIGITS), ("wechat", _WECHAT), ("qq", _QQ), ("url", _URL), ("social_id", _SOCIAL_ID)))
_CLAIM_COLUMNS = tuple(_COLUMN[name] for name in CLAIM_NAMES)
(_DISTINCT, _ENTROPY, _REPEAT, _LENGTH_LOG, _MASH, _MONEY_COUNT, _MONEY_MAX, _NEGATIVE_COUNT) = (
    _COLUMN[name] for name in ("distinct_char_ratio", "char_entropy", "max_repeat_run", "len_chars_log",
                               "latin_mash_share", "money_count", "money_max_log", "negative_count"))
# Runs of one character, any character (DOTALL: a newline too, as the numpy path counts runs).
_ANY_RUN = re.compile(r"(.)\1{2,}", re.DOTALL)


def _text_signals_few(texts: Sequence[str]) -> np.ndarray:
    """:func:`_text_signals_numpy` of a few texts, counted with ``str`` and ``re`` instead of arrays.

    The same quantities in the same arithmetic: counts are exact integers, ratios one float
    division by the same length, the entropy terms summed one by one in the same (code point)
    order, and the transcendental functions (``log2``, ``log1p``) still evaluated by numpy.
    Patterns scan the texts joined by newlines, each match belonging to the text it starts in,
    as in the numpy path (one text is its own joined batch).
    """
    n_docs = len(texts)
    width = len(TEXT_SIGNAL_NAMES)
    lengths = [len(t) for t in texts]
    if not sum(lengths):
        return np.zeros((n_docs, width), dtype=np.float64)
    rows = [[0.0] * width for _ in range(n_docs)]
    # --- character statistics --------------------------------------------------------------
    shares: list[float] = []  # share of each distinct character, text by text, in code point order
    distinct: list[int] = []
    for row, text, length in zip(rows, texts, lengths, strict=True):
        safe = length or 1
        for index, pattern in _CLASS_COLUMNS:
            # Single-character classes: findall counts the characters the class table marks.
            row[index] = len(pattern.findall(text)) / safe
        counted = Counter(text)
        row[_DISTINCT] = len(counted) / safe
        distinct.append(len(counted))
        shares += [counted[char] / length for char in sorted(counted)]
        row[_REPEAT] = float(max([m.end() - m.start() for m in _ANY_RUN.finditer(text)], default=1))
    # --- patterns over the joined batch ---------------------------------------------------
    joined = "\n".join(texts)
    mash = [0] * n_docs
    money_count = [0] * n_docs
    largest = [0.0] * n_docs
    if n_docs == 1:
        row = rows[0]
        for index, pattern in _COUNTED:
            row[index] = float(len(pattern.findall(joined)))  # as many items as matches
        row[_NEGATIVE_COUNT] = float(max(len(_NEGATIVE.findall(joined)) - len(_NEGATION_OF_NEGATIVE.findall(joined)), 0))
        for index, pattern in _FLAGGED:
            row[index] = float(pattern.search(joined) is not None)
        for match in _LATIN_RUN.finditer(joined):
            if _is_mash(match.group(0)):
                mash[0] += len(match.group(0))
        for match in _MONEY.finditer(joined):
            money_count[0] += 1
            largest[0] = max(largest[0], _amount(match.group(0)))
    else:
        starts = []
        position = 0
        for length in lengths:
            starts.append(position)
            position += length + 1

        def counts(pattern: re.Pattern[str]) -> list[int]:
            found = [0] * n_docs
            for match in pattern.finditer(joined):
                found[bisect.bisect_right(starts, match.start()) - 1] += 1
            return found

        for index, pattern in _COUNTED:
            for row, count in zip(rows, counts(pattern), strict=True):
                row[index] = float(count)
        for row, negative, negation in zip(rows, counts(_NEGATIVE), counts(_NEGATION_OF_NEGATIVE), strict=True):
            row[_NEGATIVE_COUNT] = float(max(negative - negation, 0))
        for index, pattern in _FLAGGED:
            for row, count in zip(rows, counts(pattern), strict=True):
                row[index] = float(count > 0)
        for match in _LATIN_RUN.finditer(joined):
            if _is_mash(match.group(0)):
                mash[bisect.bisect_right(starts, match.start()) - 1] += len(match.group(0))
        for match in _MONEY.finditer(joined):
            owner = bisect.bisect_right(starts, match.start()) - 1
            money_count[owner] += 1
            largest[owner] = max(largest[owner], _amount(match.group(0)))
    # Claims text by text with :func:`claims`: no claim pattern matches across the joining
    # newline, so these are the texts a scan of the joined batch would find them in.
    for row, text in zip(rows, texts, strict=True):
        for index, claimed in zip(_CLAIM_COLUMNS, claims(text).values(), strict=True):
            row[index] = float(claimed)
    # --- the transcendental functions, through numpy as in the numpy path -------------------
    logs = np.log2(np.asarray(shares, dtype=np.float64)).tolist()
    log_lengths = np.log1p(np.asarray(lengths, dtype=np.int64)).tolist()
    log_money = np.log1p(np.asarray(largest, dtype=np.float64)).tolist()
    end = 0
    for index, (row, length) in enumerate(zip(rows, lengths, strict=True)):
        start, end = end, end + distinct[index]
        if not length:
            row[:] = [0.0] * width
            continue
        entropy = 0.0  # np.bincount's sum: one term after the other
        for share, log in zip(shares[start:end], logs[start:end], strict=True):
            entropy += -share * log
        row[_ENTROPY] = entropy
        row[_LENGTH_LOG] = log_lengths[index]
        row[_MASH] = mash[index] / length
        row[_MONEY_COUNT] = float(money_count[index])
        row[_MONEY_MAX] = log_money[index]
    return np.asarray(rows, dtype=np.float64).reshape(n_docs, width)


def _text_signals_numpy(texts: Sequence[str]) -> np.ndarray:
    """:func:`text_signals_batch` over numpy arrays: for many texts at once."""
    n_docs = len(texts)
    out = np.zeros((n_docs, len(TEXT_SIGNAL_NAMES)), dtype=np.float64)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n_docs)
    if not lengths.sum():
        return out
    column = _COLUMN
    safe = np.maximum(lengths, 1).astype(np.float64)
    document = np.repeat(np.arange(n_docs), lengths)

    # --- character statistics over code points -------------------------------------------
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    unique = np.unique(points)
    inverse = np.searchsorted(unique, points)  # cheaper than np.unique's argsort-based inverse
    classes = _character_classes(unique)
    for index, (name, _pattern) in enumerate(_CHARACTER_CLASSES):
        hits = classes[index][inverse]
        out[:, column[name]] = np.bincount(document, weights=hits, minlength=n_docs) / safe
    pair_keys, pair_counts = np.unique(document * len(unique) + inverse, return_counts=True)
    pair_document = pair_keys // len(unique)
    out[:, column["distinct_char_ratio"]] = np.bincount(pair_document, minlength=n_docs) / safe
    share = pair_counts / lengths[pair_document]
    out[:, column["char_entropy"]] = np.bincount(pair_document, weights=-share * np.log2(share), minlength=n_docs)
    # Runs of one repeated character (the regex (.)\1{2,}: three or more; 1 when there is none).
    starts = np.cumsum(lengths) - lengths
    new_run = np.ones(len(points), dtype=bool)
    new_run[1:] = points[1:] != points[:-1]
    new_run[starts[lengths > 0]] = True
    run_starts = np.flatnonzero(new_run)
    run_lengths = np.diff(np.append(run_starts, len(points)))
    longest = np.zeros(n_docs, dtype=np.int64)
    np.maximum.at(longest, document[run_starts], run_lengths)
    out[:, column["max_repeat_run"]] = np.where(longest >= 3, longest, 1)
    out[:, column["len_chars_log"]] = np.log1p(lengths)

    # --- patterns over the joined batch -----------------------------------------------------
    joined = "\n".join(texts)
    text_starts = np.cumsum(lengths + 1) - (lengths + 1)

    def owner(positions: list[int]) -> np.ndarray:
        return np.searchsorted(text_starts, np.asarray(positions, dtype=np.int64), side="right") - 1

    def counts(pattern: re.Pattern[str]) -> np.ndarray:
        return np.bincount(owner([m.start() for m in pattern.finditer(joined)]), minlength=n_docs).astype(np.float64)

    mash = [(m.start(), len(m.group(0))) for m in _LATIN_RUN.finditer(joined) if _is_mash(m.group(0))]
    out[:, column["latin_mash_share"]] = np.bincount(
        owner([p for p, _ in mash]), weights=np.asarray([w for _, w in mash], dtype=np.float64),
        minlength=n_docs) / safe
    money = [(m.start(), _amount(m.group(0))) for m in _MONEY.finditer(joined)]
    money_owner = owner([p for p, _ in money])
    out[:, column["money_count"]] = np.bincount(money_owner, minlength=n_docs)
    largest = np.zeros(n_docs, dtype=np.float64)
    np.maximum.at(largest, money_owner, np.asarray([a for _, a in money], dtype=np.float64))
    out[:, column["money_max_log"]] = np.log1p(largest)
    for index, pattern in _COUNTED:
        out[:, index] = counts(pattern)
    out[:, column["negative_count"]] = np.maximum(counts(_NEGATIVE) - counts(_NEGATION_OF_NEGATIVE), 0)
    for index, pattern in _FLAGGED:
        out[:, index] = counts(pattern) > 0
    for index, (_name, pattern, words) in zip(_CLAIM_COLUMNS, _CLAIM_SEARCHES, strict=True):
        if words is None:
            out[:, index] = counts(pattern) > 0
            continue
        # The texts that hold the claim's words (one scan of the batch), then the whole pattern
        # in each of them alone: a match never crosses the newline that joins the texts.
        holding = np.unique(owner([m.start() for m in words.finditer(joined)])).tolist()
        out[holding, index] = [pattern.search(texts[i]) is not None for i in holding]
    out[lengths == 0] = 0.0
    return out


def sentiment_score(text: str) -> float:
    """Positive minus negative lexicon hits, squashed to [-1, 1]."""
    pos = len(_POSITIVE.findall(text))
    neg = len(_NEGATIVE.findall(text)) - len(_NEGATION_OF_NEGATIVE.findall(text))
    total = pos + max(neg, 0)
    return 0.0 if total == 0 else (pos - max(neg, 0)) / total
