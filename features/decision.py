"""The decision rule shared by evaluation (training) and prediction (serving).

A malicious label is only *asserted* when its probability clears that label's threshold;
otherwise the review is ``needs_review`` (PRODUCT.md: a genuine review called malicious is
the costliest error, so low confidence goes to a human instead of an appeal).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_THRESHOLD = 0.6
ORDER_LEVELS = (("low", 0.0), ("medium", 0.35), ("high", 0.7))


@dataclass(frozen=True)
class ReviewDecision:
    """Arg-max label plus the flags PRODUCT.md defines."""

    label: str
    confidence: float
    malicious: bool
    needs_review: bool


def decide_reviews(
    probabilities: np.ndarray,
    classes: Sequence[str],
    thresholds: Mapping[str, float],
) -> list[ReviewDecision]:
    """Turn a probability matrix (rows x classes) into decisions."""
    decisions = []
    best = probabilities.argmax(axis=1)
    for row, index in zip(probabilities, best, strict=True):
        label = str(classes[index])
        confidence = float(row[index])
        malicious_guess = label != "normal"
        clears = confidence >= thresholds.get(label, DEFAULT_THRESHOLD)
        decisions.append(
            ReviewDecision(
                label=label,
                confidence=confidence,
                malicious=malicious_guess and clears,
                needs_review=malicious_guess and not clears,
            )
        )
    return decisions


def order_level(risk: float) -> str:
    """low / medium / high from the order risk score."""
    level = ORDER_LEVELS[0][0]
    for name, lower in ORDER_LEVELS:
        if risk >= lower:
            level = name
    return level
