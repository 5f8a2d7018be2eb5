"""The ``python_function`` flavour of the registered models: the product's decision per row.

A registered model (``training/mlflow_model.py`` logs it) is one MLflow model with two flavours:

- ``sklearn``: the fitted Pipeline (raw frame -> probabilities), unchanged; the Predictor,
  retraining, evaluation and :mod:`features.compiled` load it with ``mlflow.sklearn.load_model``;
- ``python_function``: ``loader_module: features.mlflow_pyfunc`` -- this module, shipped inside
  the model (``code/features``, MLflow's ``code_paths``), so ``mlflow.pyfunc.load_model``,
  ``mlflow models serve`` and ``mlflow.pyfunc.spark_udf`` work where this repository was never
  installed.  Its ``predict`` answers a DataFrame of decisions, not bare probabilities.

Input: the model's input signature, i.e. the raw frame of :mod:`features.schema`
(``review_id, text, rating, created_at, has_media, chat, order`` for reviews,
``order_id, order, chat`` for orders; the nested parts as JSON text).  Every row gets one output
row, in input order; a row that fails validation gets ``error`` (the offending fields) and empty
decision columns instead of failing the whole request.

What the pyfunc does not do (the service does): the buyer-risk ledger (no ``ledger_*`` order
reasons, ``prior_malicious_decisions`` only as sent), appeal packages and reply suggestions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from features.decision import asserted_label, decide_reviews, thresholds_from_metadata
from features.evidence import review_evidence_batch
from features.order_rules import order_reasons, recommend
from features.report_reasons import report_reasons
from features.schema import (
    ORDER_FRAME_COLUMNS,
    REVIEW_FRAME_COLUMNS,
    RecordError,
    flat_to_nested,
    validate_many,
)

# Key of the ``python_function`` flavour configuration (MLmodel) naming the decision to apply.
DECISION_KEY = "reviewguard_decision"
REVIEW, ORDER = "review", "order"

# Output columns: (name, MLflow type, required).  ``error`` is None on every scored row.
REVIEW_OUTPUT: tuple[tuple[str, str, bool], ...] = (
    ("review_id", "string", False),
    ("label", "string", False),
    ("confidence", "double", False),
    ("malicious", "boolean", False),
    ("needs_review", "boolean", False),
    ("reason_code", "string", False),
    ("evidence_codes", "array<string>", False),
    ("error", "string", False),
)
ORDER_OUTPUT: tuple[tuple[str, str, bool], ...] = (
    ("order_id", "string", False),
    ("risk", "double", False),
    ("level", "string", False),
    ("action", "string", False),
    ("reason_codes", "array<string>", False),
    ("error", "string", False),
)
# Input columns a caller may leave out (the rest are required by the signature).
OPTIONAL_INPUT: dict[str, frozenset[str]] = {
    REVIEW: frozenset({"created_at", "has_media", "chat", "order"}),
    ORDER: frozenset({"order", "chat"}),
}
INPUT_COLUMNS: dict[str, tuple[str, ...]] = {REVIEW: REVIEW_FRAME_COLUMNS, ORDER: ORDER_FRAME_COLUMNS}


def _rows(model_input: Any) -> list[dict[str, Any]]:
    """The input as a list of row dicts (a DataFrame, a dict of columns or a list of records)."""
    if isinstance(model_input, pd.DataFrame):
        frame = model_input
    elif isinstance(model_input, Mapping):
        frame = pd.DataFrame({k: list(v) if isinstance(v, (list, tuple, np.ndarray, pd.Series)) else [v]
                              for k, v in model_input.items()})
    else:
        frame = pd.DataFrame(list(model_input))
    return frame.to_dict(orient="records")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip())


def _review_record(row: Mapping[str, Any]) -> dict[str, Any]:
    # The frame encodes an absent timestamp / chat / order as "" (features.schema.reviews_to_columns).
    cleaned = {k: v for k, v in row.items() if not (k in OPTIONAL_INPUT[REVIEW] and _blank(v))}
    return flat_to_nested(cleaned)


def _order_record(row: Mapping[str, Any]) -> dict[str, Any]:
    nested = flat_to_nested({k: v for k, v in row.items() if not (k != "order_id" and _blank(v))})
    facts = nested.pop("order", None)
    if facts is not None and not isinstance(facts, Mapping):
        raise RecordError(["order: must be a JSON object"])
    # The order facts carry their own order_id; the row's column is the one the caller sees.
    return {**(facts or {}), **nested}


def _validated(kind: str, rows: list[dict[str, Any]]) -> list[Any]:
    """One validated item or one RecordError per row."""
    to_record = _review_record if kind == REVIEW else _order_record
    records: list[Any] = []
    for row in rows:
        try:
            records.append(to_record(row))
        except RecordError as exc:
            records.append(exc)
    good = [r for r in records if not isinstance(r, RecordError)]
    checked = iter(validate_many("reviews" if kind == REVIEW else "orders", good) if good else [])
    return [r if isinstance(r, RecordError) else next(checked) for r in records]


def _identifier(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    return None if _blank(value) else str(value)


class DecisionModel:
    """``predict(frame) -> DataFrame`` of decisions for one registered model (review or order).

    ``pipeline`` is the same fitted Pipeline the ``sklearn`` flavour holds; scoring goes through
    :class:`features.compiled.CompiledPipeline` when it knows the pipeline's shape (as the
    Predictor does: identical probabilities, less per-call cost), else through the Pipeline.
    """

    def __init__(self, kind: str, pipeline: Any, metadata: Mapping[str, Any] | None = None) -> None:
        if kind not in (REVIEW, ORDER):
            raise ValueError(f"unknown decision {kind!r}: expected {REVIEW!r} or {ORDER!r}")
        from features.compiled import Scorer

        self.kind = kind
        self.pipeline = pipeline
        self.metadata = dict(metadata or {})
        self.classes = [str(c) for c in pipeline.classes_]
        self.thresholds = thresholds_from_metadata(self.metadata)
        self.scorer = Scorer(pipeline)

    @property
    def output_columns(self) -> list[str]:
        return [name for name, _type, _required in (REVIEW_OUTPUT if self.kind == REVIEW else ORDER_OUTPUT)]

    def predict(self, model_input: Any, params: dict[str, Any] | None = None) -> pd.DataFrame:
        rows = _rows(model_input)
        checked = _validated(self.kind, rows)
        items = [item for item in checked if not isinstance(item, RecordError)]
        scored = iter(self._reviews(items) if self.kind == REVIEW else self._orders(items))
        key = "review_id" if self.kind == REVIEW else "order_id"
        out = []
        for row, item in zip(rows, checked, strict=True):
            if isinstance(item, RecordError):
                out.append({key: _identifier(row, key), "error": "; ".join(item.errors)})
            else:
                out.append(next(scored))
        # Object columns with None for what is missing: valid JSON from `mlflow models serve`
        # (a float NaN would be written as the invalid token NaN) and exact values in-process.
        return pd.DataFrame({name: pd.Series([row.get(name) for row in out], dtype=object)
                             for name in self.output_columns})

    def _reviews(self, items: Sequence[Any]) -> list[dict[str, Any]]:
        if not items:
            return []
        evidence = review_evidence_batch(items)
        probabilities = self.scorer.review_probabilities(items, evidence)
        decisions = decide_reviews(probabilities, self.classes, self.thresholds, evidence)
        results = []
        for item, decision, found in zip(items, decisions, evidence, strict=True):
            reasons = report_reasons(item, asserted_label(decision), decision.confidence, found)
            behind = found.for_label(decision.label) if decision.label != "normal" else []
            codes = list(dict.fromkeys([e.code for e in behind]
                                       + [e.code for reason in reasons for e in reason.evidence]))
            results.append({
                "review_id": item.review_id,
                "label": decision.label,
                "confidence": round(decision.confidence, 6),
                "malicious": decision.malicious,
                "needs_review": decision.needs_review,
                "reason_code": reasons[0].code if reasons else None,
                "evidence_codes": codes,
                "error": None,
            })
        return results

    def _orders(self, items: Sequence[Any]) -> list[dict[str, Any]]:
        if not items:
            return []
        risks = self.scorer.order_risks(items)
        results = []
        for item, risk in zip(items, risks, strict=True):
            reasons = order_reasons(item)
            level, action, _prevention = recommend(float(risk), reasons)
            results.append({
                "order_id": item.order_id,
                "risk": round(float(risk), 6),
                "level": level,
                "action": action,
                "reason_codes": [reason.code for reason in reasons],
                "error": None,
            })
        return results


def _load_pyfunc(path: str, model_config: Mapping[str, Any] | None = None) -> DecisionModel:
    """MLflow's loader hook: ``path`` is the model directory (the flavour has no ``data``)."""
    import mlflow.sklearn
    from mlflow.models import Model

    meta = Model.load(path)
    kind = (meta.flavors.get("python_function") or {}).get(DECISION_KEY)
    return DecisionModel(kind, mlflow.sklearn.load_model(path), meta.metadata)


__all__ = ["DECISION_KEY", "INPUT_COLUMNS", "OPTIONAL_INPUT", "ORDER", "ORDER_OUTPUT", "REVIEW", "REVIEW_OUTPUT",
           "DecisionModel"]
