"""Appeal outcomes: what the platform decided about the appeals a shop filed.

An outcomes file (CSV, JSONL or Parquet; or a folder of them that accumulates over time) has one
row per appeal: the review fields of docs/spec.md (as in a labels file), ``label`` — the appeal
reason filed (one of the five malicious labels) — ``accepted`` (true/false, 1/0, yes/no) and
optionally ``rejection_reason`` and ``confidence`` (the confidence reviewguard reported when the
appeal was filed).

How they become training signal (:func:`training_rows`):

* accepted -> the filed label is confirmed; a training row with that label, weighted like a
  merchant label (``labelled_weight``).
* rejected because the evidence was insufficient (``rejection_reason`` mentions 证据/材料 or
  "evidence") -> no classifier row: the label may well be right, the appeal was just thin.
* rejected for any other reason -> the platform judged the review acceptable, so it is taught as
  ``normal``, weighted like a bootstrap row (``rejected_outcome_weight``, default 1.0): weaker
  than an explicit merchant label because a rejection also happens to wrongly categorised
  malicious reviews, but it pushes the model away from flagging what the platform keeps.

Every outcome, whatever its fate above, trains the appeal-acceptance estimate (:func:`fit_success_model`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from features import MALICIOUS_LABELS
from features.appeal_outcome import FEATURE_NAMES, evidence_present, feature_vector
from features.records_io import FORMATS, Kind, ingest_rows
from features.schema import RecordError, ReviewItem

log = logging.getLogger(__name__)

_TRUE = {"true", "1", "yes", "y", "accepted", "是"}
_FALSE = {"false", "0", "no", "n", "rejected", "否"}
_EVIDENCE_REJECTION = re.compile(r"证据|材料|截图|evidence", re.IGNORECASE)


@dataclass
class Outcome:
    """One appeal and what the platform decided."""

    item: ReviewItem
    label: str
    accepted: bool
    rejection_reason: str | None = None
    confidence: float | None = None

    @property
    def evidence_rejection(self) -> bool:
        return not self.accepted and bool(self.rejection_reason and _EVIDENCE_REJECTION.search(self.rejection_reason))


@dataclass
class OutcomeData:
    """Validated outcomes of one file or folder, and the rows that could not be used."""

    path: Path
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return len(self.outcomes) + len(self.errors)


def data_files(path: Path) -> list[Path]:
    """``path`` itself, or the data files of a folder in name order (an accumulating drop folder).

    A folder's files the readers cannot read (``.json``, a README, ...) are skipped with a
    warning, which the CLI prints: one stray file must not fail the nightly retrain.  Names (of
    files or sub-folders) starting with ``.`` or ``_`` are skipped silently, as Parquet readers
    do: ``.DS_Store``, Spark's ``_SUCCESS``, ``.crc`` and ``_temporary/``.  A single file of an
    unsupported type is still an error (``file_format``).
    """
    if not path.exists():
        raise FileNotFoundError(f"not found: {path}")
    if not path.is_dir():
        return [path]
    files = []
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        if any(part.startswith((".", "_")) for part in file.relative_to(path).parts):
            continue
        if file.suffix.lower() in FORMATS:
            files.append(file)
        else:
            log.warning("skipped %s: not a %s file", file, "/".join(sorted(FORMATS)))
    return files


def _flag(value: Any, field_name: str) -> bool:
    if isinstance(value, bool):
        return value
    key = str(value).strip().lower() if value is not None else ""
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise RecordError([f"{field_name}: must be true or false, got {value!r}"])


def _extract_outcome(_kind: Kind, record: dict[str, Any]) -> tuple[str, bool, str | None, float | None]:
    """(label, accepted, rejection_reason, confidence) taken out of a row's nested record."""
    label = str(record.pop("label", "") or "").strip().lower()
    if label not in MALICIOUS_LABELS:
        raise RecordError([f"label: the appeal reason filed, one of {', '.join(MALICIOUS_LABELS)}; got {label!r}"])
    if record.get("accepted") is None:
        raise RecordError(["accepted: field required"])
    accepted = _flag(record.pop("accepted"), "accepted")
    reason = record.pop("rejection_reason", None)
    reason = None if reason is None or (isinstance(reason, float) and np.isnan(reason)) else str(reason)
    confidence = record.pop("confidence", None)
    if confidence is not None and str(confidence).strip() != "":
        try:
            confidence = float(confidence)
        except ValueError:
            raise RecordError([f"confidence: must be a number between 0 and 1, got {confidence!r}"]) from None
        if not 0.0 <= confidence <= 1.0:
            raise RecordError([f"confidence: must be between 0 and 1, got {confidence}"])
    else:
        confidence = None
    return label, accepted, reason, confidence


def load_outcomes(path: Path) -> OutcomeData:
    """Read every outcomes file under ``path``; a later file's row for the same review and reason wins."""
    data = OutcomeData(path)
    latest: dict[tuple[str, str], Outcome] = {}
    for file in data_files(path):
        data.files.append(str(file))
        # The review fields are read and validated by the ingest path of batch scoring.
        for chunk in ingest_rows(file, "reviews", 5000, extract=_extract_outcome):
            for item, extra in zip(chunk.items, chunk.extras, strict=True):
                outcome = Outcome(item, *extra)
                latest[(outcome.item.review_id, outcome.label)] = outcome
            data.errors += [f"{file.name} {error}" for error in chunk.errors]
    data.outcomes = list(latest.values())
    return data


def training_rows(data: OutcomeData, *, labelled_weight: float,
                  rejected_weight: float) -> list[tuple[ReviewItem, str, float]]:
    """(item, label, weight) rows the review classifier learns from (see the module docstring)."""
    rows = []
    for outcome in data.outcomes:
        if outcome.accepted:
            rows.append((outcome.item, outcome.label, labelled_weight))
        elif not outcome.evidence_rejection:
            rows.append((outcome.item, "normal", rejected_weight))
    return rows


def outcome_group(review_id: str) -> str:
    """Split group of an outcome row (its review id), so a review keeps its split across retrains."""
    return "outcome:" + hashlib.sha1(review_id.encode("utf-8")).hexdigest()[:12]


def fit_success_model(data: OutcomeData | None, confidences: list[float] | None, *,
                      min_outcomes: int, seed: int = 0) -> dict[str, Any]:
    """Fit the appeal-acceptance estimate; a JSON-able dict stored in the review model's metadata.

    With fewer than ``min_outcomes`` outcomes (or only one kind of decision) no estimate is
    made: the dict says so, and results show ``success_probability: null`` with that note.
    Logistic regression is fitted by log-loss, so its probabilities are calibrated by
    construction; the cross-validated Brier score and log-loss are recorded to show it.
    """
    outcomes = data.outcomes if data is not None else []
    base: dict[str, Any] = {"n_outcomes": len(outcomes), "min_outcomes": int(min_outcomes),
                            "feature_names": list(FEATURE_NAMES)}
    accepted = np.array([o.accepted for o in outcomes], dtype=int)
    if len(outcomes) < min_outcomes:
        return {**base, "status": "insufficient_outcomes"}
    if accepted.min() == accepted.max():
        return {**base, "status": "single_outcome_kind"}
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    assert confidences is not None and len(confidences) == len(outcomes)
    x = np.array([feature_vector(o.label, c, evidence_present(o.item)) for o, c in zip(outcomes, confidences, strict=True)])
    model = LogisticRegression(C=1.0, max_iter=1000)
    folds = min(5, int(np.bincount(accepted).min()))
    quality: dict[str, float] = {}
    if folds >= 2:
        held = cross_val_predict(model, x, accepted, cv=StratifiedKFold(folds, shuffle=True, random_state=seed),
                                 method="predict_proba")[:, 1]
        quality = {"cv_brier": float(brier_score_loss(accepted, held)), "cv_log_loss": float(log_loss(accepted, held)),
                   "base_rate": float(accepted.mean())}
    model.fit(x, accepted)
    return {
        **base,
        "status": "ok",
        "intercept": float(model.intercept_[0]),
        "coefficients": {name: float(c) for name, c in zip(FEATURE_NAMES, model.coef_[0], strict=True)},
        **quality,
    }


def outcome_confidences(data: OutcomeData, pipeline: Any) -> list[float]:
    """Confidence per outcome: as recorded in the file, else P(filed label) under ``pipeline``."""
    from features.schema import reviews_to_frame

    missing = [i for i, o in enumerate(data.outcomes) if o.confidence is None]
    values = [o.confidence for o in data.outcomes]
    if missing and pipeline is not None:
        classes = [str(c) for c in pipeline.classes_]
        probabilities = pipeline.predict_proba(reviews_to_frame([data.outcomes[i].item for i in missing]))
        for row, i in zip(probabilities, missing, strict=True):
            values[i] = float(row[classes.index(data.outcomes[i].label)])
    return [0.5 if v is None else float(v) for v in values]
