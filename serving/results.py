"""Result records of docs/spec.md (the response schema of the HTTP API and batch output)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from features.order_rules import OrderReason


class Evidence(BaseModel):
    """One checkable piece of evidence; quotes are exact substrings of the input."""

    source: Literal["chat", "review", "order", "account"]
    code: str | None = Field(default=None, description="stable evidence code, e.g. demand_with_review_leverage")
    index: int | None = Field(default=None, description="chat message index, for source=chat")
    quote: str | None = None
    fact: str | None = None
    reason: str
    where: str | None = Field(default=None, description="where to find it for the report: 评价原文, 飞鸽聊天第3条, 物流记录 ...")


class ReportReason(BaseModel):
    """A platform report reason (举报理由) that applies, with the evidence behind it."""

    code: str = Field(description="the platform's code, e.g. report_reason_negative_comment_compensation; "
                                  "false_claim for the appeal guide's 消费者虚假评价")
    name: str = Field(description="the reason's name on the report form")
    confidence: float = Field(ge=0, le=1, description="model confidence for a label, measured rule precision for a rule")
    evidence: list[Evidence] = Field(default_factory=list)


class Reportable(BaseModel):
    """Whether the review can be reported at all, through which channel, and why."""

    ok: bool
    channel: Literal["差评申诉", "评价举报"] | None = None
    why: list[str] = Field(default_factory=list)
    needs_person: bool = Field(default=False, description="the buyer sent images or video in chat: a person must look first")


class ChecklistItem(BaseModel):
    """An attachment the appeal needs and whether the request already proves it."""

    item: str
    provided: bool
    note: str


class EvidenceGain(BaseModel):
    """A checklist item the request does not prove, and the success estimate if it were attached."""

    item: str
    success_probability: float


class Appeal(BaseModel):
    """What to file with the platform for a malicious review."""

    reason_code: str = Field(description="the primary platform reason's code (report_reasons[0].code)")
    reason: str = Field(description="its name on the report form")
    deadline: str | None = Field(default=None, description="review time + 30 days (ISO date)")
    days_left: int | None = None
    expired: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    draft: str
    draft_short: str = Field(description="the report form's description field: at most 100 characters")
    success_probability: float | None = Field(
        default=None, description="calibrated P(platform accepts), learned from appeal outcomes; null until enough exist")
    success_note: str | None = Field(default=None, description="how the estimate was made, or why there is none")
    evidence_to_add: list[EvidenceGain] = Field(
        default_factory=list, description="missing checklist items that would raise success_probability, best first")


class ReviewResult(BaseModel):
    """Classification of one review."""

    review_id: str
    label: str
    confidence: float
    probabilities: dict[str, float]
    malicious: bool
    needs_review: bool
    missing_evidence: str | None = Field(
        default=None, description="why a malicious best guess is not asserted: the evidence it lacks")
    evidence: list[Evidence] = Field(
        default_factory=list, description="the evidence behind the label (every malicious result has some)")
    report_reasons: list[ReportReason] = Field(
        default_factory=list, description="platform report reasons that apply, best first; empty for a genuine review")
    reportable: Reportable | None = Field(default=None, description="whether and where it can be reported")
    appeal: Appeal | None = None
    reply_suggestion: str | None = None
    model_version: str


class OrderResult(BaseModel):
    """Risk score and recommended action for one order, before shipping."""

    order_id: str
    risk: float
    level: Literal["low", "medium", "high"]
    reasons: list[OrderReason]
    action: Literal["ship", "confirm_with_buyer", "delay_and_report", "mark_out_of_stock"]
    action_note: str
    prevention: list[str] = Field(default_factory=list, description="防控中心 settings worth enabling")
    model_version: str


class ChatAssessment(BaseModel):
    """The live-chat early warning for one conversation (``POST /v1/chats/assess``)."""

    chat_id: str
    risk: float = Field(ge=0, le=1, description="0.5+ only with evidence of the kind; not a probability")
    level: Literal["low", "medium", "high"]
    kind: Literal["extortion", "competitor_probe", "ad", "complaint", "normal"]
    evidence: list[Evidence] = Field(default_factory=list)
    suggested_reply: str | None = Field(default=None, description="what to send the buyer now")
    advice: list[str] = Field(default_factory=list, description="what shop staff should do")
    hold_shipping: bool = Field(description="extortion or a competitor's probe at high risk on an order not shipped yet")
    model_version: str
