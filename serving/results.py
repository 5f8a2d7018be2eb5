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

    reason_code: str
    reason: str
    deadline: str | None = Field(default=None, description="review time + 30 days (ISO date)")
    days_left: int | None = None
    expired: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    draft: str
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
