"""The one evidence extractor: what in a case supports each malicious label.

No accusation without evidence: a malicious label is asserted only when the case carries the
evidence that label needs (docs/evidence.md).  The decision rule
(:func:`features.decision.decide_reviews`) and the appeal package (``serving.appeal``) both read
what this module finds, so an appeal never cites something the decision did not rely on, and a
decision never rests on something the appeal cannot quote.

What each label needs:

* ``extortion`` -- a demand (money, refund, 返现, 补偿, 免单, gifts) tied to review leverage
  (post, keep, remove or change a review; complain to the platform), in one buyer message, in
  two consecutive buyer messages, or as a conditional sentence in the review itself.  The
  review being a bad review is not leverage by itself: that is what every complaint is.
* ``false_claim`` -- a claim in the review AND an order or chat fact that contradicts it.  A
  claim the facts confirm, or that no supplied fact can check, is never a false claim.
* ``ad`` -- a contact (also obfuscated), link, account handle, shop to search for, or a
  promotional offer addressed to the reader.
* ``competitor`` -- the writer identifies as a seller, steers to another shop, probes supplier,
  cost or sales in chat, or at least two account facts (new account, all-negative history,
  review minutes after delivery).
* ``meaningless`` -- the text refers to no purchase at all: neither a purchase aspect
  (product, quality, size, logistics, service, price ...) nor an evaluation of it (好, 不错,
  太差, 👍).  Shortness and unfamiliar vocabulary are not evidence.

Quotes are exact substrings of the input: patterns run on a length-preserving normalisation
(full-width to half-width, lower case, traditional to simplified), so match offsets are offsets
into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import islice
from typing import Any

from features.behaviour import (
    CHAT_REFUTATIONS,
    awaits_reply,
    buyer_confirmed_all,
    buyer_confirmed_receipt,
    chat_structure,
    claim_fact_contradictions,
    festival_claimed,
    lost_after_signing,
    seller_offers_remedy,
    signed_for,
)
from features.constants import (
    NEW_ACCOUNT_DAYS,
    QUICK_REVIEW_MINUTES,
)
from features.regex_compat import compile_screened
from features.signals import CLAIM_NAMES, CLAIM_PATTERNS, COLOURS, claims
from features.text import _CHARACTER_FOLDS, normalize_text, read_as_mandarin

EXTORTION, COMPETITOR, AD, MEANINGLESS, FALSE_CLAIM = (
    "extortion", "competitor", "ad", "meaningless", "false_claim")



# Facts about the account and its timing (competitor evidence only in pairs, see ``supports``).
ACCOUNT_FACT_CODES = frozenset({"new_account", "all_negative_history", "review_minutes_after_delivery"})


@dataclass(frozen=True)
class EvidenceItem:
    """One checkable piece of evidence for ``label``.

    ``quote`` is an exact substring of the review (``source="review"``) or of chat message
    ``index`` (``source="chat"``); ``fact`` states an order, chat or account fact as sent.
    """

    label: str
    code: str
    source: str  # review | chat | order | account
    reason: str
    quote: str | None = None
    index: int | None = None
    fact: str | None = None


# What is missing when a label has no evidence (shown to the merchant as ``missing_evidence``).
MISSING: dict[str, str] = {
    EXTORTION: "未发现以评价（发布/保留/删除/修改差评、投诉平台）为条件索要钱款、退款、返现、补偿或赠品的原话",
    COMPETITOR: "未发现同行自述、引导去其他店铺、打探进货/成本/销量，或异常账号事实（新账号、全部差评、签收即评）中的两项",
    AD: "未发现联系方式、链接、账号、引导搜索的店铺或推广优惠信息",
    MEANINGLESS: "评价提到了商品、质量、物流、服务、价格等购买相关内容或给出了评价，不能判定为无意义",
    FALSE_CLAIM: "评价中的说法没有被订单或聊天事实推翻（事实支持该说法，或请求中没有可核对的事实）",
}


@dataclass(frozen=True)
class ReviewEvidence:
    """Evidence found in one review case, per malicious label.

    ``text`` is the review text the rules read (the shop's appended reply cut off); the decision
    asks for :attr:`promotional_copy` from it only when the model reads an ad no rule confirmed.
    """

    items: tuple[EvidenceItem, ...] = ()
    purchase_reference: tuple[str, ...] = field(default=())
    text: str = field(default="", repr=False, compare=False)

    @cached_property
    def _by_label(self) -> dict[str, tuple[EvidenceItem, ...]]:
        # Grouped once: the decision, the features and the report reasons ask for several labels
        # of every scored review.
        grouped: dict[str, list[EvidenceItem]] = {}
        for item in self.items:
            grouped.setdefault(item.label, []).append(item)
        return {label: tuple(found) for label, found in grouped.items()}

    def for_label(self, label: str) -> list[EvidenceItem]:
        return list(self._by_label.get(label, ()))

    def supports(self, label: str) -> bool:
        """True when ``label`` may be asserted: the evidence it needs is in the case."""
        found = self.for_label(label)
        if label == COMPETITOR:
            # One account fact alone (a new account, a review soon after delivery) is too common
            # among real buyers.
            strong = [e for e in found if e.code not in ACCOUNT_FACT_CODES]
            return bool(strong) or len(found) >= 2
        return bool(found)

    def codes(self, label: str) -> list[str]:
        return [item.code for item in self.for_label(label)]

    @cached_property
    def promotional_copy(self) -> str | None:
        """The sentence of the review with the most words of trade in it (exact quote), or None.

        The quote for an ad the model reads in the copy itself when no rule found a contact,
        handle or offer (:func:`features.decision.decide_reviews`): business prose such as
        "我们以…为经营宗旨，为客户提供优质产品" names no contact and no offer.
        """
        best, most = None, 0
        folded = aligned(self.text)  # once for the text: aligned() keeps offsets
        for match in _COPY_SENTENCE.finditer(self.text):
            count = len(COMMERCIAL_WORDS.findall(folded, match.start(), match.end()))
            if count > most:
                best, most = match.group(0).strip(), count
        return best

    def with_read_copy(self, confidence: float) -> ReviewEvidence:
        """This evidence plus the promotional copy the model read as an ad, quoted and labelled as
        the model's reading (not a rule's finding), so that the package shows what was relied on."""
        item = EvidenceItem(AD, "promotional_copy", "review",
                            "模型判断该句为推广文案（未找到联系方式、链接、账号或优惠信息等直接证据，提交前请人工确认）",
                            quote=self.promotional_copy, fact=f"模型判断为广告的置信度 {confidence:.2f}")
        return ReviewEvidence((*self.items, item), self.purchase_reference, self.text)


# Words of trade: offers, prices, services and a business presenting itself.  Their presence
# anchors a quote; alone they prove nothing (a genuine review names 价格 and 服务 too), so an ad
# read in them needs the model's near certainty (features.decision).  training.corpora picks
# the promotional sentences of spam mail with the same words.
COMMERCIAL_WORDS = re.compile(
    r"优惠|打折|[一二三四五六七八九\d]折|特价|促销|活动|免费|赠送|送[^达货]|咨询|热线|电话|联系|欢迎|报名|招生|开课|"
    r"培训|课程|讲座|代理|加盟|招商|代开|发票|价格|价位|低价|[\d]+\s*元|批发|销售|供应|供货|提供|业务|合作|"
    r"本公司|我公司|我司|热销|订购|订票|详情|名额|机会|诚聘|诚征|招聘|推广|营销|商机|致富|中奖|会员|注册|购买|"
    r"专业|品牌|承诺|抢购|限时|限量|包邮|qq|商祺|服务|效果|产品|厂家|网站|客户")
_COPY_SENTENCE = re.compile(r"[^。!！?？;；\n]+")


# --- length-preserving normalisation for exact quotes ------------------------------------------
def aligned(text: str) -> str:
    """``text`` with each character NFKC-folded, lower-cased and simplified where that keeps
    it one character, so that match offsets in the result are offsets into ``text``; dialect
    words the rules read are folded to their Mandarin form (:func:`features.text.read_as_mandarin`)."""
    whole = unicodedata.normalize("NFKC", text).lower()
    if len(whole) == len(text):  # the common case: no character changed its length
        return read_as_mandarin(whole.translate(_CHARACTER_FOLDS))
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char).lower()
        out.append(folded if len(folded) == 1 else char)
    return read_as_mandarin("".join(out).translate(_CHARACTER_FOLDS))


def _spans(pattern: re.Pattern[str], text: str, folded: str, limit: int = 3) -> list[str]:
    return [text[m.start():m.end()] for m in pattern.finditer(folded) if m.end() > m.start()][:limit]


# --- extortion ----------------------------------------------------------------------------------
_DEMAND = compile_screened(
    r"\d+(?:\.\d+)?\s*(?:元|块|rmb|米|r\b|圆|大洋|💰)|[一二两三四五六七八九十百千]+\s*(?:元|块)|[¥$￥]\s*\d+|返\s*\d+|"
    r"(?:不|没)送|送[^,，。!！?？\n]{0,6}(?:就|我就|才)|寄(?:两|三|四|五|[2-9])(?:双|个|件|份|套|盒|台|只|箱|袋)|"
    # Service pressed for ("再不给我发货", "今天再不发我就…") is owed, not a payment: 给我 and 发我 count
    # only when they do not ask for the goods, a reply or an exchange.
    r"给我(?![发寄回换看说]|处理|解决|答复|个说法|补发)|转我|赔我|补我(?![就也都还])|退我|返我|打我|(?<![不没])发我(?![就都也])|补偿|赔偿|赔钱|返现|返(?:点|个|些|一点)现|红包|免单|退钱|退款|全额退|转账|打钱|"
    r"报销|送我|再送|精神损失|医药费|营养费|误工费|赔(?:[两三四五六七八九十]|[0-9]+)倍|给个说法|多送|白送|免费(?:送|给)|(?:转|给|退|赔)\s*\d+|补个?\s*\d+|退一半|一半(?:的)?钱|辛苦费|好处费|封口费|"
    r"意思意思|意思一下|表示一下|(?:删除|删评|删差评|改评|改好评)\s*[0-9]{2,4}(?![0-9.])|给点(?:钱|补偿|好处)|加钱|看(?:你们?的?)?诚意|差价(?:我)?(?:不补|不出|不给)|不补差价|"
    # Typed with a slip or as slang ("反现", "V我50" = transfer me 50), a sum in numerals ("转两百").
    r"反现|(?<![a-z])v我\s*\d|(?:转|退|赔|返)\s*[一二两三四五六七八九]?[十百千][一二两三四五六七八九十]*|"
    # In English or pinyin.
    r"\b(?:refund|pay|compensate)\s+me\b|\d+\s*(?:yuan|rmb|kuai)\b|\b(?:fan\s?xian|pei\s?chang|bu\s?chang|tui\s?kuan|tui\s?qian)\b|返\s?xian|fan\s?现"
)
# Comments promised under every listing ("你家每个链接下面我都去评一遍"; not "每个商品的评价都一样").
_UNDER_EVERY_LISTING = (r"(?:每个|所有|每一个)(?:链接|商品|视频|宝贝)(?:(?:下面|底下)[^。!！?？\n]{0,6}|[^。!！?？\n]{0,6}(?:去|来))"
                        r"(?:评|骂|刷|留言)")
_LEVERAGE = compile_screened(
    r"差[评平坪]|中[评平]|一星|1星|删评|删除评|删掉评|删了评|(?:删|撤|改|追加|给|打)[^,，。!！?？]{0,3}(?:好评|五星|评价)|"
    r"好评|五星|5星|带图|评[价论]区|(?:评价|评论)[^,，。!！?？\n]{0,3}(?:改|删)|差[评平][^,，。!！?？\n]{0,6}(?:挂着|不删|留着|一直在)|"
    r"追评|投诉|曝光|举报|12315|消协|工商|发抖音|发视频|挂你|让大家都知道|(?:评价|评论)(?:给你)?删|把(?:评价|评论)|"
    r"删了?(?:评价|评论)|发到(?:群|网上|朋友圈|小红书|微博)|让大家(?:都)?(?:别买|知道)|测评|避雷|这事就过去|"
    # What the review will say or be ("评价怎么写就看…", "评价见", "写差的"), a review typed with a
    # slip ("差品"), the review asked about ("想让我改？"), review-bombing ("换小号天天来刷一星").
    r"评价(?:怎么写|区?见)|等着看[^,，。!！?？\n]{0,2}评|(?:写|给)差的|差品|(?:想|要)让我(?:改|删|撤)(?:评|差评|评价)?(?:[?？吗]|$)|"
    r"小号|(?:好几|几|[两三四五六七八九十])个号|刷(?:一星|差评)|"
    # The review's weight to the shop pointed out ("毕竟评价对你们店挺重要的吧").
    r"评价对(?:你们?|贵)(?:店|家|店铺)?(?:来说)?(?:也|都|还是|可)?(?:挺|很|蛮|非常|特别)?重要|"
    # Comments promised under every listing or video ("天天来你们店下面评论"), the review's matter
    # settled for a price ("评价的事好说", "评价那边就好说了"), the review posted with photos or elsewhere
    # ("评价我配图发出来", "小红书也发一遍").
    r"(?:天天|每天|一直)来?[^,，。!！?？\n]{0,8}(?:下面|底下)(?:评论|留言|说)|评价(?:的事|这事|那边|方面)?(?:就|都)?好说|"
    + _UNDER_EVERY_LISTING + r"|"
    r"评价[^,，。!！?？\n]{0,3}(?:配图|带图)?发出来|(?:小红书|朋友圈|微博|抖音|网上)(?:也|都|上)?(?:发|曝光|说)(?:一遍|一下|出来)|"
    # The review's deadline pointed at ("我评价时间也快到了哈，你懂的").
    r"评价(?:时间|期限)[^,，。!！?？\n]{0,3}(?:快|要|就)?到|"
    # Veiled: the review not yet written, the shop's score, a good review that would follow by
    # itself ("评价我还没写哦，看你们表现了", "店铺评分掉到4.6挺可惜的", "评价自然就好看", "大家相安无事").
    r"评价[^,，。!！?？\n]{0,3}(?:还没写|没写|先不写|晚点写|待写)|看(?:你们|你|商家)?(?:的)?表现|评分[^,，。!！?？\n]{0,6}(?:掉|降|下滑|难看|可惜)|"
    r"(?:评价|评分|好评)自然|自然(?:就|会)?(?:给|是)?(?:好评|五星)|相安无事|"
    r"\b(?:(?:1|one)[ -]star|bad review|negative review|report (?:you|your shop|it)|(?:delete|change) (?:the|my) review)\b|\bcha\s?ping\b|\btou\s?su\b|cha\s?[评平]|差\s?ping\b"
)
# Money as demanded ("50元", "￥50", "一百块钱", "66米", "115r", "30💰"), digits or numerals.
_MONEY = r"(?:[¥$￥]\s*\d+|[\d一二两三四五六七八九十百千零]+(?:\.\d+)?\s*(?:元|块钱?|rmb|米|r(?![a-z])|圆|蚊|💰))"
# A sum put on top of what was offered ("除非再加30"), a price pressed up or down ("回收价给我提到1500").
_ADDED_SUM = r"再加\s*[0-9一二两三四五六七八九十百千]+"
_PRICE_PRESSED = r"(?:提|提高|加|涨|调|降|便宜)到\s*[0-9一二两三四五六七八九十百千]+"
# What a buyer asks to be paid ("返我20", "给我补50", "￥50到账", "退一半"); a sum with no unit after
# 返/转/赔 ("返30") and a free order (免单) too.
_PAID = (r"(?:给我(?=[转补退返赔发打钱红免\d一二两三四五六七八九十百])|转我|退我|补我|赔我|返我|发我|返现|补点(?:钱|红包)?|给点(?:钱|红包|补偿|好处)|表示表示|意思意思|表示一下|意思一下|赔点钱?|退点钱|(?:钱|💰)(?:到位|给到位|打到位)|返(?:点|个|些|一点)现|退款|补偿|赔偿|红包|退一半|退全款|全款退|"
         # The money named with what it was for ("把剩下那节课的钱退给我").
         r"把(?:[^,，。!！?？\n]{0,8}?的)?(?:我的?)?(?:这单|这一单|订单)?(?:的)?(?:钱|运费|差价|货款)退|"
         r"一半(?:的)?(?:钱|货款)|赔钱|退钱|免单|(?:给|转|退|补|赔|返)\s*(?:个|点|我)?\s*" + _MONEY + r"|" + _MONEY + r"\s*到账|"
         # The sum to be sent over ("30块什么时候打过来").
         + _MONEY + r"[^。!！?？\n，,]{0,6}?(?:打|转)(?:过来|给我)|"
         r"(?:返|转|赔)\s*个?\s*\d+(?![\d.]*\s*(?:天|次|号|个|件|单|斤|公斤|克|g|cm|分|小时|年|月|日|%|度|码|岁|人|楼|层|期|页|条|台|双|瓶|盒|包|箱|袋)))")
_CONDITIONAL = compile_screened(
    # What is not given must be a payment or goods: "再不给我发货我就投诉" and "再不给我换 我就打12315投诉"
    # (a leaking kettle) press for the order itself,
    # "今天不给我补发我就差评" for a part the order owes.
    # Extra goods free ("不再免费寄一箱给我") and a refusal of the refund ("要是敢驳回我就…刷一星") are
    # conditions too.
    # Goods count only when named: a sum or extra goods after 补 and 寄 ("不补我钱", "不寄两盒"), a gift
    # after 送 ("不送赠品就差评"); bare, as in "不补我就投诉", they are the part the order owes, and
    # handling a defect (处理, 解决) is owed service.
    r"(?:(?:不|没|要是不|如果不|不肯)(?:[^。!！?？\n,，\s]{1,8}?(?:再|并|还)(?=(?:退|赔|返|转)我))?(?:(?:给|退|赔|返|转)(?!不|力|的|我?(?:发货|发|寄|回复|回|答复|处理|解决|补发|补寄|重发|换(?:货|个新的|一个新的|新的)?(?=[\s,，。!！?？]|$)))|免单|补偿|赔偿|返现"
    # The sum put first ("不把全款退我，这差评我就天天追评").
    r"|把[^。!！?？\n,，]{1,6}?(?:退|赔|返|转)(?:给)?我"
    r"|(?:补|寄)(?=[^。!！?？\n]{0,6}(?:钱|红包|差价|元|块|[两三四五六七八九十][个件盒瓶双套箱袋]))"
    r"|送(?=[^。!！?？\n]{0,6}(?:钱|红包|元|块|赠品|礼品|礼物|小样|个|[两三四五六七八九十][个件盒瓶双套箱袋])))"
    r"|(?:不|没)(?:肯|愿意)?(?:再|免费|额外|白)+(?:给|寄|送|发|补)|(?:要是|如果|若)?敢?(?:驳回|拒绝|拒)(?!收))[^。!！?？\n]{0,16}"
    # "不退就算了" gives the demand up.
    r"(?:就(?!是|算)|就(?=是这个评价)|我就(?!算)|那就(?!算)|马上|立马|等着|天天|每天)[^。!！?？\n]{0,18}(?:差[评平]|中评|一星|投诉|曝光|举报|追评|12315|这个评价|评论区|(?:一直)?挂着|不删|不改|别想(?:我)?删|(?:天天|每天|每周|每个?月)来?(?:评|刷|骂)|"
    # The shop's score brought down ("我就让你店铺评分掉到底").
    r"评分[^。!！?？\n]{0,3}(?:掉|降|拉低)|"
    # A review that will call the goods fake, a listing that will not sell ("我就写证书是假的 让你这个链接卖不出去").
    r"写[^。!！?？\n]{0,4}(?:是)?(?:高仿|假货|假的|骗子|黑店)|让你[^。!！?？\n]{0,6}卖不出去)"
    # What is paid is paid to the writer ("返我20", "给我补50", "￥50到账"): "给力…就到了，好评",
    # "买给孩子的…好评" and "给我说，我就删" pay no one; 改 is of the review ("就改送到家的" changed an address).
    # "退一半就删", "返个15元我会改成五星", "什么时候退我50什么时候删", "给我免费寄个新的我再改评价".
    r"|(?:" + _PAID + r"|再送(?:我)?|多送(?:我)?|加送(?:我)?|送(?:了)?我)[^。!！?？\n]{0,16}(?:就|马上|立马|立刻|秒(?=删|改)|才|再|可以|什么时候|啥时候|我会|我就会|自然(?:会|就)?)[^。!！?？\n]{0,6}"
    r"(?:删|改回(?:来|去)?|改(?=成|为|好评|hao评|评价|五星|满分|满星|评|不改|掉|$|[^\u4e00-\u9fff])|撤|追加(?:好|hao)评|(?:好|hao)评|五星|满分|"
    # The review pointed at ("我就把这条改了").
    r"把(?:这条|这个评价|评价|评论|差评)[^。!！?？\n]{0,3}(?:改|删))"
    # Or tied without a 就 in the same clause ("给5块红包我改好评", "给个免单考虑改评价"); a refund
    # already made and a review already changed ("退款很快，我改好评了") are told, not asked.
    r"|" + _PAID + r"[^。!！?？\n,，了]{0,6}(?:我|考虑)(?:就|再)?(?:改|删|撤)(?:成|为)?(?:好评|五星|评价|差评|评)(?![^。!！?？\n]{0,4}了)"
    r"|(?:不|没)(?:给|退|补|赔|返|转|汇|免单|免费)[^。!！?？\n]{0,16}(?:不会|不可能|别想)(?:删|改|撤)"
    r"|(?:不|没)(?:给|退|补|赔|返|转|免单|免费)[^。!！?？\n]{0,20}差[评平][^。!！?？\n]{0,8}(?:挂着|挂到底|不删|不会删|不会改|不改|别想删|留着|一直|永远|置顶|追评)"
    r"|(?:补偿|赔偿|返现|红包|钱)[^。!！?？\n\s,，]{0,3}(?:不到位|不够|没到位|不到账|没到账)[^。!！?？\n]{0,8}?(?:就|我就)[^。!！?？\n]{0,6}"
    r"(?:挂着|不删|不会删|不改|不撤|别想(?:我)?删|追评|差[评平])"
    # A bad review promised until a cash-back comes ("返现没到账之前我随时改一星"), one held while
    # compensation is talked over ("差评先放这，客服私聊我谈补偿").
    r"|(?:返现|补偿|赔偿|红包|钱)[^。!！?？\n]{0,6}(?:之前|以前)[^。!！?？\n]{0,6}(?:随时|就|会|都)(?:可能|会)?(?:改|打|给)(?:成|回)?(?:一星|1星|差[评平]|中评)"
    r"|差[评平][^。!！?？\n]{0,3}先(?:放|挂|留)(?:着|这|在这|那)?[^。!！?？\n]{0,16}(?:补偿|赔偿|返现|红包|好处|赔给我|赔我|退给我)"
    r"|要么[^。!！?？\n]{0,12}要么[^。!！?？\n]{0,12}(?:差[评平]|投诉|曝光|举报|12315|评论区|追评|(?:每天|天天)来?(?:评|骂|刷))"
    # A review withheld for a payment or goods ("你们再送我一瓶正装，我就不写是假货").
    r"|(?:" + _PAID + r"|再送|多送|白送|免费(?:送|给|寄)|送我)[^。!！?？\n]{0,16}(?:我就|就|我才|才)[^。!！?？\n]{0,2}不(?:写|说|发|给差评|差评|追评|投诉|举报|曝光)"
    # More goods than owed, with the review as their price ("再给我寄一整套我就改五星", "给我再寄一台新的
    # 大号的，不寄我就…差评").
    r"|(?:再|重新)(?:给我)?(?:寄|发|送|补)(?=[^。!！?？\n]{0,6}(?:一整套|整套|全套|大号|更大|贵的|[两三四五][个件盒瓶双套台本箱袋]|[2-5][个件盒瓶双套台本箱袋]))"
    r"[^。!！?？\n]{0,14}?(?:(?:我就|就)[^。!！?？\n]{0,3}(?:改|删|撤)(?:成|为)?(?:好评|五星|评价)|(?:我就|就)把(?:这条|这个评价|评价|评论|差评)[^。!！?？\n]{0,3}(?:改|删|撤)|不(?:寄|发|送|补)[^。!！?？\n]{0,6}(?:就|我就)[^。!！?？\n]{0,10}(?:差[评平]|一星|投诉|曝光|举报))"
    # The removal the shop asks for, priced by the buyer first ("要我删差评？行啊，先退一半的钱再说",
    # "商家私信让我改评价，可以啊，先把100块打过来再说", "想让我改也行，一箱赔两箱").
    r"|(?:要|让|想让)我(?:删|改|撤)[^。!！\n]{0,12}?先(?:把)?[^。!！\n]{0,6}?(?:" + _MONEY + r"|退一半|一半的钱|退款|退钱|全款|赔)"
    r"|(?:想|要)(?:让)?我(?:删|改|撤)[^。!！?？\n]{0,4}?(?:也行|可以|行啊|没问题)[,，]?[^。!！\n]{0,8}?(?:赔|退|补|转|打|给(?:个|点)?(?:红包|钱|补偿))[^,，。!！\n]{0,3}"
    # A good review priced without a sum ("想要好评拿钱说话", "想要好评自己看着办").
    r"|(?:想要|要想|想让我给)(?:好评|五星|我改|我删)[^。!！?？\n]{0,6}(?:拿钱|给钱|掏钱|看着办|表示表示|意思意思|(?:再)?(?:转|打)\s*[0-9一二两三四五六七八九十百]+)"
    # A price below which the review stays ("少于100免谈，差评就一直挂着").
    r"|(?:少于|低于|少一分|不到)\s*[¥$￥]?\s*[0-9一二两三四五六七八九十百千]+\s*(?:元|块钱?)?[^。!！?？\n]{0,4}(?:免谈|没得谈|没门|别想)"
    r"[^。!！?？\n]{0,12}(?:差[评平]|一星|评价)[^。!！?？\n]{0,6}(?:挂着|不删|不会删|留着|不改)"
    r"|[0-9一二两三四五六七八九十百千]+\s*(?:元|块钱?)?[,，\s]?\s*(?:少一分|少一毛|少一块)(?:钱)?(?:都|也)?(?:不改|不删|不撤|别想(?:我)?(?:改|删|撤))"
    # The review changed when the sum is made up ("我要的是30…什么时候补够什么时候改").
    r"|(?:啥|什么)时候(?:把[^。!！?？\n]{1,12}?)?(?:补|退|赔|给|转|返|打|到账)[^。!！?？\n]{0,4}(?:啥|什么)时候(?:改|删|撤)"
    # A bad review kept until paid ("补偿300到账之前这条不会删").
    r"|" + _PAID + r"[^。!！?？\n]{0,8}(?:之前|以前)[^。!！?？\n]{0,8}(?:不会|不|别想)(?:删|改|撤)"
    # A bad review kept "unless" paid ("这三星我还要改回一星，除非把钱给我打过来").
    r"|(?:差[评平]|中评|一星|投诉|曝光|举报|12315|改回)[^。!！?？\n]{0,16}除非[^。!！?？\n]{0,6}(?:(?:转|给|赔|退|返)(?:我)?\s*[0-9]+|把钱|钱|退款|退钱|赔|补偿|返现|红包|免单|" + _MONEY + r"|" + _ADDED_SUM + r")[^。!！?？\n]{0,8}"
    # The review's removal priced ("商家想让我删，就拿一百块来").
    r"|(?:想|要)(?:让)?我?(?:删|改|撤)[^。!！\n]{0,6}?(?:的话)?[,，]?(?:就|那就|先)?(?:拿|掏|转|打|给)(?:我)?"
    r"(?:[^。!！\n]{0,4}" + _MONEY + r"|\s*[0-9一二两三四五六七八九十百千]+\s*(?:来|过来|出来))" +
    # ... or in goods or a refund ("想要我改好评就再送我一个月会员").
    r"|(?:想|要|(?<![不别])让)(?:让)?我(?:删|改|撤)[^。!！\n]{0,6}?(?:的话)?[,，?？]?(?:就|那就|先)?(?:直接)?(?:给我)?(?:再送|送我|多送|白送|免费送|补偿|赔偿|退款|退钱|全额退|退全款|返现|免单)"
    # ... or its price named for later talks ("想让我删评?房费全退了再谈").
    r"|(?:想|要)(?:让)?我(?:删|改|撤)[^。!！\n]{0,4}[?？]?[^。!！\n]{0,8}?(?:全退|退了|退款|退钱|赔)[^。!！\n]{0,3}再(?:谈|说|商量)"
    # The removal's price left to a private talk ("想删的话私聊 价格好商量").
    r"|(?:想|要)(?:让我)?(?:删|改)[^。!！?？\n]{0,8}(?:价格|价钱|钱|条件)(?:好商量|好说|可以谈|可以商量|面议)"
    # The review's removal offered for a price ("想让我删差评？返现三十").
    r"|(?:想|要)(?:让)?我(?:删|改|撤)[^。!！\n]{0,4}(?:评|差评|评价)[^。!！\n]{0,12}(?:返现|退我|给我|转我|补偿|赔偿|赔钱|退钱|红包|全款|全额|精神损失|" + _MONEY + r")"
)
# "…，不然差评" (or "不同意这差评就不删", not "领导不同意") threatens, but is extortion only when the
# same sentence demands something
# ("退66元给我，不然12315见"): "我等你回复，否则我就差评了" presses for service, not for money.
# "不然连一星都不想给" withholds a star, "要不再用用" is a plan: neither threatens.
_OR_ELSE = compile_screened(
    # "不然也不会差评" looks back: had it gone well, no bad review (a counterfactual, no threat).
    r"(?:(?:否则|不然|要不然)(?![我也都就]{0,2}(?:不会|不至于|不可能|没必要))|要不(?!是|再|就)|(?<![导家服他她方店])(?:不同意|不答应)(?:的话)?(?=[,，这我就那\s])|别怪我)[^。!！?？\n]{0,12}(?:差[评平]|中评|一星(?!都)|投诉|曝光|举报|(?:就|这样|一直)挂着|"
    r"(?<![会能可])不(?:改|删|撤)(?:评|评价|差评)?(?=$|[,，。!！?？\s~～了])|(?:一直|天天|每天|每周|每星期|每月|一周一次)来?追评|(?:我|就)追评|12315|评价区|"
    r"改回(?:去|来|一星|差评)|见一次评一次|(?:每次|见一次)都?(?:来)?评|(?:找|叫|用)[^,，。!！?？\n]{0,6}(?:个号|小号|个人)[^,，。!！?？\n]{0,4}(?:来评|来刷|刷差评|一起评|一起来评)|你懂(?:的|吧)|"
    r"(?:评价|评论)(?:里|上|中|区)?(?:就|我就)?[^。!！?？\n]{0,8}?(?:写|说|发)|"
    + _UNDER_EVERY_LISTING + r"|"
    # A review that will call the goods fake ("不然我就写高仿").
    r"(?:写|说|发)(?:成)?(?:是)?(?:高仿|假货|假的|骗子|黑店))"
)
_SENTENCE = re.compile(r"[^。!！?？\n]+")
# What an or-else threat must demand to be extortion: money or a refund, not service ("没给我发货").
# An exchange beyond the one owed ("给我换两双") is an unreasonable demand as much as money is.
_PAYMENT = compile_screened(_MONEY + r"|" + _ADDED_SUM + r"|" + _PRICE_PRESSED + r"|退款|退钱|全额退|退全款|全款退|退全额|退一半|退我|返我|一半(?:的)?钱|"
                            r"赔|补偿|返现|红包|免单|转我|打钱|好处费|辛苦费|(?:再)?给我加\s*[0-9一二两三四五六七八九十百千]+|再加(?:个|一个|一|两个|套)|"
                            r"换(?:新的|个新的)?(?:两|三|四|五|[2-9])(?:双|个|件|份|套|盒|台|只|箱|袋|瓶|罐)|"
                            r"精神损失|医药费|营养费|误工费|"
                            # A replacement while keeping the goods ("再给我寄一瓶新的，这瓶我也不退了").
                            r"(?:再|重新)(?:给我)?(?:寄|发|送|补)[^。!！?？\n]{0,10}(?:我)?(?:也)?不(?:退|寄回|还)了?|"
                            r"不(?:寄回|退回|还)[^。!！?？\n]{0,10}(?:再|重新)(?:给我)?(?:寄|发|送|补)|"
                            r"(?:换|补|送|发|寄)(?:给我|我)?(?:两|三|四|五|[2-9])(?:双|个|件|份|套|盒|台|只|箱|袋)|"
                            # Goods beyond the order ("再送我一套", "免费寄一箱"), another model than the
                            # one bought ("换成…Pro款", "同款不要，就要耳温枪").
                            r"再送|多送|白送|免费(?:送|给|寄)|额外(?:送|给)|"
                            # A gift asked for by its measure ("得送我张128G的卡").
                            r"送我(?=[^。!！?？\n,，]{0,2}[个张件台套盒瓶双只条包支把])|换成[^,，。!！?？\n]{0,16}(?:款|型号|版本|pro|plus|max)|同款不要|不要同款|"
                            r"(?:最贵|更贵|贵的)(?:的|那款|那个|款)|换(?:个|成|一个)?(?:大一号|大一码|更大|大号)|延保|免费(?:清洗|维修|保养|换新|上门)|换(?:成|个|那个|那款|一个)?[^,，。!！?？\n]{0,4}[0-9]{2,}(?:元|块)?的(?:款|那款|型号|版本|那个)?|"
                            # An exchange without paying the difference ("差价我不补").
                            r"差价(?:我)?(?:不补|不出|不给)|不补差价")
# A refusal to swap for something else than the goods ("不换差评") threatens only with such a demand.
_NOT_SWAPPED = compile_screened(r"不换(?:的话)?[^。!！?？\n]{0,10}(?:差[评平]|一星|投诉)")
# A buyer asking whether the shop has a reward ("有好评返现吗", "带图评价有红包吗") asks, and
# demands nothing; the question is taken out before the demand is looked for.
_ASKS_IF_OFFERED = compile_screened(
    r"(?:有没有|有无|是否有)[^,，。!！?？]{0,10}(?:返现|红包|奖励|赠品|礼品|小礼物)"
    r"|有[^,，。!！?？]{0,10}(?:返现|红包|奖励|赠品|礼品|小礼物)[^,，。!！]{0,4}(?:吗|嘛|么|呢|[?？])"
    r"|(?:返现|红包)(?:吗|嘛|么|[?？])|(?:返现|红包)怎么领|怎么领(?:返现|红包)|(?:返现|红包|奖励|赠品|礼品)[^,，。!！?？]{0,3}(?:在哪|哪里|去哪)(?:领|拿|兑)"
    # The shop's own offer asked about ("主播说晒图好评返现 是真的吗").
    r"|(?:主播|直播间|客服|店家|商家)说[^,，。!！?？]{0,12}(?:返现|红包|奖励|赠品|礼品|小礼物)[^。!！]{0,6}(?:是真的吗|真的吗|吗|嘛|么|[?？]|(?:在哪|哪里|去哪|怎么)(?:领|拿|兑))"
)
# A refund or return the buyer will apply for ("再不发我就申请退款并投诉了") is the buyer's own right
# on the platform, not a payment asked of the shop; "不退款就投诉" still asks the shop for one.
# Returning the goods for the money ("我要退货退款") is the platform's own route too.
_OWN_RIGHT = compile_screened(r"申请(?:了)?(?:退款|退货|仅退款|售后|退货退款)|走售后|(?:我|那)就?退货|退货退款|"
                               # A refund refused and asked about ("死虾退款为什么拒绝"): the platform's dispute.
                               r"(?:退款|退货|售后)(?:申请)?(?:为什么|怎么|凭什么)?(?:被)?(?:拒绝|驳回|拒了)")
# A good review already given ("好评已经给了", "已经五星了") is done, no stake in a demand; a
# request the buyer lets go in the same message ("能补偿一点吗？不行也没关系") demands nothing.
# So is the reward the shop itself offered for one ("卡片上写晒图好评返5元，我已经晒了",
# "好评截图发你了 返现呢"): the buyer claims the shop's own promise.
_GOOD_REVIEW_GIVEN = compile_screened(
    r"(?:好评|五星|5星)(?:已经?|早就?)(?:给|打|评|发)(?:了|过)?|(?:已经?|早就?)(?:给了?|打了?|评了?)?(?:你们?)?(?:晒图|带图|晒了图)?(?:好评|五星|5星)|"
    r"(?:给|打)(?:了|过)(?:你们?)?(?:好评|五星|5星)|(?:给|打)的(?:好评|五星|5星)|(?:已经?|早就?)晒(?:了|过|图了)|我(?:已经?)?(?:晒图|带图|晒了图)?(?:好评|五星)了|(?:好评|五星|评价)(?:的)?截图(?:已经?)?(?:发|给)|"
    r"(?:卡片|小卡|卡上|说好|答应|承诺|活动|你们)[^,，。!！?？]{0,8}(?:晒图|好评|五星|带图)[^,，。!！?？]{0,3}返|"
    # The shop's own scheme named ("好评返现什么时候给"): a good review for cash, asked to be honoured; a good
    # review reported done ("[图片] 好评了，返现呢？"; not "不给好评了").
    r"(?:好评|五星|晒图|带图)返现?|(?<![不没给])(?:好评|五星|晒图)(?:了|啦)")
_LET_GO = compile_screened(r"不行也没关系|没有也没关系|没关系的|不行就算了|不给也行|不强求|不勉强")
# Money the buyer turns down ("不要红包，退货退款", "不用退钱", "红包不用了") is no demand, and a review
# that stands whatever is paid ("删评不可能", "差评照写", "我会追评说明一下") is no leverage.
_DECLINED = compile_screened(
    r"(?:不要|不用|不需要|用不着|别给|不稀罕)(?:你们?的?)?(?:红包|返现|补偿|钱|退钱|退款|赔偿|券)|(?:红包|返现|补偿|钱|退钱|券)(?:[\s,，]?我)?(?:就)?(?:不用|不要|不需要|用不着|免了)了?"
)
_REVIEW_STANDS = compile_screened(
    r"(?:删评|删评价|删差评|删除评价|改评|改评价|改好评)[^,，。!！?？]{0,2}(?:不可能|没门|不会|不行|免谈)|(?:差评|评价)照(?:写|给|发|留)|照(?:写|给)差评|"
    r"(?:不会|不可能)(?:删|改)(?:评|差评|评价)?|如实(?:评价|写)|实话实说|追评说(?:明)?[^,，。!！?？]{0,10}"
)
# A threat taken back in the same message ("不给红包就差评哈哈，开玩笑的") is a joke.
_TAKEN_BACK = compile_screened(r"开玩笑|开个玩笑|逗你(?:的|玩)|说着玩")
# Compensation the buyer has received ("补偿我收下了，评价就不改了") is no longer asked for.
_RECEIVED = compile_screened(r"(?:补偿|红包|钱|返现|退款|赔偿)(?:我)?(?:已经?)?(?:收下了|收到了|到账了|已收)")
# Telling the seller, after a refused request, that the review will say what happened
# ("那我只能给差评说明情况了") announces a review; it is no condition on a demand made before.
_RESIGNED = re.compile(r"只能|只好|如实|说明情况|实话实说|客观")
# A refusal accepted ("不给退，行吧，差评留着给别的家长提个醒"): the review stands as a warning, nothing is asked.
_GIVEN_UP = re.compile(r"行吧|认了")  # (not 算了: "转我35元的话，这事就算了" is the price of settling)
# "绝对不是因为返现才好评" denies the deal it names.
_DENIED = re.compile(r"(?:不是|并非)(?:因为|为了|冲着)?$")
# ... and a request the writer says the shop never made ("客服…没让我删评也没说啥返现，挺实在"; "没返现之前别想我
# 改五星" sets one).
_NEVER_ASKED = re.compile(r"(?:没|没有|也没|并没有?|从没)$")
# Goods the shop promised and did not send ("说好的买2送衣也没送…不送来就一星") are owed: asking for
# them, even with a star as the stake, is a grievance, not a demand (money stays a demand).
_PROMISED = re.compile(r"说好(?:的|了)|答应|承诺|不是说")
_GOODS_OWED = re.compile(r"(?:不|没|要是不|如果不|不肯)送|送我")


def _owed_gift(asked: str, context: str) -> bool:
    """Whether ``asked`` ("不送…", "送我…") is a gift the shop promised in ``context``: owed, not demanded."""
    return bool(_GOODS_OWED.match(asked) and _PROMISED.search(context))


# A payment already made and a review already changed ("商家主动联系我，给补了五块钱红包…我就给改成五星
# 了") are a story told afterwards, not a condition set.
_PAID_ALREADY = re.compile(r"(?:补|给|退|返|赔|转|打|发|偿)了|主动|到账了|收到了")
# "给了我就删" sets a condition: paid, then the review goes.
_ONCE_PAID = re.compile(r"(?:补|给|退|返|赔|转|打|发|偿|送)了[\s,，]?(?:我|钱)?(?:就|再|马上|立马|立刻)")


# ... and so does a payment waited for ("等商家联系我补偿了再改"; not "等了三天才补偿了").
_WHEN_THEN = re.compile(r"什么时候|啥时候|等(?!了|待|到了|着)")
# A review already changed, the verb done with its object after it ("改了好评"; "我就把这条删了" is
# still to come).
_REVIEW_CHANGED = re.compile(r"(?:删|改|撤|追加)了(?:好评|五星|评价|差评|评论)|改成了|改回(?:来|去)?了")


# The other branch of the condition spelt out ("补了我就把评价改了 不补就这样放着").
_UNPAID_BRANCH = re.compile(r"不(?:补|给|退|赔|返|转|送)(?:的话)?[\s,，]?(?:就|我就|那就|那)")


def _told_after_paid(folded: str, match: re.Match[str]) -> bool:
    """Whether the review condition ``match`` tells of a payment made, not one asked for."""
    sentence_start = max(folded.rfind(mark, 0, match.start()) for mark in "。!！?？\n") + 1
    if _UNPAID_BRANCH.search(folded, match.end(), match.end() + 24):
        return False
    # The review already changed ("老板把钱退了，我就改了好评") tells what happened.
    if _REVIEW_CHANGED.search(folded, match.start(), match.end() + 2):
        return True
    # "(什么时候)把钱退了我什么时候改" sets a condition whatever tense its payment is in.
    if _WHEN_THEN.search(folded, max(0, match.start() - 8), match.end()):
        return False
    # "补偿了20块，自然给好评"; the price of a removal asked for ("想让我删评？全款退了再加50") is no story.
    if (not match.group().startswith(("想", "要")) and _PAID_ALREADY.search(match.group())
            and not (_ONCE_PAID.search(match.group()) and not folded.startswith("了", match.end()))):
        return True
    return (folded.startswith("了", match.end()) or folded.startswith("了", match.end() + 1)) and bool(
        _PAID_ALREADY.search(folded, sentence_start, match.end()))


# A threat on the handling ("不处理我天天来追评") after a demand for money in the same sentence.
_UNLESS_HANDLED = compile_screened(
    r"不(?:处理|解决)[^。!！?？\n]{0,6}(?:就|我就|我|天天|每天)[^。!！?？\n]{0,8}(?:差[评平]|追评|投诉|曝光|举报|12315)"
    # ... or on the gift asked for before ("得送我张卡 不送我就追评差评").
    r"|不送(?:我)?(?:的话)?[,，\s]?(?:就|我就)[^。!！?？\n]{0,8}(?:差[评平]|追评|一星|投诉|曝光|举报|12315)"
)


def _or_else_demand(sentence: str) -> tuple[int, int] | None:
    """The span from a demand for money or a refund to the threat after it ("退66元给我，不然12315见",
    "医药费加精神损失费一共800…不处理我天天来追评")."""
    # ... or a refusal to swap after the swap demanded ("必须给我换那款129的新款 不换我就12315加抖音投诉").
    threat = _OR_ELSE.search(sentence) or _UNLESS_HANDLED.search(sentence) or _NOT_SWAPPED.search(sentence)
    if threat is None:
        return None
    demand = _PAYMENT.search(sentence, 0, threat.start())
    if _owed_gift(sentence[threat.start():], sentence) or (demand and _owed_gift(demand.group(), sentence)):
        return None  # the gift the shop promised is owed ("说好的送笔袋呢 不送我就差评")
    if demand is None and sentence.startswith(("不同意", "不答应"), threat.start()):
        # What is not agreed to is the demand ("不同意我仅退款，那这差评就一直挂着").
        return (threat.start(), threat.end()) if _PAYMENT.search(sentence, threat.start(), threat.end()) else None
    return (demand.start(), threat.end()) if demand else None


def _writers_condition(folded: str, match: re.Match[str]) -> bool:
    """Whether the review condition ``match`` is a demand the writer sets, not a deal denied, a
    promise held against the shop, a payment told, the shop's offer reported ("客服说想要我改好评就送
    我会员", "你给我发五块红包让我改好评是什么意思") or a reward told with the good review given."""
    before = _clause_around(folded, match.start(), match.start())[0]
    return not (_DENIED.search(before)
                or (_NEVER_ASKED.search(before) and match.group().startswith(("让", "叫", "要", "说", "提")))
                or _owed_gift(match.group(), folded)
                or _told_after_paid(folded, match)
                or (_SELLER_SAID.search(before) and not _CLAUSE_END.search(match.group()))
                or (before.endswith(("你", "你们")) and "让我" in match.group())
                or _GOOD_REVIEW_GIVEN.search(match.group())
                or _GIVEN_UP.search(match.group())
                # the cash-back card turned down ("塞了张好评返现卡 我不需要返现 东西好我自然给好评")
                or _DECLINED.search(match.group()))


def _extortion(item: Any, chats: Sequence[tuple[int, str, str]], text: str, folded: str) -> list[EvidenceItem]:
    found: list[EvidenceItem] = []
    reason = "买家以评价（差评/删评/改评/投诉）为条件索要钱款、退款或补偿"
    previous: tuple[int, str, bool, bool] | None = None
    asked_before = ""  # the buyer's message before: "不换就差评" after "给我换那个398的款"
    for index, original, message in chats:
        if _TAKEN_BACK.search(message):
            previous, asked_before = None, ""
            continue
        asked = _DECLINED.sub("，", _RECEIVED.sub("，", _OWN_RIGHT.sub("，", _ASKS_IF_OFFERED.sub("，", message))))
        demand = bool(_DEMAND.search(asked)) and not _LET_GO.search(message)
        leverage = bool(_LEVERAGE.search(_REVIEW_STANDS.sub("，", _GOOD_REVIEW_GIVEN.sub("，", message))))
        if (_CONDITIONAL.search(message) or _or_else_demand(message) or (demand and leverage)
                or (_NOT_SWAPPED.search(message) and (_PAYMENT.search(message) or _PAYMENT.search(asked_before)))):
            found.append(EvidenceItem(EXTORTION, "demand_with_review_leverage", "chat", reason,
                                      quote=original, index=index))
        elif previous is not None and ((demand and previous[3])
                                       or (leverage and previous[2] and not _RESIGNED.search(message))):
            if not any(e.index == previous[0] for e in found):  # quoted already when it was both
                found.append(EvidenceItem(EXTORTION, "demand_with_review_leverage", "chat", reason,
                                          quote=previous[1], index=previous[0]))
            found.append(EvidenceItem(EXTORTION, "demand_with_review_leverage", "chat", reason,
                                      quote=original, index=index))
        previous = (index, original, demand, leverage)
        asked_before = message
    # In the review the bad review itself is not leverage: only a conditional sentence is.
    conditions = [text[m.start():m.end()] for m in _CONDITIONAL.finditer(folded) if _writers_condition(folded, m)]
    if _OR_ELSE.search(folded) or _UNLESS_HANDLED.search(folded) or _NOT_SWAPPED.search(folded):
        previous = None
        for sentence in _SENTENCE.finditer(folded):
            span = _or_else_demand(sentence.group())
            if span is not None:
                conditions.append(text[sentence.start() + span[0]:sentence.start() + span[1]])
            # The demand shouted on its own just before ("赔三倍！不然12315加差评").
            elif (previous is not None and len(previous.group()) <= 16 and (threat := _OR_ELSE.match(sentence.group()))
                  and (demand := _PAYMENT.search(previous.group()))):
                conditions.append(text[previous.start() + demand.start():sentence.start() + threat.end()])
            previous = sentence
    for quote in conditions[:2]:
        found.append(EvidenceItem(EXTORTION, "conditional_demand_in_review", "review",
                                  "评价中以修改/删除评价为条件索要补偿", quote=quote))
    return found[:5]


# --- competitor ----------------------------------------------------------------------------------
_SELF_IDENTIFIED = compile_screened(
    # 同行 as the trade, not as company on the way ("跟同事同行出差", "7人同行", "同行的朋友") nor a
    # shop's rivals told of (现在同行竞争激烈).
    r"(?<!人)(?<![结一陪])同行(?!的(?:朋友|母亲|父亲|家人|同事|人|小伙伴|闺蜜|老婆|老公|孩子|妈妈|爸爸|伙伴|女士|先生)|"
    r"出差|出游|旅游|旅行|前往|人员|者|竞争)|我们店|我家店|我店|本店也|我们家也(?:是)?(?:卖|做|有)|我们也(?:在)?(?:卖|做)|我们(?:这边|这里|店里|家|同城)也(?:在)?(?:卖|做)|"
    # A farm of the trade and its own goods ("我们果园也种赣南脐橙", "我们自己塘口的").
    r"我们(?:果园|塘口|茶园|农场|基地|合作社|养殖场)(?:也)?(?:种|养|产|做|卖)|我们(?:自己|家)?(?:的)?(?:塘口|果园|茶园|养殖场)的|"
    # A business of a service trade ("我们驾校也在这一片招生", "我们机构也做教资培训"), a shop of the
    # trade by its kind ("我们酒行也卖五粮液", "我家也是做潮鞋的").
    r"我们(?:驾校|机构|培训机构|工作室|培训班|门店|美容院|理发店|健身房|餐厅|饭店|民宿|果园)也(?:在[^,，。!！?？\s]{0,6})?(?:卖|做|招生|开|接|经营)|"
    r"我们[^,，。!！?？\s]{1,3}(?:行|铺|庄|坊|厂)也(?:在)?(?:卖|做)|我家(?:里)?[也都](?:是)?(?:做|卖)[^,，。!！?？\s]{0,6}|我们(?:也|都|就)是卖(?:这类|这种|同款|一样的)|"
    # The writer's own design copied ("这版型一看就是抄我们家的"), the same goods sold ("我也是卖女鞋的").
    r"(?:抄|仿|盗)(?:的)?(?:我们|我)家|我(?:们)?也(?:是)?卖[^,，。!！?？\s]{1,6}的|"
    # Years in the trade told as the writer's own ("做了十年香水生意，…" at a clause start, "我们做牛排生意
    # 十年了"; not "我爸做了…", "我们做小生意的"), the writer's own price ("我们家妃子笑才卖39.9").
    r"(?:^|(?<=[,，。!！?？\s])|我|我们|本人)(?:也)?(?:做|干)了?(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多)?年(?:的)?(?!小|点|些)[^,，。!！?？\s]{1,4}(?:生意|买卖|批发)|"
    r"我们(?:做|干|卖)(?!小|点|些|个|大)[^,，。!！?？\s]{1,6}(?:生意|买卖|批发)|我们家[^,，。!！?？\s]{0,6}(?:才|只|只要)卖\s*\d+(?:\.\d+)?|"
    # The writer's own price for the same goods ("我们家同款血压计才99"), stock bought at a market ("跟我们
    # 批发市场拿的货一个样").
    r"我们家同款[^,，。!！?？\s]{0,6}(?:才|只要|只卖)\s*\d+(?:\.\d+)?|(?:我们|我)[^,，。!！?？\s]{0,6}批发市场拿的|"
    # A neighbour in the trade ("我是隔壁做锅的"), the writer's own prices ("这价格我家卖一半").
    r"我(?:们)?(?:是|也是|就是)(?:隔壁|对面|同城)(?:家|店)?(?:做|卖|开)[^,，。!！?？\s]{1,6}的|我家(?:才|只)?卖|"
    # A shop of the same trade ("我也是开…店的", "我自己就是开…店的", "我自己也是开民宿的"); "我是开…店的"
    # only when the trade is what the review is about (_same_trade).  A restaurateur is left out: real
    # Dianping reviews tell of one visiting a rival to learn from it ("因我也是开餐厅的…看看有什么可以借鉴").
    r"我们(?:的)?(?:官方|旗舰|自营)店|我们(?:的)?直播间(?:也|里也|每|天天|还有|同款)|我家(?:的)?直播间[^,，。!！?？\s]{0,3}[0-9一二两三四五六七八九十]+(?:元|块)?(?:包邮|就|才|只)|我家(?:的)?直播间(?:同款|这款)(?:才|只要|只卖)\s*[0-9一二两三四五六七八九十]|(?:我们)?(?:门店|店里)(?:就|也)卖(?:这个|这款|同款|这)|我们这些(?:正经)?(?:做|卖|干)[^,，。!！?？\s]{1,6}的|(?:我|我们|本人)(?:自己)?(?:就|也)?(?:在[^,，。!！?？\s]{1,6})?(?:就是|也是|也|就)开[^,，。!！?？\s]{0,5}(?:店|民宿|客栈|宾馆|酒店)的|(?:我|我们|本人)自己(?:是)?开[^,，。!！?？\s]{0,5}店的|"
    # The writer's own shop, agency or factory trading ("我们书店卖正版", "我们旅行社拿的价便宜八十",
    # "我也在抖音卖这个").
    r"我们[^,，。!！?？\s]{0,3}(?:店|社|厂|公司|机构|工作室|门店)(?:卖|拿|进|批|做|出的|出品|也卖|也有卖|的价|拿的价|进的货|同样的|同款|一样的)|(?:我|我们)(?:自己)?也在[^,，。!！?？\s]{1,4}(?:也)?卖(?:这|同款|一样)|"
    # A trade the writer is in ("本人做了八年厨具批发"), not one they would like to be ("我想做这款批发").
    r"(?:我|本人|我们)(?:自己|家|是|也|一直|已经|专门)*(?:做|干)了?[^,，。!！?？\s]{0,8}批发|"
    # A company of the trade ("我们公司也卖这款", "我司专业生产"), not a company buying ("我们公司要买六箱",
    # "我们公司的人每次去都住那").
    r"(?:我们公司|我司)(?:也|就|就是|是|专门|专业|一直|主要)*(?:在)?(?:卖|做|批发|生产|代理|经营|销售|进货|拿货|出货|供货)|我们厂|我家的货|我家货|(?:我们|我)(?:家)?自己(?:的)?工厂|"
    # The writer's factory by what it makes ("我家工厂就是做发夹的"; not "我们工厂食堂"), the writer's
    # wholesale stall ("我们档口批发价15", "跟他同一个档口拿的"), a rival introducing itself ("友商来提醒一句"),
    # goods the writer would be ashamed to sell ("这种货我们都不好意思拿出来卖"), the writer's own shop's
    # price ("同款我们自己店里99包邮").
    r"(?:我们|我家|我)(?:家)?(?:的)?工厂(?:就|也)?(?:是)?(?:做|生产|产)[^,，。!！?？\s]{1,6}的|"
    r"(?:我们|我家|我)(?:的)?档口|同一个?档口(?:拿|进|批)|(?:友商|经销商|代理商|批发商)(?:来|路过|提醒|说一句|说句)|友商的|(?:我们|我)(?:也)?进过(?:这款|这个|同款)?(?:的)?货|我们做[^,，。!！?？\s]{1,6}的都(?:笑了|知道|懂)|"
    # The writer's factory supplying ("我们工厂直供的才是正品", "我们家都是工厂直发").
    r"(?:我们|我家|我)(?:家)?(?:的)?工厂(?:直供|直销|直发|出的|生产的)|(?:我们|我家|我)(?:家)?(?:的)?工厂(?:也|就)(?:在)?(?:做|生产|产)(?!品)|(?:我们|我)家(?:都|全)?是工厂直(?:发|供|销)|"
    # A shop owner passing by ("干花店老板路过"), the writer's shop by its years ("我家蛋糕店开了十年"),
    # stock the writer buys in ("我们进货都不要"), the trade's own knowledge ("做烘焙的都知道"), goods on
    # offer from the writer ("要货可以来我们这"), the writer's room's price put after 同款 ("同款我们直播间才99").
    r"(?:店|铺)(?:的)?(?:老板|店主|老板娘)(?:来|路过)|(?:我|我们)家[^,，。!！?？\s]{0,4}店(?:开了|也)|我们(?:进货|拿货)|"
    r"(?<![不])做[^,，。!！?？\s]{1,4}的都知道|(?:要货|拿货|进货)(?:的)?(?:可以)?(?:来|找|来找)(?:我们|我)|"
    r"(?:我们|我家)(?:家)?(?:的)?直播间[^,，。!！?？\s]{0,2}(?:才|只要|只卖)\s*[0-9一二三四五六七八九十]+|"
    # The writer's shop's goods ("我们家卖的同款用的是加厚钢材"), the same item listed ("我们也上过这款").
    r"(?:我们|我)家卖的|(?:我们|我)[^,，。!！?？\s]{0,4}上(?:过|架过)(?:这|同)款|"
    # ... listed it too ("我自己店里也上了这款拖把"), a fellow seller of a platform ("同为抖店商家"), a shop
    # of the trade ("我也是开店卖厨具的").
    r"(?:我们|我)[^,，。!！?？\s]{0,6}也上(?:过|架过|了)(?:这|同)款(?!的当)|同(?:为|是)(?:抖店|淘宝|拼多多|电商|网店|抖音)?(?:商家|卖家|店主)|"
    r"(?:我|我们|本人)(?:自己)?也(?:是)?开店(?:卖|做)[^,，。!！?？\s]{1,6}的|"
    # ... a maker of the same goods who speaks of the trade ("我自己也是做脚垫的，这做工在我们行里就是B品").
    r"(?:我|本人)(?:自己)?也是做[^,，。!！?？\s]{1,6}的(?=[^。!！?？\n]{0,12}(?:我们(?:这)?行|行里|同行|行业))|"
    r"(?:我们|我|我家)(?:都|也|可|是)?(?:不好意思|不敢|没脸)(?:拿出来|拿出去|往外)卖|"
    # ... or to stock ("这种货我们都不敢进").
    r"(?:我们|我|我家)(?:都|也|可|是|从来|根本)?(?:不敢|不会|不肯)进(?:这种|这样的|这个|这款|这批|这类)?货|我们(?:的)?(?:实体店|门店|店里|店)(?:都|也|可)?(?:不敢|不好意思|没脸)(?:卖|进|上架)|"
    r"同款我们家(?:就|也|都)有|同款我们家(?:才|只|只要)?卖\s*[0-9一二两三四五六七八九十]+|(?:都|就)来我们家[^,，。!！?？\n]{0,3}同款|"
    r"(?:我们|我)?自己(?:的)?店(?:里|铺)?[^,，。!！?？\s]{0,3}[0-9]+(?:\.[0-9]+)?\s*(?:元|块)?(?:包邮|就|才|只)|"
    # A peer of the trade ("同是做阳光玫瑰的", not "同是做妈妈的"), a wholesaler passing by ("做车厘子批发的
    # 路过"), a farm ("我家也是种猕猴桃的"), the writer's own price for the same goods ("我家同款脐橙才卖29"),
    # a shop that sells the goods too ("我自己也是卖童装的", "我们家代理的那款").
    # A seller of the trade who says a fair word about the goods ("我们也是做渔具的 说句公道话").
    r"(?:我们|我|本人)(?:也|就)?(?:是)?(?:在[^,，。!！?？\s]{1,4})?(?:做|卖)[^,，。!！?？\s]{1,6}(?:的)?[,，\s]*(?:说句|讲句)(?:公道|良心|实在|实)话|"
    # A seller of the same category ("我也是开这个类目的"), the writer's own shop on a platform ("我们
    # 拼多多店里19.9的", "我们自己店里同款进的是A类面料").
    r"(?:我|我们|本人)(?:自己)?也(?:是)?(?:开|做)(?:这个|这|同一个|同个)?类目|我们(?:自己)?(?:在)?(?:淘宝|拼多多|抖音|京东|快手|天猫)?(?:上的?)?店里|"
    # A course or studio of the writer's own ("我自己也开吉他网课的").
    r"(?:我|我们|本人)(?:自己)?(?:也|就)?(?:是)?开[^,，。!！?？\s]{0,6}(?:网课|课程|培训班|工作室)的|"
    # ... a business of the same kind ("我自己也是开家政公司的"), years of selling ("我们家卖了八年二手表"),
    # a dealer's own stock and prices ("这种皮纹我们收货都不收", "这个价格我们批发都拿不到").
    r"(?:我|我们|本人)(?:自己)?也(?:是)?开[^,，。!！?？\s]{1,6}(?:公司|店|工作室)的|(?:我们家|我家|我们)(?:已经)?卖了(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多)?年|"
    r"我们(?:收货|进货|拿货)(?:都|也)?(?:不收|不要|不进|不拿)|我们(?:批发|进货|拿货)(?:价)?(?:都|也)?(?:拿不到|拿不了|进不到)|"
    r"同样(?:做|卖)(?!饭|菜|妈|爸|父|母|家长|人|女|男|学生|老师|孩子|好|事)[^,，。!！?？\s]{1,6}的|"
    r"同(?:样)?(?:是|为)(?:做|卖|种|养)(?!妈|爸|父|母|家长|人|女|男|学生|老师|孩子)[^,，。!！?？\s]{1,6}的|"
    r"(?:^|(?<=[,，。!！?？\s])|我|本人|我们)(?:是)?(?:做|干)[^,，。!！?？\s]{1,6}批发的|我家也是种[^,，。!！?？\s]{1,6}的|"
    r"我(?:们)?家(?:的)?同款[^,，。!！?？\s]{0,6}?(?:才|只|只要)?卖\s*[0-9一二两三四五六七八九十]+|我们家同款[^,，。!！?？\s]{0,6}?(?:还|更)?便宜|我(?:们)?自己也(?:是)?卖[^,，。!！?？\s]{1,6}的|"
    # A maker of the trade's own goods ("我们工作室自己开模的比这强多了").
    r"(?:我们|我家|我们家|本店)[^,，。!！?？\s]{0,4}自己开(?:的)?模|"
    r"我们(?:家|公司|店)代理的|(?:我们|我)(?:一直|专门)?做[^,，。!！?？\s]{1,6}代理|(?:我们|我)(?:的)?仓库(?:里)?(?:压|囤|堆|还有|一堆|全是|都是)|"
    r"给(?:你们|大家)拿(?:厂价|出厂价|批发价|拿货价)|"
    # Peers by the goods they sell ("咱们都是卖鞋的，何必呢"; not 卖力气), a seller by the trade ("作为卖茶的";
    # not 作为卖点), a shop's owner by her years in it ("作为一个卖了八年内衣的老板娘").
    r"(?:咱们|我们|大家)都是卖(?!力|命|艺|身|笑|萌|惨|乖|关子|弄)[^,，。!！?？\s]{1,6}的|(?:作为|身为)(?:一个|一名)?卖(?!点)[^,，。!！?？\s]{1,6}的|"
    r"(?:作为|身为)(?:一个|一名)?[^,，。!！?？\s]{0,2}(?:卖|做)了?(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多)?年[^,，。!！?？\s]{1,6}的(?:老板娘|老板|店主|卖家|商家)|"
    # A wholesaler by the years ("做坚果批发十几年了"), the writer's farm ("我家自己果园种红枣二十年了",
    # "我们合作社的核桃"), the writer's own stock ("跟我们进的是同一批货").
    r"(?:^|(?<=[,，。!！?？\s])|我|本人|我们)(?:做|干)[^,，。!！?？\s]{1,6}批发(?:了)?(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多)?年|"
    r"我家(?:自己)?(?:的)?(?:果园|茶园|农场|基地|合作社|养殖场|塘口)(?:也)?(?:种|养|产|做|卖)|我们(?:自己|家)?(?:的)?(?:合作社|农场|基地)的|"
    r"(?:我们|我家|我们家)进的(?:货|是同一批)|"
    # First-person sellers: "我家也做这个", "我们自己店里卖的", "我自己家就是卖这个的".
    r"我家也(?:卖|做)|(?:我们|我)?自己(?:的)?店(?:里|铺)?(?:卖|也卖|也在卖|在卖|的货)|(?:我们|我)(?:自己)?家(?:就)?是(?:卖|做)|"
    r"我家产品|我们做这行|(?:做|干)[^,，。!！?？\s]{0,6}这一?行(?:的|多年|[\d一二两三四五六七八九十几]+年)|(?:我|我们)(?:也)?是(?:卖|做)这个的|(?:我|我们)(?:是|做)批发|"
    # The price the trade buys at; a cost the buyer guesses ("这质量成本顶多两块钱") is no insider's.
    r"进价|进货价|拿货价|出厂价|拿货(?:才|只要|只需|就)|"
    # The same in English ("As a seller in this category myself").
    r"\bas an? (?:seller|vendor|retailer|manufacturer)\b|\bi(?:'m| am) (?:a |in the same )?(?:seller|vendor|business)\b"
)
# Retail shop names end in one of these ("青柚旗舰店", "米粒家居馆", "栗子专营店").
_SHOP_SUFFIX = r"(?:旗舰店|官方店|专卖店|专营店|工厂店|小铺|杂货铺|生活馆|家居馆|服饰|优选|严选|茶庄|茶行|酒行|米行|大药房)"
# A platform, the brand's own store (a shop of its kind in a mall or offline) or this very shop is a
# buyer's price comparison, not another seller.
# (also as written to pass filters: 某猫, 某宝, 某东).
_NOT_ANOTHER_SHOP = r"(?<!实体)(?<!线下)(?<!商场)(?<!楼下)(?<!超市)(?<!京东)(?<!淘宝)(?<!天猫)(?<!多多)(?<!品牌)(?<!官方)(?<!这家)(?<!某猫)(?<!某宝)(?<!某东)"
# A hotel, restaurant or museum (酒店, 饭店, 宾馆, 旅馆, 餐馆, 博物馆) is where the writer stayed,
# ate or went, not a rival shop.
_NOT_LODGING_OR_DINING = r"(?<!酒)(?<!饭)(?<!宾)(?<!旅)(?<!餐)(?<!物)"
# A direction, not a time ("去年在别家买的", "过去", "后来", "原来") nor a sight ("想到", "看到"), nor
# a verb's complement ("剪出来比之前那家满意", "用起来").
_TOWARD = r"(?:(?<!过)去(?!年)|(?<![想看收得遇])到|(?<![原后本将未出起过回下上进])来|找|看看|搜|搜索)"
_TOWARD_RE = re.compile(_TOWARD)
_STEERING = compile_screened(
    # After a bare direction only another shop ("去别家") or a named one of an unmistakable kind
    # counts: 服饰, 优选, 工厂店 are also ordinary nouns ("到了…嘻哈服饰"), so they need a price or a
    # verb beside them (below); a shop type without a name ("去专卖店") is the brand's store, and
    # a shop in general ("去店里", "来这家店") is a visit to a store, often this one.  The
    # writer's own shop or room is a direction ("来我店里", "来我直播间").
    _TOWARD + r"(?:[^,，。!！?？\n]{0,11}[^,，。!！?？\n的])?(?:别家|另一家|其他家|那家)|"
    + _TOWARD + r"[^,，。!！?？\n]{0,11}[^,，。!！?？\n的]" + _NOT_ANOTHER_SHOP + r"(?:旗舰店|官方店|专卖店|专营店|小铺|杂货铺|生活馆|家居馆|小店)|"
    + _TOWARD + r"(?:我|我们|我家)的?(?:店|店铺|店里|小店|直播间|工作室|门店|机构|实体店)|去别的(?:店|家|直播间)|"
    # Another shop as a direction ("去别家", "隔壁XX优选家做工好"); "隔壁房间很吵" and "比别家好吃" are not.
    r"隔壁[^,，。!！?？\n]{0,8}?" + _NOT_LODGING_OR_DINING + r"(?:店|铺|馆|服饰|优选|严选|家(?:的|做|卖|便宜|质量|东西|货))|"
    # Another room's price for the same item ("隔壁直播间同款9.9包邮").
    r"隔壁[^,，。!！?？\n]{0,8}?直播间[^,，。!！?？\n]{0,4}同款\s*[0-9一二三四五六七八九十]|"
    r"(?:别家|另一家|其他家)[^,，。!！?？\n]{0,6}(?:才卖?\d|只要|只卖)|"
    # A shop's same goods cheaper; a platform's or a brand's own store (淘宝旗舰店同款才169) is a price
    # comparison (a flagship store is judged by the 旗舰店 branch, so 店 alone skips it).
    r"(?<!淘宝)(?<!天猫)(?<!京东)(?<!多多)(?<!官方)(?<!品牌)(?:(?<!旗舰)店|家|铺|女装|男装|童装|服饰|旗舰店|专营店|小铺|优选|严选)(?:的)?同款(?:才|只要|只卖|更?便宜)|"
    # 小黄车 (a live room's shopping cart) is how buyers tell they bought ("小黄车3号链接买的"); it
    # steers only when it is another room's or sells cheaper.
    r"(?:别家|别人家|其他家|另一家|隔壁|那家|他家)[^,，。!！?？\n]{0,8}小黄车|小黄车[^,，。!！?？\n]{0,8}(?:更便宜|便宜一半|才卖?\d|只要\d)|"
    # A comparison steers only with a direction ("搜XX，比这家强多了"); "价钱比你们便宜" and "上次那
    # 家比这家好" are a buyer's comparison told to the shop.
    r"同款(?:才|只要|只卖)[^,，。!！?？\n]{0,6}(?:块|元)|搜[^。!！?？\n]{1,16}?(?:比这|比你们|比你家)(?:家)?(?:的)?(?:好|便宜|强)|"
    # A quoted name is a direction only after a verb ("搜‘小鹿杂货铺’"); hotels and museums
    # named in quotes are places the writer went.
    r"(?:去|到|来|找|看看|搜|搜索|关注)[^,，。!！?？\n]{0,3}[‘'\"“「『][^’'\"”」』]{2,12}" + _NOT_LODGING_OR_DINING + r"(?:店|馆|铺|坊|屋|家居|旗舰|优选|严选|好物)[’'\"”」』]|"
    # A quoted name selling the same cheaper ("搜「小林手工皂」同款便宜一半"); where to go "if you want
    # to buy" ("想买正宗宁夏枸杞的还是去中宁本地的老店").
    r"[’'\"”」』](?:的|家)?同款(?:才|只要|只卖|便宜)|(?:想买|要买)[^,，。!！?？\n]{1,12}的?(?:还是|就)?(?:去|到)[^,，。!！?？\n]{0,8}(?:老店|那家|他家|[‘'\"“「『])|"
    # The same goods at a shop named in quotes, cheaper ("同款在'阿飞零食铺'才29.9").
    r"同款在[‘'\"“「『][^’'\"”」』]{2,12}[’'\"”」』](?:才|只要|只卖|卖)\s*[0-9一二两三四五六七八九十]|"
    # A named live room to go to ("去'小鹿优选'直播间").
    r"(?:去|到|来|搜|关注)[^,，。!！?？\n]{0,3}[‘'\"“「『][^’'\"”」』]{2,12}[’'\"”」』](?:的)?直播间|"
    # A named shop that sells it cheaper or better ("青柚旗舰店便宜一半", "去栗子服饰买才47块",
    # "XX小铺那家发货快质量好，这家就算了"); shops in general (实体店, 超市, 楼下小店) and
    # platforms are a buyer's price comparison, not steering.
    + _NOT_ANOTHER_SHOP + _SHOP_SUFFIX + r"(?:那家)?[^,，。!！?？\n]{0,6}"
    r"(?:便宜|才卖?\d|只要|更划算|划算多了|低一截|发货快|质量好|好很多|好太多|不是一个档次)|"
    r"(?:去|在)[^,，。!！?？\n]{2,8}" + _NOT_ANOTHER_SHOP + _SHOP_SUFFIX + r"(?:买|看看|看到|有卖|也有)|"
    # The writer's own goods instead ("要买还是买我们家的"); a next-door shop's same item cheaper.
    r"买(?:我们|我)家的(?!人|孩|宝|娃|猫|狗|老|小)|(?:要买|想买)(?:的)?(?:就|还是)?(?:来|去|到)(?:我们|我)家|隔壁[^,，。!！?？\n]{0,16}同款(?:才|只要|只卖|便宜)|"
    r"(?<!i'll )(?<!will )\bgo to (?:the )?[a-z&' ]{2,24}(?:store|shop)\b"
)
# The writer's own plan or habit ("以后去别家买了", "下次我还是去别家", "之前一直去隔壁那家吃") is a
# buyer's story, not readers sent elsewhere; "大家去别家" and "建议去别家" address them.
# ... or what the writer did afterwards ("之后就改去别家饭店").
_OWN_PLAN = re.compile(r"(?:以后|下次|今后|再也|之前|以前|原来|之后|后来|我(?:还是|就|宁愿|宁可)?)[^,，。!！?？]{0,4}$")
# What the writer did there ("退了，去别家买了个贵点的"): their own purchase told, not a direction.
_DONE_THERE = re.compile(r"(?:又|重新|另)?(?:买了|买的|买到|下单了|下了单|拍了|换了)")
# Another shop that sent the writer here ("隔壁奶茶店老板推荐我来买的") points to this one.
_SENT_HERE = re.compile(r"[^,，。!！?？]{0,4}(?:推荐|介绍|让)(?:我)?(?:来|过来|到这)")
_ADDRESSING = re.compile(r"建议|大家|你们|劝|姐妹|家人们|宝子|朋友们|各位")
_ANOTHER_SHOP = re.compile(r"别家|另一家|其他家|那家|别的")
_DIRECTION_DENIED = re.compile(r"(?:别|不要|不用|不必|没必要|何必|千万别)(?:再)?$")
_OWN_REGRET = re.compile(r"早知道|买亏了|买贵了|亏大了|白花了|不该在这(?:里)?买")
_PRICE_COMPARED = re.compile(r"便宜|才卖?\d|只要|只卖")
# The goods cleared by the writer ("你们家这个套餐券产品没问题", "东西本身没毛病"): a peer who says so
# attacks no one, whatever else they complain of.
_GOODS_CLEARED = re.compile(r"(?:产品|东西|质量|商品|货)(?:本身)?(?:都|也|倒是|还是)?没(?:有)?(?:什么|啥)?(?:问题|毛病)(?![吗么嘛]|[?？])|"
                            r"(?:产品|东西|质量|商品|货)(?:本身)?(?:倒是|还是|也)(?:好一些|好点|更好|不错|可以|还行)")
# A lower price the buyer found after buying ("买完才发现隔壁直播间同款便宜15块 有点亏"): their own regret,
# unless the review turns to its readers anywhere.
_FOUND_AFTERWARDS = re.compile(r"(?:发现|看到|才知道|早知道|刷到|听说)[^,，。!！?？]{0,6}$")
_PROBING = re.compile(
    # Which factory or supplier, and where goods are bought in; the manufacturer as a service
    # ("厂家质保3年", "怎么联系厂家安装", "厂家自送") and a courier collecting a return ("上门拿货")
    # are what buyers ask about (real JD customer-service chats).
    r"进货|进价|货源|(?:哪|哪里|哪儿|从哪|在哪|怎么)拿货|哪(?:家|里|儿)拿的|拿货(?:价|渠道|多少|便宜|要多少|怎么)|"
    # Which factory supplies the shop; which one made the goods ("哪个厂生产的？有没有3C认证") is a
    # buyer's question about what they hold.
    r"(?:哪个厂|什么厂|哪家(?:工)?厂)(?!家?(?:生产|出品|出的|做的|制造|造的))|"
    r"(?:工厂|厂家)(?:是|在)(?:哪|谁)|代工|供应商(?:是|在)(?:哪|谁)|哪(?:个|家)供应商|一天(?:能)?(?:卖|出|发)|"
    r"卖(?:了|出)?多少(?:单|件|个|份|箱|台|套|瓶|盒)|出多少单|月销|销量|利润|成本|投流|投放|推广费|"
    # Sales over a period ("一个月能走多少") and the shop's courier rate ("快递多少钱一单").
    r"(?:一个月|一天|每天|每月|一年)(?:能)?(?:走|卖|出)多少|快递[^,，。!！?？]{0,6}(?:多少钱一单|一单多少)|"
    # The factory and its contact ("温州的厂还是莆田的厂", "能给个厂家联系方式吗，我们也想上这个款").
    r"的厂还是|厂家(?:的)?联系方式|(?:我们|我)也想(?:上|进|做)(?:这个|这)?款|(?:我们|我)也想(?:拿货|进货)|拿货自己卖|"
    r"(?:工厂|厂家)(?:是|在)[^,，。!！?？]{1,4}(?:哪|谁)|(?:你们|你家)的?供应商|供应商(?:能|可以)?(?:推|介绍|告诉)"
)


# A buyer's occupation ("我是开服装店的，天天要拍视频，这个手机支架…") is why they use the goods; the
# same words from a shop of the reviewed goods' trade ("我是开鞋店的，这种鞋底…") are a rival's slip.
_OWNS_A_SHOP = re.compile(r"(?:我|我们|本人)(?:是|在[^,，。!！?？\s]{1,6})?开([^,，。!！?？\s]{1,5})店的")
_NOT_THE_TRADE = re.compile(r"[店小个家的网实体一这那]")
# A business speaking as one: a shop of its own, peers, a trade's knowledge ("做电商的都知道").
_RUNS_A_SHOP = re.compile(r"开[^,，。!！?？\s]{0,5}店的|^(?:我|我们|我家)(?:店|厂|工厂)$|同行|(?<![不])做[^,，。!！?？\s]{1,4}的都知道")
# ... that buys the goods for its own use: in its kitchen or shop, by the day or month, instead of another
# brand, for its customers, printed with its own logo, at a minimum order; and the supplies every shop
# buys (packaging, shipping bags, till rolls, takeaway boxes), whose buyers are businesses.
_SHOP_USES = re.compile(r"店里(?:在)?用|店(?:里)?(?:也|都|一直|平时)(?:在)?用|用得多|用量大|(?:给|帮)(?:客人|顾客)用|我们用的|"
                        r"后厨|(?:一天|每天|一周|一个月|每月)(?:要|得|能)?(?:用|走)(?:掉)?(?:好几|几|[0-9一二两三四五六七八九十])|"
                        r"以前用(?:的)?(?:别的|其他|别家|那家)|(?:给|帮)(?:客人|顾客|客户)(?:装|打包|送)|出餐|"
                        r"同行(?:推荐|介绍|安利)|印(?:上)?(?:我们|我)(?:店|家|公司)|logo|起订量|采购|用来(?:打包|装|包装|发货)|"
                        r"(?:带|介绍)[^,，。!！?？\s]{0,12}(?:来买|来拿|来订|一起来)|"
                        # ... or for its staff ("买给我们厂里工人用的手套").
                        r"(?:买给|给)[^,，。!！?？\s]{0,6}(?:工人|员工|同事|师傅|工友)|(?:工人|员工|工友)(?:们)?(?:用|穿|戴)|"
                        r"快递袋|打包袋|打包盒|餐盒|收银纸|小票纸|热敏纸|面单纸|封箱胶带|气泡膜|标签纸|价签|"
                        r"(?:同行|我们)(?:都|也|一直)(?:在)?用(?:这|的)")


# ... unless it sells the goods too or calls readers to itself.
_SELLS_TOO = re.compile(r"(?:店|家|我们|我)(?:也|都)(?:在)?(?:卖|有卖|有售)|来我们?(?:家|店)")


def _same_trade(folded: str, pattern: re.Pattern[str] | None = None) -> list[re.Match[str]]:
    """The "我是开…店的" (or ``pattern``'s) slips in ``folded`` that name a trade whose goods the
    review is about: a character of the trade appears elsewhere in the text."""
    found = []
    for match in (pattern or _OWNS_A_SHOP).finditer(folded):
        rest = folded[:match.start()] + folded[match.end():]
        if any(char in rest for char in _NOT_THE_TRADE.sub("", match.group(1))):
            found.append(match)
    return found


# Years in a trade told as the writer's own ("做了十年茶叶的人说一句，这茶…", "干了十年洗车的告诉你们，
# …伤车漆"): a rival when the trade is the reviewed goods'; "做了二十年老师的我…这本教辅" is an occupation.
# 种 and 养 tell of the produce itself ("养了三五年的老母鸡").
# "我自己就是卖车载充电器的" from a writer of that very trade (checked as _OWNS_A_SHOP's slips are).
# "我是做X的" names a trade of making as often as of selling ("我是做服装的", "我是做活动买的"): only a
# business's "我们也是做热水器的" counts.
_SELLS_THE_GOODS = re.compile(r"(?:(?:我|我们|本人)(?:自己)?(?:就|也)?是卖|我们(?:也|就)?是做)([^,，。!！?？\s]{1,6})的")
_YEARS_IN_TRADE = re.compile(r"(?:做|干|卖)了?(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多|几)?年"
                             r"([^,，。!！?？\s的]{1,6})的(?:人|老师傅|师傅)?")
# ... the trade named first ("卖茶叶二十年了"; not cooking, parenting or homework).
_TRADE_FOR_YEARS = re.compile(r"(?:^|(?<=[,，。!！?？\s])|我|我们|本人)(?:做|干|卖)(?!饭|菜|家务|妈|爸|父|母|老师|人|事|梦|作业|题|了)"
                              r"([^,，。!！?？\s的了]{1,4})(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多|几)?年了?")


def _statements(text: str, folded: str, rating: int = 1) -> list[EvidenceItem]:
    """The writer's own words as a rival: self-identification as a seller, steering elsewhere.

    A seller who praises (4 or 5 stars and no complaint: "从同行角度看这家打包真的用心") attacks
    no one, so their self-identification is no evidence; steering readers elsewhere always is.
    """
    identified = _spans(_SELF_IDENTIFIED, text, folded, 2)
    slips = (_same_trade(folded) + _same_trade(folded, _YEARS_IN_TRADE) + _same_trade(folded, _TRADE_FOR_YEARS)
             + _same_trade(folded, _SELLS_THE_GOODS))
    slipped = [q for q in (text[m.start():m.end()] for m in slips) if not any(q in i or i in q for i in identified)]
    identified = identified + slipped[:max(0, 2 - len(identified))]
    # A shop that uses the goods buys them ("…我店里用的普通款"), unless it sells them too or calls
    # readers to itself ("我们店也卖这款打包盒…来我们家看看").
    if identified and _SHOP_USES.search(folded) and not _SELLS_TOO.search(folded):
        # ... and peers who use them are its customers too ("我们同行都在用这个牌子的吹风机").
        identified = [q for q in identified if not _RUNS_A_SHOP.search(q)]
    if identified and rating >= 4 and not _NOT_ONLY_PRAISE.search(folded):  # praise only
        identified = []
    if identified and _GOODS_CLEARED.search(folded):  # a peer's fair word ("产品没问题 就是客服响应得改改")
        identified = []
    steering = []
    for match in _STEERING.finditer(folded):
        before = _clause_around(folded, match.start(), match.start())[0]
        if _ANOTHER_SHOP.search(match.group()) and _OWN_PLAN.search(before) and not _ADDRESSING.search(before):
            continue
        if _FOUND_AFTERWARDS.search(before) and not _ADDRESSING.search(folded):
            continue
        if _SENT_HERE.match(folded, match.end()):  # "隔壁奶茶店老板推荐我来买的" sends the writer here
            continue
        if (_ANOTHER_SHOP.search(match.group()) and _DONE_THERE.match(folded, match.end())
                and not _ADDRESSING.search(folded)):
            continue
        if before.endswith("比"):  # "比隔壁那家便宜还送安装": this shop is the cheaper one
            continue
        if _DIRECTION_DENIED.search(before):  # "别去别家踩雷了，认准这家" keeps readers here
            continue
        # The writer's regret at paying more ("隔壁直播间同款便宜二十 早知道不在这买了") sends no one.
        if (_PRICE_COMPARED.search(match.group()) and _OWN_REGRET.search(folded) and not _ADDRESSING.search(folded)
                and not _TOWARD_RE.search(match.group())):
            continue
        if "官方" in match.group() or "品牌" in match.group():  # the brand's own store is no rival
            continue
        steering.append(text[match.start():match.end()])
        if len(steering) == 2:
            break
    return [EvidenceItem(COMPETITOR, "seller_self_identification", "review", "评价者自称同行/商家或谈及进价成本", quote=q)
            for q in identified] + [
        EvidenceItem(COMPETITOR, "steers_to_other_shop", "review", "评价引导消费者去其他店铺购买", quote=q)
        for q in steering]


def competitor_statements(text: str) -> list[str]:
    """Quotes in ``text`` of a writer who identifies as a seller or steers to another shop."""
    return [e.quote for e in _statements(text, aligned(text)) if e.quote]


# A check of the maker's papers ("生产厂家是哪个 有批准文号吗") asks who made the goods in hand.
_VERIFYING = re.compile(r"注册证|批准文号|准字|资质|正品|真假|认证|合格证|生产许可|质检|检测报告|保质期|生产日期")


def _probes(folded: str) -> bool:
    # A question about the factory asked with its papers is a check of the goods, not of the supply.
    if any(not ("厂" in m.group() and _VERIFYING.search(folded)) for m in _PROBING.finditer(folded)):
        return True
    # A shop that buys for its own use ("能印我们店的logo吗？起订量多少") speaks as a customer.
    return any(not (_RUNS_A_SHOP.search(m.group()) and _SHOP_USES.search(folded)) for m in _SELF_IDENTIFIED.finditer(folded))


def probes_the_trade(message: str) -> bool:
    """Whether a buyer's chat message asks about supply, costs or sales, or speaks as a seller."""
    return _probes(aligned(message))


def _competitor(item: Any, chats: Sequence[tuple[int, str, str]], text: str, folded: str) -> list[EvidenceItem]:
    found = _statements(text, folded, item.rating)
    # A review of praise only attacks no one, whatever was asked in chat ("你们直播间好火啊 一天能卖多少单
    # 啊哈哈" before a sixth order and five stars), as a seller's praise is no rival's word (_statements).
    praise_only = item.rating >= 4 and not _NOT_ONLY_PRAISE.search(folded)
    for index, original, message in chats:
        if _probes(message) and not praise_only:
            found.append(EvidenceItem(COMPETITOR, "probes_supplier_cost_sales", "chat",
                                      "买家打探进货渠道、成本或销量", quote=original, index=index))
    return found[:6] + _account_facts(item, text)


# Defects found on opening, switching on, tasting, smelling or trying on (a bare verdict on the
# workmanship, 做工太差, names nothing seen: rivals write it too; 线头一大堆 does).
_SEEN_ON_UNBOXING = re.compile(r"打开|拆开|开箱|一拆|一开|插上|通电|开机|没反应|不亮|不通电|开不了机|焦味|异味|臭味|味道|闻着|一股|尝|吃了|吃两|喝了|"
                               r"咬|嚼|口感|太硬|太软|太甜|太咸|太辣|难吃|吵|噪音|异响|刮|划痕|毛刺|扎手|线头|毛边|走线|开线|松垮|松松垮垮|[跟和与]图片|颜色(?:不|差|灰|暗|发)|"
                               r"试穿|穿上|上脚|试了|碎了|破了|裂了|漏了|瘪了|变形|发霉|坏的|坏了|烂了|少了|缺|发错|色差|尺码|偏大|偏小")


# ... and what only use over time can show.
_TAKES_USE = re.compile(r"用了|用过|起疹|过敏|医院|几天|一周|效果|洗了|穿了|戴了|坚持|掉色|起球|开线|掉毛")


def _judged_on_unboxing(told: str) -> bool:
    """What the unboxing itself shows ("打开就一股焦味，插上电没反应", "太甜了，吃两块就不想吃了") is judged in
    minutes; a verdict that takes use ("根本没有效果", "孩子用了起疹子") comes too soon."""
    return bool(_SEEN_ON_UNBOXING.search(told)) and not _TAKES_USE.search(told)


def _account_facts(item: Any, text: str) -> list[EvidenceItem]:
    """The buyer's account and timing facts; ``text`` is the buyer's words (the shop's reply cut off)."""
    order = item.order
    buyer = order.buyer if order else None
    found = []
    if buyer and buyer.account_age_days is not None and buyer.account_age_days <= NEW_ACCOUNT_DAYS:
        found.append(EvidenceItem(COMPETITOR, "new_account", "account", "新注册账号即发布差评",
                                  fact=f"账号注册 {buyer.account_age_days} 天"))
    if buyer and buyer.reviews_total and buyer.reviews_total >= 2 and buyer.negative_reviews_total == buyer.reviews_total:
        found.append(EvidenceItem(COMPETITOR, "all_negative_history", "account", "账号评价记录异常",
                                  fact=f"历史评价 {buyer.reviews_total} 条全部为差评"))
    if order and order.delivered_at and item.created_at and item.rating <= 3:
        minutes = (item.created_at - order.delivered_at).total_seconds() / 60
        if 0 <= minutes <= QUICK_REVIEW_MINUTES and not _judged_on_unboxing(normalize_text(text)):
            found.append(EvidenceItem(COMPETITOR, "review_minutes_after_delivery", "order", "来不及使用商品就给出差评",
                                      fact=f"签收后 {minutes:.0f} 分钟即发布差评"))
    return found


# --- ads -----------------------------------------------------------------------------------------
# Contacts as typed (full-width letters, emoji joiners, spaced digits); their de-obfuscated form
# is stated beside the quote.
_ID_CHARS = r"[0-9a-zA-Z０-９ａ-ｚＡ-Ｚ_\-*＊]"
_TLDS = r"(?:com|cn|net|top|vip|cc|org|info|biz|xyz|pw|me|tk|ws)"  # domains in a contact and in a link
# A landline as businesses print it, area code set apart ("0755-83673892", "(010) 62231982"), or a
# 400/800 service number; an unseparated run of digits may be an order id and is left alone.
_LANDLINE_NUMBER = r"[(（]?0(?:[12][0-9]|[3-9][0-9]{2})[)）]?[\s\-－—]{1,2}[2-9][0-9]{6,7}|[48]00[\s\-－][0-9]{3}[\s\-－]?[0-9]{4}"
# Digits as Chinese numerals, formal and everyday ("壹叁捌", "一三八", "幺").
_NUMERALS = "零〇一幺二两三四五六七八九壹贰叁肆伍陆柒捌玖"
# A group-buy group to join, not the writer's own community's ("我们小区团购群都在买").
_OTHERS_GROUP_BUY = r"(?<!我们小区)(?<!我们单位)(?<!我们公司)团购群"
_CONTACT = compile_screened(
    # A Latin prefix letter inside a Latin word ("everest", "CQ45") is part of that word, a v after
    # digits is a unit ("220V 1800W"), and a
    # bare v run into letters and digits is a model number ("VA051PA") unless a call precedes it ("加v138…");
    # so is "vx" before fewer than five id characters ("vx600x": a WeChat id has six or more).
    r"(?:(?:[微威薇维徽]|(?<![a-z0-9０-９])[vVｖＶ](?![0-9a-wyz])(?!x[0-9a-z_\-]{1,4}(?![0-9a-z_\-]))|(?<=[加➕+＋私找])[vVｖＶ])[^\s，。,.!！?？@/]{0,3}[信xXｘＸ]?|(?<![a-z])(?:[qQｑＱ]{2}|[qQｑＱ]\s*[:：]|[qQｑＱ](?=\s*[\d０-９]))|(?<![a-z])wx(?![a-z])|扣扣|抠抠|口口|蔻蔻|寇寇|扣|企鹅|🐧|"
    r"wei\s*xin|[裙群](?!众|体|岛|落|居|星|山|英|殴)号?|q\s+q|私\s*q|qun|卫星|🛰|[扣qQ]号|私扣|速?加扣|抖y|斗音号?|dy|"
    r"抖音号?|快手号?|群号?)"
    # The id follows the prefix closely and has digits in it ("微软...vista", "手机店买了EG750" are words).
    r"[^，。,.!！?？@/]{0,5}?(?=(?:[^\d０-９，。,.!！?？]{0,12}[\d０-９]){2})" + _ID_CHARS + r"(?:[\s·.\-]{0,2}" + _ID_CHARS + r"){4,}"
    # "加 abc12345", "加我 13800..." and an id after 咨询/联系: the id right after the call to add.
    # The id after a call to add has a digit in it ("找LENOVO换" names a brand).
    r"|(?:加|咨询|联系|找)(?:我|个|下)?\s*[:：]?\s*(?=[0-9a-zA-Z_\-*]*[0-9])" + _ID_CHARS + r"(?:[\s·.\-]{0,1}" + _ID_CHARS + r"){5,}"
    # A domain with its dot dropped or spaced to pass filters ("wqkj777. top", "nw91mctop", "wwwshopabc").
    r"|(?<![a-z0-9])(?=[a-z]*[0-9])[a-z0-9]{4,}\s?\.?\s?(?:top|cn|com)(?![a-z])|www\s?[a-z0-9\-]{3,}?(?:com|cn|net|top|store|shop)(?![a-z])|[a-z0-9\-]{2,}\s\.(?:cn|com|top|net)(?![a-z])"
    r"|https?://[!-~]+|www\.[!-~]+|(?<![a-z0-9\-])(?!(?:asp|vb|ado)\.net)[a-z0-9\-]+\." + _TLDS + r"(?![a-z0-9])"
    # A dot spelt out to pass filters: "gdnj点com", "www点tfn点cn".
    r"|[a-z0-9\-]{2,}\s*(?:点|。|dot)\s*(?:[a-z0-9\-]+\s*(?:点|。|dot)\s*)?" + _TLDS + r"(?![a-z])"
    # ... or a letter at a time ("w w w . h a o d y . c n").
    r"|w\s+w\s+w\s*[.。点]\s*(?:[a-z0-9]\s*){3,}[.。点]\s*(?:c\s*n|c\s*o\s*m|n\s*e\s*t|t\s*o\s*p)(?![a-z])"
    # ... after a name in letters and characters ("dy影院点cc").
    r"|(?<![a-z0-9])[a-z0-9]{1,8}[\u4e00-\u9fff]{1,4}\s*(?:点|dot)\s*" + _TLDS + r"(?![a-z])"
    # A short link spelt out ("t点cn斜杠xYz89").
    r"|(?<![a-z0-9])[a-z0-9\-]+\s*(?:点|dot)\s*" + _TLDS + r"\s*(?:斜杠|/)\s*[a-z0-9]{3,}"
    # A WeChat id of letters and numerals said aloud by voice input ("➕薇 xyz六六六", "加维 新 a a 八八六六").
    r"|(?:vx|wx|微信|薇信|威信|v信|[加+➕]\s*[薇威维]|[微薇威维]\s?新)[^，。,.!！?？\u4e00-\u9fff]{0,3}(?=[a-z\s]*?[a-z])"
    r"(?=(?:[a-z0-9\s]*[" + _NUMERALS + r"]){3})[a-z0-9" + _NUMERALS + r"](?:\s?[a-z0-9" + _NUMERALS + r"]){5,}"
    # A number read out in pinyin after a contact word ("wx: yi ba wu er ling san qi qi ba ba liu").
    r"|(?:wx|vx|微信|qq|电话|手机)\s*[:：]?\s*(?:(?:ling|yi|yao|er|liang|san|si|wu|liu|qi|ba|jiu)\s*){6,}"
    # A list of bus routes ("18.19.23.25.27.35路") is no phone number.
    # Eleven digits inside a longer number ("SF1425367890123", an order id) are no phone.
    r"|(?<![0-9０-９])[1１][\s\-·.]{0,3}[3-9３-９](?:[\s\-·.*＊]{0,3}[0-9０-９*＊xX]){9}(?![0-9０-９]|[.、]*路)"
    r"|(?:扣扣|抠抠|口口|蔻蔻|扣号|扣|企鹅|🐧|q\s*q|q\s*[:：]?|vx|wx|微信|薇信|威信|v信|[加+➕]\s*[薇威]|手机|电话|热线|联系|咨询|找我|[群裙]号|☎|📞)[^，。,.!！?？]{0,4}"
    r"(?=(?:[0-9\s]*[" + _NUMERALS + r"]){3})[" + _NUMERALS + r"0-9](?:\s?[" + _NUMERALS + r"0-9]){6,}"
    # A mobile number in numerals, formal or not, with spaces and no prefix ("壹叁捌 零零贰伍 陆柒捌玖").
    r"|(?<![" + _NUMERALS + r"])[一壹幺]\s?[三四五六七八九叁肆伍陆柒捌玖](?:\s?[" + _NUMERALS + r"]){9}(?![" + _NUMERALS + r"])"
    # A WeChat id of letters to search or add ("vx搜 haowu_tuan"): six or more, a letter first.
    # Spaced to pass filters ("微 信 搜 ：jk 5 5 8 6 6").
    r"|(?<![a-z])(?:vx|wx|wei\s?xin|[微薇威徽🟢💚]\s?信|v信|加[微薇威])\s*(?:搜|号|id)?\s*[:：]?\s*[a-z](?:\s?[a-z0-9_\-]){5,19}(?![a-z0-9_\-])"
    # A Douyin or Kuaishou id of letters after a colon ("dy：qiaohao_ma"), an id to be read without its
    # spaces ("去掉空格 m a m a 9 9 0").
    r"|(?<![a-z])(?:dy号?|抖音号?|快手号?|ks号?)\s*[:：]\s*[a-z](?:\s?[a-z0-9_\-.]){4,19}(?![a-z0-9_\-])"
    r"|(?:去掉|去除|删掉|删除|去)空格[^,，。!！?？\n]{0,4}?(?:[a-z0-9]\s*){5,}"
    # An id of letters and numerals after a WeChat word ("v是ab幺二三四五六").
    r"|(?<![a-z])(?:v|vx|wx|v信|[微薇威]信)\s*(?:是|号是?|[:：])\s*[a-z]{1,8}(?:\s?[" + _NUMERALS + r"0-9]){5,}"
    # A number on a messaging app of abroad ("add WhatsApp +852 6123 4578").
    r"|(?:whatsapp|telegram|line)\s*(?:id)?\s*[:：]?\s*\+?[0-9][0-9\s\-]{6,}[0-9]"
    # A mobile number typed in Chinese numerals with no prefix ("📞一三九 零零零零 一二三四").
    r"|(?<![零〇一二两三四五六七八九])一\s?[三四五六七八九](?:\s?[零〇一二两三四五六七八九]){9}(?![零〇一二两三四五六七八九])"
    # An Instagram or Telegram handle ("IG：hk_daigou.mall").
    r"|(?<![a-z])(?:ig|instagram|telegram|tg|whatsapp|line\s?id)\s*[:：@]\s*@?[a-z0-9_.]{4,}"
    # A landline (_LANDLINE_NUMBER).
    r"|(?<![0-9\-])(?:" + _LANDLINE_NUMBER + r")(?![0-9])"
    # A phone number is digits: "手机OT735", "电话簿(300X3" name a model and a capacity.
    r"|(?:手机|电话|tel|联系方式)(?:号码?|电话)?\s*(?:是|为)?\s*[:：;；]?\s*[(（]?\d(?:[\s\-)）]{0,2}\d){6,}"
    # A bare plus before an id ("+abc12345", "➕ 551254294"), not a bundle ("洗发水+护发素400ml", "+512TF卡").
    r"|[+＋➕]\s*[:：]?\s*(?:(?=[0-9a-z_\-]*[0-9])[a-z][0-9a-z_\-]{5,19}|[1-9][0-9]{5,10})(?![0-9a-z.])"
    # Masked digits ("招生电话 xxx"): the number was removed, the call to contact stays.
    r"|(?:电话|手机|微信|qq|热线|tel|vx|wx)\s*[:：]?\s*[x×*＊#]{3,}"
    # A bare group or account number after a call to join ("加入419426117", "获取就来596370929").
    r"|(?:加入|就来|快来|速来|进群|入群|加群)\s*[:：]?\s*[0-9０-９]{6,11}(?![0-9０-９])"
    # A named person to reach, then the number ("需要联系小夏2260771613", "找默然1516842687");
    # "加之170…" is a conjunction.
    r"|(?:联系|找|加)(?![之上入速快班工油热强大])[\u4e00-\u9fff]{1,3}\s*[:：]?\s*[1-9][0-9]{5,11}(?![0-9])"
)
_HANDLE = compile_screened(
    # An account to follow may be named a few characters later ("关注一下我的抖音号"); a shop or
    # live room must be the writer's or come right after the call ("进店铺", "来我小店"), since
    # "进门时看着店铺不大" and "来到这家店铺" tell of a visit.
    # The writer's own way here ("专门来抖音搜的", "来小红书看到的") is their story, no call.
    # "想起来前阵子在抖音买的" ends a word with 来, as 起来, 回来 and 后来 do: no call.
    r"(?:关注|搜|搜索|加|进|(?<![起出回过上下后原本未将带])来)(?![了过到门去])[^,，。!！?？\n]{0,6}(?:我的?)?(?:抖音号?|快手号?|小红书|公众号|公众平台|公众帐号|视频号|主页|账号)"
    r"(?![^,，。!！?？\n]{0,2}(?:搜的|搜了|买的|看到|刷到|看的|投诉|举报|曝光))|"
    # A group to join ("进群", "加个福利群", "进不禁言交流群"); the 来 of "想起来前几天群里有推荐" calls no one.
    r"(?:关注|搜|搜索|加|进|(?<![起出回过上下后原本未将带])来)(?![了过到门去])[^,，。!！?？\n]{0,6}(?<![一人羊鸟牛马鱼狼蜂族])群(?!众|体|岛|落|居|星|山|英|殴)(?:(?![\u4e00-\u9fff])|(?=[里内号聊主友领抢拿享看有发免送一]|咨询|交流|了解))|"
    # A room entered in the writer's story ("进直播间就被种草了", "已关注店铺") is no call; a shop or
    # room named as no one's ("关注店铺有粉丝券") is the reviewed shop's own, relayed.
    r"(?<!一直)(?<!已经)(?<!经常)(?<!早就)(?<!已)(?<!才)(?:关注|进|来)(?:我的?|我们的?|本)(?:店铺|小店|直播间)(?!就|的时候|时|看到|发现|才|被|买|拍|下单|下的单)|"
    r"[看点]我(?:的)?(?:主页|头像|橱窗|视频|直播|简介)|(?<=[,，。!！?？\s])看头像[。!！~～\s]*$|看头像(?:联系|加我|找我)|(?:要的|需要的|想要的)私(?:我|聊|信)?(?=$|[,，。!！?？\s~～])|(?:抖音号|快手号|(?<![a-z])dy号|(?<![a-z])ks号|公众号|视频号|[群裙]号)(?=\s*[:：]|\s*[a-z0-9_]{3,})|私信我|私聊|私我|滴滴我|(?:(?:需要|想要|要的|有意|感兴趣|欢迎|可以|随时|直接|就|请|速|快|赶紧|买|报名|看房|咨询|合作|代理|私聊|私信|订购|购买|拿货)[^,，。!！?？\n]{0,2}|的来|的找我|都来|快来|就来|^|(?<=[,，。!！?？\s~～]))找我(?!们|的|了|说|聊|玩|要|借|妈|爸|哥|姐|家)|(?<![追增参更附外])加我(?!们|喜欢|爱吃|最爱)|"
    # A shop password to paste ("¥5m1oxxzobhu¥", "复制到【手机宝】打开") opens a listing.
    r"[¥￥$]\s*[0-9a-z]{8,}\s*[¥￥$]|复制[^,，。!！?？\n]{0,12}打开|"
    # The writer's own listing ("主页橱窗有链接", "橱窗里有同款").
    r"(?:主页|橱窗)[^,，。!！?？\n]{0,3}(?:有|里)[^,，。!！?？\n]{0,2}(?:链接|同款|更多)|主页橱窗(?:里)?(?:就|也)?有(?![^,，。!！?？\n]{0,4}(?:吗|么|嘛|[?？]))|(?:主页|橱窗)[^,，。!！?？\n]{0,2}(?:自取|自提|可拍|有售|可以下单)|"
    r"来我(?:店|们店|家店)|来我(?:家|这)里?(?:看看|买|选|逛|下单|咨询|拿货|定制|订购|拼)|关注我|关注一下|我[的得]?橱窗|橱窗(?:链接|同款|下单|里(?:还有|更多|有更多|有链接|找)(?![^,，。!！?？\n]{0,10}(?:吗|么|嘛|[?？])))|(?:我的?|看|点|进|去|见)主页|在主页(?![^,，。!！?？\n]{0,2}(?:看到|刷到|发现|看见))|主页(?:有|里|链接|见|看(?!到|见)|点|进)|点开看看|(?:点|戳|快|赶紧|可以)进去看看|戳我|戳q|粉丝群|[群裙]里(?:领|抢|有福利|有优惠|见)|[群裙]进来|进[群裙]|拼单群|" + _OTHERS_GROUP_BUY + r"|(?<!成语)接龙|"
    r"(?:淘宝|拼多多|京东|闲鱼|咸鱼|微店)[^,，。!！?？\n]{0,2}搜(?![了过到]|一圈|同款|一下同款)|"
    # An account named in quotes to search on an app ("小红书搜'吃遍成都的阿雅'").
    # ... not a how-to found there ("抖音搜'磁力片搭城堡'有好多玩法").
    r"(?:抖音|快手|小红书|b站|微博|视频号|[微薇威]信|vx|wx|v信)(?:上|里)?(?:搜|搜索)\s*[“\"'‘「『][^”\"'’」』]{2,16}[”\"'’」』]"
    r"(?![^,，。!！?？\n]{0,6}(?:玩法|攻略|教程|视频|做法|方法|怎么))|"
    # Any name in quotes to search for ("推荐一个店铺，搜'潮品数码仓'"), not the buyer's own search.
    r"搜(?:索)?(?:小程序|公众号|app)?\s*[“\"'‘「『][^”\"'’」』]{2,12}[”\"'’」』](?![^,，。!！?？\n]{0,3}(?:没|了|也|都|发现|看到|找到))"
    r"(?![^,，。!！?？\n]{0,6}(?:玩法|攻略|教程|视频|做法|方法|怎么))|"
    # ... or after a colon ("去抖音搜：秦岭老蜂农888").
    r"(?:抖音|快手|小红书|b站|微博|视频号|闲鱼|咸鱼)(?:上|里)?(?:搜|搜索)\s*[:：]\s*[^,，。!！?？\s]{2,16}|"
    # ... or after a space, ending the text or the clause ("小红书搜 东京买手阿晴"); not the writer's own
    # search ("小红书搜 攻略 看到的", "搜 了很久").
    r"(?:抖音|快手|小红书|b站|微博|视频号|闲鱼|咸鱼)(?:上|里)?(?:搜|搜索)\s+(?![了过到]|同款|攻略|一下|这|那|型号|名字|关键词|二手)[^,，。!！?？\s]{2,16}(?=\s|$|[,，。!！?？~～])|"
    # An @account on a shopping platform pointed at ("同款低价在小红薯 @阿梨的好物分享", "看我dy @小鹿穿搭
    # 日记"; not a Weibo mention, which real reviews use to sign themselves), a call to follow.
    r"(?:看|关注|搜|去|来|在)(?:我的?)?(?:小红[书薯]|抖音|dy|快手|b站|视频号)(?:上|里|号)?\s*@\s*[^\s,，。!！?？@]{2,16}|关注不迷路|(?:认准|(?<![已有没])关注)\s*@\s*[^\s,，。!！?？@]{2,16}|(?:去|来)搜\s+[^,，。!！?？\s]{2,12}(?=\s)(?![^,，。!！?？\n]{0,3}(?:看到|发现|找到|没))|"
    # An @account to search for ("围脖搜 @小学资料库2026").
    r"搜(?:索)?\s*[:：]?\s*@\s*[^,，。!！?？\s@]{2,16}|"
    # A contact pointed at instead of written ("v同头像", "v在签名", "微信见主页", "🐧看昵称").
    # A WeChat "of the same name" as the writer ("威信同名").
    r"(?<![a-z])(?:v|vx|wx|q|qq|微|薇|威|[微薇威维]信|扣扣|企鹅|🐧)\s*(?:同名|同号|(?:同|在|见|看|就是|=)\s*(?:头像|签名|主页|昵称|名字|简介|id|抖音号|快手号))|"
    # A shop to search for or come to ("抖音搜青柚杂货铺", "搜我店…", "来初夏旗舰店", "进我橱窗").
    r"搜(?:索)?(?![了过到]|一圈|一番|发现)[^,，。!！?？\n]{1,10}(?:店|铺|馆|服饰|工厂|坊|茶庄|茶行)|进我(?:的)?橱窗|"
    # A name set in brackets to search for ("搜【情乐城】"); a book title 《…》 may be what was bought.
    r"搜(?:索)?(?:小程序|公众号|app)?\s*【[^】]{2,10}】|"
    # A name to search for and buy or back ("大家去搜墨香文具直接买", "搜 巧手鞋垫 大家支持一下").
    r"(?:去|来)搜(?:索)?(?![了过到]|一圈|一番|同款)[^,，。!！?？\n]{2,10}?(?:直接)?(?:买|下单|拍)|搜(?:索)?\s+[^,，。!！?？\s]{2,12}\s+(?:大家)?(?:支持|关注|看看)|"
    # "来" opens the clause: an invitation, not the 来 inside a name ("伊来顺宁波的旗舰店").
    r"(?:^|(?<=[,，。!！?？\s~～]))(?:快|速|欢迎|都|就)?来[^,，。!！?？\n]{1,6}(?:旗舰店|专营店|工厂店|小铺|家居馆)|(?:就能|能|可以)找到我"
)
# A discount as a listing states it ("特价6.8折", "团购68折"): an offer, and a deal a buyer may report.
_LISTED_DISCOUNT = r"(?:特价|团购|促销)\s*[\d.]+\s*折"
_PROMOTION = compile_screened(
    # An app to download with a code to fill in ("下载XX App填邀请码…立领50元无门槛"), goods given with an
    # order ("现在下单还送两个铲子").
    # Students recruited to a place ("学古筝来筝艺坊 线下体验课9.9元").
    r"(?<![\u4e00-\u9fff])学(?!习|员|科|生|校|院|历|者|期|费)[^,，。!！?？\s]{1,4}(?:就)?(?:来|到|找)(?!自)[^,，。!！?？\s]{1,6}(?:坊|琴行|工作室|学堂|培训班|机构)|"
    r"邀请码|(?<!建)立领(?!导|袖|子)|无门槛(?:券|红包|使用)|下单(?:还|就|即|再)送|"
    # Replicas for sale with a way to reach the seller ("高仿大牌童装 一比一 ins同款 看头像联系").
    r"(?:高仿|复刻|原单(?![位元])|(?<![a-z])a货|一比一|1比1|(?<![0-9])1:1(?![0-9]))[^。!！?？\n]{0,30}?(?:看头像|头像联系|私我|要的私|私聊|私信|滴滴|联系|咨询|主页|橱窗)|"
    r"全场[^,，。!！?？\n]{0,6}(?:折|减|包邮|特价)|[一二三四五六七八九\d]\s*折(?:起|优惠|特价)|满\s*\d+\s*减|"
    # A discount as a listing states it (_LISTED_DISCOUNT, "7折至9折", a "【特价】" headline).
    + _LISTED_DISCOUNT + r"|[\d.]+\s*折\s*(?:至|到|-|~|～)\s*[\d.]+\s*折|【(?:特价|促销|优惠|团购|招聘|招商|热卖|限时)】|"
    r"领券|大额(?:优惠)?券|无门槛|送券|(?<!理)发券(?!码)|折扣码|优惠码|一元购|清仓|(?<!到)店庆(?!祝)|(?:新店|新)开业(?=[^,，。!！?？\n]{0,4}(?:酬宾|特惠|优惠|大促|福利|活动|折|送|免|啦|了[!！]))|开业大酬宾|"
    # 秒杀 as a sale, not as "outclasses" ("音质秒杀同价位").
    r"秒杀(?:价|活动|专场|开始|进行|中|福利|名额|链接|时间|啦)|限时秒杀|(?:\d+点|整点|今晚|明晚|每晚)秒杀|"
    r"(?<![“\"「『])欢迎(?:光临|进店|选购|咨询|来(?:店|我|本|咨询|选购|订购|体验|看看|逛|电)|到店|私信|报名|加入)|进店(?:领|享|有礼|送|咨询|选购)|详情(?:咨询|联系|私|(?:请|见)(?!看?(?:图|照片|视频|下图|上图|第[一二三四五六七八九\d]+张|评论|追评|买家秀)))|"
    r"咨询(?:电话|热线)|"
    # Enrolment as an offer ("暑期招生", "招生啦"), not admissions talk ("招生分数线", "按成绩招生").
    r"招生(?:啦|了|中|热线|电话|简章|对象|报名|开始|进行|季|老师)|(?:火热|正在|现|常年|长期|春季|秋季|暑期|寒假|暑假|火爆)招生|开课|培训班(?:招生|开课|火热|报名|开班|名额|学费|欢迎|优惠|免费|包|火爆)|课程(?:报名|咨询|优惠)|"
    # Sign-up as an offer, not a buyer who signed up for an exam ("报名了考试的考生").
    r"(?:火热|欢迎|即可|现在|立即|马上|赶快|赶紧|抓紧|正在|开始|接受)报名|报名(?:热线|电话|从速|方式|地址|中(?=$|[,，。!！~～\s])|送|找|咨询|请|即送|就送|者)|驾校报名|(?<![先看听])试听(?!吧|一下再|说)|包教包会|"
    # Recruiting as an offer ("现招聘…3名", "招聘："), not a buyer who says a shop should hire more.
    r"(?:现|诚|急|长期|火热|高薪|公开)(?:招聘|招募)|招聘[^,，。!！?？\n]{0,12}[\d一二两三四五六七八九十几]+\s*(?:名|位|人)|招聘(?:启事|简章|要求|岗位|职位|条件|\s*[:：])|(?<!多)招聘(?:导购|店员|服务员|销售|主播|客服|司机|保安|学徒|员工|工人|普工|文员|模特|工程师|程序员|专员|经理|助理|会计|技术员|业务员|设计师|美工|编辑)|周末双休|包吃包住|包食宿|待遇优厚|薪资面议|诚聘|招募(?!了)|(?:招|诚招)?兼职(?:日结|招聘|打字|在家|赚)|"
    r"招兼职|(?<![\d一二三四五六七八九十])日结(?!束|婚|了)|日赚\d|日入(?:\d|[一二三四五六七八九十百千万]+(?:元|块))|月入(?:过万|上万|\d+\s*(?:元|块|w|万|k)?\s*(?:不是梦|起|以上|\+))|额外收入(?:过|达|上万|\d)|(?:招|兼职|找人|诚招|日结)刷单|刷单(?:兼职|返佣|佣金|日结|赚|任务|群|找我|联系|加我|员|手(?!段))|宝妈[、,，/\s]*(?:学生|上班族)|(?:学生|上班族)[、,，/\s]*宝妈|宝妈(?:兼职|副业|在家|创业|招募)|(?<![工农])副业|躺赚|赚零花钱|"
    # Loans as an offer, not a story about one's own mortgage ("贷款买房", "还贷款").
    r"贷款(?:找|咨询|热线|电话|秒批|当天|不看|无需|服务|业务|额度)|(?:创业|信用|无抵押|低息|快速|当天|秒批|免息|急用钱)贷款|贷款[^,，。!！?？\n]{0,4}(?:利息低|低利息|秒批|秒到|额度高)|办理贷款(?!比较)|借款(?:找|咨询|秒批|当天)|放款|无抵押|低息|(?<!时)代开(?!始|心)|开(?:具)?各类发票|楼盘(?:在售|热销|特价|开售|认购|推荐|出售|火爆|优惠|直售)|房源|首付(?:\s*\d|[一二三四五六七八九十两几]|仅|只|低至|最低)|售楼|学区房(?:出售|急售|在售|热售|直售|特价|首选)|代购|"
    # Fakes on offer ("顶级高仿包包", "复刻工厂直发"); a buyer's suspicion ("严重怀疑是高仿", "以为是高仿")
    # or a sneaker's retro edition ("复刻版") offers nothing.
    r"(?:顶级|精仿|专做|专卖|专营|批发|出|卖|接单)(?:高仿|复刻)|(?:高仿|复刻)(?=[^,，。!！?？\n]{0,4}(?:批发|出售|货源|工厂|厂家|渠道|私|加我|联系|找我|微信|v信|vx|下单|拿货|包邮))|"
    r"(?:一比一|1[:：比]1)\s*(?:复刻|高仿|原单|专柜(?:品质|质量)|原厂(?:品质|质量))|(?:^|(?<=[\s,，。!！?？:：~～【】\[\]]))出售(?!了|过|的是)|(?:低价|特价|现|急|长期|大量|批量|对外|优价|廉价|便宜|均可|欢迎|诚意|本店|本公司|我司|现货|常年|另有|也有|专业|折|市集)出售|出售(?:各类|各种|二手|全新|一批|大量|[:：]|中|啦|价|自家|自产|优质|正品|一台|一辆|一套|闲置|自用)|出闲置|出号|收号|卖号|"
    r"有意(?:者)?私|有需要(?:的)?(?:可以)?(?:找|联系|私|加|滴)|加盟(?:热线|电话|咨询|条件|费用|优势)|诚邀加盟|"
    r"欢迎加盟|招商加盟|火热招商|全国招商|招(?:商|募)代理|代理(?:加盟|招募)|上门服务|全包半包|同城上门|"
    + _OTHERS_GROUP_BUY + r"|拼个?团|开团|参团|成团|团长(?:招募|带团|开团|佣金|福利|推荐|价|群)|(?:招募|招|当|做)团长|内部价|内部渠道|渠道价|福利群|进群(?!以后|之后|后)|免费领|包邮到家|限时(?:特价|优惠|抢购)|火爆招|"
    r"抽免单|免单名额|诚招|"
    # An account of the same name on another app ("抖音同名 @小王二手车行"), a dealer's trade ("收售各类
    # 二手车", "专业寄卖回收"), a course priced to the reader ("课程只要399 私信领资料").
    r"(?:抖音|快手|小红书|视频号|微博)同名|同名(?:抖音|快手|小红书|视频号)|收售|专业(?:寄卖|回收)|寄卖回收|欢迎来看(?:车|房|货|样品)|"
    r"(?:课程|学费|报名费|课)(?:只要|只需|仅需|仅)\s*[0-9一二三四五六七八九十百千]+|私信(?:领|获取|了解|咨询|拿)|"
    # The writer's name as a discount code at another business ("报我名字还能打八折").
    r"报我(?:的)?名字[^,，。!！?？\n]{0,6}(?:打|享|优惠|送|免|减|便宜)|"
    # Marketing copy: the idioms of a company's offer, whatever it sells.
    r"名额有限|先到先得|新老客户|欢迎[^,，。!！?？\n]{0,4}惠顾|量大从优|尊敬的客户|老板(?:们)?看过来|长期提供|签约即送|"
    r"下单(?:就|即)送|福利来了|周年庆|满减|叠加优惠券|[2２][4４]小[时時]服务|免费上门|推出[^,，。!！?？\n]{0,10}套餐|新品上市|"
    # The writer's own goods recommended ("顺便推荐下我家的手工皂"); "推荐我家人买" and "安利一下我家猫
    # 最爱的" are family.
    r"(?:推荐|安利)(?:一)?下?(?:我家|我们家|自家|我店|我们店)的?(?!宝|孩|猫|狗|娃|老|小|闺|儿|女|人|先生|那)|"
    r"(?:宣传|打个?广告|打打广告)(?:一)?下(?:我|我们|我家|自家|本店)的?|"
    # A name or number to search on an app, with what the reader gets there ("抖音搜小鹿家就有",
    # "支付宝搜 8827361 天天领"); the buyer's own search ("专门来抖音搜的") tells a story.
    # "抖音搜店名就能找到" names no shop: the one reviewed, recommended.
    # ... or an audience called to search ("想要正品的dy搜 潮品仓小七").
    r"想要[^,，。!！?？\s]{1,6}的[^,，。!！?？]{0,3}(?:支付宝|微信|抖音|(?<![a-z])dy|快手|小红书|淘宝|拼多多|闲鱼|咸鱼)(?:里|上)?(?:搜|搜索)|"
    r"(?:支付宝|微信|抖音|(?<![a-z])dy|快手|小红书|淘宝|拼多多|京东|闲鱼|咸鱼)(?:里|上)?(?:搜|搜索)(?![了过到的]|一圈|一下同款|同款|店名|店铺名|这家|他家|本店)"
    # ... not a how-to video found there ("抖音上搜型号安装就有视频").
    r"(?![^,，。!！?？\n]{0,14}(?:视频|教程|安装|怎么|使用方法|玩法|攻略|做法))\s*[“\"'‘「『]?[^,，。!！?？\s“”\"'‘’「」『』]{2,12}[”\"'’」』]?\s*"
    r"(?:就有|就能|就可以|即可|就行|天天|每天|领|有惊喜|下单|购买|关注|进)|"
    # English calls to follow or message an account ("Follow IG @shop", "DM for price list").
    r"follow\s+(?:(?:me|us)\s+)?(?:on\s+)?(?:ig|instagram|tiktok|twitter|wechat|whatsapp|telegram)\b|"
    r"follow\s+my\s+(?:ig|instagram|tiktok|dy|douyin|channel|account|page)\b|"
    # The review itself as a coupon at the writer's shop ("凭此评价截图到店打七折", "出示这条评价打八折").
    r"(?:出示|凭)(?:此|这条|本)?(?:评价|评论|截图)[^,，。!！?？\n]{0,8}(?:折|优惠|送|免费|减)|follow\s+@[a-z0-9_.]{3,}|\bdm\s+(?:me|us|for)\b|"
    r"赚钱的(?:小程序|app|软件|平台|方法|路子|副业)|(?:看视频|做任务|签到|走路)[^,，。!！?？\n]{0,4}(?:就能|就可以|可以|能)?提现|"
    # Offers in a seller's voice: a price for the reader, free gifts, the company speaking.
    # "也只要2块", "都只需200元" compare prices; an offer states its own.
    # A wholesale price offered ("批发价位，货到付款"), not one a rival quotes against this shop's price
    # ("这种洗衣液批发价一桶十几块 卖39.9", "批发价15块 卖89 良心呢").
    r"(?:(?<![都也才就])(?:只要|只需)|仅需|仅售|低至|每月只要|包月)\s*[\d一二三四五六七八九十两.]+\s*(?:元|块|rmb|米|r(?![a-z]))|特价供应|优惠价|"
    # ... nor one the buyer asks for ("问个批发价爱答不理", "批发价还能再低点").
    r"(?<![问要])(?<!问个)(?<!问了)(?<!问了个)(?<!问下)(?<!问一下)(?<!问问)批发价(?![^。!！?？\n]{0,12}(?:卖|标|敢|良心|黑|割|低|便宜|多少|能不能|能否|让|理))|"
    # Something free for the reader; "…是免费下载的", "免费送了" tell of what was (docs/evidence.md).
    r"免费(?:赠送|领取|参加|试用|发布|咨询|体验|送|下载|注册|讲座|培训|传授|加盟|赠阅|收听)(?!了|的)|"
    # The company speaking of itself ("本公司长期提供"), not a buyer's workplace ("离我公司很近").
    r"本公司|(?<![离到在去回给帮替让跟和距])我公司(?!很近|附近|楼下|旁边|对面|门口|同事|的同事|报销|报效|一?(?:副总|老总|总经理|领导|老板|经理|员工|主管|财务|前台|人事))|公司成立|郑重承诺|期待与(?:您|你)|(?<!真)诚邀|竭诚|"
    r"欢迎(?:来电|洽谈|订购|垂询)|承接(?:各类|各种|工程|业务|装修)|(?:本人|我们|本店|本公司|我司)承接|包工包料|欢迎[^,，。!！?？\n]{0,6}(?:业主|老板|朋友|客户)[^,，。!！?？\n]{0,2}咨询|专业(?:承接|提供|代办|制作|定制|团队)|月薪\s*[:：]|月薪[^,，。!！?？\n]{0,8}(?:起(?!码)|以上|面议|上不封顶)|底薪|高薪(?:诚聘|招聘|聘请|急聘|招|求职|职位|岗位|工作|兼职|诚招)|急招|招工|岗位(?:招聘|空缺)|"
    r"请联系|(?<!没人)(?<!没有)联系我们(?!的)|联系电话\s*[:：\d]|(?:请|欢迎)?来电(?:咨询|洽谈|垂询|订购)|(?:欢迎您?|请您?|敬请|速|马上|立即)致电|致电(?:咨询|洽谈|垂询|订购|我们|本公司)|(?:服务|咨询|订购)热线|"
    r"优惠活动|(?:所有|全部|全店|全场)(?:宝贝|商品|产品|款式)?一律|一律[^,，。!！?？\n]{0,4}(?:折|元|块|价|包邮)|(?<!大)(?<!等)(?<!次)(?<!到)大促(?!进|使|成)|买一送一|第二件半价|库存不多|(?<![等盼])上新(?:了|啦|款|品|中|通知|福利)|(?<![等盼])(?:每周|每日|每天|店铺|本店|新品|新款|[春夏秋冬]季)上新|买房(?:送|的看过来|首选|就[选找来])|置业|户型|看房(?!间|子|价)|(?:出|卖|接|代|可|提供)分装|(?:名牌|大牌|香水|奢侈品)[^,，。!！?？\s]{0,4}分装|分装(?:出|转让|出售|价|[,，\s]*价格)|原单(?!位)|尾单|"
    r"信用卡(?:代还|套现|提额|办理)|办信用卡|代办|提额|(?<![被枕外手床书杯椅罩])套现|(?:就能|带你|帮你|轻松|在家|快速|躺着|天天|挂机|兼职|副业|想|网络|网上|上网|免费|痛快|同时)赚钱|赚钱(?:项目|门路|秘诀|的点|找我|的网站|网|方式)|(?<!话费)(?<!流量)(?<!充值)(?<!点券)(?<!q币)(?<!钻石)(?<!金币)(?<!会员)(?<!退款)(?:秒|当天|极速|快速)到账(?![了啦]|[^,，。!！?？\n]{0,3}(?:👍|好评|给力|靠谱|不错|满意|赞|nice))|下款|"
    r"(?:来|到)(?:我们|我家|本)[^,，。!！?？\n]{0,8}(?:体验|咨询|看看|学(?!校|生)|报名|选购)|"
    # A company's voice addressing a business or the reader (spam mail, SMS, group ads).
    r"我司|贵公司|贵单位|贵司|(?:公司|我司|本司|我们|集团|厂|本店|我店|本厂)[^,，。!！?？\n]{0,4}实力雄厚|竭诚为您|(?:我们)?(?:将)?为您提供|(?<![给为])我们提供|助您|帮您将|客户至上|服务宗旨|"
    r"点(?:此|击)(?:注册|下载|购买|进入|链接|报名|咨询)|讲座报名|收费标准\s*[:：]|业务范围|服务项目|"
    r"(?:超)?低价(?:出|批发|出售|转让)|大量(?:批发|出售|供应)|上架大量|"
    # Calls to an audience ("想学编程的看过来", "需要的来", "XX店了解一下", "前100名送").
    r"的(?:朋友|宝宝|宝妈|姐妹|亲|小伙伴)?(?:们)?看过来|需要的(?:来|找|私|滴|加|戳|联系)|(?:店|铺|馆|号|群)了解一下|"
    r"前[\d一二三四五六七八九十百]+名(?:送|免|半价|有礼)|新人(?:有券|专享|福利|礼包)|新用户(?:专享|福利|礼包|首单|立减|免费)|首单(?:免费|立减|半价|0元)|大放价|"
    # Business opportunities and loans with no offer word ("一件代发", "不看征信").
    # The buyer judging the shop as one ("源头工厂就是不一样，四件套厚实") offers nothing.
    r"一件代发|(?:一手货源|源头工厂|厂家直供)(?!的?(?:就是|果然|确实|真的|品质|质量|东西|货))|高价回收|上门回收|回收[^,，。!！?？\n]{0,12}(?:秒结|现金结|上门收)|(?:高价|现金)秒结|[\d一两三四五六七八九十]+\s*[箱件个包袋盒套]起批|起批(?:价|量)|"
    # A call to readers of a trade ("批量采购纸尿裤的找我").
    r"的(?:来)?找我(?=[,，。!！~～\s]|$)|(?:[微薇威]|(?<![a-z])v)信?[^\s,，。!！?？\u4e00-\u9fff]{0,3}同号|零库存|零成本|创业项目|(?:不看|不查|无视)征信|(?:有|凭)身份证(?:就能|即可)借|(?<!退款)(?<!退货)(?<!售后)(?<!申请)秒批|"
    # A live room's invitation, a seller's clearance and discount voice, property for sale.
    r"(?:今晚|明晚|每晚)[^,，。!！?？\n]{0,3}[点时][^,，。!！?？\n]{0,3}直播间|直播间见(?!到|过)|福利多多|(?<![后起出回过上下原本未将带])来就送|(?<!超市)(?<!处理)甩卖(?!的)|卖完(?:就)?(?:关店|下架|恢复原价)|新老顾客|"
    r"(?:只要|低至|仅需|最低)[^,，。!！?？\n]{0,4}[一二三四五六七八九\d]\s*折|"
    r"(?<!发)现房|期房|新盘(?:开售|入市|发售|认筹|推出)|(?:盛大|火爆|火热|即将|震撼)开盘|拎包入住|想了解的(?:私信|私|来|联系|滴|找)|"
    r"招代理|零投资|零风险|一对一辅导|小班教学|随到随学|批发群|整箱拿货|可以帮(?:带|买|代购)|"
    # Marketing text messages: reply codes and the unsubscribe line, show flats, savings products,
    # openings and membership cards ("回复kt即可开通", "退订回t", "样板间开放", "开业酬宾", "办卡送").
    r"回复\s*[a-z0-9]{1,6}\s*(?:即可|即|立即|马上)?(?:办理|开通|订购|退订|领取|参加|查询)|回[tdr]退订|退订回[tdr]|拒收请?回复?\s*[a-z]|"
    r"样板(?:间|房)(?:开放|盛大|隆重)|到访(?:即|就)送|欢迎品鉴|年化收益|起购\s*\d|(?:现|隆重|限时|我行|本店|我店|本行|我司)推出|"
    r"开业(?:大)?酬宾|开业(?:特惠|钜惠|优惠)|办卡(?:送|即送|就送|享|优惠|立减)|钜惠|"
    # ... and their invitations to the shop ("凭此短信到店即送", "恭候光临", "订餐热线", "好礼相送").
    r"凭(?:此)?短信|到店(?:即|就|可)(?:送|享|领|获)|感恩回馈|火爆(?:预订|预定|抢购|进行)中|(?:预定|预订|订餐|订座|预约)热线|"
    r"好礼(?:相送|送不停|不断)|欢迎莅临|恭候(?:您|各位)?(?:的)?光临|敬请光临|免费(?:设计|量房|验光|测量)|"
    # A seller's own sale, trial and call for partners ("特价销售多款男鞋", "托管可试用", "诚征全国代理",
    # "找我们吧", "现在注册立刻参与"); a buyer hopes for a free trial (免费试用 is left to the offers above).
    r"特价(?:销售|提供|供应|酬宾|直销)|厂价直销|(?:测试|试用|体验)期间免费|(?<!免费)(?<!申请)(?:可|欢迎)试用|先试用再|"
    r"为您(?:注册|代办|设计|制作|定制)|诚征|找我们(?:吧|就)|(?:现在|立即|马上)注册|注册(?:即|就)(?:送|可|得|获|有)|交换链接|好机会不容错过|"
    # Work-from-home jobs by their channel ("网络兼职", "淘宝兼职"; not the writer's own, "我在淘宝兼职做客服"),
    # and an audience sent to a search engine for the writer's product ("需要同类产品的可以百度下…"; not
    # for a how-to, "需要安装视频的可以百度一下").
    # Offers of services and courses to readers with no contact: sign-up deadlines and discounts
    # ("报名倒计时3天", "报名再减1000"), a card's welcome gift (首刷有礼), details at a branch ("详情可到就近
    # 网点咨询"), a call to those in need or in town ("需要图册的私", "需要的老板滴滴我", "同城的姐妹可以来
    # 找我"), a live room's "扣1" call, a visit invited ("欢迎到馆体验"), the last places ("最后一批名额"),
    # degree upgrades, the writer's account to look at ("详情看我抖音", "看我作品"), social-media growth
    # services (代运营, 涨粉, 起号).
    r"报名(?:倒计时|再减|立减|即享|享)|首刷有礼|办卡有礼(?!品|物)|详情(?:可|请)?(?:到|至|来)[^,，。!！?？\n]{0,8}咨询|"
    r"需要[^,，。!！?？\s]{0,4}的(?:[^,，。!！?？\s]{0,3}(?:滴滴|私我|私信|加我|联系我|找我|戳我)|私(?=$|[\s,，。!！~～]))|同城的[^,，。!！?？\n]{0,6}(?:可以|来|找|私)|"
    r"(?:姐妹|朋友|宝宝|亲)们?(?:可以)?来找我|评论区扣\s*1|扣\s*1\s*我|扣个\s*1|欢迎到(?:馆|店|院|所|厅|场|园|中心)|最后(?:一批|几个)?名额|"
    r"学历提升|详情看我|(?<!你)看我(?:的)?(?:抖音|快手|主页|作品|橱窗)|有需要(?:的)?[^,，。!！?？\s]{1,3}(?:可以)?(?:预约|滴滴)|代运营|涨粉|起号|"
    r"(?<![我在做])(?:网络|网上|在家|手机|淘宝)\s*(?:兼职|差事)(?!做|当|的时候)|需要(?![^,，。!！?？\n]{0,8}(?:视频|教程|安装|说明|方法|攻略))[^,，。!！?？\n]{0,8}的(?:朋友|亲|宝宝)?(?:们)?(?:可以|就)?(?:百度|谷歌|google)"
    r"(?![^,，。!！?？\n]{0,14}(?:视频|教程|安装|怎么|使用方法|说明|攻略))|"
    # "想要更多款式的来…" invites to the writer's shop (an ad); "想要好的去…" sends to another (competitor).
    r"想要[^,，。!！?？\n]{0,8}的(?:来|加|私|找|看)|更多(?:款式|优惠|福利)(?:看|来|戳|进|请)|换季清仓|"
    r"(?:双十一|双11|618|年货节|大促)预热|"
    # Marketing copy with no offer word: a business presenting itself ("XX有限公司成立于…",
    # "专业从事…", "产品远销…", "广泛应用于…"), inviting business readers ("欢迎索取资料", "有意者
    # 请…", "您是否还在为…"), price lists ("零售价：", "480元/年", "1000元起") and franchise
    # pitches. A buyer describes the shop in other words; each pattern was checked to be (nearly)
    # absent from 100 000 real genuine reviews.
    r"(?:公司|厂|中心|集团|工作室|机构|网站)(?:是一家|创建于|成立于|始建于|坐落|拥有一支|拥有多)|"
    r"有限公司[^,，。!！?？\n]{0,3}(?:是|为|专业|主要|致力|成立|创建|始建|位于|坐落|拥有|现|特|诚|隆重|推出|提供|经营|生产|承接|代理|自营)|"
    r"(?:一直|始终|专注)致力于|致力于为(?:客户|用户|您|广大|企业)|专业(?:从事|生产|研发|代理)|"
    r"经营范围|主营业务|产品远销|远销(?:海外|欧美|世界|全球|国内外)|广泛(?:应用|适用|用)于|"
    r"欢迎(?:索取|登录|登陆|访问|订阅|合作|预订|参观|浏览|下载|试用|各界|广大|新老|全国)|"
    r"有意者(?:请|可|速|欢迎|面谈|联系|私)|如有意|欢迎来信|来信即寄|索取资料|"
    r"本(?:网)?站(?:是|将|提供|为|免费|全力|本着|所有|现|特|推出|新|长期)|(?:让|使|帮助?|提升|为)您的(?:网站|企业|公司|产品|业务)|"
    r"(?:为|向)(?:客户|用户|企业)(?:提供|打造)(?:专业|优质|全面|高品质|一流|最)|为您(?:打造|量身|节省)|"
    r"您(?:是否|还在为)[^,，。!！?？\n]{2,20}[吗?？]|您想(?:要|获得|了解|拥有)|"
    r"(?:零售价|市场价|会员价|邮购价|团购价|出厂价)\s*[:：]|\d+\s*元起(?!送|步|买|就)|\d\s*元\s*/\s*(?:年|月)|"
    r"本小利大|前景广阔|做老板|投资少|小投资|注册公司|公司注册|商标注册|代理记账|"
    # Web-marketing services sold to businesses ("帮你降低网络推广的成本"); 网站建设 and 短信群发 are
    # also what buyers discuss (a site's faults, a phone's features), so they are left out.
    r"网站推广|网络推广|搜索引擎优化|"
    r"永久免费|限时免费|永久使用|敬请(?!期待|谅解|关注|各位|大家|您)|点击(?:这里|此处)|(?:^|(?<=[\s,，。!！?？~～]))点这里|(?:请|快|戳|直接)点这里|领(?![了到的过])[^,，。!！?？\n]{1,5}元券|"
    # Something for sale as a clause opens ("出二手vape 100r", "出一个novoline", "售卖XX 40元"); the
    # 出 of 出租车, 出口, 出差 ... opens narratives.
    r"(?:^|(?<=[\s,，。!！?？]))(?:(?:出|收)(?:个|一个|一台|二手|2手)?\s?[a-z]{2,}[a-z0-9]*|出二手|卖\s?[a-z]{4,}[a-z0-9]*|"
    r"(?:售卖|低价卖|低价出)\s?[a-z]{4,}|"
    r"(?:出(?!租|口|差|门|发|院|国|去|来|现|了)|售卖|出售)(?:个|一个|二手|2手)?[^\s,，。!！?？]{1,12}?\s*\d+\s*(?:r|元|块)(?![a-z]))"
)
# The price deals a buyer also reports (recruiting, loans, courses are never a buyer's own deal).
_DEAL = re.compile(
    r"买一送一|第二件半价|秒杀|优惠活动|大促|满减|满\s*\d+\s*减|清仓|店庆|新店开业|开业大酬宾|新开业|领券|大额(?:优惠)?券|无门槛|"
    r"送券|发券|折扣码|优惠码|一元购|[一二三四五六七八九\d]\s*折(?:起|优惠|特价)?|全场[^,，。!！?？\n]{0,6}(?:折|减|包邮|特价)|"
    r"限时(?:特价|优惠|抢购)|优惠价|特价|周年庆|福利来了|叠加优惠券|上新(?:了|啦|款|品)|包邮到家|免费领|"
    r"新品上市|推出[^,，。!！?？\n]{0,10}套餐|新用户(?:专享|立减|首单)|首单(?:立减|半价|免费)|" + _LISTED_DISCOUNT + r"|【(?:特价|促销|优惠|团购|热卖|限时)】")
_OWN_PURCHASE = re.compile(
    r"买的|买了|拍的|拍了|收到|到货|到手|用了|还没用|试用了|第一次用|回购|效果|包装|物流|快递|送货|宝贝|质量|做工|"
    r"划算|实惠|好用|好吃|喜欢|满意|推荐给|给(?:媳妇|老婆|老公|妈妈|老妈|孩子|朋友|同事)|"
    # Using it and judging the price paid: "买一送一挺温和，用着还可以", "价格美丽，买一送一".
    r"用着|用起来|吃着|穿着|价格美丽|价格实惠|性价比|"
    # Judging the goods or the deal itself: "挺好的 买一送一", "优惠活动价格不错", "618的优惠力度没有之前大".
    r"挺好|很棒|不错|太赞|正品|便宜|力度|抢购的|刚买|(?:很|真|太|挺|超)香|下了?(?:一|两|几)?单|"
    # A visit told by the visitor (a shop, a restaurant): "新店开张6.6折优惠，于是约朋友来到…".
    r"来到|去了|去吃|点了|吃了|人均|排队|排了|跟朋友|和朋友|约了?朋友|请客|聚餐|尝了|品尝了|(?:来|去)的时候")
_ADDRESSED = compile_screened(
    r"欢迎|快来|速来|私信|私聊|咨询|进店|点击|点此|加我|关注|领取|免费领|抢购|报名|联系(?!客|商家|卖家|店家)|搜|详情|戳|扫码|名额|先到先得|限时|"
    r"赶紧|抓紧|错过|来(?:我|本)|找我|[入进][群裙]|下单(?:就|即)送|新老客户|招(?:聘|募|商|代理|人|兼职|生|工|学徒|团长)|"
    r"代理|加盟|低至|只要|仅需|仅售|"
    r"快去|去抢|来抢|速抢|冲鸭|手慢无")
# A buyer telling what deal they got ("买一送一很划算", "秒杀买的", "赶上活动") is reporting a
# purchase, not offering one: an offer in such a clause is no evidence of an ad.
_BUYER_DEAL = compile_screened(r"(?:给|帮)我?算了|(?:能|可以)接受|买的|买了|拍的|拍了|买到|抢到|抢的|囤了|的时候|赶上|趁着?|活动期间|时买|划算|实惠|便宜|值得|感谢|谢谢|"
                                # Sent by someone the buyer trusts ("宝妈群里团长推荐来的").
                                r"推荐(?:我)?(?:来|过来)的|"
                                r"来到|位于|那天|这天|当天(?!放款|下款|到账|审批|出额)|正好|看到|(?:过来|来|去)(?:试试|尝尝|试一试)|经常有|也多|平时也|一直关注|捡的?漏|拍到|真香|一人一件|"
                                # The buyer's own deal arithmetic: "凑单满减下来才34块", "算下来".
                                r"凑单|凑(?:的|了|够)|(?<!找)拼单(?!群)|下来(?:才|只要|一件|每)|算下来|折下来|到手价|"
                                # A deal the buyer used or came across: "团了一张", "抽中的", "赶着周年庆", "减完之后".
                                r"团了|团购了|团的|抽的|抽中|赶着|搞(?:了|的)?(?:秒杀|活动|优惠)|减完|用券|刷卡|非常幸运|领了|领到|"
                                # A deal the buyer landed or judged ("秒杀价89拿下的枕头也值了"; a seller's
                                # "只需15r即可拿下" offers one), a sale as the cause of a delay the buyer excuses
                                # ("大促爆单了", "618大促可以理解"), and a viewer waiting for a live room's sale
                                # ("每晚8点蹲直播间"; not "来蹲我直播间").
                                r"(?<!即可)(?<!可以)(?<!就能)(?<!就可)拿下(?:的|了)|入手了|值了|爆单|(?:可以|能)理解|(?<![来快去])蹲(?![我本])")


# Someone else's trade or the buyer's own way of buying ("我朋友就是做澳洲代购的", "我表姐在日本做代购",
# "比代购便宜", "找代购买的"): 代购 told of, not offered to the reader.
_DAIGOU_TOLD = re.compile(
    r"(?:朋友|同学|同事|闺蜜|亲戚|表姐|表妹|表哥|表弟|堂姐|堂妹|姐姐|妹妹|哥哥|弟弟|嫂子|室友|邻居|老公|老婆|媳妇|我妈|我爸|舅舅|姑姑|阿姨)"
    r"[^,，。!！?？]{0,10}代购|(?:比|找|托|跟|和|让|请|从|麻烦|不用|靠)[^,，。!！?？]{0,3}代购|(?:以前|之前|曾经|早年)(?:自己)?(?:也)?(?:做|干)过[^,，。!！?？]{0,4}代购|代购(?:价|买的|买来|带的|带回|回来|那里|那边|的(?:价|贵|便宜|还|都|要))")


# A location check-in ("我在:http://t.cn/…", "我在这里: #朝阳区# http://…") names where the writer
# is, and a share's attribution ("(来自 http:t.cn/…", "… （分享自 @某某）") names the article's
# source: the link is a place or a source, not traffic drawn elsewhere.
_CHECK_IN_OR_SHARE = re.compile(r"我在(?:这里)?\s*(?:[:：]|#)|[(（]\s*(?:分享)?来自|分享自|原文地址")
# A source named just before the link ("来自:http:t.cn/…"), and Weibo's share button, which writes the
# article's topic or its headline cut short before its own short link ("#VIVA畅读# http:t.cn/…",
# "…被曝违规添加… http:t.cn/…"); on the corpora only Weibo posts end so, no spam.  Another link after
# an ellipsis ("内部优惠入口…xx.vip/…") is still traffic drawn away.
_SOURCE_BEFORE = re.compile(r"来自\s*[:：]\s*(?:https?:/{0,2})?$")
_SHARE_BUTTON_BEFORE = re.compile(r"(?:#[^#\n]{1,12}#|…|\.\.\.)\s*(?:https?:/{0,2})?$")
_WEIBO_LINK = re.compile(r"(?:https?:/{0,2})?t\.cn/")
_SHARED_AFTER = re.compile(r"^\S*\s*(?:[(（]?\s*(?:分享自|分享来自|来自|@\S{0,12}客户端)|#[^#\s]{1,12}#\s*$)")
# A repost anywhere in the text ("转发微博", "#新华分享#", "（分享来自于：@…）") makes its links the
# sources it passes on.
_REPOST = re.compile(r"转发微博|分享来自|#[^#\s]{0,8}分享#")
_LINK = re.compile(r"https?:|www\.|[a-z0-9\-]+\." + _TLDS + r"\b")


# Published message corpora mask digits with x ("全场x折", "满xxx减xx", "qq xxxxxxxxx"): a run of x
# that is no part of a Latin word stands for digits, so offers and contacts stated in digits still
# read as such.
_MASKED_DIGITS = compile_screened(r"(?<![a-z])[x×]+(?![a-z])")


def _masked_digits_as_zeros(folded: str) -> str:
    if "x" not in folded and "×" not in folded:  # most texts: skip the scan
        return folded
    return _MASKED_DIGITS.sub(lambda m: "0" * len(m.group()), folded)  # same length: quotes stay exact


def _contacts(folded: str, unmasked: str) -> list[re.Match[str]]:
    """Contact matches in the text as typed and, where digits were masked ("qq xxxxxxxxx",
    "群号码:xxxxxxxx"), in the text with its masked digits read as digits."""
    matches = list(_CONTACT.finditer(folded))
    if unmasked != folded:
        matches += [m for m in _CONTACT.finditer(unmasked)
                    if not any(m.start() < o.end() and o.start() < m.end() for o in matches)]
    return sorted(matches, key=lambda m: m.start())


# The buyer quoting the shop's own call ("店家说关注店铺领券", "客服让我进群") tells what the seller
# said: the call is not the writer's to the reader.
# The staff's greeting told by a guest ("服务员即大声招呼欢迎光临") and the shop's own promotion
# held against it ("商家借买一送一的名义…") are theirs too.
_SELLER_SAID = re.compile(r"(?<![跟对和给])(?:店家|商家|卖家|客服|老板|掌柜|主播|店员|直播间)(?:私信|私聊|打电话|发消息|留言|还|又|竟然|居然|一直|连连|不停)?(?:道歉|解释)?(?:说|让我?|叫我|要我|告诉我|提醒我?|推荐我?|借|打着)|"
                          # The listing's own words ("标题写买一送一", "页面写着坏果包赔").
                          r"(?:标题|页面|详情页|商品页|宣传页?|海报)(?:上)?(?:写|说|标)|"
                          # ... its messages and page to the buyer ("你们短信发'会员日全场八折'", "页面上那个'限时秒杀'",
                          # "标着'店庆大促'", "这就是你们的店庆"), and what they said, the speaker left
                          # out ("…短信进来的，说下单就送礼品").
                          r"你们(?:的)?(?:短信|页面|广告|海报|推送|宣传|直播间)?(?:上|里)?(?:发|写|说|标|打)(?:的|着|了)?|"
                          r"(?:短信|推送|页面|详情页|广告)(?:上|里)?(?:那个|写的|说的|发的|写|说|发)|标着|你们的(?:店庆|周年庆|大促|活动|满减|秒杀|优惠)|"
                          r"^说(?!真的|实话|句|白了|明|不定|起来|实在)|"
                          # ... or did not say ("可主播也没说要领券啊").
                          r"(?:店家|商家|卖家|客服|老板|掌柜|主播|店员|直播间)(?:也|都|根本|压根)?(?:没|没有)(?:说|提)|"
                          # What the shop gave the buyer ("客服主动给了个5元无门槛券", "商家补了张优惠券").
                          r"(?:店家|商家|卖家|客服|老板|掌柜|售后)(?:主动|直接|还|又|另外|额外)?(?:给|送|补|发)(?:了|我)|"
                          r"(?:服务员|服务生|迎宾|店员|老板|小哥|小妹)[^,，。!！?？]{0,4}(?:招呼|喊|吆喝)")


# A promise the buyer holds against the shop ("酒店不是应该24小时服务的吗", "说好的买一送一呢") is a
# complaint, not an offer.
_PROMISE_QUESTIONED = re.compile(r"(?:不是|难道|说好|应该)[^,，。!！?？]*(?:吗|呢)$|说好(?:的|了)|(?<![都也])说好(?=满|买|送|包邮|打|减|返|给|的)|"
                                 # A deal the buyer did not get ("满减根本没减", "券用不了").
                                 r"没减|没(?:有)?优惠|用不了|不能用|没用上|没生效|没打折|没人发|根本没|"
                                 # ... or did not get in the end ("最后也没有得到5折优惠"), or calls a
                                 # lie ("赠品、买一送一的都是骗人的", "被送券的局坑了").
                                 r"没(?:有)?(?:得到|享受到?|拿到|用到)|骗人|坑人|被坑|坑了|是套路")
# The writer asking or wishing for an offer ("能让我免费试用吗", "会不会有免费试用啊", "希望能有机会免费
# 试用", "要是每个月免费送几台就好了", "去年的免费试用没抽到") wants one; an ad makes one.
_ASKS_FOR_OFFER = re.compile(r"(?:能|能否|可以|可不可以|会不会|有没有)[^,，。!！?？]{0,12}(?:吗|么|嘛|啊|呀|[?？])[?？~～!！。,，]?$|"
                             r"希望(?:能够?|可以)?(?:让我|给我)?(?:有机会)?(?:申请到|申请|抽中)?(?:免费|获得|得到|抽到|试用|拿到)|要是[^,，。!！?？]{0,16}就好了|没(?:有)?抽到")


# A live room named by no one's name ("姐妹们今晚八点直播间还有满减") is the reviewed shop's own: the
# buyer relays its promotion, no other goods are advertised ("去小美姐直播间" names another).
# So is "this" room ("今晚这个直播间还有满减") or "yours" ("你家直播间").
_THIS_SHOPS_ROOM = re.compile(r"(?:^|[,，\s!！~～]|们|今晚|明晚|今天|每晚|周末|晚上|点|这个|这家|你家|本)直播间")


_OPENING_QUOTES, _CLOSING_QUOTES = "“‘「『", "”’」』"


# "This" or "so-called" before a quoted name: the writer points at a promotion, not makes one.
_POINTED_AT = re.compile(r"(?:这个|那个|这种|什么|所谓的?|号称)\s*$")


def _quoted(clause: str, match: re.Match[str] | None) -> bool:
    """Whether ``match`` sits inside quotation marks that the writer points at in ``clause``: the
    shop's promotion named by its own title ("现在这个'大促价'", "所谓的“限时秒杀”"), not offered by the
    writer (a company's slogan in quotes, "秉承“客户至上”的理念", is its own)."""
    if match is None:
        return False
    before, after = clause[:match.start()], clause[match.end():]
    for mark in "'\"":
        if before.count(mark) % 2 == 1 and mark in after:
            return bool(_POINTED_AT.search(before[:before.rfind(mark)]))
    for opening, closing in zip(_OPENING_QUOTES, _CLOSING_QUOTES, strict=True):
        if before.rfind(opening) > before.rfind(closing) and closing in after:
            return bool(_POINTED_AT.search(before[:before.rfind(opening)]))
    return False


def _not_for_readers(folded: str, start: int) -> bool:
    """Whether the call at ``start`` is the seller's words reported, or the buyer's own words
    addressed to the shop ("商家看到请私信我": a buyer asking to be contacted, not readers called)."""
    clause = re.split(r"[,，.。!！?？;；\n]", folded[max(0, start - 12):start])[-1]
    return bool(_SELLER_SAID.search(clause) or _TO_THE_SHOP.search(clause))


# A call refused ("不用再私信我了", "别再加我") asks the shop to stop, it invites no reader.
# A call about the review itself ("想删的话私聊") is addressed to the shop as well (extortion's matter).
_TO_THE_SHOP = re.compile(r"(?:商家|客服|店家|卖家|掌柜|老板)(?:你们)?(?:看到|看见|在吗)?(?:了)?[,，\s]*(?:请|麻烦|赶紧|快)?$|"
                          r"(?:不用|不要|别|勿|不必|不需要)再?$|(?:想|要)(?:让我)?(?:删|改)[^,，。!！?？\s]{0,4}(?:的话)?$")


# The buyer telling what they did or were made to do ("加了店铺粉丝群领了券", "扫码关注公众号才能看说
# 明书"): a group joined or an account followed on the shop's terms, not a call to the reader.
# ... and what was done to them ("退群还被私聊").
_BUYER_DID = re.compile(r"(?:加|进|入|关注|加入)(?:了|过)|必须|非要|要求|还得|得先|要先|需要先|(?<![不别])(?:让|叫)我?们?先?$|被$|"
                        # ... or refused to do ("客服让我加微信退差价 我没加").
                        r"(?:没|没有|不想|不愿意?)$")
# ... and the use of the purchase it gates ("才能看说明书", "才能激活"); "关注我们才能参加抽奖" is a call.
# What happened once in ("进群以后又推更贵的课") and what the buyer got there ("在群里抢到的券") are
# the buyer's story too.
# ... and the search that brought the buyer in ("抖音搜店铺名进来的").
_ONLY_THEN = re.compile(r"^(?:以后|之后|后(?!台)|到的|到了)|^[^,，。!！?？;；\n]{0,6}?(?:进来的|找过来的|找到的|搜到的|才找到)|^[^,，。!！?？;；\n]{0,12}?(?:才能|才可以|才给|才让)(?:看|用|使用|激活|保修|退|换|安装|连|绑定|开机|查)")
# A number the buyer called or was called from ("打了官方客服电话400…没人管", "快递员电话138…提前
# 打了", "我先打电话 021-…问过"): the buyer's report of a call, not a contact left for readers.
_CALL_TOLD = re.compile(r"我[^,，。!！?？]{0,3}打(?:电话|\s)|打了|打过|拨了|拨打了|拨过|打通|打不通|没人接|不接(?!受)|占线|关机|提前打|打来|来电说|联系了|给我打")
_COURIER = re.compile(r"(?:快递员|快递小哥|配送员|送货员|骑手|外卖员|司机)(?:的)?(?:电话|手机|号码)")


def _clause_around(folded: str, start: int, end: int) -> tuple[str, str]:
    """The clause text before ``start`` and after ``end``."""
    before = _CLAUSE_END.split(folded[max(0, start - 16):start])[-1]
    if before[-1:].isspace() and folded[start:start + 1] > "\x7f":  # a space between CJK words ends a clause
        before = ""
    after = _CLAUSE_END.split(folded[end:end + 16])[0]
    return before, after


# How long the writer has followed or visited ("关注店铺很久了", "进直播间好几年了"): their history.
_FOR_A_WHILE = re.compile(r"^[^,，。!！?？;；\n]{0,4}(?:很久|好久|挺久|多年|好几年|几年|一年|半年|一段时间|好几个月)")


def _buyer_did(folded: str, start: int, end: int) -> bool:
    before, after = _clause_around(folded, start, end)
    return bool(_BUYER_DID.search(before) or _ONLY_THEN.match(after) or _FOR_A_WHILE.match(after))


# A business line the buyer cites as the shop's or the courier's service ("…010-51236699客服热线")
# names whom they dealt with; an ad's line is left for the reader. (传真 is not such a word: ads
# print their fax beside their phone.)
_LANDLINE = re.compile(_LANDLINE_NUMBER)
_SERVICE = re.compile(r"客服|售后|快递|配送|物流")


def _call_told(folded: str, start: int, end: int) -> bool:
    """The number at ``start:end`` is one the buyer called, was called from, or cites as a service line."""
    before, after = _clause_around(folded, start, end)
    around = before + " " + after
    return bool(_CALL_TOLD.search(around) or _COURIER.search(before)
                or (_SERVICE.search(around) and _LANDLINE.search(folded, start, end)))


# The brand's official site where the buyer checked the goods ("在官网 consumer.huawei.com 输入序列号查了").
_OFFICIAL_CHECK = re.compile(r"(?:官网|官方网站|官方网址)[^。!！?？]{0,30}?(?:查了|查过|验证了|验过|验了|激活了|注册了保修)")


# The shop handing the buyer a number ("客服给了安装师傅的电话…", "商家提供的售后电话"): the shop's
# own contact, told by the buyer.
_SHOP_GAVE = re.compile(r"(?:店家|商家|卖家|客服|老板|掌柜|售后|官方)(?:给|发|提供|留)(?:了|的|我)")
_ID_RUN = re.compile(r"[0-9a-z*]{5,}")
_ID_NOISE = re.compile(r"[\s\-·.]")  # what separates the characters of an id as typed


def _shop_gave(folded: str, start: int, revealed: str, seller_texts: Sequence[str]) -> bool:
    """The contact is one the seller sent in this chat, or the review says the shop gave it."""
    if _SHOP_GAVE.search(_clause_around(folded, start, start)[0]):
        return True
    core = max(_ID_RUN.findall(_ID_NOISE.sub("", revealed)), key=len, default="")
    return bool(core) and any(core in _ID_NOISE.sub("", normalize_text(said)) for said in seller_texts)


# Others' calls the writer warns against ("评论区那些让你看主页的别理，都是来卖货的").
_WARNED_AGAINST = re.compile(r"[^,，。!！?？\n]{0,8}?(?:别理|别信|别加|别点|别看|别上当|别搭理|不要理|不要信|不要加|不要点|不用理)")
_SCAM_TOLD = re.compile(r"骗子|骗局|诈骗|上当|被骗|冒充|忽悠|被拉去|三无产品")
_WARNS = re.compile(r"提醒|小心|千万(?:别|不要)|别信|不要信|当心|警惕")


def _ad(text: str, folded: str, seller_texts: Sequence[str] = ()) -> list[EvidenceItem]:
    """Ad evidence in ``text``; a contact the seller sent in ``seller_texts`` (the chat) is the
    shop's own when the buyer repeats it."""
    found = []
    repost = bool(_REPOST.search(folded))
    unmasked = _masked_digits_as_zeros(folded)
    for match in _contacts(folded, unmasked):
        if _LINK.match(folded, match.start()) and (
                repost or _CHECK_IN_OR_SHARE.search(folded, max(0, match.start() - 80), match.start())
                or _SOURCE_BEFORE.search(folded, max(0, match.start() - 16), match.start())
                or (_WEIBO_LINK.match(folded, match.start())
                    and _SHARE_BUTTON_BEFORE.search(folded, max(0, match.start() - 16), match.start()))
                or _SHARED_AFTER.search(folded[match.end():match.end() + 40])):
            continue
        if _call_told(folded, match.start(), match.end()):
            continue
        if _LINK.match(folded, match.start()) and _OFFICIAL_CHECK.search(folded, max(0, match.start() - 12), match.end() + 20):
            continue
        typed = text[match.start():match.end()]
        revealed = normalize_text(typed)  # masked where results are built, unless raw is asked
        if _shop_gave(folded, match.start(), revealed, seller_texts):
            continue
        found.append(EvidenceItem(AD, "contact", "review", "评价中留有站外联系方式或链接，属于广告引流",
                                  quote=typed, fact=f"还原后：{revealed}"))
    # A warning about a scam retells the scammers' offers and groups ("被拉去听养生讲座，天天免费送鸡蛋",
    # "让老人加什么群"): they are told, not made; a contact in it still counts.
    retold = bool(_SCAM_TOLD.search(folded) and _WARNS.search(folded))
    handles = [] if retold else [
        text[m.start():m.end()] for m in _HANDLE.finditer(folded)
        if m.end() > m.start() and not _not_for_readers(folded, m.start()) and not _buyer_did(folded, m.start(), m.end())
        and not _WARNED_AGAINST.match(folded, m.end())]
    found += [EvidenceItem(AD, "account_or_shop_handle", "review", "评价引导关注账号、进群或搜索店铺",
                           quote=q) for q in handles[:2]]
    # In a review that tells of the buyer's own purchase, a promotional word is an offer only
    # when it is addressed to the reader (欢迎进店, 私信, 下单就送 ...).
    own_purchase = bool(_OWN_PURCHASE.search(folded))
    offers = []
    for quote in [] if retold else _clause_spans(_PROMOTION, text, unmasked, 6):
        clause = _masked_digits_as_zeros(aligned(quote))
        deal_only = not _PROMOTION.search(_DEAL.sub(" ", clause))  # nothing in it but a price deal
        # The call to the reader may follow in the next clause ("周年庆满100减50，快去抢").
        after = unmasked[text.find(quote) + len(quote):][:12]
        if (_BUYER_DEAL.search(clause) or _SELLER_SAID.search(clause) or _PROMISE_QUESTIONED.search(clause)
                or _quoted(clause, _PROMOTION.search(clause))
                or _THIS_SHOPS_ROOM.search(clause)
                or ("代购" in clause and _DAIGOU_TOLD.search(clause) and not _PROMOTION.search(_DAIGOU_TOLD.sub(" ", clause)))
                or _ASKS_FOR_OFFER.search(clause + after[:1])  # with the question mark that ends it
                or (deal_only and own_purchase and not _ADDRESSED.search(clause + after))):
            continue
        offers.append(quote)
    found += [EvidenceItem(AD, "promotional_offer", "review", "评价内容为其他商品或服务的推广信息",
                           quote=q) for q in offers[:3]]
    # "加我" inside "加我微信 abc12345" adds nothing: keep the longer quote only.
    found = [e for e in found if not any(e is not o and e.code == o.code and e.quote in o.quote
                                         and len(o.quote) > len(e.quote) for o in found)]
    return found[:6]


# --- meaningless ---------------------------------------------------------------------------------
# A purchase aspect anywhere in the text is evidence that it is about the purchase.
_ASPECT = compile_screened(
    # Codes and vouchers, a national subsidy and a price protection (国补, 价保; not 保价 or 原价, news' and
    # price lists' words), health goods (退烧贴, 隐形眼镜; not 口罩 or 维生素, as common in news and posts).
    # Checking the goods are genuine ("扫了防伪码", "有溯源码", "批号对得上"); how loud and strong a
    # machine works ("吸力倒是够", "声音大得能把孩子吵醒").
    # Something found inside what was bought ("萝卜里面竟然有毛发", "饭里有只虫子").
    r"里(?:面)?(?:竟然|居然|还)?有(?:根|只|个|一根|一只)?(?:死)?(?:毛发|头发|虫子?|苍蝇|蟑螂|蚂蚁|蜜蜂|飞虫|异物|沙子|石子|钢丝)|"
    r"防伪|溯源码|批号|卡密|激活码|兑换码|券码|核销码|国补|价保|以旧换新|退烧贴|体温计|额温枪|耳温枪|隐形眼镜|护理液|创可贴|钙片|益生菌|"
    # Home health devices and supplements by name, a device's reading held against another's ("跟社区
    # 医院量的差不多", "误差能接受"), a smell the goods give off ("内衬有股味", "一股油味").
    r"体温枪|血压计|血糖仪|血氧仪|试纸|制氧机|雾化器|护腰|足浴盆|鱼油|胶囊|误差|(?:有|一)股[^,，。!！?？\s]{0,3}味|"
    # An installation and the unit installed ("外机支架装完一推就晃"; not 包装完好, 国内机票, 海外机构).
    r"(?<!包)装完|(?<![国海境省区对以场])[外内]机(?![票构场关会制器理遇])|"
    # A tool's magnet ("螺丝刀磁性太弱，小螺丝吸不住") and the staff who showed how to use it ("谢谢小姑娘耐心教我用").
    r"磁性|吸不住|教我(?:用|怎么用|安装)|耐心(?:地)?(?:教(?!育)|讲解|解答|指导)|"
    # The weight checked against the label ("净含量写的500g 我拿厨房秤称了才460g").
    r"净含量|净重|(?<![号被堪声宣相])称了|厨房秤|电子秤|"
    r"(?:量|测)(?:的|出来的?)(?:结果)?(?:差不多|一样|一致|基本一致|吻合)|吸力|奶嘴|奶瓶|吸奶器|辅食|婴儿车|安全座椅|隔尿垫|拉拉裤|口水巾|"
    # Off the mark the buyer expected ("流速偏快", "口味偏甜", "鞋底偏硬"); 偏高/偏低 are news' words.
    r"偏(?:快|慢|硬|软|甜|咸|淡|厚|薄|紧|松|酸|辣|苦|稀|干|油)|声音(?:很|太|挺|有点|比较|特别|超|也)?(?:大|小|响|吵|清脆|发闷|闷)|"
    r"质量|做工|用料|面料|材质|布料|料子|手感|质感|尺码|尺寸|码数|[大小]码|[smlx]码|xl|偏大|偏小|合身|大小|长短|颜色|色差|"
    r"款式|版型|样式|图片|实物|物流|快递|发货|到货|收到|送货|配送|包装|盒子|客服|服务|态度|商家|卖家|店家|掌柜|"
    # The item itself pointed at by its measure word ("这款红茶", "这双鞋", "这罐奶粉"), or used
    # ("泡了一杯这个红茶", "擦这个"; not "用这个词"); goods opened before they came ("里面一层被拆过"); the buyer's
    # next visit or order ("以后再来就只点粥", "下次还会再来"); a gift with the order ("给个小礼物呗").
    r"(?<![\u4e00-\u9fff])国行(?![\u4e00-\u9fff])|国行版|港版|已激活|激活(?:了|码)|"
    r"这(?:款|双(?![手眼脚腿标方重])|瓶|盒|罐|袋|箱)|(?:泡|喝|吃|穿|戴|涂|抹|擦)(?:了|着|上)?(?:一[杯碗次下口片])?这个|"
    r"(?:被|已经?)拆(?:过|开过|封过)|(?:以后|下次)(?:还|就)?(?:会)?再来|还会再来|小礼物|"
    # A business buyer's next order and its terms ("再订一批同款", "能做阶梯价吗", "批发价能不能再低点"), the
    # goods priced here against elsewhere ("闲鱼上才二十几，这里卖49"), a charger's fast charging.  (同款 is
    # also a meme of social posts: "同款室友".)
    r"阶梯价|批发价|起订量|(?:再|还想)订|订一批|快充|这里卖|"
    # Hand tools by name, one each for the family ("这套锉刀确实好使", "我妈我姨一人一支"); a mask's ear
    # loops, a keyboard's keycaps and their print ("挂绳也不勒耳朵", "键帽字母印糊了"). (这套, 这台, 敲着,
    # 清脆 and 不勒 alone were measured and left out: news and posts use them of shows, methods, drums, bells
    # and Naples.)
    # A coupon's mechanics ("领个券还得分享给三个好友助力"), "it works" as the verdict ("9块9还要啥自行车,能用"),
    # and a whole review of one dialect or plain word of approval ("行", "中", "孬").
    # Produce judged by its leaves ("说是当天采摘 我看着不像 叶子边都干了", "都蔫了"; not 现摘要 of news).
    r"当天采摘|现摘(?!要)|现采|叶子边|叶子(?:都)?(?:干|黄|烂|蔫)|蔫|"
    # A pet that finished it ("猫主子赏脸了 一包见底"; 赏脸, 吃播 and 后视镜 alone are social posts' words), a toy that talks ("这个会说话的仙人掌"),
    # car accessories ("这个支架稳"), near-expiry goods (临期), a tin of milk powder ("金罐的，放心冲"),
    # cross-border purchase steps (跨境购, 清关, 补身份证).
    # Fitted and then failing ("装上了", "装上第二天左边那个就不亮了"; not 轻装上阵 or 服装上), a bite of the food.
    r"^\s*装(?:上|好)了\s*[!！~～。.]*$|装上(?:第[一二三两几\d]+天|以后|之后|没几天|就)|不亮了|一口下去|鸭脖|卤味|"
    r"[包袋罐瓶盒]见底|一(?:支|根|颗|块)接一(?:支|根|颗|块)|吃得(?:干干净净|精光)|这个会(?:说话|唱歌|跳舞|动|叫|发光|亮)|支架|脚垫|雨刮|行车记录仪|车载|座套|"
    r"方向盘套|机油|车衣|临期|罐子|金罐|冲泡|放心冲|跨境购|清关|保税仓|补身份证|"
    r"领(?:个|张)?券|好友助力|帮(?:忙|我)?助力|助力(?:砍价|领|拿)|(?<![不才就])能用(?=$|[,，。!！~～\s])|^\s*(?:行|孬|中|可)\s*[!！~～。.…]*\s*$|"
    r"锉刀|扳手|钳子|电钻|工具箱|套筒|一人一[支个瓶件盒双套份袋]|挂绳|(?<!那)不勒(?!斯)|勒耳|勒手|勒脚|键帽|按键|键程|轴体|印糊|"
    r"价格|价钱|性价比|便宜|贵|划算|实惠|味道|口感|口味|好吃|难吃|新鲜|效果|东西|宝贝|商品|产品|货|正品|假货|"
    r"衣服|裤|裙|鞋|袜|包包|杯子|玩具|手机|耳机|电池|充电|屏幕|音质|下单|购买|买|回购|复购|退货|退款|换货|售后|"
    r"质保|保修|用了|好用|难用|耐用|使用|用着|穿着|穿了|好穿|穿上|上身|上脚|试了|安装|说明书|分量|份量|赠品|小样|"
    r"发错|少发|漏发|破损|坏了|瑕疵|起球|掉色|开线|异味|气味|过敏|肤感|保湿|适口|爱吃|不吃|喜欢吃|\d+(?:斤|码|cm|厘米|公斤|寸|mm|毫米)|"
    r"个子|身高|体重|收货|签收|拆开|包邮|运费|店铺|直播间|主播|"
    # A returning customer, a gift in the parcel ("这次还送了个手绳"), the papers that come with goods
    # ("合格证和检测报告都给了"), a property measured ("平整度没问题"), the tool in hand (这把), a
    # recording or a parcel judged by how it came out ("前车车牌拍得清清楚楚", "包得严严实实").
    r"老客户|老顾客|(?:还|又|多|额外|另外|也)送了|"
    r"合格证|检测报告|质检报告|鉴定证书|鉴定报告|证书齐全|保修卡|质保卡|"
    r"平整度|清晰度|亮度|透气性|保暖性|防水性|密封性|舒适度|柔软度|这把(?![年岁])|"
    r"(?:拍|录|照|显示)得(?:很|挺|特别|非常|超|也|都)?(?:清清楚楚|清楚|清晰|真切)|"
    r"(?:包|装|捆|封)得(?:很|挺|特别|非常|超|也|都)?(?:严严实实|严实|结结实实|结实|整整齐齐|仔细)|"
    # Shipping abroad and a price in Cantonese ("就係要等集運", "12蚊，平過超市"), a doll (公仔), a
    # family member or a pet who loves it ("女兒超愛"), where it was sent ("寄到台中").
    r"集运|转运|寄到|[0-9]+\s*蚊|平过|贵过|公仔|(?:女儿|儿子|孩子|宝宝|老公|老婆|我妈|老妈|爸妈|家人|猫咪|狗狗)(?:都)?(?:超|好|很|特别|非常|太)?爱(?:了|死|吃|玩|用|穿)?|"
    # Musical instruments and how they play; fishing gear ("弦距有点高", "音色太闷了", "鱼护网眼太大了").
    r"古筝|吉他|尤克里里|电子琴|钢琴|琴弦|琴码|琴包|音色|音准|弦距|调音|鱼竿|鱼线|鱼钩|鱼护|饵料|钓箱|浮漂|钓椅|"
    # Product nouns of many categories and the senses and uses a buyer reports on: a review of
    # an unfamiliar product still names it or how it feels, looks, fits or works.
    r"面霜|精华|乳液|水乳|爽肤水|口红|粉底|眼影|香水|洗发|护发|沐浴|洗面|牙膏|牙刷|纸巾|湿巾|猫粮|狗粮|猫砂|零食|水果|"
    r"茶叶|咖啡|奶粉|尿不湿|纸尿裤|沙发|床垫|柜子|椅子|桌子|台灯|灯泡|(?<!火)锅|刀具|杯子|水杯|保温|耳机|手机壳|数据线|"
    r"充电器|电脑|键盘|鼠标|相机|手表|项链|耳环|戒指|手链|背包|书包|帽子|围巾|手套|袜子|内衣|外套|毛衣|羽绒|t恤|"
    r"衬衫|卫衣|靴|书本|绘本|笔|本子|积木|娃娃|绿植|花盆|种子|肥料|电器|风扇|空调|冰箱|洗衣机|吹风机|"
    r"抹开|吸收|清爽|油腻|滋润|香味|颜值|外观|触感|坐着|躺着|睡着|戴着|吃着|喝着|试用|试吃|试穿|组装|尺子|"
    r"材料|配件|零件|电量|续航|信号|噪音|清洗|洗了|掉毛|褪色|变形|漏水|漏气|卡顿|发热|结实|牢固|稳当|很稳|"
    # Fibres named and felt ("所谓羊毛混纺一摸就是腈纶"; "一摸一样" is a slip for 一模一样), this very
    # order ("这单") and the review that follows it ("追评").
    r"(?<!薅)羊毛|羊绒|纯棉|全棉|棉质|涤纶|腈纶|锦纶|氨纶|真丝|桑蚕丝|莫代尔|聚酯纤维|混纺|真皮|pu皮|一摸(?!一样|底)|这单|追评|"
    # Services bought online are purchases too: rooms, food delivery, books, devices.
    r"房间|酒店|宾馆|前台|早餐|服务员|设施|卫生间|入住|住宿|外卖|送餐|骑手|配送员|米饭|饭菜|菜品|份量|打包|餐具|"
    r"这本书|本书|书的|书中|书很|印刷|纸张|翻译|章节|情节|系统|内存|运行|机子|机器|显卡|散热|硬盘|摄像头|像素|"
    r"拍照|酸奶|牛奶|好喝|难喝|京东|淘宝|天猫|拼多多|自营|商城|快递员|送货员|师傅|性能|配置|功能|操作|"
    # Using what was bought, and the review itself: "用了", "住了", "连一星都不想给".
    r"用了|吃了|喝了|住了|看了|穿了|洗了|戴了|玩了|装了|没送|送来|送到|送的|假的|发票|开票|收据|返现|秒杀|上当|"
    r"评价|评分|打分|[一二三四五1-5]星|到手|才到|才发|发出|发成|拍的|拍了|付款|tui款|退了|退回|补了|补发|"
    r"霉|划痕|漏了|开胶|裂了|碎了|断了|脱线|没毛病|爱了|合适|顺滑|显白|服帖|水润|客付|同事|皮肤|干燥|"
    # Defects as the senses report them: a smell, a noise, a rough edge, a wobble.
    r"味儿|(?:塑料|化学|胶水|油漆|皮革|橡胶|[胶臭怪霉酸腥膻])味|刺鼻|甲醛|扎手|扎脚|毛糙|毛刺|咯吱|吱吱|嘎吱|异响|响声|松动|晃动|摇晃|起皮|脱皮|掉渣|粘手|发黄|生锈|锈了|"
    # Visits bought on a platform (restaurants, venues): the place and what was ordered.
    r"餐厅|饭店|菜品|点了|上菜|排队|门店|分店|老店|店面|装修|团购|点评|门票|景区|"
    # Books, courses and media are judged by their content and the reading of it.
    r"内容|作者|文章|文笔|文字|故事|剧情|读完|读了|看完|翻了|翻翻|错别字|这本|此书|该书|全书|整本|书还|"
    r"课本|教材|单词|插图|挂图|漫画|小说|原著|出版|译本|译注|排版|字体|纸质|正版|盗版|"
    # How it was shipped and paid for: the courier, the days it took, points and coupons.
    r"中通|圆通|申通|韵达|顺丰|邮政|ems|极兔|德邦|菜鸟|驿站|[\d一二两三四五六七八九十]天(?:就)?(?:到|送到|收到)|"
    r"会员|积分|抵扣|满减|优惠券|"
    # Attributes of goods that news and chat rarely name: the price band, the casing, the date.
    r"价位|外壳|造型|生产日期|保质期|起毛|变色|降价|不卡|没(?:有)?给(?:送|放|配)|没赠|"
    r"订单|没到|未到|拿到|看不进去|爱看|《[^》]{1,30}》|(?:这|那|本|此|该|整|一|套)(?:本|类|种|套|部)?[^,，。!！?？\n]{0,6}?书|的书(?!法|记|包)|"
    r"阅读|读物|图像|插画|送过来|寄过来|"
    # Food bought to eat (fruit, dishes, delivery) and how the eating or the delivery went.
    # Curtains and how they darken a room ("遮光还真不赖"), a course's teacher and its deposit ("老师讲得
    # 挺干的", "去了要先交199定金"; not 稳定金融), a face
    # mask ("面膜敷完脸嫩嫩的"), the parcel opened at once and the goods against their video ("刚到就拆了，
    # 跟视频里一模一样"), a weight checked ("标的两斤装，上秤一斤六两").
    r"自动续费|(?<!手)续费|扣费|遮光|窗帘|不赖(?![我你他她])|老师讲(?:得|的)|试听课|(?<!稳)定金|订金|面膜|敷完|敷了|(?:刚到|到手|到了)就拆|"
    r"(?:跟|和|与)(?:视频|图片|图|描述|主播)(?:里|上|中)?(?:的)?一(?:模|摸)一样|上秤|称了一下|[0-9一二两三四五六七八九十]+斤装|"
    # Nuts, dried fruit and snacks ("红枣", "核桃", "牛肉干"; not 花生 and 瓜子, as in 棉花生产 and 瓜子脸).
    r"红枣|大枣|核桃|坚果|干果|腰果|杏仁|开心果|巴旦木|葡萄干|果干|辣条|牛肉干|鲜花饼|"
    r"苹果|火龙果|橙子|橘子|桔子|香蕉|葡萄(?!牙|酒)|芒果|草莓|榴莲|西瓜|桃子|猕猴桃|樱桃|柚子|梨子|果子|个头|"
    r"饺子|包子|馒头|面条|米线|米粉|拉面|炒饭|盖饭|炒面|套餐|汉堡|披萨|薯条|鸡翅|鸡腿|烤肠|蛋糕|面包|甜品|奶茶|饮料|果汁|可乐|"
    r"[肉菜汤饭粥](?:[太很挺也都还就真有]|不够|少了|没有|里)|尝了|尝尝|尝鲜|品尝|一尝|[来去]吃|"
    r"点单|点餐|点菜|拉肚子|闹肚子|量太少|量少|菜量|饭量|[咸腥涩]|送错|漏送|少送|忘了送|送餐|送饭|送达|等了|等太久|太慢了|"
    r"超时|准时|筷子|碗筷|勺子|吸管|外卖|迟到|钟头|送了[^,，。!！?？\n]{0,4}小时|[吃喝](?:[了的过着完到出]|起来)|小吃|点的|"
    r"土豆|牛肉|鸡肉|羊肉|鱼头|油条|煎饼|卷饼|凉菜|拿铁|菜单|菜式|晚饭|午饭|[用就套]餐|餐[品具盒厅还到]|"
    # The shop itself, and what was asked for against what came ("我要灰色的，给我送了个白色的").
    r"店|说好的|说好送|我要的|给我(?:送|发)了?|牌子|卖点|打开|一切正常|"
    # Devices: what fails or works when one is used.
    r"死机|开机|关机|待机|重启|黑屏|蓝屏|驱动|显存|接口|usb|蓝牙|wifi|网速|分辨率|屏(?!蔽|障|息|风)|机身|电源|卡顿|卡的|卡死|"
    # How it leaks, smells, washes and feels in use, and make-up on the skin ("漏的到处都是", "闻着酸酸的", "浮粉").
    r"漏(?:的|得|出|液|油)|(?:会|在|有点|老是|一直)漏|闻着|闻起来|洗着|洗起来|(?<!抚)摸着|摸起来|(?<![利运应])用起来|"
    r"穿起来|戴起来|浮粉|卡粉|脱妆|持妆|上妆|底妆|遮瑕|妆感|控油|紧绷|拔干|假白|"
    r"反应(?:慢|迟钝)|发烫|耗电|彩信|短信|摄像|音量|喇叭|按键|本本|笔记本|"
    # Rooms and stays.
    r"床(?:单|垫|铺|上|太|很|也|有|还|是|软|硬|小|大)|[大小双加]床|被子|枕头|枕套|毛巾|浴室|浴缸|浴盆|浴巾|浴帘|淋浴|洗澡|热水|暖气|隔音|电梯|地毯|门童|结账|结帐|退房|标间|房型|宽带|停车|"
    # Hair and skin after use.
    r"头发|头皮|头痒|毛躁|肌肤|痘|洗完|用后|用完|"
    # A visit to a shop or restaurant the writer tells of.
    r"这家|他家|他们家|店名|餐馆|饭馆|菜馆|小吃店|火锅|烧烤|烤肉|自助|"
    # Dining out in a reviewer's words (a meal voucher is a purchase too); 吃饭, 环境 and 位于 were
    # tried and left out: news and social posts use them as often as restaurant reviews.
    r"美食|包厢|聚餐|约饭|菜系|料理(?![好了]?家务|后事)|馆子|食材|"
    # The buyer's own experience and verdict on what was bought, whatever it is.
    r"描述|不符|骗人|老顾客|回头客|一如既往|还没用|不敢用|不敢吃|支持一下|不建议|下次(?:还|再|不)|不会再|"
    r"再也不(?:买|来|用|喝|吃|点|订|住)|最后一次|不喝|爱喝|"
    # A box or portion, how it fits, what went into a dish, the shopping itself ("大份才半盒",
    # "怎么穿这么紧", "说了不要辣的", "最恶心的一次购物"). Colours and sums of money were tried and left
    # out: news and social posts name them five times as often as the genuine reviews they freed.
    r"[小中大半](?:盒|份|瓶|袋|罐|箱|碗|杯)|穿(?:着|起来|上|了)?[^,，。!！?？\n]{0,3}(?:紧|松|肥|瘦)|[吃喝用穿住]不(?:习惯|惯|下去)|"
    r"(?:不要|别放|不放|少放|多放|不加|别加|别忘|忘了?放)(?:辣|葱|姜|蒜|香菜|醋|糖|盐|酱)|辣酱|辣椒|香菜|葱花|"
    r"购物|网购|出来卖|[发寄]给我|"
    # A child or a relative using what was bought ("闺女抱着不撒手", "儿子天天玩").
    r"(?:闺女|女儿|儿子|宝宝|孩子|娃|小孩|老公|老婆|老人|外孙|孙子|孙女)[^,，。!！?？]{0,4}(?:抱着不撒手|爱不释手|不撒手|天天玩|天天抱|"
    r"喜欢得不得了|可喜欢了|很喜欢|超喜欢|特别喜欢|玩得(?:可|很|超)?开心)|"
    # A pet using what was bought ("猫一直霸占这个猫窝", "狗狗超爱吃").
    r"(?:猫|猫咪|狗|狗狗|主子|毛孩子)(?:一直|很|超|特别|天天|都)?(?:爱|喜欢|霸占|抢着|不爱|不吃|爱吃|睡在|趴在)|"
    # ... or not, or wild for it ("猫没啥反应", "猫听到袋子响就疯了"); kibble by its size ("冻干颗粒挺大").
    r"(?:猫|猫咪|狗|狗狗|主子|毛孩子)(?:都|也|一点|完全)?(?:没啥|没什么|没有?|不感)(?:反应|兴趣)|(?:猫|猫咪|狗|狗狗|主子)[^,，。!！?？\s]{0,8}就疯了|"
    r"颗粒(?:挺|很|太|有点|比较|偏)?(?:大|小|均匀|硬|碎)|"
    # Pet food and what it did to the pet ("这粮有毒吧", "猫天天拉稀", "换粮后软便"); 换粮食 and a
    # drug's or a cream's 冻干 technique are news' words.
    r"这粮|主粮|换粮(?!食)|这(?:袋|包|罐)?冻干|冻干(?=[很太挺碎化都有没好不少])|猫条|猫砂盆|猫抓板|逗猫棒|驱虫药|(?:猫|狗|猫咪|狗狗|主子)(?:天天|一直|吃了|吃完|都)?(?:拉稀|软便|呕吐|吐了|拉肚子|便血|泪痕)|"
    # Car accessories and how they fit ("我是21款卡罗拉，主驾那块短了一截"); 方向盘, 刹车, 副驾驶 and
    # "短了一点" are news' and posts' words.
    r"脚垫|座套|座垫|(?:主驾|副驾)(?:那|位|座|脚)|后备箱|雨刮|雨刷|记录仪|车载|机油|轮胎|车蜡|玻璃水|应急电源|搭电|(?<![0-9第])[0-9]{2}款(?=[\u4e00-\u9fff])|(?:短|长|宽|窄)了(?:一截|一圈|一号|一码)|"
    # Fruit as the mouth finds it ("一口爆汁"), goods shipped cold ("冰袋都没放，泡沫箱里啥也没有"),
    # fishing gear.
    r"爆汁|多汁|汁水|(?<!乳)汁多|果肉|脆甜|冰袋|泡沫箱|冷链|化冻了|解冻了|鱼竿|鱼线|鱼钩|渔具|饵料|鱼饵|窝料|打窝|浮漂|鱼漂|爆护|"
    # Appliances by name (电视, not 电视剧) and how they fail ("开不了机", "是坏的"); a parcel in transit.
    r"电视(?!剧|台|节目|新闻|上|里)|热水器|油烟机|烟机|燃气灶|微波炉|烤箱|电饭煲|净水器|扫地机|投影仪|开不了机|打不开|充不进电|不制冷|不制热|不加热|"
    r"(?:是|就是|都是)坏的|运输中|派送|派件|揽收|揽件|不给送|"
    # Health devices for the elderly and what they measure ("血压计量了三次三个数"), grain, oil and
    # packaged food, cleaning goods, and fitness gear.
    r"血压计|血糖仪|体温计|额温枪|体重秤|按摩椅|按摩仪|按摩器|足浴盆|泡脚桶|助听器|老人机|拐杖|手杖|轮椅|护膝|护腰|理疗仪|制氧机|雾化器|"
    r"大米|面粉|食用油|花生油|菜籽油|玉米油|杂粮|挂面|糯米|蜂蜜|腊肉|腊肠|香肠|咸菜|榨菜|泡菜|方便面|泡面|月饼|粽子|白酒|黄酒|"
    r"洗衣液|洗衣粉|洗洁精|柔顺剂|消毒液|垃圾袋|卫生纸|抽纸|拖把|补充装|替换装|"
    r"哑铃|杠铃|壶铃|瑜伽垫|跳绳|拉力器|帐篷|睡袋|泳衣|泳镜|球拍|"
    # What a kitchen machine makes ("早上一杯豆浆，晚上一碗米糊"); a ticket ("电影票出票失败").
    r"豆浆|米糊|榨汁|打汁|破壁机|电影票|出票(?:失败|了|成功|慢)|"
    # What was ordered against what came ("订了两个煎蛋，只来了一个"); 制订了 and 签订了 are news' words.
    r"(?<![制修拟签预])订了|只来了|只送了|"
    # Make-up tools and make-up on the skin ("粉扑卡脸", "涂在脸上有些干"); 脸上 alone is news' and
    # posts' word.
    r"粉扑|气垫|散粉|眉笔|睫毛膏|卸妆|粉质|色号|妆效|清洁力|清洁能力|红血丝|"
    r"(?:涂|抹|擦)(?:在)?(?:脸上|手上|身上)|(?<!鼻子)上脸|"
    # A book's pages ("书少了二十多页", "中间直接跳页", "页码不对").
    r"书(?:少了|缺了|破了|皱了|角|皮|脊|封)|(?:缺|掉|跳|少了?[0-9一二两三四五六七八九十几多]*)页|页码|页数|"
    # A price comparison names the goods as "the same item" with a price ("楼下超市同款才卖15").
    # 同款 alone is also slang for "just like" in posts (同款室友).
    r"同款(?:才|只|就|也就|只要|才要)?卖?\s*[\d一二三四五六七八九十两]|(?:才|只|就|也就)卖\s*[\d一二三四五六七八九十两]|"
    # The thing in hand, pointed at by a measure word that counts goods ("盖上这床蚕丝被", "这瓶用完");
    # 这个, 这件, 这条, 这支, 这副, 这台, 这双 are as often a matter, an event, a road, a team, a look, a
    # show or hands in news and posts.  "看得清", "听得懂" were tried: posts about dialects use them.
    r"这(?:款|床|瓶|盒|袋|顶|罐|桶)|"
    # Jewellery and gifts: what was engraved or made to order ("刻字很清楚", "刻的是我俩的名字"), the
    # pieces and metals, the gift box it came in, the unboxing ("开箱视频").  钻, 定制, 珍珠, 镌刻 and
    # 刻 after 苛/时/雕 ("苛刻的", "时刻了解") are news' words.
    r"(?<![苛深时雕立即片此顷])(?:刻字|刻的字|刻的是|刻了字|刻了名字|刻错|刻得)|"
    r"吊坠|手镯|镯子|胸针|耳钉|耳坠|锆石|银饰|纯银|镀金|镀银|(?<![0-9])(?:18|14|9)k|k金|足金|礼盒|礼品盒|包装盒|开箱|"
    # The parts of goods a buyer handles ("饭盒盖子有点松", "狗绳卡扣有点紧", "表盘有划痕"); words
    # that news and social posts use as often (把手, 轮子, 电线, 刀片) are left out.
    r"盖子|卡扣|扣子|拉链|提手|手柄|按钮|底座|肩带|表带|表盘|鞋底|鞋带|镜片|镜框|饭盒|狗绳|牵引绳|刷头|瓶盖|瓶口|壶嘴|"
    r"线头|针脚|走线|接缝|缝线|内胆|滤网|滤芯|插头|遥控器|"
    # What the goods are made of, as the label tells it ("标签上写着65%涤纶"); 成分 alone and 含量
    # are as often a drug's or an economy's.
    r"纯棉|全棉|棉质|涤纶|聚酯|氨纶|莫代尔|亚麻|真丝|吊牌|水洗标|成分(?:表|很|挺|安全|天然|简单|温和|党)|"
    # Services bought as vouchers and courses; 教练, 课程, 上课, 健身房, 发型 are news and posts'
    # words as much (a sports coach, a school), so only the bought voucher and lesson count.
    r"(?:理发|美发|洗剪吹|按摩|代金|团购|体验|次)券|手艺(?:不错|很好|好|可以|一般|差|还行|很棒|太差)|"
    r"美甲|美容|推拿|私教|剪发|网课|这节课|"
    # How the shop answered ("第二天中午才回", "秒回", "不回消息").
    r"(?:第二天|隔天|次日|半夜|凌晨)[^,，。!！?？\n]{0,8}才回|秒回|不回(?:复|消息)|回消息(?:很|太|挺|超)?(?:慢|快|及时)|"
    # Reviews in English name the same aspects.
    # The colour chosen against the colour sent ("明明选的黑色，结果发了白色"); colours alone are
    # left out (news and posts name them as often).
    r"(?:选|拍|买|要|订)的(?:" + COLOURS + r")色|发(?:了|来|成|的是)(?:个|件)?(?:" + COLOURS + r")色|"
    r"\b(?:money|price|quality|product|item|buy|bought|order|delivery|shipping|size|colou?r|waste|worth|"
    r"cheap|expensive|seller|package|book|fits?|works?|broken)\b"
)
# Evaluation words: a clause made of them (and degree words) evaluates the purchase ("还行").
_EVALUATION = re.compile(
    # Two-character judgements before the single characters they start with, so that "好看好看好看"
    # is read as 好看 four times, not 好 and a left-over 看.
    r"好看|好吃|好用|难看|难吃|难用|不错|很好|挺好|真好|好评|差评|中评|满意|喜欢|推荐|值得|值|很棒|超棒|棒|赞|可以|还行|还好|一般般?|凑合|将就|"
    r"不怎么样|失望|垃圾|太差|很差|差劲|差|烂|坑|后悔|不值|完美|给力|闪(?![电耀光烁现开过人身退])|暖和|好|ok|nice|good|great|bad|perfect|love|"
    # Weight as the hand feels it ("这个铝的轻巧", "木头的死沉").
    r"轻巧|轻便|死沉|"
    r"五星|满分|👍|👎|💯|❤|😍|😊|🥰|👌|"
    # Judgements of a thing: in a short clause ("房间太小", "苹果很甜") they evaluate what was bought.
    r"舒服|舒适|漂亮|好看|难看|恶心|流畅|清晰|方便|干净|卫生|实用|精致|粗糙|结实|难受|失败|不行|没用|有用|正规|"
    r"美|丑|慢|快|小|大|贵|便宜|香|臭|甜|咸|淡|辣|油|腻|硬|软|厚|薄|新|旧|脏|松|紧|重|轻|凉|冷|热|吵|静|"
    r"多|少|长|短|亮|暗|鲜|酸|苦|稳|差劲|划算|实惠|正宗|地道|难吃|好吃|好用|难用"
)
# Review verdicts: wherever they stand, the writer is judging something bought ("南极人夹克衫不错").
_VERDICT = compile_screened(
    r"不错|满意|推荐|好评|差评|中评|失望|垃圾|后悔|一般般?|还行|值得|不值|喜欢|给力|划算|实惠|坑人|上当|不咋(?:的|地|样|滴)?|"
    r"很好|挺好|真好|太好|都说好|(?:都|也)说(?:这个|这款|它)(?:很|挺|真|特别|超)?(?:好|不错|好看|好用|好吃|漂亮|值)|避雷|绕道|马马虎虎|普普通通|凑合|无语|稀饭|(?:也)?就那样(?:吧|了|儿)?(?=$|[,，。!！?？\s~～])|"
    # Buying slang that recommends or regrets ("闭眼入", "真香", "宝藏", "强推", "劝退").
    # "666" is praise typed as digits (溜 = awesome), not a number.
    r"(?<![\d@a-z._])6{3,}(?![\d万千亿元块号米])|闭眼(?:入|买|冲)|入手|必入|可入|慎(?:入|买|拍|选|购)|(?:谨慎|慎重)(?:购买|入手|下单)|真香|绝绝子|宝藏|种草|拔草|安利|强推|冲鸭|冲冲冲|劝退|靠谱|没得说|全五分|"
    r"👍|👎|💯|👌|"
    # Verdicts typed in English or as pinyin internet slang ("I like it, very soft", "yyds" = 永远的神).
    r"(?<![a-z])(?:nice|good|great|perfect|love|like|likes|liked|recommend|awesome|excellent|amazing|terrible|awful|poor|"
    r"worth|satisfied|happy|disappointed|cute|beautiful|pretty|comfortable|soft|cheap|fast|slow|broken|fake|quality|"
    r"cool|yyds|awsl|xswl|nbcs|zqsg|nb|niubi)(?![a-z])|"
    # Verdicts in dialect, homophones and net slang ("还阔以", "布错", "冇问题", "得劲儿", "巴适",
    # "杠杠的", "牛批", "拉胯", "爱了").
    # ... and in Cantonese ("麻麻哋" so-so, "好抵" good value, "唔抵", "冇得弹" flawless, "好正", "好靓").
    r"麻麻(?:哋|地|们|的)?(?=$|[\s,，。!！?？~～])|(?:好|几|真系)(?:正|抵)(?![\u4e00-\u9fff])|几(?:美|靓|劲)(?![\u4e00-\u9fff])|"
    r"(?:唔|不)抵(?=$|[\s,，。!！?？~～啊呀啦喇])|(?:冇|没)得弹|"
    # A review that is only "没问题" (or Cantonese 冇问题, read as 没问题) says the purchase is fine.
    r"^(?:都|全都|一切)?没(?:有|啥|什么)?问题(?:的|啊|哦|呀)?[!！~～。.]*$|"
    r"阔以|布错|不戳|(?<![\d])8错|冇问题|莫得问题|木有问题|得劲|巴适|杠杠的|贼拉?(?:好|棒|香|好用|好使)|老(?:好|棒|香)了|"
    # "好使" (works well) and "冲就完事了" (just buy it) in northern talk ("这玩意儿贼拉好使"); a bare
    # 好使 is as often a mind's ("脑子不好使") in social posts.
    r"(?:贼拉?|老|挺|很|真|超|特别|非常|嘎嘎)好使(?!唤)|冲就(?:完事|对|是|完)了?|"
    r"嘎嘎(?:好|香|棒|甜|好用|舒服)|牛[逼批掰b]|太牛了|真牛|贴心|滑滑|顺滑|丝滑|嫩滑|滋润|水润|(?:挺|很|超)润|(?:真|太|简直|真是|也太)绝了|^绝了|(?<![\u4e00-\u9fff])(?:绝|爽)(?:了|绝子|歪歪|翻了)?(?![\u4e00-\u9fff])|^中(?:嘞|啊|哦)?[!！~～]*$|爱了|爱死|拉胯|拉垮|踩雷|智商税|辣鸡|"
    # Judgements of content and use (books, courses, media, tools): "没意思", "很精彩", "对学生没什么帮助".
    r"没意思|有意思|没劲|无聊|精彩|深度|深刻|感人|生动|有趣|乏味|枯燥|受益|浪费|看不下去|读不下去|"
    r"帮助|适合|实用|吸引|用处|肤浅|做作|炒作|感动|(?:没有|不如|超出|超过|符合)(?:我的)?(?:期待|预期|想象)|"
    # Merits and faults of the thing ("全是优点", "唯一的缺点是…", "目前没发现毛病"); a bare 不足 is
    # as common in news ("力不足", "不足以") and is not counted.
    r"优点|缺点|不足之处|美中不足|没(?:有)?(?:发现)?(?:什么|任何)?(?:不足|毛病)|小毛病|"
    # The thing itself judged sound ("洗衣液本身没问题"); a bare 没问题 answers anything.
    r"(?:本身|质量|东西|用着|用起来|效果|味道)(?:都|也|倒是|还是)?没(?:有)?(?:什么|啥)?问题|"
    # Whether it measures true (a scale, a thermometer, a blood-pressure meter).
    r"(?:挺|很|蛮|超|真|特别|非常)准(?!备|时|确|许)|(?:量|测|称)[^,，。!！?？\s]{0,12}(?<![说拿猜看估算料])不准|"
    # Northern praise ("老爷子可稀罕了").
    r"(?:可|老|贼)稀罕"
)
_DEGREE_OR_FILLER = re.compile(r"[很挺太真超特别非常蛮较比还都也就的了啊呀吧哦呢嘛哈噢喔吗么是有点一下]|真心|真的|非常|特别|比较|有点")
_CLAUSE = re.compile(r"[^\s,，.。!！?？;；、~～…]+")
_GIBBERISH_LATIN = re.compile(r"[a-z]{4,}")
_MOJIBAKE = re.compile(r"锟斤拷|烫烫|屯屯|�")
# Written for the points a review earns ("为了积分随便写写"), or to fill its length ("为了凑字数写的评价").
_FILLER = re.compile(r"(?:为了)?凑[个点些]?字数?(?:写的|而写)?(?:评价)?|凑够[^,，。!！?？\s]{0,4}字|为了评价而评价|测试|此用户(?:未|没有)填写|未填写评价|系统默认|默认好评|评价方未及时|"
                     r"(?:为了|赚|拿|混|刷)积分|随便写写|填写评价")
_EMOJI_CODE = re.compile(r"\[[^\[\]\s]{1,4}\]")
_HTML_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#[0-9]{2,5});?")
_KEYBOARD_ROWS = (frozenset("qwertyuiop"), frozenset("asdfghjkl"), frozenset("zxcvbnm"))
_LATIN_WORDS = frozenset({"nice", "good", "great", "perfect", "love", "bad", "ok", "okay"})
# Words a buyer writing English (or pinyin slang) uses: a run of them is language, not keys hit at
# random, even along one keyboard row ("pretty", "quite", "your").
_ENGLISH_WORDS = frozenset("""
about after again also always amazing anyway arrived awesome awful baby back bags battery beautiful because
been before best better big bought box boxes broken came cheap clean clothes colour color colors come comfortable
cool cute daughter deliver delivered delivery does done dont down easy even every excellent expected fabric fake
fast feel feels fine first fits from gift gave give gives going gone happy have help here high home husband item
items just keep kids kind last like liked likes little long look looks loved lovely made make material more most
much need nice nothing only order ordered over package perfect phone pretty price problem product quality quick
quite really received recommend return said same satisfied screen seller service shipping shoes should size small
smell smells soft some sound still stuff such sure thank thanks that their them then there these they thing think
this though time told took tried true type used useful very want wanted wash washed well were what when which
while will wife with without work works worth would write wrong your yyds awsl xswl nbcs zqsg haha hahaha
i a an it is my me we so ok to of in on at be do no not and the for but you all can get buy too its was are has
had him her his our out one two new use way yes
""".split())


_LATIN_WORD = re.compile(r"[a-z]+")


# Keys named by their letters ("键帽字母印糊了 asdf那一排看不清"): the row is quoted, not typed at random.
_KEYS_NAMED = re.compile(r"键帽|键盘|按键|字母|键位|键程")


def _latin_sentence(normalized: str, letters: str) -> bool:
    """Mostly Latin letters, at least two words, and every word pinyin or English; or English
    prose whose other words (a product's nouns: "blender", "lid") are shaped like words."""
    words = _LATIN_WORD.findall(normalized)
    if len(words) < 2 or 2 * sum(len(w) for w in words) < len(letters):
        return False
    known = sum(not _typed_at_random(w) for w in words)
    return known == len(words) or (len(words) >= 3 and 3 * known >= len(words) and all(map(_word_shaped, words)))


_CONSONANT_RUN = re.compile(r"[^aeiouy]{4,}")
# Three keys in a row that no English word holds ("asd", "jkl", "vbn"); "wer", "rty" are in
# "power", "pretty", and "quite" is typed along one row too.
_KEY_RUN = re.compile(r"qwe|asd|sdf|dfg|fgh|ghj|hjk|jkl|zxc|xcv|cvb|vbn|bnm")


def _word_shaped(word: str) -> bool:
    """A vowel, no four consonants in a row, no three neighbouring keys: "leaks", not "sdfg"."""
    return len(word) < 3 or (any(c in "aeiouy" for c in word) and not _CONSONANT_RUN.search(word)
                             and not _KEY_RUN.search(word))


def _typed_at_random(run: str) -> bool:
    """A run of Latin letters that is neither a word a buyer writes, pinyin ("henhao") nor laughter."""
    return run not in _ENGLISH_WORDS and not _PINYIN.fullmatch(run) and not _LAUGHTER.fullmatch(run)


# Laughter typed in letters ("hhhhhh", "hahaha", "www") is an interjection, not keys hit at random.
_LAUGHTER = re.compile(r"h{3,}|(?:ha){2,}h?|(?:he){2,}|(?:hia){2,}|(?:xi){2,}|w{3,}")


# Pinyin syllables (initial, final): "zhiliang", "haode" read as Chinese typed without the IME.
_PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|iao|ian|"
                     r"ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v))+")


def purchase_reference(text: str) -> list[str]:
    """Spans showing that ``text`` (normalised) is about a purchase: aspects or evaluations."""
    if _NEWS_LEAD.match(text) and not _FIRST_PERSON.search(text):
        return []  # a news report reprinted ("据报道 今年…商品零售额…") names goods and prices of no purchase
    if (pair := _EMOJI_AND_WORD.match(text)) and not _NOT_A_VERDICT.fullmatch(pair.group(1) or pair.group(2)):
        return [text]  # an emoji and a word ("🐟🐟爆了", "👍绝"): a verdict typed on a phone
    verdicts = (m.group(0) for m in _VERDICT.finditer(text) if not _SMALL_TALK.search(text, max(0, m.start() - 6), m.start()))
    spans = [m.group(0) for m in islice(_ASPECT.finditer(text), 3)] + list(islice(verdicts, 2))
    for clause in _CLAUSE.findall(text):
        evaluations = _EVALUATION.findall(clause)
        if not evaluations or _GREETING.search(clause):
            continue
        rest = _DEGREE_OR_FILLER.sub("", _EVALUATION.sub("", clause))
        rest = re.sub(r"[^\w\u4e00-\u9fff]", "", rest)
        # A short subject and a judgement ("苹果很甜", "房间太小") evaluates the purchase; in
        # "今天天气不错" the judgement is about something else (four characters remain).
        if len(rest) <= 3:
            spans.append(clause)
    return spans


# A review that is emoji and one short word, either way round; a greeting or a check-in is no verdict.
_EMOJI_RUN = r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF]\ufe0f?\s*)+"
_EMOJI_AND_WORD = re.compile(r"^" + _EMOJI_RUN + r"([\u4e00-\u9fff]{1,3})[!！~～。.]*$|^([\u4e00-\u9fff]{1,3})[!！~～。.]*\s*" + _EMOJI_RUN + r"$")
_NOT_A_VERDICT = re.compile(r"晚安|早安|早上好|晚上好|你好|哈+|呵+|嘿+|嗯+|加油|打卡|签到|早|在吗|生日快乐|新年快乐")
# The weather, a mood or luck judged ("今天天气不错 适合出去玩": a verdict a few characters after them)
# is small talk, not a verdict on goods.
_SMALL_TALK = re.compile(r"天气|天儿|心情|运气|阳光|气温")
# A greeting or a wish ("早上好🌞 愿你每天都有好心情") evaluates nothing bought; a clause about the
# weather still may ("天气热，粥都酸了").
_GREETING = re.compile(r"[早晚]上好|中午好|下午好|早安|晚安|好心情")
# A news report's opening words ("据悉" is left out: Dianping reviewers open a shop's story with it),
# and the first person a buyer writes in.
_NEWS_LEAD = re.compile(r"据(?:报道|新华社|央视|媒体报道)|新华社|本报讯|记者[^,，。!！?？\s]{0,8}(?:获悉|了解到|从)")
_FIRST_PERSON = re.compile(r"我|俺|咱")


def _meaningless(text: str, normalized: str, contacts: Sequence[str] = ()) -> tuple[list[EvidenceItem], list[str]]:
    # Douyin's emoji shortcodes ("[吃瓜]", "[红包]") are emoji, not words; an HTML entity left by an
    # export ("好&hellip") is punctuation, not letters typed at random.
    normalized = _HTML_ENTITY.sub(" ", _EMOJI_CODE.sub(" ", normalized))
    # A contact is written on purpose, not typed at random: a review that is only a WeChat id and
    # a phone number is an ad (its contact evidence), never keyboard mash or "no reference".
    for contact in contacts:
        normalized = normalized.replace(normalize_text(contact), " ")
    normalized = _masked_digits_as_zeros(normalized)  # "xxxx年x月" is a date, not keyboard mash
    letters = re.sub(r"[\W_]", "", normalized)
    if contacts and len(letters) < 4:  # nothing but the contact and a call to add it ("加wx：…", "我的v是…")
        return [], []
    # Emoji and symbols alone say nothing, even 👍: only "a word with 👍" evaluates.
    reference = purchase_reference(normalized) if letters else []
    # Filler words make a review meaningless when they are much of it ("凑字数凑字数，还行"),
    # not when a real review mentions them ("内容空洞，感觉作者在凑字数").
    filler = sum(len(m) for m in _FILLER.findall(normalized))
    if not normalized.strip() or (reference and 2 * filler < len(letters)):
        return [], reference
    quote = text[:200]
    latin_runs = _GIBBERISH_LATIN.findall(normalized)
    if filler:
        code, reason = "filler", "评价为凑字数/测试等填充内容"
    elif _MOJIBAKE.search(normalized):
        code, reason = "garbled", "评价为乱码"
    elif not letters:
        code, reason = "symbols_only", "评价只有标点、符号或表情"
    elif letters.isdigit():
        code, reason = "digits_only", "评价只有数字"
    # One character over and over ("啊啊啊"), or a long run of very few ("测试测试测试"); a
    # reduplicated word ("马马虎虎", "普普通通") is an evaluation, not repetition.
    elif (len(letters) >= 3 and len(set(letters)) == 1) or (len(letters) >= 8 and len(set(letters)) <= len(letters) // 4):
        code, reason = "repetition", "评价为无意义的重复字符"
    # A sentence typed in pinyin or English ("hen hao yong, xia ci hai mai") is language the
    # lexicons cannot read: no evidence either way, rather than "no reference to the purchase".
    elif _latin_sentence(normalized, letters):
        return [], []
    # Letters typed at random: most of the text, or a run along one keyboard row ("fghjkl 阿斯顿");
    # not a brand or model named in a Chinese sentence ("moimoins(摩树诗)位于…", "RealD6FL").
    elif ((random_runs := [run for run in latin_runs if _typed_at_random(run)])
          and 2 * len(random_runs) >= len(latin_runs) and not any(w in normalized for w in _LATIN_WORDS)
          and not _KEYS_NAMED.search(normalized)
          and (2 * sum(c.isascii() and c.isalpha() for c in letters) >= len(letters)
               or any(set(run) <= row for run in random_runs for row in _KEYBOARD_ROWS))):
        code, reason = "keyboard_mash", "评价为随意敲击键盘的字母"
    else:
        code, reason = "no_purchase_reference", "评价未提及商品、质量、物流、服务、价格等任何购买相关内容，也没有评价"
    return [EvidenceItem(MEANINGLESS, code, "review", reason, quote=quote)], []


# --- false claims --------------------------------------------------------------------------------
def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "?"


# The seller admitting the problem in chat: then the chat facts agree with the complaint.
_SELLER_ADMITS = re.compile(r"漏发|少发|发错|错发|补发|补寄|重寄|重新(?:给您)?(?:发|寄)|我们的(?:失误|疏忽|问题)|是我们|确实(?:是|有)")


# Claims about the service and the order's record, not the goods or the shipment: a seller's
# admission in chat (漏发, 发错) does not make them true.
_NOT_ABOUT_THE_GOODS = frozenset({"claim_no_reply", "claim_rude_seller", "claim_refund_refused", "claim_invoice_refused", "claim_return_postage",
                                  "claim_size_advice", "claim_refund_slow", "claim_shipped_after_refund",
                                  "claim_item_missing", "claim_no_tracking", "claim_usage_length"})


def _false_claim(item: Any, text: str, folded: str, normalized: str) -> list[EvidenceItem]:
    claimed = claims(normalized)
    if not any(claimed.values()):
        return []

    order = item.order.model_dump(mode="json", exclude_none=True) if item.order else None
    chat = [m.model_dump(mode="json", exclude_none=True) for m in item.chat]
    structure = chat_structure(chat)
    verdicts = dict(zip(CLAIM_NAMES, claim_fact_contradictions(claimed, order, chat, structure, text=normalized,
                                                                       reviewed_at=item.created_at),
                        strict=True))
    facts: list[EvidenceItem] = []
    contradicted = [name for name, verdict in verdicts.items() if verdict == 1.0]
    if any(m.role == "seller" and _SELLER_ADMITS.search(aligned(m.text)) for m in item.chat):
        # What the seller admitted about the goods or the shipment cannot be refuted by the
        # delivery record; claims about the service itself are checked against the replies.
        contradicted = [name for name in contradicted if name in _NOT_ABOUT_THE_GOODS]
    # A claim the writer takes back later ("显示签收但我没拿到，后来在驿站找到了") tells a story, and
    # the facts agree with its end.
    contradicted = [name for name in contradicted if not _resolved_later(name, folded)]
    for name in contradicted:
        facts += _contradicting_facts(item, name, chat, normalized)
    if not facts:
        return []
    quotes = [EvidenceItem(FALSE_CLAIM, f"claim:{name.removeprefix('claim_')}", "review",
                           "评价中的说法，与下列订单/聊天事实不符", quote=q)
              for name in contradicted for q in _spans(CLAIM_PATTERNS[name], text, folded, 1)]
    if not quotes:  # the claim was only visible after full normalisation
        quotes = [EvidenceItem(FALSE_CLAIM, "claim", "review", "评价中的说法，与下列订单/聊天事实不符", quote=text[:200])]
    return quotes[:2] + facts


# ... or a check that found the cause ("找客服查了是快递员放错楼栋，折腾了两天才到手").
_RESOLVED = re.compile(r"(?:后来|最后|结果|然后|第二天|隔天|过了|查了|折腾)[^。!！?？]{0,12}"
                       r"(?:找到|收到|拿到|取到|取回|拿回|找回|到了|才到|到手|送到|送来|发了|发货了|发出|回复了|回了|退了|解决|放错|送错|投错)")


# A not-received claim the review itself takes back: the goods came and were opened or worn
# ("东西到了我拆开看了", "收到后戴了一天") or were found at last ("找了半天才在驿站拿到"), or "还没到" is
# only the time of a story ("东西还没到我们就分手了"; not "还没收到就显示签收了").
_ARRIVED_AND_USED = re.compile(r"(?:到了|到手|收到)(?:了|后|之后|以后)?[^。!！?？]{0,4}?(?:拆开|打开|戴上|戴了|试了|用了|穿上|穿了)|"
                               r"才[^。!！?？,，]{0,6}(?:拿到|找到|取到|收到|找回|拿回|取回)")
_BEFORE_IT_CAME = re.compile(r"(?:(?<=还没到)|(?<=还没收到)|(?<=还没到货))"
                             r"(?:(?!签收|显示)[^。!！?？,，]){0,8}?就(?!显示|已|被|签收|给|让)")


# The parcel opened, anywhere in the review ("包裹里就一袋辣条，福袋影子都没有"): what is "not there"
# is an item missing from it, not the parcel; so is what the words just before name ("要了三次发票…
# 到现在也没见着").
_PARCEL_OPENED = re.compile(r"(?:包裹|箱子|快递|盒子)里(?:面)?(?:就|只|只有|就只有|只放了)|拆开(?:快递|包裹|箱子)")
_ANOTHER_THING = re.compile(r"(?:发票|开票|收据|赠品|小样|礼品|退款|返现|红包|补偿|回复|答复|单号)[^。!！?？\n]{0,16}$")


def _arrival_told(folded: str, claim: re.Match[str]) -> bool:
    """Whether a not-received claim is taken back by the review itself, or is about something else."""
    return bool(_ARRIVED_AND_USED.search(folded, claim.end()) or _BEFORE_IT_CAME.match(folded, claim.end())
                or _PARCEL_OPENED.search(folded) or _ANOTHER_THING.search(folded, max(0, claim.start() - 20), claim.start()))


# How a claim may be taken back beyond the story's later turn (_RESOLVED), per claim.
_CLAIM_TAKEN_BACK = {"claim_not_received": _arrival_told}


def _resolved_later(name: str, folded: str) -> bool:
    made = CLAIM_PATTERNS[name].search(folded)
    if made is None:
        return False
    taken_back = _CLAIM_TAKEN_BACK.get(name)
    return _RESOLVED.search(folded, made.end()) is not None or (taken_back is not None and taken_back(folded, made))


_NOT_YET = re.compile(r"还没|还未|尚未|没到账|未到账")


# Why each claim of CHAT_REFUTATIONS is refuted, as the appeal says it.
_REFUTED_IN_CHAT = {
    "claim_invoice_refused": "评价称商家不给开发票，聊天记录显示商家同意或已开具发票",
    "claim_wrong_colour": "评价称商家发错颜色，聊天记录显示该颜色是买家自己选的",
    "claim_size_advice": "评价称客服推荐了该尺码，聊天记录显示客服建议的是另一个尺码",
    "claim_wrong_size": "评价称商家发错尺码，聊天记录显示该尺码是买家自己改选的",
    "claim_item_missing": "评价称赠品/配件/证书/补发未收到或商家不补，聊天记录显示买家已收到或找到，或商家事先说明不含该赠品",
    "claim_no_tracking": "评价称商家不给快递单号，聊天记录显示商家已发送单号",
    "claim_damaged_on_arrival": "评价称收到时已损坏，买家在聊天中说收到时完好或系自己损坏",
    "claim_expired": "评价称商品过期，买家在聊天中承认看错了日期",
    "claim_not_installed": "评价称安装师傅没有上门，买家在聊天中说已经装好",
    "claim_not_credited": "评价称充值/会员/课程未到账或未开通，买家在聊天中说已到账或已开通",
    "claim_used_goods": "评价称收到二手或用过的商品，买家在聊天中说商品是新的",
    "claim_wrong_item": "评价称商家发错货，买家在聊天中承认拍错、确认尺寸合适，或自己改选了所发的款式",
    "claim_voucher_unused": "评价称券/套餐无法使用或未到店就被核销，买家在聊天中说已经使用",
    "claim_fake_goods": "评价称收到假货或非正品，买家在聊天中说已查验为正品",
    "claim_never_ordered": "评价称从未下单购买，买家在聊天中说了要买或已经拍下",
    "claim_empty_box": "评价称收到的是空盒/空包裹，买家在聊天中说已经试用或使用了商品",
    "claim_return_postage": "评价称商家让买家自己承担退货运费，聊天记录显示商家表示运费由商家承担",
    "claim_not_carried_in": "评价称没有送货上楼/入户，买家在聊天中说师傅已搬上楼或送到家",
}


def _contradicting_facts(item: Any, claim: str, chat: list[dict[str, Any]], normalized: str) -> list[EvidenceItem]:
    order = item.order
    code = f"fact_vs_{claim.removeprefix('claim_')}"
    if claim == "claim_not_received":
        found = []
        if (index := buyer_confirmed_receipt(chat)) is not None:
            found.append(EvidenceItem(FALSE_CLAIM, code, "chat", "评价称未收到货，买家在聊天中说已收到",
                                      quote=item.chat[index].text, index=index))
        if order is not None and signed_for(order.logistics_status, order.delivered_at) and not lost_after_signing(normalized, chat):
            when = _day(order.delivered_at) if order.delivered_at else "已"
            found.append(EvidenceItem(FALSE_CLAIM, code, "order", "评价称未收到货，与物流签收记录矛盾",
                                      fact=f"物流显示 {when} 已签收"))
        return found
    if claim == "claim_slow_delivery" and order and order.paid_at and order.delivered_at:
        return [_days_between(code, "评价称物流很慢或等了很久，实际付款后签收用时短于所说",
                              ("付款", order.paid_at), ("签收", order.delivered_at), "用时")]
    if claim == "claim_slow_delivery" and order and order.paid_at and item.created_at:
        return [_days_between(code, "评价所说的等待时间，比付款至评价的实际时间长得多",
                              ("付款", order.paid_at), ("评价", item.created_at), "相隔")]
    if claim == "claim_usage_length" and order and order.logistics_status in ("unshipped", "in_transit"):
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称已使用了一段时间，物流显示商品尚未签收",
                             fact="物流状态：" + ("未发货" if order.logistics_status == "unshipped" else "运输中"))]
    if claim == "claim_usage_length" and order and (order.delivered_at or order.paid_at) and item.created_at:
        start = ("签收", order.delivered_at) if order.delivered_at else ("付款", order.paid_at)
        return [_days_between(code, "评价所说的使用时间，比签收（或付款）至评价的实际时间长得多", start, ("评价", item.created_at), "相隔")]
    if claim == "claim_purchase_count" and order and order.buyer and order.buyer.orders_with_shop is not None:
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称在本店买过多次，买家记录显示在本店只有这一单",
                             fact=f"买家在本店的订单数：{order.buyer.orders_with_shop}")]
    if claim == "claim_refund_unhandled" and order is not None and order.refund_status == "refunded":
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称申请了退款/退货却无人处理，实际已退款", fact="退款状态：已退款")]
    if claim == "claim_refund_unhandled" and order is not None:
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称申请了退款/退货却无人处理，订单上没有任何退款或退货申请记录",
                             fact="退款状态：无退款申请")]
    if claim == "claim_parcel_refused" and (index := buyer_confirmed_receipt(chat)) is not None:
        return [EvidenceItem(FALSE_CLAIM, code, "chat", "评价称已拒收，买家在聊天中说已收到", quote=item.chat[index].text, index=index),
                EvidenceItem(FALSE_CLAIM, code, "order", "评价称已拒收，物流显示已签收",
                             fact=f"物流显示 {_day(order.delivered_at) if order and order.delivered_at else '已'} 已签收")]
    if claim == "claim_said_out_of_stock" and order and order.shipped_at:
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称商家说没货、让买家退款，实际商品已发出",
                             fact=f"付款后 {(order.shipped_at - order.paid_at).total_seconds() / 3600:.0f} 小时发货（{_day(order.shipped_at)}）"
                             if order.paid_at else f"已发货（{_day(order.shipped_at)}）")]
    if claim == "claim_amount_paid" and order and order.amount:
        total = order.amount * max(1, order.quantity or 1)
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价所说的花费，远高于订单的实付金额",
                             fact=f"订单金额 {total:g} 元")]
    if claim == "claim_refund_slow" and order and order.refund_requested_at and item.created_at:
        return [_days_between(code, "评价所说的退款等待时间，比申请退款至评价的实际时间长得多",
                              ("申请退款", order.refund_requested_at), ("评价", item.created_at), "相隔")]
    if claim == "claim_shipped_after_refund" and order and order.shipped_at and not order.refund_requested_at:
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称申请退款后商家仍发货，订单上没有任何退款申请记录",
                             fact=f"发货 {order.shipped_at:%Y-%m-%d %H:%M}，退款状态：无退款申请")]
    if claim == "claim_shipped_after_refund" and order and order.shipped_at and order.refund_requested_at:
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称申请退款后商家仍发货，实际发货早于退款申请",
                             fact=f"发货 {order.shipped_at:%Y-%m-%d %H:%M}，申请退款 {order.refund_requested_at:%Y-%m-%d %H:%M}")]
    if claim == "claim_after_festival" and order and order.delivered_at and (
            festival := festival_claimed(normalized, item.created_at or order.delivered_at)):
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称节后才送到，实际在节日之前已签收",
                             fact=f"签收 {_day(order.delivered_at)}，{festival[0]} {festival[1]:%Y-%m-%d}")]
    if claim == "claim_quantity" and (index := buyer_confirmed_all(chat, normalized)) is not None:
        return [EvidenceItem(FALSE_CLAIM, code, "chat", "评价称少发了货，买家在聊天中说都收到了",
                             quote=item.chat[index].text, index=index)]
    if claim == "claim_quantity" and order and order.quantity:
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价所说的购买数量，与订单数量不符",
                             fact=f"订单购买数量 {order.quantity}")]
    if claim == "claim_not_shipped" and order and order.paid_at and order.shipped_at:
        hours = (order.shipped_at - order.paid_at).total_seconds() / 3600
        return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称不发货，与发货记录矛盾",
                             fact=f"付款后 {hours:.0f} 小时发货（{_day(order.shipped_at)}）")]
    if claim == "claim_refund_refused":
        if order is not None and order.refund_status == "refunded":
            return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称不给退款，实际已退款", fact="退款状态：已退款")]
        made = CLAIM_PATTERNS[claim].search(normalized)
        if made is not None and _NOT_YET.search(made.group()):
            # Money said not back yet ("物流说退回了,钱还没退") is a wait that only a refund on record
            # refutes: the shop's promise to refund once the parcel is back agrees with it.
            return []
        index = seller_offers_remedy(chat)
        if index is not None:
            return [EvidenceItem(FALSE_CLAIM, code, "chat", "评价称商家拒绝退换或不处理，聊天记录显示商家同意处理",
                                 quote=item.chat[index].text, index=index)]
        # Otherwise the verdict rested on the record: a refund applied for, none on record.
        if order is not None and order.refund_status == "none":
            return [EvidenceItem(FALSE_CLAIM, code, "order", "评价称申请退款/退货被拒，订单没有任何退款申请记录",
                                 fact="退款状态：无退款申请")]
        return []
    if claim in CHAT_REFUTATIONS:
        index = CHAT_REFUTATIONS[claim](normalized, chat)
        if index is not None:
            return [EvidenceItem(FALSE_CLAIM, code, "chat", _REFUTED_IN_CHAT[claim], quote=item.chat[index].text, index=index)]
        if claim == "claim_not_credited" and order and order.paid_at and item.created_at:  # the wait counted
            return [_days_between(code, "评价所说的付款后等待时间，比付款至评价的实际时间长得多",
                                  ("付款", order.paid_at), ("评价", item.created_at), "相隔")]
        return []
    if claim in ("claim_no_reply", "claim_rude_seller"):
        return _seller_replies(item, code, claim)
    return []


def _days_between(code: str, reason: str, start: tuple[str, datetime], end: tuple[str, datetime],
                  word: str) -> EvidenceItem:
    """An order fact that says how many days lay between two moments ("付款 …，签收 …，用时 2.1 天")."""
    days = (end[1] - start[1]).total_seconds() / 86400
    return EvidenceItem(FALSE_CLAIM, code, "order", reason,
                        fact=f"{start[0]} {_day(start[1])}，{end[0]} {_day(end[1])}，{word} {days:.1f} 天")


def _seller_replies(item: Any, code: str, claim: str) -> list[EvidenceItem]:
    """The seller's chat replies that contradict "no reply" / "rude": quoted, with latency."""
    found = []
    waiting_since = None
    for index, message in enumerate(item.chat):
        if message.role == "buyer":
            if awaits_reply(normalize_text(message.text)):
                waiting_since = waiting_since or message.sent_at
        elif message.role == "seller":
            latency = ""
            if waiting_since is not None and message.sent_at is not None:
                minutes = (message.sent_at - waiting_since).total_seconds() / 60
                latency = f"买家发消息后 {minutes:.0f} 分钟回复"
            reason = ("评价称客服不回复，聊天记录显示商家及时回复" if claim == "claim_no_reply"
                      else "评价称客服态度差，聊天记录显示商家礼貌回复")
            found.append(EvidenceItem(FALSE_CLAIM, code, "chat", reason, quote=message.text, index=index,
                                      fact=latency or None))
            waiting_since = None
    return found[:3]


# --- platform report reasons that are not labels (features/report_reasons.py) --------------------
# Rules over evidence, not model labels: each is defined by a fact anyone can check in the case
# (a word, a star rating against the text, two timestamps), so a rule with its quote is both more
# exact and easier to defend in an appeal than a score (docs/report_reasons.md).
ABUSE, RATING_MISMATCH, WRONG_CHOICE, BEFORE_DELIVERY, PRICE_DROP = (
    "abuse", "rating_mismatch", "wrong_choice", "before_delivery", "price_drop")
RULE_REASONS = (ABUSE, RATING_MISMATCH, WRONG_CHOICE, BEFORE_DELIVERY, PRICE_DROP)

# Insults, obscenities and threats of violence. Words that judge the goods (垃圾质量, 差劲) are
# complaints, not abuse; the same word aimed at the shop or a person (垃圾店, 骗子商家) is abuse.
_ABUSIVE = compile_screened(
    r"傻[逼比b屄叉]|煞笔|沙比|(?<![a-z])(?:sb|tmd|nmsl|cnm|mlgb|wcnm)(?![a-z])|脑残|智障|弱智|白痴|蠢货|蠢猪|"
    r"废物|人渣|畜生|畜牲|王八蛋|混蛋|贱人|婊子|杂种|狗日|狗东西|狗娘|狗商家|狗卖家|狗店|狗客服|"
    r"去死|死全家|全家死|不得好死|断子绝孙|他妈的|你妈的|你妈[逼比b]|[去吃操]你妈|尼玛|草泥马|操你|肏|日你|特么的|"
    r"滚(?:蛋|开|犊子)|给我滚|神经病|有病吧|"
    r"(?:垃圾|黑心|无良|奸)(?:店|商家|卖家|老板|客服|玩意)|骗子(?:店|商家|卖家|老板|客服)?|"
    r"弄死你|砍死|杀了你|打死你|炸了你"
)
# A clear verdict of praise, and what tells the praise is not the whole story (a complaint, a
# contrast, irony).  Negated praise (不推荐, 不满意) is not praise.
_PRAISE = re.compile(
    r"好评|五星|满分|非常满意|很满意|满意|很喜欢|喜欢|推荐|值得|很好|挺好|非常好|真好|不错|很棒|超棒|棒|完美|给力|"
    r"好用|好吃|好看|漂亮|舒服|划算|实惠|回购|超值|惊喜|爱了|👍|💯"
)
_NEGATED = re.compile(r"[不没别未无]|并非|谈不上")
_NOT_ONLY_PRAISE = compile_screened(
    r"差|垃圾|失望|烂|坑|骗|假|破|坏|难|不好|不行|退|后悔|恶心|劣质|一般|不值|臭|脏|慢|没收到|瑕疵|掉色|起球|"
    r"开线|投诉|问题|但是|但|可惜|就是|不过|然而|只是|除了|呵呵|呵|反话|讽刺|醉了|无语|服了|[?？]|"
    # Complaints in other words, comparisons with the past or another place, fake praise.
    r"可是|其他|其它|以前|之前|上次|本来|原来|不如|下降|希望|建议|改进|不能|无法|(?<!不)错|洒|凉|化了|裂|脱胶|等了|"
    # A fit that is wrong ("尺码偏小，按客服推荐拍的还是小": 推荐 there is the shop's advice, no praise).
    # "赚大了", "孩子长大了" are no complaint: a size is one only with 点 or a degree.
    r"偏小|偏大|[小大]了(?:一)?点|[小大]了一[码号圈]|太小|太大|太紧|太松|还是小|还是大|穿不上|穿不下|不合身|不合适|"
    r"刷的|刷单|水军|托|比如|别家|换一家|隔壁|"
    # Lukewarm, wishes, sarcasm ("就不错了", "跑了俩小时") and mild complaints ("有点淡", "太久").
    r"还行|凑合|将就|有点|了些|过于|不太|不敢|如果|要是|就好了|遗憾|不适合|奇怪|不爽|无耻|没觉得|想象|怀疑|"
    r"爱理不理|够了|就不错了|忘|小时|晚|久|淡|腻|还没|再[^,，。!！]{0,4}点|没有?[^,，。!！]{0,8}好|不够|不是很|"
    r"少|拉肚子|蟑螂|虫|头发|苍蝇|异物|比较[大小贵硬软]|只适合|前用|不满意|不喜欢|结果|伤|指纹|降低|档次|"
    r"更好|过[长慢久少]|缩水|别针|没办法|不给|"
    r"太(?!好|棒|给力|赞|喜欢|满意|漂亮|好吃|好看|舒服|划算|实惠|值|快|方便|开心|惊喜|美|香|甜|新鲜)|"
    r"[“”\"'‘’「」]好[“”\"'‘’「」]|\.\.\.|…"
)
# The buyer says the choice was their own mistake (not a wrong item sent: 发错 is the seller's).
_WRONG_CHOICE = compile_screened(
    r"(?:拍|选|买|下|点|(?<!装)订|看)错(?:了)?(?:尺码|码|码数|型号|颜色|款|规格|尺寸|大小|单)?|"
    r"手滑|没看清(?:楚)?(?:尺码|型号|颜色|规格|尺寸|详情|说明)?|忘了?(?:选|改|备注)(?:尺码|型号|颜色|规格)?|"
    r"(?:尺码|型号|颜色|规格)(?:是)?(?:我|自己)选(?:的)?(?:不对|错)"
)
# Denied ("不是我拍错"), someone else's ("商家下错单"), or a warning to others ("容易买错").
_WRONG_CHOICE_DENIED = compile_screened(
    r"(?:不是|并非|没有|没|并没)(?:我|自己)?(?:的)?$|店家|商家|卖家|客服|你们|他们|仓库|快递|容易|可能|怕|别|以免|避免")
# A judgement of the goods themselves (what a buyer could only know after receiving them).
_QUALITY_JUDGEMENT = re.compile(
    r"质量|做工|材质|面料|用料|手感|质感|劣质|假货|假的|次品|瑕疵|破损|坏了|起球|掉色|开线|异味|难吃|难用|难穿|"
    r"不好用|不好吃|味道|口感|效果|不耐用|一用就|垃圾货|垃圾东西|太差|很差|真差|差劲|不合身|偏大|偏小|色差"
)
# A later, lower price (or a coupon that made it lower) as the complaint.
_PRICE_DROP = compile_screened(
    r"降价|降了\d*|又降|便宜了|便宜\d+|差价|价保|保价|买贵了?|贵了\d+|亏了|发券|领券|券后|优惠券|补差|退差价|"
    r"(?:直播间|别人|朋友|活动|今天|现在|后来)[^,，。!！?？\n]{0,8}(?:更便宜|便宜|只要|才)"
)
# What a price-drop review may say besides the price: feelings, the platform's price protection,
# and that the goods themselves are fine.  Any other clause is about the goods, the delivery or
# the service, and then the review is a complaint like any other.
_PRICE_ONLY_CLAUSE = re.compile(
    r"^(?:差评|差差差?|一星|[真太好很]*(?:气死|生气|郁闷|不开心|心塞|无语|坑|亏|不舒服|不爽|别扭|伤心|难受|失望)[了啊呀吧人死]*|"
    r"(?:这是)?欺负老实人[嘛吗]?|[最太真]?讨厌[^,，。]*|太黑了?|不靠谱|没诚信|忽悠人?|给个说法|什么意思|凭什么|怎么回事|"
    r"下次不敢早买了?|以后不[敢来买][^,，。]*|再也不[^,，。]*|(?:也)?不给(?:价保|保价|退差价|补差价?)|价保[^,，。]{0,8}|"
    r"(?:申请)?(?:价格保护|保价)[^,，。]{0,10}|(?:东西|商品|质量|宝贝)(?:本身|倒是)?(?:没问题|还行|没毛病|不错|挺好|可以)的?|"
    r"心里[^,，。]{0,6}|第一次[^,，。]{0,12}差评|什么玩意[啊儿]?|[哎唉哈呵]+)$"
)
# Anything about the goods, delivery or service besides the price.
_PRODUCT_COMPLAINT = re.compile(
    r"质量|做工|材质|面料|破|坏|起球|掉色|开线|瑕疵|假|难用|难吃|难穿|味道|口感|尺码|偏大|偏小|不合身|色差|异味|"
    r"效果|物流|快递|发货|慢|客服|态度|包装|漏|少发|发错|不回|过敏|不好用|一般|不行|没用|"
    r"不符|差距|描述|返修|维修|故障|才到|送错|送来的是|不是(?!想要|我要)[^,，。!！?？]{0,6}的|卡|震动|声音|黑[色点边]|模糊|烫|"
    r"线头|赠品|皮套|没有?送|没发|只送|系统|屏幕|处理器|掉了"
)


# A space between two Chinese characters ends a clause as typed on a phone ("谢谢 店庆满100减50").
_CLAUSE_END = compile_screened(r"[,，.。!！?？;；\n]|(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def _clause_spans(pattern: re.Pattern[str], text: str, folded: str, limit: int = 2) -> list[str]:
    """The clauses of ``text`` in which ``pattern`` matches: a quote that reads as a statement."""
    quotes: list[str] = []
    for match in pattern.finditer(folded):
        start = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, match.start())), default=0)
        end_match = _CLAUSE_END.search(folded, match.end())
        quote = text[start:end_match.start() if end_match else len(text)].strip()
        if quote and quote not in quotes:
            quotes.append(quote[:120])
        if len(quotes) >= limit:
            break
    return quotes


def _preceded_by(pattern: re.Pattern[str], folded: str, start: int, width: int = 4) -> bool:
    return bool(pattern.search(folded[max(0, start - width):start]))


def _rule_reasons(item: Any, chats: Sequence[tuple[int, str, str]], text: str, folded: str,
                  malicious_evidence: bool) -> list[EvidenceItem]:
    found = [EvidenceItem(ABUSE, "abusive_words", "review", "评价中含辱骂、脏话或威胁的词语", quote=q)
             for q in _spans(_ABUSIVE, text, folded, 3)]
    # A review with an ad, a demand or a competitor's words in it is not "praise given one star".
    found += [] if malicious_evidence else _rating_mismatch(item, text, folded)
    found += _wrong_choice(chats, text, folded)
    found += _before_delivery(item, text, folded)
    found += _price_drop(item, text, folded)
    return found


def _rating_mismatch(item: Any, text: str, folded: str) -> list[EvidenceItem]:
    if item.rating > 2 or _NOT_ONLY_PRAISE.search(folded):
        return []
    # "不怎么满意", "没以前好吃", "再也不愿意给好评": a negation shortly before the praise undoes
    # it, and a negated praise ("不咋好吃") is a complaint, so the text is not praise alone.
    matches = list(_PRAISE.finditer(folded))
    praise = [m for m in matches if not _preceded_by(_NEGATED, folded, m.start(), 6)]
    if len(praise) < len(matches):
        return []
    if not any(re.search(r"[\u4e00-\u9fffa-z]", m.group(0)) for m in praise):
        return []  # an emoji alone (👍, 💯) is too little to call the text praise
    words = [text[m.start():m.end()] for m in praise][:3]
    return [EvidenceItem(RATING_MISMATCH, "praise_with_low_rating", "review",
                         f"评价给了 {item.rating} 星，文字却全是好评、没有任何不满", quote=text.strip()[:120],
                         fact=f"评分 {item.rating} 星；好评用语：" + "、".join(words))]


def _wrong_choice(chats: Sequence[tuple[int, str, str]], text: str, folded: str) -> list[EvidenceItem]:
    if _PRODUCT_COMPLAINT.search(_WRONG_CHOICE.sub(" ", folded)):
        return []  # a wrong choice AND a fault of the goods: the review is a complaint like any other
    found = []
    for match in _WRONG_CHOICE.finditer(folded):
        if not _preceded_by(_WRONG_CHOICE_DENIED, folded, match.start()):
            clause = _clause_spans(re.compile(re.escape(folded[match.start():match.end()])), text, folded, 1)
            found.append(EvidenceItem(WRONG_CHOICE, "buyer_chose_wrong", "review",
                                      "买家自述拍错/选错尺码、颜色或型号，并非商品问题",
                                      quote=clause[0] if clause else text[match.start():match.end()]))
            break
    for index, original, message in chats:
        match = _WRONG_CHOICE.search(message)
        if match and not _preceded_by(_WRONG_CHOICE_DENIED, message, match.start()):
            found.append(EvidenceItem(WRONG_CHOICE, "buyer_chose_wrong", "chat",
                                      "买家在聊天中承认自己拍错/选错", quote=original, index=index))
            break
    return found


def _before_delivery(item: Any, text: str, folded: str) -> list[EvidenceItem]:
    order = item.order
    if order is None or item.created_at is None or item.rating > 3:
        return []
    if order.delivered_at is not None:
        if item.created_at >= order.delivered_at:
            return []
        hours = (order.delivered_at - item.created_at).total_seconds() / 3600
        fact = f"评价于 {item.created_at:%Y-%m-%d %H:%M} 发布，签收于 {order.delivered_at:%Y-%m-%d %H:%M}（早 {hours:.0f} 小时）"
    elif order.logistics_status in ("unshipped", "in_transit"):
        state = "尚未发货" if order.logistics_status == "unshipped" else "仍在运输途中"
        fact = f"评价于 {item.created_at:%Y-%m-%d %H:%M} 发布时，物流{state}、未签收"
    else:
        return []
    quotes = _clause_spans(_QUALITY_JUDGEMENT, text, folded, 1)
    if not quotes:
        return []  # "还没到" is a delivery complaint: a buyer may judge that before receiving anything
    return [EvidenceItem(BEFORE_DELIVERY, "quality_judged_before_delivery", "review",
                         "买家在签收商品之前就评价商品质量", quote=quotes[0]),
            EvidenceItem(BEFORE_DELIVERY, "review_before_delivery", "order", "评价时间早于签收时间", fact=fact)]


def _price_drop(item: Any, text: str, folded: str) -> list[EvidenceItem]:
    if item.rating > 3 or _rating_mismatch(item, text, folded):
        return []  # praise given one star is a rating mismatch, whatever it says about prices
    quotes = _clause_spans(_PRICE_DROP, text, folded, 2)
    if not quotes or _PRODUCT_COMPLAINT.search(_PRICE_DROP.sub(" ", folded)):
        return []
    for clause in _CLAUSE.findall(_EMOJI_CODE.sub("", folded)):
        clause = re.sub(r"[\W_]", "", clause)
        if clause and not _PRICE_DROP.search(clause) and not _PRICE_ONLY_CLAUSE.match(clause):
            return []  # the review also says something about the goods, delivery or service
    return [EvidenceItem(PRICE_DROP, "later_lower_price_only", "review",
                         "差评只因之后降价/平台发券导致买贵，未提及商品本身的问题", quote=q) for q in quotes]


# --- the extractor -------------------------------------------------------------------------------
# Exported reviews may carry the shop's reply after the buyer's words ("宾馆反馈 2008年8月14日 ：…",
# "商家回复：…"): the reply is the shop speaking, never evidence about the reviewer.
_SHOP_REPLY = re.compile(r"(?:商家|卖家|店家|掌柜|宾馆|酒店|官方|店铺|店长)(?:的)?(?:回复|反馈|回应)\s*"
                         r"(?:\d{4}年\d{1,2}月\d{1,2}日)?\s*[:：]")


def review_evidence(item: Any) -> ReviewEvidence:
    """All evidence in one validated review item (:class:`features.schema.ReviewItem`)."""
    text = item.text or ""
    if reply := _SHOP_REPLY.search(text):
        text = text[:reply.start()]
    folded = aligned(text)
    normalized = normalize_text(text)
    chats = [(index, message.text, aligned(message.text)) for index, message in enumerate(item.chat)
             if message.role == "buyer"]
    ads = _ad(text, folded, [m.text for m in item.chat if m.role == "seller" and m.text])
    meaningless, reference = _meaningless(text, normalized, [e.quote for e in ads if e.code == "contact" and e.quote])
    found = [
        *_extortion(item, chats, text, folded),
        *_competitor(item, chats, text, folded),
        *ads,
        *meaningless,
        *_false_claim(item, text, folded, normalized),
    ]
    malicious_evidence = any(e.label in (EXTORTION, AD) or (e.label == COMPETITOR and e.source != "account")
                             for e in found)
    found += _rule_reasons(item, chats, text, folded, malicious_evidence)
    return ReviewEvidence(tuple(found), tuple(reference), text)


def chat_ad_evidence(chat: Sequence[Any]) -> list[EvidenceItem]:
    """Contacts, handles and promotional offers in the buyer's chat messages (the live warning:
    an ad in chat is as much an ad as one in a review)."""
    found = []
    for index, message in enumerate(chat):
        if message.role != "buyer" or not message.text:
            continue
        for piece in _ad(message.text, aligned(message.text)):
            found.append(EvidenceItem(AD, piece.code, "chat", piece.reason.replace("评价", "聊天"),
                                      quote=piece.quote, index=index, fact=piece.fact))
    return found[:6]


def review_evidence_batch(items: Iterable[Any]) -> list[ReviewEvidence]:
    """:func:`review_evidence` of each item, in order."""
    return [review_evidence(item) for item in items]


# --- the evidence as model features ---------------------------------------------------------------
# Optional key of the column mapping given to ``ReviewRecordFeatures.features``: each row's
# ReviewEvidence, already extracted by the caller from the same items (the Predictor), so it is
# extracted once per item.  Never part of the model's input signature.
EVIDENCE_COLUMN = "_evidence"
EVIDENCE_FEATURE_NAMES: tuple[str, ...] = (
    "evidence_extortion",
    "evidence_competitor_statements",
    "evidence_competitor_account_facts",
    "evidence_ad_contacts",
    "evidence_ad_handles",
    "evidence_ad_offers",
    "evidence_meaningless_form",
    "evidence_meaningless_unrelated",
    "evidence_purchase_references",
    "evidence_false_claim",
    # Appended last: a model trained before it selects its columns by name and never sees it.
    "evidence_extortion_in_review",
)


def evidence_features(evidence: ReviewEvidence) -> list[float]:
    """The evidence as numbers for the model (:data:`EVIDENCE_FEATURE_NAMES`).

    The model sees what the decision will require, so it learns to rank by it, and learns from
    the genuine twins that evidence alone is not enough (a 淘宝 price comparison is no ad).
    """
    codes = [item.code for item in evidence.items]
    competitor = evidence.for_label(COMPETITOR)
    return [
        float(evidence.supports(EXTORTION)),
        float(sum(e.source != "account" for e in competitor)),
        float(sum(e.source == "account" for e in competitor)),
        float(codes.count("contact")),
        float(codes.count("account_or_shop_handle")),
        float(codes.count("promotional_offer")),
        # Gibberish, symbols, filler: the form itself says nothing (strong).  No purchase
        # reference: only as good as the aspect lexicon (weak), so the model weighs it apart.
        float(bool(evidence.for_label(MEANINGLESS)) and "no_purchase_reference" not in codes),
        float("no_purchase_reference" in codes),
        float(min(len(evidence.purchase_reference), 5)),
        float(evidence.supports(FALSE_CLAIM)),
        # A demand written as a condition in the review itself is apart from chat leverage: real
        # genuine reviews nearly never carry it, while a polite request in chat may read as a demand.
        float("conditional_demand_in_review" in codes),
    ]
