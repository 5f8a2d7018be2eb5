"""The live-chat early warning: where a 飞鸽 conversation is heading before any review is posted.

A chat is assessed with the review model and the review evidence extractor, as the review it may
become (no text yet, a neutral rating): the same evidence codes, the same rule that nothing is
asserted without evidence.  The kinds:

* ``extortion`` -- a demand tied to review leverage in the buyer's messages.  The appeal guide's
  advice: do not give in, say that this is extortion and that the shop will appeal, keep
  screenshots (and hold shipping while the order has not left).
* ``competitor_probe`` -- the buyer asks about suppliers, cost or sales, or says they are a
  seller; account facts alone never make this kind.
* ``ad`` -- a contact, handle or promotional offer in the buyer's messages.
* ``complaint`` -- a problem with the goods, delivery or service and no malicious evidence:
  solve it now; that is what keeps a bad review from being written.
* ``normal`` -- nothing of the above.

``risk`` is not a probability.  A kind's evidence puts a chat at medium at least (0.5), and the
model's probability for that label lifts it towards 1 (0.5 + 0.5·p); a chat without any evidence
stays low (at most 0.3 times the model's strongest probability of extortion, competitor or ad).
A complaint's evidence is the buyer's messages that raise the problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from features.constants import CHAT_LEVELS, CHAT_NO_EVIDENCE_CAP
from features.decision import level_of
from features.evidence import (
    AD,
    COMPETITOR,
    EXTORTION,
    EvidenceItem,
    ReviewEvidence,
    aligned,
    chat_ad_evidence,
)
from features.schema import ChatItem, ReviewItem
from features.signals import claims
from features.text import normalize_text

KINDS = ("extortion", "competitor_probe", "ad", "complaint", "normal")
# The rating a chat is scored with: the review it may become is not written yet.
NEUTRAL_RATING = 3

_COMPLAINT = re.compile(
    r"质量|坏了|破了|破损|漏|少发|漏发|发错|错发|不能用|用不了|没法用|退货|退款|换货|没收到|还没到|太慢|慢死|问题|"
    r"瑕疵|划痕|起球|掉色|开线|异味|过敏|不合适|偏大|偏小|色差|假货|投诉|差评|失望|不满意|怎么回事|怎么办"
)

REPLIES = {
    "extortion": "您好，以评价为条件索要钱款或补偿，这是勒索行为，我方将向平台申诉。商品如确有问题，我们会按平台规则为您处理。",
    "competitor_probe": "您好，进货渠道、成本和销量属于店铺经营信息，不便透露；对商品本身有任何疑问，欢迎随时咨询。",
    "ad": "您好，本店不添加站外联系方式、不接受推广合作；购买和售后请在飞鸽内沟通，谢谢理解。",
    "complaint": "非常抱歉给您带来不便！我们马上为您处理，麻烦把问题的照片发给我们，按您的意愿为您退换、补发或维修。",
}
ADVICE = {
    "extortion": ("不要转账、不要私下补偿，也不要承诺以补偿换评价", "完整截图保存聊天记录（含时间）；如有电话，提前告知后录音",
                  "差评发布后，按「利用中差评骗赔」申诉，附上这些截图"),
    "competitor_probe": ("不透露进货渠道、成本和销量", "核实买家账号（注册时间、历史差评）后再决定是否发货",
                         "保存聊天截图，以备按「同行恶意竞争」申诉"),
    "ad": ("不要添加站外联系方式", "保存截图；评价中出现同样内容时按「评价内容包含广告信息」举报"),
    "complaint": ("现在就解决问题：按买家意愿退换、补发或维修", "不要以补偿换取好评、修改或删除评价（平台禁止）"),
    "normal": (),
}


@dataclass(frozen=True)
class ChatWarning:
    """The early warning for one conversation."""

    kind: str
    risk: float
    level: str
    evidence: tuple[EvidenceItem, ...]
    suggested_reply: str | None
    advice: tuple[str, ...]
    hold_shipping: bool


def as_review(item: ChatItem) -> ReviewItem:
    """The chat as the review it may become: no text yet, a neutral rating, its chat and order."""
    return ReviewItem(review_id=item.chat_id, text="", rating=NEUTRAL_RATING, chat=item.chat, order=item.order)


def chat_level(risk: float) -> str:
    return level_of(risk, CHAT_LEVELS)


def assess_chat(item: ChatItem, evidence: ReviewEvidence, probabilities: Mapping[str, float]) -> ChatWarning:
    """Kind, risk and advice for ``item`` from its review evidence and the review model's probabilities."""
    candidates = {
        "extortion": (EXTORTION, [e for e in evidence.for_label(EXTORTION) if e.source == "chat"]),
        "competitor_probe": (COMPETITOR, [e for e in evidence.for_label(COMPETITOR) if e.source == "chat"]),
        "ad": (AD, chat_ad_evidence(item.chat)),
    }
    scored = [(0.5 + 0.5 * float(probabilities.get(label, 0.0)), kind, found)
              for kind, (label, found) in candidates.items() if found]
    if scored:
        risk, kind, found = max(scored, key=lambda entry: entry[0])
    else:
        # A chat has no review text yet, which the model reads as meaningless: only the labels a
        # chat can show (extortion, a rival, an ad) say anything about where it is heading.
        strongest = max((float(probabilities.get(label, 0.0)) for label in (EXTORTION, COMPETITOR, AD)), default=0.0)
        found = _complaints(item)
        risk = CHAT_NO_EVIDENCE_CAP * strongest
        kind = "complaint" if found else "normal"
    level = chat_level(risk)
    return ChatWarning(kind=kind, risk=round(risk, 4), level=level, evidence=tuple(found),
                       suggested_reply=REPLIES.get(kind), advice=ADVICE[kind],
                       hold_shipping=kind in ("extortion", "competitor_probe") and level == "high" and _not_shipped(item))


def _complaints(item: ChatItem) -> list[EvidenceItem]:
    """The buyer's messages that raise a problem (what staff should solve now)."""
    found = []
    for index, message in enumerate(item.chat):
        if message.role != "buyer" or not message.text:
            continue
        if _COMPLAINT.search(aligned(message.text)) or any(claims(normalize_text(message.text)).values()):
            found.append(EvidenceItem("complaint", "buyer_raises_a_problem", "chat",
                                      "买家反映商品、物流或服务的问题（无索要或威胁）", quote=message.text, index=index))
    return found[:3]


def _not_shipped(item: ChatItem) -> bool:
    order = item.order
    return order is not None and order.shipped_at is None and order.logistics_status in (None, "unshipped")
