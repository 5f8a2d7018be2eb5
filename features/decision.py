"""The decision rule shared by evaluation (training) and prediction (serving).

A malicious label is *asserted* (``malicious``) only when two things hold: its probability
clears that label's threshold, and the case carries the evidence that label needs
(:mod:`features.evidence`).  Otherwise a malicious best guess becomes ``needs_review`` and says
what is missing: a genuine review called malicious is the costliest error, so doubt goes to a
person instead of an appeal.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableSequence, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from features import MALICIOUS_LABELS
from features.constants import (
    AD_COPY_ONLY_DEFAULT,
    DEFAULT_THRESHOLD,
    ORDER_LEVELS,
    UNRELATED_ONLY_DEFAULT,
)
from features.evidence import AD, MISSING, ReviewEvidence

# "No reference to the purchase" is the weakest evidence (only as good as the aspect lexicon),
# so a meaningless label resting on it alone must clear a threshold of its own, chosen on the
# calibration rows that carry only that evidence (at least UNRELATED_ONLY_DEFAULT).
UNRELATED_ONLY = "meaningless_unrelated"
# An ad no rule confirmed (no contact, link, handle or offer found) may still be asserted when
# the model is nearly certain and the review holds words of trade to quote: business prose
# ("我们以…为宗旨，为客户提供…") is an ad in its own words.  Its threshold is chosen on the
# calibration rows that carry no rule evidence for ``ad`` (at least AD_COPY_ONLY_DEFAULT), and
# the evidence item says that it is the model's reading.
AD_COPY_ONLY = "ad_copy_only"


@dataclass(frozen=True)
class ReviewDecision:
    """Arg-max label plus the flags of the product spec."""

    label: str
    confidence: float
    malicious: bool
    needs_review: bool
    # What the best guess lacks to be asserted; None when asserted or normal.
    missing_evidence: str | None = None


def thresholds_from_metadata(metadata: Mapping[str, Any] | None) -> dict[str, float]:
    """Per-label thresholds stored in a review model's MLflow metadata (``thresholds``).

    A label without a stored threshold gets :data:`DEFAULT_THRESHOLD`; the unrelated-only
    meaningless threshold is kept when the model has one (else :func:`decide_reviews` derives it).
    """
    stored = (metadata or {}).get("thresholds") or {}
    thresholds = {label: float(stored.get(label, DEFAULT_THRESHOLD)) for label in MALICIOUS_LABELS}
    for weak in (UNRELATED_ONLY, AD_COPY_ONLY):
        if weak in stored:
            thresholds[weak] = float(stored[weak])
    return thresholds


def decide_reviews(
    probabilities: np.ndarray,
    classes: Sequence[str],
    thresholds: Mapping[str, float],
    evidence: MutableSequence[ReviewEvidence] | None = None,
) -> list[ReviewDecision]:
    """Turn a probability matrix (rows x classes) and each row's evidence into decisions.

    ``evidence=None`` applies the thresholds alone (probability-only analyses such as the
    calibration of thresholds); every served or evaluated decision passes the evidence.  An ad
    asserted on the model's reading of promotional copy (:data:`AD_COPY_ONLY`) completes that
    row's evidence in place with the quoted copy, so that whatever reads the evidence next (the
    report reasons, the appeal package, the evaluation) sees what the decision relied on.
    """
    decisions = []
    # Python lists: the same float64 values as float() of each cell, without a numpy scalar per cell.
    best = probabilities.argmax(axis=1).tolist()
    for row_number, (row, index) in enumerate(zip(probabilities.tolist(), best, strict=True)):
        label = str(classes[index])
        confidence = float(row[index])
        if label == "normal":
            decisions.append(ReviewDecision(label, confidence, False, False))
            continue
        threshold = thresholds.get(label, DEFAULT_THRESHOLD)
        if evidence is not None and label == "meaningless" and evidence[row_number].codes(label) == ["no_purchase_reference"]:
            threshold = thresholds.get(UNRELATED_ONLY, max(threshold, UNRELATED_ONLY_DEFAULT))
        clears = confidence >= threshold
        supported = evidence is None or evidence[row_number].supports(label)
        if not supported and label == AD and evidence[row_number].promotional_copy:
            copy_threshold = thresholds.get(AD_COPY_ONLY, max(threshold, AD_COPY_ONLY_DEFAULT))
            if confidence >= copy_threshold:
                evidence[row_number] = evidence[row_number].with_read_copy(confidence)
                supported = True
        missing = None
        if not supported:
            missing = MISSING[label]
        elif not clears:
            missing = f"模型置信度 {confidence:.2f} 低于该类别的阈值 {threshold:.2f}"
        decisions.append(ReviewDecision(label, confidence, clears and supported, not (clears and supported), missing))
    return decisions


def asserted_label(decision: ReviewDecision) -> str:
    """The label a merchant acts on: the malicious label when asserted, else ``normal``."""
    return decision.label if decision.malicious else "normal"


def level_of(risk: float, levels: Sequence[tuple[str, float]] = ORDER_LEVELS) -> str:
    """The name of the highest level whose lower bound ``risk`` reaches (orders by default)."""
    level = levels[0][0]
    for name, lower in levels:
        if risk >= lower:
            level = name
    return level


def order_level(risk: float) -> str:
    """low / medium / high from the order risk score."""
    return level_of(risk, ORDER_LEVELS)
