"""Held-out evaluation that cannot flatter itself.

Scores are computed only on the ``holdout`` split of :mod:`training.dataset`: whole simulator
scenarios and whole real-corpus groups the model never saw.  The decision rule is the one the
service uses (:func:`features.decision.decide_reviews`), so "flagged malicious" here means
exactly what a merchant would see.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, precision_recall_fscore_support, roc_auc_score

from features import REVIEW_LABELS
from features.decision import decide_reviews


def _safe(value: float) -> float:
    return float(value) if np.isfinite(value) else float("nan")


def evaluate_review_model(pipeline: Any, holdout: pd.DataFrame, thresholds: dict[str, float]) -> tuple[dict[str, float], pd.DataFrame]:
    """Metrics on held-out scenarios and real groups, plus a per-row prediction frame."""
    probabilities = pipeline.predict_proba(holdout)
    classes = [str(c) for c in pipeline.classes_]
    decisions = decide_reviews(probabilities, classes, thresholds)
    predicted = pd.DataFrame(
        {
            "label": holdout["label"].to_numpy(),
            "predicted": [d.label for d in decisions],
            "confidence": [d.confidence for d in decisions],
            "malicious": [d.malicious for d in decisions],
            "needs_review": [d.needs_review for d in decisions],
            "kind": holdout["kind"].to_numpy(),
            "source": holdout["source"].to_numpy(),
            "scenario": holdout["scenario"].to_numpy(),
            "positive": holdout["positive"].to_numpy(),
        }
    )
    metrics: dict[str, float] = {}
    generated = predicted[predicted["kind"] == "generated"]
    if len(generated):
        labels = [label for label in REVIEW_LABELS if label in set(generated["label"])]
        metrics["heldout_scenarios_macro_f1"] = _safe(
            f1_score(generated["label"], generated["predicted"], labels=labels, average="macro", zero_division=0)
        )
        precision, recall, f1, support = precision_recall_fscore_support(
            generated["label"], generated["predicted"], labels=labels, zero_division=0
        )
        for label, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True):
            metrics[f"heldout_{label}_precision"] = _safe(p)
            metrics[f"heldout_{label}_recall"] = _safe(r)
            metrics[f"heldout_{label}_f1"] = _safe(f)
            metrics[f"heldout_{label}_support"] = float(n)
    genuine = predicted[(predicted["kind"] == "real") & (predicted["label"] == "normal")]
    if len(genuine):
        metrics["real_genuine_flagged_rate"] = float(genuine["malicious"].mean())
        metrics["real_genuine_needs_review_rate"] = float(genuine["needs_review"].mean())
        for flag, name in ((True, "positive"), (False, "negative")):
            part = genuine[genuine["positive"] == flag]
            if len(part):
                metrics[f"real_genuine_{name}_flagged_rate"] = float(part["malicious"].mean())
                metrics[f"real_genuine_{name}_rows"] = float(len(part))
    real_ads = predicted[(predicted["kind"] == "real") & (predicted["label"] == "ad")]
    if len(real_ads):
        metrics["real_spam_ad_recall"] = float(((real_ads["predicted"] == "ad") & real_ads["malicious"]).mean())
        metrics["real_spam_rows"] = float(len(real_ads))
    return metrics, predicted


def evaluate_order_model(pipeline: Any, holdout: pd.DataFrame) -> dict[str, float]:
    """ROC-AUC and accuracy at 0.5 on held-out order scenarios."""
    risk = pipeline.predict_proba(holdout)[:, 1]
    truth = holdout["label"].astype(int).to_numpy()
    metrics = {"heldout_rows": float(len(holdout))}
    if len(set(truth)) == 2:
        metrics["heldout_roc_auc"] = float(roc_auc_score(truth, risk))
    metrics["heldout_accuracy_at_0_5"] = float(((risk >= 0.5).astype(int) == truth).mean())
    return metrics


def confusion_figure(predicted: pd.DataFrame) -> Any:
    """Confusion matrix (rows: truth, columns: prediction) of the held-out rows as a figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    labels = [label for label in REVIEW_LABELS if label in set(predicted["label"]) | set(predicted["predicted"])]
    figure, axis = plt.subplots(figsize=(7, 6))
    ConfusionMatrixDisplay.from_predictions(
        predicted["label"], predicted["predicted"], labels=labels, ax=axis, colorbar=False, xticks_rotation=45
    )
    axis.set_title("held-out confusion (scenarios + real groups)")
    figure.tight_layout()
    return figure
