"""Minimum quality of the small CI model, so a regression in data, features or training fails CI.

Floors sit below what the small config measures today (noted beside each), so only a real
regression trips them; the full model's figures are in docs/model_card.md.
"""

import json
from pathlib import Path

from features.schema import validate_review

HANDWRITTEN = Path(__file__).resolve().parents[1] / "data" / "handwritten_cases.jsonl"


def _metrics(trained_store, name):
    settings, trained = trained_store
    return next(t for t in trained if t.name == name).metrics


def test_review_model_held_out_floors(trained_store):
    metrics = _metrics(trained_store, "reviewguard-review")
    # Macro-F1 of the label the service asserts (threshold AND evidence, else normal).
    assert metrics["heldout_scenarios_macro_f1"] >= 0.85  # small config: 0.92
    assert metrics["real_genuine_flagged_rate"] <= 0.02  # small config: 0.00
    assert metrics["heldout_ece"] <= 0.08  # small config: ~0.03
    assert metrics["heldout_scenarios_asserted_precision"] >= 0.95  # small config: 1.00


def test_order_model_floor(trained_store):
    metrics = _metrics(trained_store, "reviewguard-order")
    assert metrics["scenario_rotation_roc_auc"] >= 0.70


def test_handwritten_cases_floor(predictor):
    """Cases written by hand for this test (not by the simulator): chat and order facts included."""
    records = [json.loads(line) for line in HANDWRITTEN.read_text("utf-8").splitlines()]
    labels = [r.pop("label") for r in records]
    results = predictor.classify_reviews([validate_review(r) for r in records])
    correct = sum(r.label == label for r, label in zip(results, labels, strict=True))
    genuine_flagged = sum(r.malicious for r, label in zip(results, labels, strict=True) if label == "normal")
    assert correct / len(records) >= 0.6, [(r.review_id, r.label, label) for r, label in zip(results, labels, strict=True)]
    assert genuine_flagged == 0


TWINS = Path(__file__).resolve().parents[1] / "data" / "twin_cases.jsonl"


def test_genuine_twins_floor(predictor):
    """Our own hand-written twins of the malicious patterns: complaints whose facts agree (a slow
    refund, a wrong colour the seller admits), price comparisons, body measurements, emoji and
    two-character verdicts, polite requests in chat, shops buying for themselves; and beside them
    the malicious cases with their evidence, rivals writing from an ordinary account included."""
    records = [json.loads(line) for line in TWINS.read_text("utf-8").splitlines()]
    labels = [r.pop("label") for r in records]
    results = predictor.classify_reviews([validate_review(r) for r in records])
    pairs = list(zip(results, labels, strict=True))
    genuine_flagged = [(r.review_id, r.label) for r, label in pairs if label == "normal" and r.malicious]
    caught = sum(r.malicious and r.label == label for r, label in pairs if label != "normal")
    assert all(r.evidence for r, _label in pairs if r.malicious)
    assert len(genuine_flagged) <= 1, genuine_flagged
    assert caught >= 0.75 * sum(label != "normal" for label in labels)
