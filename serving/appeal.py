"""Appeal packages for malicious reviews and reply suggestions for genuine negative ones.

Deterministic and template-based.  Every quote is an exact substring of the input; order and
account facts are stated as they were sent.  A package is named after the primary platform
report reason (features/report_reasons.py) and fits the report form: a description of at most
100 characters (``draft_short``), at most 8 evidence items each saying where it is, a checklist
per reason.  Replies never trade compensation for a changed review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from features.appeal_outcome import EVIDENCE_ITEMS, evidence_present, success_probability
from features.constants import (
    APPEAL_WINDOW_DAYS,
    REPORT_DESCRIPTION_MAX_CHARS,
    REPORT_EVIDENCE_MAX_ITEMS,
)
from features.evidence import EvidenceItem
from features.report_reasons import ReportReason
from features.schema import BEIJING, ReviewItem
from features.text import mask_personal_data, normalize_text
from serving.results import Appeal, ChecklistItem, Evidence, EvidenceGain
from serving.results import ReportReason as ReportReasonModel

_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("尺码", re.compile(r"尺码|大小|偏大|偏小|码数|太紧|太松")),
    ("商品质量", re.compile(r"质量|做工|破|坏|开线|起球|掉色|瑕疵|劣质")),
    ("物流速度", re.compile(r"物流|快递|发货|配送|送货|慢")),
    ("客服服务", re.compile(r"客服|态度|服务|回复")),
    ("口味", re.compile(r"味道|口感|好吃|难吃|咸|淡|甜|辣")),
    ("包装", re.compile(r"包装|盒子|漏")),
    ("价格", re.compile(r"价格|贵|降价|差价")),
)


def _fmt_day(moment: datetime | None) -> str:
    return f"{moment.month}月{moment.day}日" if moment else "某日"


def evidence_where(source: str, code: str, index: int | None) -> str:
    """Where a reviewer at the platform finds a piece of evidence (for the report's attachments)."""
    if source == "chat" and index is not None:
        return f"飞鸽聊天第{index + 1}条"
    if source == "order":
        if "refund" in code:
            return "退款记录"
        return "物流记录" if any(word in code for word in ("deliver", "received", "shipped")) else "订单记录"
    if source == "account":
        return "买家账号信息"
    return "评价原文"


def evidence_models(found: Sequence[EvidenceItem], mask: Callable[[str], str] = lambda text: text) -> list[Evidence]:
    """The extractor's evidence items as result records (revealed contacts masked by ``mask``)."""
    # Only a revealed contact is personal data; dates and amounts in other facts stay readable.
    return [Evidence(source=e.source, code=e.code, index=e.index, quote=e.quote,
                     fact=mask(e.fact) if e.fact and e.code == "contact" else e.fact, reason=e.reason,
                     where=evidence_where(e.source, e.code, e.index)) for e in found]


def report_reason_models(reasons: Sequence[ReportReason], mask: Callable[[str], str]) -> list[ReportReasonModel]:
    """The report reasons as result records."""
    return [ReportReasonModel(code=r.code, name=r.name, confidence=r.confidence,
                              evidence=evidence_models(r.evidence, mask)) for r in reasons]


def build_appeal(item: ReviewItem, reasons: Sequence[ReportReason], *, today: date) -> Appeal:
    """The report package for ``item`` under its platform reasons (best first; at least one).

    The primary reason names the package; the evidence of all reasons goes with it, primary
    first, at most the form's eight items.  Personal data (phones, WeChat/QQ handles, long digit
    runs) is masked in the drafts and in revealed contacts unless the item sets
    ``raw_personal_data``; quotes stay exact substrings.
    """
    mask = _keep if item.raw_personal_data else mask_personal_data
    primary = reasons[0]
    # The same evidence the decision and the rules relied on (features.evidence).
    seen: set[tuple] = set()
    pieces = []
    for reason in reasons:
        for piece in reason.evidence:
            key = (piece.source, piece.index, piece.quote, piece.fact)
            if key not in seen:
                seen.add(key)
                pieces.append(piece)
    evidence = evidence_models(pieces[:REPORT_EVIDENCE_MAX_ITEMS], mask)

    created = item.created_at
    deadline = days_left = None
    expired = False
    if created is not None:
        # The platform counts days in Beijing time, whatever offset the shop back-end sent.
        deadline_day = created.astimezone(BEIJING).date() + timedelta(days=APPEAL_WINDOW_DAYS)
        deadline, days_left = deadline_day.isoformat(), (deadline_day - today).days
        expired = days_left < 0
    return Appeal(
        reason_code=primary.code,
        reason=primary.name,
        deadline=deadline,
        days_left=days_left,
        expired=expired,
        evidence=evidence,
        checklist=_checklist(item, primary.code, evidence),
        draft=_draft(item, primary, evidence, mask),
        draft_short=draft_short(primary, evidence, mask),
    )


def with_success_estimate(appeal: Appeal, item: ReviewItem, label: str, confidence: float,
                          estimator: Mapping[str, Any] | None) -> Appeal:
    """``appeal`` plus the appeal-acceptance estimate stored with the review model (if any).

    ``estimator`` is the model metadata ``appeal_success`` written by ``reviewguard retrain``
    (training/outcomes.py), learnt per filed label: ``label`` is the one this package rests on.  Without enough outcomes the probability stays null and the note
    says why; otherwise missing checklist items that would raise it are listed, best first.
    """
    if not estimator:
        return appeal.model_copy(update={"success_note": "模型未附带申诉结果统计：用 reviewguard retrain --outcomes 提供历史申诉结果后给出成功率估计"})
    count, needed = int(estimator.get("n_outcomes", 0)), int(estimator.get("min_outcomes", 0))
    if estimator.get("status") != "ok":
        why = (f"历史申诉结果 {count} 条，少于 {needed} 条，暂不估计成功率" if estimator.get("status") == "insufficient_outcomes"
               else f"{count} 条历史申诉结果结论全部相同，无法估计成功率")
        return appeal.model_copy(update={"success_note": why})
    present = evidence_present(item)
    probability = success_probability(estimator, label, confidence, present)
    listed = {entry.item for entry in appeal.checklist}
    gains = []
    for flag, checklist_item in EVIDENCE_ITEMS.items():
        if present[flag] or checklist_item not in listed:
            continue
        improved = success_probability(estimator, label, confidence, {**present, flag: True})
        if improved > probability + 0.005:
            gains.append(EvidenceGain(item=checklist_item, success_probability=round(improved, 4)))
    gains.sort(key=lambda gain: -gain.success_probability)
    return appeal.model_copy(update={
        "success_probability": round(probability, 4),
        "success_note": f"依据 {count} 条历史申诉结果估计（逻辑回归，概率已校准）",
        "evidence_to_add": gains,
    })


# What each reason's report needs attached besides the review itself (评价截图, always provided).
_CHECKLISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "report_reason_negative_comment_compensation": (("聊天记录截图", "完整截图飞鸽对话，突出索要钱款/补偿的原话"),
                                                    ("录音/录屏", "如有电话勒索，提前告知后录音作为辅助证据"),
                                                    ("物流凭证", "物流签收记录截图")),
    "report_reason_business_evil_compete": (("聊天记录截图", "打探进货/成本/销量或自称同行的对话"),
                                            ("订单异常证明", "账号注册时间、历史差评、签收到评价的时间等")),
    "report_reason_evaluate_advertise": (("评价截图（标出联系方式/推广内容）", "圈出评价中的联系方式、链接或推广语"),),
    "report_reason_evaluate_product_other_shop": (("评价截图（说明与商品无关）", "说明评价内容与所购商品无关或无实际意义"),),
    "report_reason_fake_negative_comment": (("评价截图（星级与文字同屏）", "同一截图中显示差评星级和好评文字"),),
    "report_reason_wrong_size": (("买家自述截图", "评价或聊天中买家说明自己拍错/选错的原话"),
                                 ("商品详情页尺码/规格说明截图", "证明详情页已写清尺码、颜色或型号")),
    "report_reason_before_signing_evaluate": (("物流记录截图", "显示签收时间晚于评价时间，或尚未签收"),
                                              ("评价时间截图", "显示评价发布时间")),
    "report_reason_low_politics_guns": (("评价截图（标出辱骂/不当词语）", "圈出辱骂、脏话或威胁的词语"),),
    "report_reason_platform_voucher": (("订单实付金额截图", "买家下单时的价格"),
                                       ("平台发券/调价说明截图", "说明降价来自平台券或活动，而非商品问题")),
    "false_claim": (("聊天记录截图", "商家及时回复、礼貌处理的对话"),
                    ("物流凭证", "物流签收记录截图"),
                    ("质检照片/视频", "发货前的质检照片或视频，证明商品完好")),
}


def _checklist(item: ReviewItem, code: str, evidence: list[Evidence]) -> list[ChecklistItem]:
    sources = {e.source for e in evidence}
    delivered = bool(item.order and (item.order.delivered_at or item.order.logistics_status == "delivered"))
    proven = {
        "聊天记录截图": "chat" in sources,
        "物流凭证": delivered,
        "物流记录截图": "order" in sources,
        "订单异常证明": "account" in sources,
        "买家自述截图": bool(sources & {"review", "chat"}),
        "评价时间截图": item.created_at is not None,
    }
    items = [ChecklistItem(item=name, provided=proven.get(name, name.startswith("评价截图")), note=note)
             for name, note in _CHECKLISTS.get(code, ())]
    if not any(entry.item.startswith("评价截图") for entry in items):
        items.append(ChecklistItem(item="评价截图", provided=True, note="评价内容本身（请求中已包含）"))
    return items


def _keep(text: str) -> str:
    return text


def _statement(piece: Evidence, mask: Callable[[str], str], limit: int) -> str:
    if piece.quote:
        where = "飞鸽聊天中写道" if piece.source == "chat" else "评价中写道"
        quote = mask(piece.quote)
        return f"{where}“{quote if len(quote) <= limit else quote[:limit - 1] + '…'}”"
    return piece.fact or piece.reason


def _draft(item: ReviewItem, reason: ReportReason, evidence: list[Evidence], mask: Callable[[str], str]) -> str:
    order = item.order
    parts = []
    if order and order.paid_at:
        parts.append(f"该买家于{_fmt_day(order.paid_at)}下单")
    if order and order.delivered_at:
        parts.append(f"{_fmt_day(order.delivered_at)}签收")
    parts.append(f"{_fmt_day(item.created_at)}发布{item.rating}星评价")
    facts = [_statement(piece, mask, 80) for piece in evidence[:3]]
    body = "，".join(parts) + "。"
    if facts:
        body += "；".join(facts) + "（见截图证据）。"
    return body + f"此评价属于“{reason.name}”，申请平台{_REMEDY[item.rating >= 4]}。"


_REMEDY = {False: "判定差评无效", True: "删除该评价"}


def draft_short(reason: ReportReason, evidence: list[Evidence], mask: Callable[[str], str] = lambda t: t) -> str:
    """The report form's description: the reason, the one decisive piece of evidence, the request.

    At most ``REPORT_DESCRIPTION_MAX_CHARS`` characters; the quote is shortened, never the rest.
    """
    head, tail = f"{reason.name}：", "，见截图。申请处理该评价。"
    if not evidence:
        return (head + "详见截图。申请处理该评价。")[:REPORT_DESCRIPTION_MAX_CHARS]
    room = REPORT_DESCRIPTION_MAX_CHARS - len(head) - len(tail)
    statement = _statement(evidence[0], mask, max(8, room - 8))
    if len(statement) > room:
        statement = statement[:room - 1] + "…"
    return head + statement + tail


def reply_suggestion(item: ReviewItem) -> str:
    """A sincere public reply to a genuine complaint: name its topic, promise to fix it.

    Compliant by construction (tests check every reply against :data:`FORBIDDEN_IN_REPLIES`):
    no compensation offered for changing or removing a review, no accusation, no personal data.
    """
    text = normalize_text(item.text)
    topic = next((name for name, pattern in _TOPICS if pattern.search(text)), "您反馈的问题")
    return (
        f"尊敬的客户，非常抱歉给您带来了不好的体验！关于{topic}，我们高度重视，已立即核查原因。"
        "我们会通过飞鸽私信联系您，按您的意愿尽快解决（退换货、补发或维修）。感谢您的监督，我们会努力改进！"
        "（建议：先通过飞鸽联系买家，把问题解决好。）"
    )


# Phrasings no reply or draft may contain: compensation offered for changing or removing a review
# (the platform forbids it), an accusation of the buyer in a reply to a genuine review, and
# personal data.  Tests run every generated reply and draft against these.
FORBIDDEN_IN_REPLIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("compensation_for_review", re.compile(
        r"(?:补偿|返现|红包|赔偿|退款|优惠券|礼品|赠品|好处)[^。！!]{0,20}(?:修改|删除|删掉|撤销|撤回|追评|改评|改成好评|好评)|"
        r"(?:修改|删除|删掉|撤销|撤回|改)(?:一下)?(?:评价|差评)[^。！!]{0,20}(?:补偿|返现|红包|赔偿|退款|优惠|礼品|赠品)|"
        r"好评返现|邀请[^。]{0,10}修改评价")),
    ("accuses_buyer", re.compile(r"恶意|勒索|敲诈|诈骗|骗子|虚假|同行|职业差评")),
    ("personal_data", re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)|微信号?[:：]?\s*[a-zA-Z][\w-]{5,}")),
)
