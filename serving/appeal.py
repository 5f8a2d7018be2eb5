"""Appeal packages for malicious reviews and reply suggestions for genuine negative ones.

Deterministic and template-based.  Every quote is an exact substring of the input; order and
account facts are stated as they were sent.  Reasons and wording follow the appeal guide
(利用评价要挟/勒索, 同行恶意竞争, 广告评价, 无实际含义的评价, 消费者虚假评价; 30-day window).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from features.appeal_outcome import EVIDENCE_ITEMS, evidence_present, success_probability
from features.constants import APPEAL_WINDOW_DAYS
from features.evidence import EvidenceItem
from features.schema import BEIJING, ReviewItem
from features.text import mask_personal_data, normalize_text
from serving.results import Appeal, ChecklistItem, Evidence, EvidenceGain

APPEAL_REASONS: dict[str, str] = {
    "extortion": "利用评价要挟/勒索",
    "competitor": "同行恶意竞争",
    "ad": "广告评价",
    "meaningless": "无实际含义的评价",
    "false_claim": "消费者虚假评价",
}

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


def evidence_models(found: list[EvidenceItem], mask: Callable[[str], str] = lambda text: text) -> list[Evidence]:
    """The extractor's evidence items as result records (revealed contacts masked by ``mask``)."""
    return [Evidence(source=e.source, code=e.code, index=e.index, quote=e.quote,
                     fact=mask(e.fact) if e.fact else None, reason=e.reason) for e in found]


def build_appeal(item: ReviewItem, label: str, found: list[EvidenceItem], *, today: date) -> Appeal:
    """The appeal package for a review judged ``label`` (a malicious label) on evidence ``found``.

    Personal data (phones, WeChat/QQ handles, long digit runs) is masked in the draft and in
    revealed contacts unless the item sets ``raw_personal_data``; quotes stay exact substrings.
    """
    mask = _keep if item.raw_personal_data else mask_personal_data
    reason = APPEAL_REASONS[label]
    # The same evidence the decision relied on (features.evidence): the two cannot disagree.
    evidence = evidence_models(found, mask)

    created = item.created_at
    deadline = days_left = None
    expired = False
    if created is not None:
        # The platform counts days in Beijing time, whatever offset the shop back-end sent.
        deadline_day = created.astimezone(BEIJING).date() + timedelta(days=APPEAL_WINDOW_DAYS)
        deadline, days_left = deadline_day.isoformat(), (deadline_day - today).days
        expired = days_left < 0
    return Appeal(
        reason_code=label,
        reason=reason,
        deadline=deadline,
        days_left=days_left,
        expired=expired,
        evidence=evidence,
        checklist=_checklist(item, label, evidence),
        draft=_draft(item, reason, evidence, mask),
    )


def with_success_estimate(appeal: Appeal, item: ReviewItem, confidence: float,
                          estimator: Mapping[str, Any] | None) -> Appeal:
    """``appeal`` plus the appeal-acceptance estimate stored with the review model (if any).

    ``estimator`` is the model metadata ``appeal_success`` written by ``reviewguard retrain``
    (training/outcomes.py).  Without enough outcomes the probability stays null and the note
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
    probability = success_probability(estimator, appeal.reason_code, confidence, present)
    listed = {entry.item for entry in appeal.checklist}
    gains = []
    for flag, checklist_item in EVIDENCE_ITEMS.items():
        if present[flag] or checklist_item not in listed:
            continue
        improved = success_probability(estimator, appeal.reason_code, confidence, {**present, flag: True})
        if improved > probability + 0.005:
            gains.append(EvidenceGain(item=checklist_item, success_probability=round(improved, 4)))
    gains.sort(key=lambda gain: -gain.success_probability)
    return appeal.model_copy(update={
        "success_probability": round(probability, 4),
        "success_note": f"依据 {count} 条历史申诉结果估计（逻辑回归，概率已校准）",
        "evidence_to_add": gains,
    })


def _checklist(item: ReviewItem, label: str, evidence: list[Evidence]) -> list[ChecklistItem]:
    has_chat_quote = any(e.source == "chat" and e.quote for e in evidence)
    delivered = bool(item.order and (item.order.delivered_at or item.order.logistics_status == "delivered"))
    items = []
    if label in ("extortion", "competitor", "false_claim"):
        items.append(ChecklistItem(item="聊天记录截图", provided=has_chat_quote or (label != "extortion" and bool(item.chat)),
                                   note="完整截图飞鸽对话，突出关键语句"))
    if label == "extortion":
        items.append(ChecklistItem(item="录音/录屏", provided=False, note="如有电话勒索，提前告知后录音作为辅助证据"))
    if label in ("false_claim", "extortion"):
        items.append(ChecklistItem(item="物流凭证", provided=delivered, note="物流签收记录截图"))
    if label == "false_claim":
        items.append(ChecklistItem(item="质检照片/视频", provided=False, note="发货前的质检照片或视频，证明商品完好"))
    if label == "competitor":
        items.append(ChecklistItem(item="订单异常证明", provided=any(e.source == "account" for e in evidence),
                                   note="账号注册时间、历史差评、签收到评价的时间等"))
    items.append(ChecklistItem(item="评价截图", provided=True, note="评价内容本身（请求中已包含）"))
    return items


def _keep(text: str) -> str:
    return text


def _draft(item: ReviewItem, reason: str, evidence: list[Evidence], mask: Callable[[str], str]) -> str:
    order = item.order
    parts = []
    if order and order.paid_at:
        parts.append(f"该买家于{_fmt_day(order.paid_at)}下单")
    if order and order.delivered_at:
        parts.append(f"{_fmt_day(order.delivered_at)}签收")
    parts.append(f"{_fmt_day(item.created_at)}发布{item.rating}星评价")
    facts = []
    for piece in evidence[:3]:
        if piece.quote:
            where = "飞鸽聊天中明确表示" if piece.source == "chat" else "评价中写道"
            facts.append(f"{where}“{mask(piece.quote[:80])}”")
        elif piece.fact:
            facts.append(piece.fact)
    body = "，".join(parts) + "。"
    if facts:
        body += "；".join(facts) + "（见截图证据）。"
    return body + f"此行为属于{reason}，申请平台判定差评无效。"


def reply_suggestion(item: ReviewItem) -> str:
    """A sincere merchant reply naming the complaint's topic, plus the guide's soft steps."""
    text = normalize_text(item.text)
    topic = next((name for name, pattern in _TOPICS if pattern.search(text)), "您反馈的问题")
    return (
        f"尊敬的客户，非常抱歉给您带来了不好的体验！关于{topic}，我们高度重视，已立即核查原因。"
        "我们会通过飞鸽私信联系您，为您提供退换货或补偿方案。感谢您的监督，我们会努力改进！"
        "（建议：飞鸽联系买家了解情况并解决；问题解决后可委婉邀请买家修改评价。）"
    )
