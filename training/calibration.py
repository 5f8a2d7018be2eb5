"""Probability calibration and per-label thresholds, fitted on the ``calibration`` split.

LightGBM trained with balanced class weights is over-confident in absolute terms; temperature
scaling (one parameter, so it cannot overfit the small calibration split and never changes the
arg-max) makes "0.9" mean nine in ten.  Thresholds are then the smallest probability at which
each malicious label reaches the target precision on the calibration split (docs/spec.md: a
genuine review called malicious is the costliest error).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator
from sklearn.pipeline import Pipeline

from features import MALICIOUS_LABELS
from features.constants import CALIBRATION_FLOOR, LOWEST_THRESHOLD, NEARLY_CERTAIN


def calibrate(fitted: Pipeline, calibration: pd.DataFrame, y: np.ndarray, columns: Sequence[str]) -> Pipeline:
    """The fitted pipeline with its classifier wrapped in a temperature-scaled calibrator."""
    features = Pipeline(fitted.steps[:-1])
    classifier = fitted.steps[-1][1]
    calibrator = CalibratedClassifierCV(FrozenEstimator(classifier), method="temperature")
    calibrator.fit(features.transform(calibration[list(columns)]), y)
    return Pipeline([*fitted.steps[:-1], ("classifier", calibrator)])


def choose_thresholds(
    probabilities: np.ndarray,
    truth: Sequence[str],
    classes: Sequence[str],
    *,
    target_precision: float,
    floors: dict[str, float],
    min_support: int = 20,
    supported: Mapping[str, np.ndarray] | None = None,
    labels: Sequence[str] = MALICIOUS_LABELS,
) -> tuple[dict[str, float], dict[str, float]]:
    """Smallest threshold per malicious label whose precision reaches ``target_precision``.

    ``supported[label]`` marks the rows that carry that label's evidence: a label is only ever
    asserted on them (features.decision), so precision is measured among them alone.

    Returns the thresholds and the precision each reaches on the given rows.  A label that
    never reaches the target (or has fewer than ``min_support`` predictions above a candidate)
    gets 0.99, so it is asserted only when the model is nearly certain.
    """
    truth = np.asarray(truth)
    best = probabilities.argmax(axis=1)
    thresholds: dict[str, float] = {}
    reached: dict[str, float] = {}
    for label in labels:
        if label not in classes:
            continue
        index = list(classes).index(label)
        predicted = best == index
        if supported is not None and label in supported:
            predicted = predicted & np.asarray(supported[label], dtype=bool)
        confidence = probabilities[:, index]
        chosen, precision_at = NEARLY_CERTAIN, float("nan")
        for candidate in np.arange(max(floors.get(label, CALIBRATION_FLOOR), LOWEST_THRESHOLD), NEARLY_CERTAIN + 0.001, 0.01):
            flagged = predicted & (confidence >= candidate)
            if flagged.sum() < min_support:
                break
            precision = float((truth[flagged] == label).mean())
            if precision >= target_precision:
                chosen, precision_at = float(round(candidate, 2)), precision
                break
        thresholds[label] = chosen
        reached[label] = precision_at
    return thresholds, reached


def expected_calibration_error(probabilities: np.ndarray, truth: Sequence[str], classes: Sequence[str],
                               bins: int = 10) -> float:
    """ECE of the top-class confidence: mean |accuracy - confidence| weighted by bin size."""
    truth = np.asarray(truth)
    best = probabilities.argmax(axis=1)
    confidence = probabilities.max(axis=1)
    correct = np.asarray(classes)[best] == truth
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)
