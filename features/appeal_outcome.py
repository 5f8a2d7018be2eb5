"""Features and scoring rule of the appeal-acceptance estimate (shared by training and serving).

Training (:mod:`training.outcomes`) fits a logistic regression on past appeal outcomes over the
vector built here and stores its coefficients in the review model's MLflow metadata under
``appeal_success``; serving applies :func:`success_probability` to the same vector.  Keeping the
vector in one place means the estimate cannot drift between the two.

Evidence flags are what the request itself proves, named after the appeal checklist item a
merchant would attach (聊天记录截图, 物流凭证, 订单异常证明).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from features import MALICIOUS_LABELS
from features.schema import ReviewItem

# Evidence flag -> the checklist item (serving/appeal.py) it stands for.
EVIDENCE_ITEMS: dict[str, str] = {
    "chat": "聊天记录截图",
    "delivery_proof": "物流凭证",
    "account_facts": "订单异常证明",
}
FEATURE_NAMES: tuple[str, ...] = (
    *(f"label_{label}" for label in MALICIOUS_LABELS),
    "confidence",
    *(f"evidence_{name}" for name in EVIDENCE_ITEMS),
)


def evidence_present(item: ReviewItem) -> dict[str, bool]:
    """Which kinds of evidence the request carries (the merchant can attach them to an appeal)."""
    order = item.order
    buyer = order.buyer if order else None
    return {
        "chat": any(message.role == "buyer" for message in item.chat),
        "delivery_proof": bool(order and (order.delivered_at or order.logistics_status == "delivered")),
        "account_facts": bool(buyer and (buyer.account_age_days is not None or buyer.reviews_total is not None)),
    }


def feature_vector(label: str, confidence: float, evidence: Mapping[str, bool]) -> list[float]:
    """The estimator's input for an appeal filed as ``label`` (order of :data:`FEATURE_NAMES`)."""
    return [
        *(1.0 if label == known else 0.0 for known in MALICIOUS_LABELS),
        float(confidence),
        *(1.0 if evidence.get(name) else 0.0 for name in EVIDENCE_ITEMS),
    ]


def success_probability(model: Mapping[str, Any], label: str, confidence: float,
                        evidence: Mapping[str, bool]) -> float:
    """Calibrated P(platform accepts the appeal) from stored logistic-regression coefficients."""
    coefficients = model["coefficients"]
    score = float(model["intercept"]) + sum(
        float(coefficients[name]) * value
        for name, value in zip(FEATURE_NAMES, feature_vector(label, confidence, evidence), strict=True)
    )
    return 1.0 / (1.0 + math.exp(-score))
