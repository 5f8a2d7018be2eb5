"""The platform's report reasons (举报理由) for a review, best first, and whether it can be filed.

The 抖店 report form for 中差评 knows nine reasons.  Four correspond to model labels and are
offered only when that label is asserted (``malicious``: probability above its threshold AND its
evidence in the case, :mod:`features.decision`).  The other five are rules over evidence found
by :mod:`features.evidence` (a word, the star rating against the text, two timestamps): facts a
reviewer at the platform can check, so a rule with its quote is both more exact and easier to
defend than a score.  ``false_claim`` (消费者虚假评价, from the appeal guide) has no reason of
its own on the form: when the review also judged quality before delivery it is filed as
签收前评价; otherwise under its own code and name.  docs/report_reasons.md has the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.constants import APPEAL_WINDOW_DAYS, RULE_CONFIDENCE
from features.evidence import (
    ABUSE,
    AD,
    BEFORE_DELIVERY,
    COMPETITOR,
    EXTORTION,
    FALSE_CLAIM,
    MEANINGLESS,
    PRICE_DROP,
    RATING_MISMATCH,
    WRONG_CHOICE,
    EvidenceItem,
    ReviewEvidence,
)
from features.schema import BEIJING

# platform code -> name on the report form.
PLATFORM_REASONS: dict[str, str] = {
    "report_reason_negative_comment_compensation": "利用中差评骗赔",
    "report_reason_business_evil_compete": "同行恶意竞争",
    "report_reason_evaluate_advertise": "评价内容包含广告信息",
    "report_reason_evaluate_product_other_shop": "评价内容非交易商品或内容无意义",
    "report_reason_fake_negative_comment": "评价等级为差评内容为好评",
    "report_reason_wrong_size": "消费者买错型号",
    "report_reason_before_signing_evaluate": "订单签收前评价商品质量问题",
    "report_reason_low_politics_guns": "评价内容中包含辱骂或不当词汇",
    "report_reason_platform_voucher": "平台发券导致的降价差评",
    # Not on the form: the appeal guide's reason, filed through 差评申诉 with its own name.
    "false_claim": "消费者虚假评价",
}
# Which evidence (label or rule) each reason rests on.
REASON_OF: dict[str, str] = {
    EXTORTION: "report_reason_negative_comment_compensation",
    COMPETITOR: "report_reason_business_evil_compete",
    AD: "report_reason_evaluate_advertise",
    MEANINGLESS: "report_reason_evaluate_product_other_shop",
    RATING_MISMATCH: "report_reason_fake_negative_comment",
    WRONG_CHOICE: "report_reason_wrong_size",
    BEFORE_DELIVERY: "report_reason_before_signing_evaluate",
    ABUSE: "report_reason_low_politics_guns",
    PRICE_DROP: "report_reason_platform_voucher",
    FALSE_CLAIM: "false_claim",
}
# Reasons a 4-5 star review can be reported for (through 评价举报): what it says, not a grievance.
GOOD_REVIEW_REASONS = frozenset({AD, ABUSE, MEANINGLESS})
APPEAL_CHANNEL, REPORT_CHANNEL = "差评申诉", "评价举报"
# The text the platform shows for a review written without any.
DEFAULT_REVIEW_TEXTS = ("此用户未填写评价内容", "此用户没有填写评价", "用户未填写评价内容", "该用户未填写评价", "系统默认好评")


@dataclass(frozen=True)
class ReportReason:
    """One platform reason that applies, with the evidence behind it."""

    code: str
    name: str
    confidence: float
    basis: str  # the label or rule it rests on
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class Reportability:
    """Whether the review can be filed at all, through which channel, and why (Chinese lines)."""

    ok: bool
    channel: str | None
    why: tuple[str, ...]
    needs_person: bool = False


def report_reasons(item, asserted_label: str, confidence: float, evidence: ReviewEvidence) -> list[ReportReason]:
    """The platform reasons that apply to ``item``, best first (empty for a genuine review).

    ``asserted_label`` is the label the merchant acts on (``normal`` unless a malicious label is
    asserted); its confidence is the model's.  Rules carry their measured rule confidence.
    """
    found: list[ReportReason] = []
    good_review = item.rating >= 4
    before_delivery = evidence.for_label(BEFORE_DELIVERY)
    if asserted_label != "normal" and not (good_review and asserted_label not in GOOD_REVIEW_REASONS):
        behind = tuple(evidence.for_label(asserted_label))
        code = REASON_OF[asserted_label]
        if asserted_label == FALSE_CLAIM and before_delivery:
            # The form's own reason fits: file the false claim as a quality verdict before delivery.
            code, behind = REASON_OF[BEFORE_DELIVERY], (*tuple(before_delivery), *behind)
        found.append(ReportReason(code, PLATFORM_REASONS[code], round(confidence, 4), asserted_label, behind))
    for rule in (ABUSE, RATING_MISMATCH, WRONG_CHOICE, BEFORE_DELIVERY, PRICE_DROP):
        behind = tuple(evidence.for_label(rule))
        code = REASON_OF[rule]
        if not behind or any(reason.code == code for reason in found):
            continue
        if good_review and rule not in GOOD_REVIEW_REASONS:
            continue
        found.append(ReportReason(code, PLATFORM_REASONS[code], RULE_CONFIDENCE[rule], rule, behind))
    found.sort(key=lambda reason: -reason.confidence)
    return found


def reportability(item, reasons: list[ReportReason], *, today: date) -> Reportability:
    """Whether a report can be filed: window, text, reasons, and what a person must check first."""
    channel = REPORT_CHANNEL if item.rating >= 4 else APPEAL_CHANNEL
    why: list[str] = []
    text = (item.text or "").strip()
    if item.rating <= 3 and (not text or any(default in text for default in DEFAULT_REVIEW_TEXTS)):
        why.append("差评没有文字内容（或只是系统默认文字），平台不受理此类举报")
    if not reasons:
        why.append("没有适用的举报理由：按正常评价处理" + ("，先解决买家的问题" if item.rating <= 3 else ""))
    if item.created_at is not None:
        age = (today - item.created_at.astimezone(BEIJING).date()).days
        if age > APPEAL_WINDOW_DAYS:
            why.append(f"评价已发布 {age} 天，超过 {APPEAL_WINDOW_DAYS} 天的举报期限 {age - APPEAL_WINDOW_DAYS} 天")
    ok = not why
    if item.created_at is None:
        why.append(f"请求未提供评价时间：请确认评价发布未超过 {APPEAL_WINDOW_DAYS} 天")
    elif ok:
        why.append(f"评价发布 {age} 天，距 {APPEAL_WINDOW_DAYS} 天举报期限还有 {APPEAL_WINDOW_DAYS - age} 天")
    media: list[int] = []
    if ok:
        # Only a report that can be filed needs the chat's media (most reviews cannot be).
        media = [index + 1 for index, message in enumerate(item.chat) if message.role == "buyer" and message.media]
        why.insert(0, f"可通过「{channel}」提交，理由：{reasons[0].name}")
        if media:
            places = "、".join(f"第{number}条" for number in media[:5])
            why.append(f"买家在飞鸽聊天中发送了图片/视频（{places}）：提交前须由人工查看，确认与申诉说法不矛盾")
        if item.has_media:
            why.append("评价带图/视频：提交前请人工核对图片内容")
    # An ad the model read in promotional copy, with no contact, link or offer a rule found: the
    # quote is the model's reading, so a person confirms it before anything is filed.
    read_copy = ok and any(e.code == "promotional_copy" for e in reasons[0].evidence)
    if read_copy:
        why.append("广告证据为模型识别的推广文案，没有联系方式、链接或优惠信息等直接证据：提交前须由人工确认")
    return Reportability(ok, channel if ok else None, tuple(why), needs_person=ok and (bool(media) or read_copy))

