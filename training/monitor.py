"""Drift monitor: does a window of scored reviews still look like what the model was built on?

``reviewguard monitor --scored WINDOW [--input RAW] [--baseline PREVIOUS [--baseline-input RAW]]``

A *window* is the output of ``reviewguard score reviews`` (CSV, JSONL or Parquet, lean or not,
or a Parquet folder of the Spark engine), optionally with the raw review items that were scored
(``--input``, joined on ``review_id``).  It is reduced to a *profile*: per *group*, counts per
bucket.

* output groups (from the scored file): ``label`` (the model's label), ``malicious``,
  ``needs_review``, ``confidence`` (histogram), ``evidence_codes`` and ``report_reasons``
  (each row's codes; ``(none)`` for a row without any);
* input groups (from ``--input``): ``text_length`` (histogram), ``rating``, ``has_media``,
  ``with_chat`` / ``with_order`` / ``with_buyer`` (share of reviews carrying those facts),
  ``char_classes`` (mean share of CJK / Latin / digit / punctuation / other characters) and
  ``signals`` (share of reviews with a contact, money, a demand, a threat, promotion,
  competitor, positive or negative words, a factual claim: the model's own text signals of
  :mod:`features.signals`).

The window is compared with a reference profile: the previous window (``--baseline``), or, by
default, the training reference of the model version named in the window's ``model_version``
column: ``reference_profile.json``, logged by ``training/train.py`` with every review model and
computed on its held-out split exactly as here (segment ``genuine``: the held-out rows whose true
label is ``normal``, what a shop's stream mostly is; segment ``all``: every held-out row, the
training mix of labels).  A model logged before reference profiles gives only the true label
counts of its held-out split (``dataset_manifest.json``).

Per group the population stability index is ``PSI = sum((w - r) * ln(w / r))`` over buckets (w,
r: window and reference shares, each count smoothed by +0.5 so that an empty bucket stays
finite).  Usual thresholds: below 0.1 ``stable``, below 0.25 ``watch``, else ``drift``; the
verdict is the worst group, and the summary names the groups that moved and the buckets that
moved most.  Exit codes (:data:`EXIT_CODES`): 0 stable, 10 watch, 11 drift, 2 bad input or
options, 3 MLflow unavailable (no training reference: registry unreachable or model version unknown;
or ``--mlflow`` could not log).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from features import REVIEW_LABELS
from features.schema import ReviewItem
from features.settings import Settings

PSI_WATCH = 0.1
PSI_DRIFT = 0.25
STATUSES = ("stable", "watch", "drift")
EXIT_CODES: dict[str, int] = {"stable": 0, "watch": 10, "drift": 11, "usage": 2, "mlflow_unavailable": 3}
REFERENCE_ARTIFACT = "reference_profile.json"
PROFILE_FORMAT = 1
SEGMENTS = ("genuine", "all")
MONITOR_EXPERIMENT = "reviewguard-monitor"
_PROGRESS_BAR = "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"

REQUIRED_COLUMNS = ("review_id", "label", "confidence", "malicious", "needs_review")
OPTIONAL_COLUMNS = ("evidence_codes", "report_reason_codes", "model_version")
# Additive smoothing of every bucket's count: an empty bucket on one side stays finite.
SMOOTHING = 0.5
# Windows smaller than this get a note: sampling alone moves PSI by about (buckets - 1) / rows.
FEW_ROWS = 200
NONE_BUCKET = "(none)"

CONFIDENCE_EDGES = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
CONFIDENCE_BUCKETS = ("<0.4", "0.4-0.5", "0.5-0.6", "0.6-0.7", "0.7-0.8", "0.8-0.9", "0.9-0.95", ">=0.95")
TEXT_LENGTH_EDGES = (5, 10, 20, 40, 80, 160, 320)
TEXT_LENGTH_BUCKETS = ("0-4", "5-9", "10-19", "20-39", "40-79", "80-159", "160-319", "320+")
CHAR_CLASSES = ("cjk", "latin", "digit", "punct", "other")
YES_NO = ("yes", "no")
# Text signals (features.signals.TEXT_SIGNAL_NAMES) folded into a few readable ones.
SIGNAL_GROUPS: dict[str, tuple[str, ...]] = {
    "contact": ("phone", "masked_phone", "long_digits", "wechat", "qq", "url", "social_id"),
    "money": ("money_count",),
    "demand": ("demand_count",),
    "threat": ("review_threat_count", "conditional_threat"),
    "promotion": ("promotion_count",),
    "competitor": ("competitor_count",),
    "positive_words": ("positive_count",),
    "negative_words": ("negative_count",),
}
OUTPUT_GROUPS = ("label", "malicious", "needs_review", "confidence", "evidence_codes", "report_reasons")
INPUT_GROUPS = ("text_length", "rating", "has_media", "with_chat", "with_order", "with_buyer", "char_classes", "signals")
# Groups where a row carries several tokens: shown as the share of rows with each token.
MULTI_GROUPS = frozenset({"evidence_codes", "report_reasons", "signals"})
BUCKET_ORDER: dict[str, tuple[str, ...]] = {
    "label": REVIEW_LABELS, "malicious": YES_NO, "needs_review": YES_NO, "confidence": CONFIDENCE_BUCKETS,
    "text_length": TEXT_LENGTH_BUCKETS, "rating": ("1", "2", "3", "4", "5"), "has_media": YES_NO,
    "with_chat": YES_NO, "with_order": YES_NO, "with_buyer": YES_NO, "char_classes": CHAR_CLASSES,
}


class MonitorInputError(ValueError):
    """A file or option the monitor cannot use (exit code 2); the message names file and column."""


class ReferenceUnavailableError(RuntimeError):
    """No training reference for the window's model version (exit code 3)."""


# --- profiles -----------------------------------------------------------------------------------
@dataclass
class Group:
    """Counts per bucket of one group over ``rows`` rows (``side``: output or input)."""

    side: str
    rows: int
    counts: dict[str, float]

    def add(self, other: Group) -> Group:
        counts = Counter(self.counts)
        counts.update(other.counts)
        return Group(self.side, self.rows + other.rows, dict(counts))

    def as_dict(self) -> dict[str, Any]:
        return {"side": self.side, "rows": self.rows, "counts": {k: _number(v) for k, v in self.counts.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Group:
        return cls(str(data["side"]), int(data["rows"]), {str(k): float(v) for k, v in data["counts"].items()})


Profile = dict[str, Group]


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(float(value), 4)


def merge(left: Profile, right: Profile) -> Profile:
    """Two profiles of disjoint rows added group by group."""
    merged = dict(left)
    for name, group in right.items():
        merged[name] = merged[name].add(group) if name in merged else group
    return merged


def profile_as_dict(profile: Profile) -> dict[str, Any]:
    return {name: group.as_dict() for name, group in profile.items()}


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    return {str(name): Group.from_dict(group) for name, group in data.items()}


def _yes_no(flags: Sequence[bool] | np.ndarray, side: str) -> Group:
    yes = int(np.count_nonzero(np.asarray(flags, dtype=bool)))
    return Group(side, len(flags), {"yes": yes, "no": len(flags) - yes})


def _binned(values: Sequence[float] | np.ndarray, edges: Sequence[float], names: Sequence[str], side: str) -> Group:
    index = np.searchsorted(np.asarray(edges, dtype=float), np.asarray(values, dtype=float), side="right")
    counts = np.bincount(index, minlength=len(names))
    return Group(side, len(index), {name: int(n) for name, n in zip(names, counts, strict=True) if n})


def _tokens(cells: Iterable[Iterable[str]], side: str) -> Group:
    counts: Counter[str] = Counter()
    rows = 0
    for tokens in cells:
        rows += 1
        found = [t for t in tokens if t]
        counts.update(set(found) or {NONE_BUCKET})
    return Group(side, rows, dict(counts))


def _codes(cell: Any) -> list[str]:
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [code.strip() for code in str(cell).split(",") if code.strip()]


def output_profile(frame: pd.DataFrame) -> Profile:
    """Output groups of scored rows (columns of ``reviewguard score reviews``, booleans parsed)."""
    profile: Profile = {
        "label": Group("output", len(frame), dict(Counter(frame["label"].astype(str)))),
        "malicious": _yes_no(frame["malicious"].to_numpy(dtype=bool), "output"),
        "needs_review": _yes_no(frame["needs_review"].to_numpy(dtype=bool), "output"),
        "confidence": _binned(frame["confidence"].to_numpy(dtype=float), CONFIDENCE_EDGES, CONFIDENCE_BUCKETS, "output"),
    }
    for column, name in (("evidence_codes", "evidence_codes"), ("report_reason_codes", "report_reasons")):
        if column in frame.columns:
            profile[name] = _tokens((_codes(cell) for cell in frame[column]), "output")
    return profile


def input_profile(items: Sequence[ReviewItem]) -> Profile:
    """Input groups of validated review items (what the model was given)."""
    from features.signals import TEXT_SIGNAL_NAMES, text_signals_batch
    from features.text import normalize_texts

    if not items:
        return {}
    texts = [item.text for item in items]
    signals = np.asarray(text_signals_batch(normalize_texts(texts)), dtype=float)
    column = {name: index for index, name in enumerate(TEXT_SIGNAL_NAMES)}
    ratios = np.column_stack([signals[:, column[f"{name}_ratio"]] for name in CHAR_CLASSES[:-1]])
    other = np.clip(1.0 - ratios.sum(axis=1), 0.0, 1.0)
    composition = np.column_stack([ratios, other]).sum(axis=0)
    flags = {name: np.any(np.column_stack([signals[:, column[s]] > 0 for s in names if s in column]), axis=1)
             for name, names in SIGNAL_GROUPS.items() if any(s in column for s in names)}
    claim_columns = [index for name, index in column.items() if name.startswith("claim_")]
    if claim_columns:
        flags["claim"] = (signals[:, claim_columns] > 0).any(axis=1)
    names = list(flags)
    matrix = np.column_stack([flags[name] for name in names]) if names else np.zeros((len(items), 0), dtype=bool)
    n = len(items)
    return {
        "text_length": _binned([len(t) for t in texts], TEXT_LENGTH_EDGES, TEXT_LENGTH_BUCKETS, "input"),
        "rating": Group("input", n, dict(Counter(str(item.rating) for item in items))),
        "has_media": _yes_no([item.has_media for item in items], "input"),
        "with_chat": _yes_no([bool(item.chat) for item in items], "input"),
        "with_order": _yes_no([item.order is not None for item in items], "input"),
        "with_buyer": _yes_no([item.order is not None and item.order.buyer is not None for item in items], "input"),
        "char_classes": Group("input", n, {c: float(v) for c, v in zip(CHAR_CLASSES, composition, strict=True)}),
        "signals": _tokens(([name for name, on in zip(names, row, strict=True) if on] for row in matrix), "input"),
    }


# --- the training reference ---------------------------------------------------------------------
def reference_profile(holdout: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, Any]:
    """``reference_profile.json`` of a review model: its held-out rows profiled as the monitor does.

    ``holdout`` is the raw held-out frame (with ``label``), ``predicted`` what
    :func:`training.evaluate.evaluate_review_model` returned for it (``guess`` is the label the
    service answers, ``predicted`` the asserted one).  Evidence and report reasons are derived
    as the Predictor derives them.  Segments: ``all`` and ``genuine`` (true label ``normal``).
    """
    from features.evidence import review_evidence_batch
    from features.report_reasons import report_reasons
    from training.evaluate import frame_items

    items = frame_items(holdout)
    evidence = review_evidence_batch(items)
    guesses = predicted["guess"].astype(str).tolist()
    asserted = predicted["predicted"].astype(str).tolist()
    confidence = predicted["confidence"].astype(float).tolist()
    scored = pd.DataFrame({
        "label": guesses,
        "confidence": confidence,
        "malicious": predicted["malicious"].astype(bool).to_numpy(),
        "needs_review": predicted["needs_review"].astype(bool).to_numpy(),
        "evidence_codes": [",".join(c for c in found.codes(guess) if c) if guess != "normal" else ""
                           for guess, found in zip(guesses, evidence, strict=True)],
        "report_reason_codes": [",".join(r.code for r in report_reasons(item, label, conf, found))
                                for item, label, conf, found in zip(items, asserted, confidence, evidence, strict=True)],
    })
    truth = holdout["label"].astype(str).to_numpy()
    segments = {}
    for segment, mask in (("all", np.ones(len(truth), dtype=bool)), ("genuine", truth == "normal")):
        rows = np.flatnonzero(mask)
        if len(rows):
            profile = merge(output_profile(scored.iloc[rows]), input_profile([items[i] for i in rows]))
            segments[segment] = profile_as_dict(profile)
    return {"format": PROFILE_FORMAT, "split": "holdout", "rows": len(holdout),
            "true_labels": dict(Counter(truth.tolist())), "segments": segments}


@dataclass
class Reference:
    """A profile to compare with, where it came from, and the experiment of its model."""

    profile: Profile
    description: str
    short: str
    experiment_id: str | None = None
    notes: list[str] = field(default_factory=list)


def _split_version(model_version: str) -> tuple[str, str]:
    name, _, number = model_version.rpartition("/")
    if not name or not number.isdigit():
        raise MonitorInputError(f"model_version {model_version!r} is not '<registered model>/<version>'")
    return name, number


def model_experiment(model_version: str, settings: Settings) -> str | None:
    """Experiment id of the run that logged ``model_version`` (None when the registry lacks it)."""
    from mlflow.exceptions import MlflowException

    try:
        name, number = _split_version(model_version)
        client = _client(settings)
        return client.get_run(client.get_model_version(name, number).run_id).info.experiment_id
    except (MlflowException, MonitorInputError, OSError):
        return None


def _client(settings: Settings) -> Any:
    """A client of the settings' store (reading only: training.train and its imports stay out)."""
    from mlflow.tracking import MlflowClient

    uri = settings.resolved_tracking_uri()
    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def training_reference(model_version: str, settings: Settings, segment: str = "genuine") -> Reference:
    """The training reference of ``model_version`` (``<name>/<version>``) from the registry."""
    import mlflow
    from mlflow.exceptions import MlflowException

    name, number = _split_version(model_version)
    uri = settings.resolved_tracking_uri()
    client = _client(settings)
    try:
        version = client.get_model_version(name, number)
        run = client.get_run(version.run_id)
    except MlflowException as exc:
        raise ReferenceUnavailableError(f"model version {model_version} not found in the registry at {uri}: "
                                        f"{exc.message if hasattr(exc, 'message') else exc}") from exc
    except Exception as exc:  # the store itself is unreachable or broken
        raise ReferenceUnavailableError(f"cannot reach the MLflow registry at {uri}: {exc}") from exc
    experiment = run.info.experiment_id

    def artifact(path: str) -> dict[str, Any] | None:
        previous = os.environ.get(_PROGRESS_BAR)
        os.environ[_PROGRESS_BAR] = "false"  # no download bar on stderr for a 7 kB file
        try:
            local = mlflow.artifacts.download_artifacts(run_id=version.run_id, artifact_path=path, tracking_uri=uri)
        except (MlflowException, OSError):
            return None
        finally:
            if previous is None:
                os.environ.pop(_PROGRESS_BAR, None)
            else:
                os.environ[_PROGRESS_BAR] = previous
        return json.loads(Path(local).read_text("utf-8"))

    stored = artifact(REFERENCE_ARTIFACT)
    if stored is not None:
        segments = stored.get("segments", {})
        if segment not in segments:
            raise ReferenceUnavailableError(f"{REFERENCE_ARTIFACT} of {model_version} has no segment {segment!r} "
                                            f"(has: {', '.join(segments) or 'none'})")
        profile = profile_from_dict(segments[segment])
        what = "genuine reviews (true label normal)" if segment == "genuine" else "all rows"
        rows = next(iter(profile.values())).rows if profile else 0
        return Reference(profile, f"training reference of {model_version}: held-out {what}, {rows} rows "
                                  f"({REFERENCE_ARTIFACT})", f"training ({segment})", experiment)
    manifest = artifact("dataset_manifest.json")
    counts = ((manifest or {}).get("rows_by_split_kind_label") or {}).get("holdout")
    if not counts:
        raise ReferenceUnavailableError(f"run {version.run_id} of {model_version} has neither {REFERENCE_ARTIFACT} "
                                        "nor held-out label counts in dataset_manifest.json; pass --baseline")
    labels: Counter[str] = Counter()
    for by_label in counts.values():
        labels.update({str(k): int(v) for k, v in by_label.items()})
    total = sum(labels.values())
    note = (f"{model_version} was logged before reference profiles: only its held-out TRUE label counts "
            "(dataset_manifest.json) are compared, with every held-out row whatever --reference-segment says")
    return Reference({"label": Group("output", total, dict(labels))},
                     f"true labels of the held-out split of {model_version}, {total} rows (dataset_manifest.json)",
                     "training (true labels)", experiment, [note])


# --- reading windows ----------------------------------------------------------------------------
def _fmt(path: Path) -> str:
    from features.records_io import file_format

    if path.is_dir():
        return "parquet"  # the Spark engine writes a Parquet folder
    try:
        return file_format(path)
    except ValueError as exc:
        raise MonitorInputError(str(exc)) from None


def _bools(series: pd.Series, column: str, path: Path, rows: pd.Series) -> np.ndarray:
    """A true/false column as booleans; a value that is neither names its row (1-based, in the file)."""
    if series.dtype == bool:
        return series.to_numpy()
    mapping = {"true": True, "false": False, "1": True, "0": False, "1.0": True, "0.0": False, "yes": True, "no": False}
    values = series.map(lambda v: v if isinstance(v, bool | np.bool_) else mapping.get(str(v).strip().lower()))
    bad = values.isna()
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise MonitorInputError(f"{path}: column {column!r} must be true/false; row {rows.iloc[first]} has "
                                f"{series.iloc[first]!r}")
    return values.astype(bool).to_numpy()


def read_scored(path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The scored rows of a window (booleans and confidence parsed) and what was read.

    Rows without a label (the Spark engine's invalid rows, which carry ``error``) are left out and
    counted.  Raises :class:`MonitorInputError` naming the file and column.
    """
    if not path.exists():
        raise MonitorInputError(f"scored file not found: {path}")
    fmt = _fmt(path)
    wanted = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    try:
        if fmt == "parquet":
            import pyarrow.dataset as ds

            names = ds.dataset(path, format="parquet").schema.names
            frame = pd.read_parquet(path, columns=[c for c in wanted if c in names])
        elif path.stat().st_size == 0:
            frame = pd.DataFrame()
        elif fmt == "csv":
            header = pd.read_csv(path, nrows=0, encoding="utf-8").columns
            # Only the columns used: a non-lean file also holds large JSON columns.
            frame = pd.read_csv(path, dtype=object, keep_default_na=False, na_values=[""], encoding="utf-8",
                                usecols=[c for c in header if c in wanted] or [header[0]])
        else:
            frame = pd.read_json(path, lines=True, dtype=False)
    except MonitorInputError:
        raise
    except Exception as exc:  # pandas/pyarrow name the problem; the file is unusable
        raise MonitorInputError(f"{path}: cannot read as {fmt}: {exc}") from exc
    if frame.empty and not len(frame.columns):
        raise MonitorInputError(f"{path}: empty window (no rows, no header)")
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise MonitorInputError(f"{path}: missing column(s) {', '.join(missing)}; expected the output of "
                                "`reviewguard score reviews` (review_id, label, confidence, malicious, needs_review, ...)")
    frame = frame[[c for c in wanted if c in frame.columns]].assign(_row=np.arange(1, len(frame) + 1))
    unlabelled = frame["label"].isna() | (frame["label"].astype(str).str.strip() == "")
    frame = frame[~unlabelled].reset_index(drop=True)
    if frame.empty:
        raise MonitorInputError(f"{path}: empty window (no scored rows"
                                + (f"; {int(unlabelled.sum())} without a label)" if unlabelled.any() else ")"))
    frame["review_id"] = frame["review_id"].astype(str)
    frame["label"] = frame["label"].astype(str)
    for column in ("malicious", "needs_review"):
        frame[column] = _bools(frame[column], column, path, frame["_row"])
    confidence = pd.to_numeric(frame["confidence"], errors="coerce")
    bad = confidence.isna() | (confidence < 0) | (confidence > 1)
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise MonitorInputError(f"{path}: column 'confidence' must be a number in [0, 1]; row {frame['_row'].iloc[first]} has "
                                f"{frame['confidence'].iloc[first]!r}")
    frame["confidence"] = confidence.astype(float)
    versions = {}
    if "model_version" in frame.columns:
        versions = {str(k): int(v) for k, v in frame["model_version"].dropna().astype(str).value_counts().items()}
    return frame.drop(columns="_row"), {"path": str(path), "rows": len(frame), "rows_without_label": int(unlabelled.sum()),
                   "model_versions": versions}


def read_input(path: Path, review_ids: set[str], chunk_rows: int = 5000) -> tuple[Profile, dict[str, Any]]:
    """Input groups of the raw items in ``path`` whose review_id is in the window."""
    from features.records_io import ingest_rows

    if not path.exists():
        raise MonitorInputError(f"input file not found: {path}")
    fmt = _fmt(path)
    profile: Profile = {}
    rows_in = matched = invalid = 0
    try:
        for chunk in ingest_rows(path, "reviews", chunk_rows):
            rows_in += chunk.rows_in
            invalid += len(chunk.errors)
            items = [item for item in chunk.items if item.review_id in review_ids]
            matched += len(items)
            profile = merge(profile, input_profile(items))
    except MonitorInputError:
        raise
    except Exception as exc:
        raise MonitorInputError(f"{path}: cannot read as {fmt}: {exc}") from exc
    if not matched:
        raise MonitorInputError(f"{path}: none of its {rows_in} row(s) is a valid review whose review_id is in the "
                                f"scored window ({invalid} invalid)")
    return profile, {"path": str(path), "rows_in": rows_in, "matched": matched, "invalid": invalid}


def window_profile(scored: Path, raw: Path | None = None) -> tuple[Profile, dict[str, Any]]:
    """Profile of a scored file (plus its raw inputs) and what was read."""
    frame, meta = read_scored(scored)
    profile = output_profile(frame)
    if raw is not None:
        inputs, meta["input"] = read_input(raw, set(frame["review_id"]))
        profile = merge(profile, inputs)
    return profile, meta


# --- comparing ----------------------------------------------------------------------------------
def status_of(psi: float) -> str:
    return "drift" if psi >= PSI_DRIFT else "watch" if psi >= PSI_WATCH else "stable"


def _shares(group: Group, buckets: Sequence[str], multi: bool) -> np.ndarray:
    counts = np.asarray([group.counts.get(b, 0.0) for b in buckets], dtype=float)
    total = group.rows if multi else counts.sum()
    return counts / total if total else counts


def psi(reference: Group, window: Group) -> float:
    """Population stability index of two groups' bucket counts (smoothed, see module doc)."""
    return _psi_parts(reference, window, _bucket_order("", reference, window))[0]


def _psi_parts(reference: Group, window: Group, buckets: Sequence[str]) -> tuple[float, np.ndarray]:
    ref = np.asarray([reference.counts.get(b, 0.0) for b in buckets], dtype=float) + SMOOTHING
    win = np.asarray([window.counts.get(b, 0.0) for b in buckets], dtype=float) + SMOOTHING
    ref, win = ref / ref.sum(), win / win.sum()
    parts = (win - ref) * np.log(win / ref)
    return float(parts.sum()), parts


def _bucket_order(name: str, reference: Group, window: Group) -> list[str]:
    known = BUCKET_ORDER.get(name, ())
    seen = set(reference.counts) | set(window.counts)
    extra = sorted(seen - set(known), key=lambda b: (-(reference.counts.get(b, 0) + window.counts.get(b, 0)), b))
    return [b for b in known if b in seen or name in ("label", "malicious", "needs_review")] + extra


@dataclass
class GroupDrift:
    """One group compared: PSI, status, and every bucket's shares (reference, window)."""

    name: str
    side: str
    psi: float
    status: str
    reference_rows: int
    window_rows: int
    noise: float  # PSI expected from sampling alone, about (buckets - 1) * (1/n_window + 1/n_reference)
    buckets: list[dict[str, Any]]

    def moved(self, top: int = 3) -> str:
        """The buckets that moved most, e.g. ``meaningless 3.0% → 41.0%``."""
        ranked = sorted(self.buckets, key=lambda b: -abs(b["psi_part"]))
        shown = [b for b in ranked[:top] if abs(b["window"] - b["reference"]) >= 0.005]
        return ", ".join(f"{b['bucket']} {b['reference']:.1%} → {b['window']:.1%}" for b in shown) or "-"

    def as_dict(self) -> dict[str, Any]:
        return {"group": self.name, "side": self.side, "psi": round(self.psi, 4), "status": self.status,
                "reference_rows": self.reference_rows, "window_rows": self.window_rows,
                "noise": round(self.noise, 4), "moved": self.moved(), "buckets": self.buckets}


def compare_group(name: str, reference: Group, window: Group) -> GroupDrift:
    buckets = _bucket_order(name, reference, window)
    value, parts = _psi_parts(reference, window, buckets)
    multi = name in MULTI_GROUPS
    ref_shares, win_shares = _shares(reference, buckets, multi), _shares(window, buckets, multi)
    noise = max(len(buckets) - 1, 1) * (1 / max(window.rows, 1) + 1 / max(reference.rows, 1))
    rows = [{"bucket": b, "reference": round(float(r), 4), "window": round(float(w), 4),
             "psi_part": round(float(p), 4)} for b, r, w, p in zip(buckets, ref_shares, win_shares, parts, strict=True)]
    return GroupDrift(name, window.side, value, status_of(value), reference.rows, window.rows, noise, rows)


@dataclass
class Comparison:
    """The window against one reference."""

    name: str  # "baseline" or "training"
    reference: Reference
    groups: list[GroupDrift]
    not_compared: list[str]

    @property
    def status(self) -> str:
        return max((g.status for g in self.groups), key=STATUSES.index, default="stable")

    def summary(self) -> str:
        moved = sorted((g for g in self.groups if g.status != "stable"), key=lambda g: -g.psi)
        if not moved:
            top = max(self.groups, key=lambda g: g.psi, default=None)
            worst = f"; largest PSI {top.psi:.3f} ({top.name})" if top else ""
            return f"stable vs {self.reference.short}: no group moved{worst}"
        parts = [f"{g.name} PSI {g.psi:.2f} {g.status} ({g.moved()})" for g in moved]
        return f"{self.status} vs {self.reference.short}: " + "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "reference": self.reference.description, "status": self.status,
                "summary": self.summary(), "notes": self.reference.notes, "not_compared": self.not_compared,
                "groups": [g.as_dict() for g in self.groups]}


def compare(window: Profile, reference: Reference, name: str) -> Comparison:
    """Every group the window and the reference both have, in a fixed order."""
    order = [g for g in (*OUTPUT_GROUPS, *INPUT_GROUPS) if g in window or g in reference.profile]
    order += sorted((set(window) | set(reference.profile)) - set(order))
    groups, skipped = [], []
    for group in order:
        if group in window and group in reference.profile:
            groups.append(compare_group(group, reference.profile[group], window[group]))
        else:
            skipped.append(f"{group} (only in the {'window' if group in window else 'reference'})")
    return Comparison(name, reference, groups, skipped)


def _rate(profile: Profile, group: str) -> float | None:
    found = profile.get(group)
    return found.counts.get("yes", 0.0) / found.rows if found and found.rows else None


# --- the report -----------------------------------------------------------------------------------
@dataclass
class MonitorReport:
    window: dict[str, Any]
    comparisons: list[Comparison]
    profiles: dict[str, Profile]  # "window" and each comparison's name: what was compared
    notes: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    mlflow_run_id: str | None = None

    @property
    def verdict(self) -> str:
        return max((c.status for c in self.comparisons), key=STATUSES.index, default="stable")

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def rates(self) -> dict[str, dict[str, float | None]]:
        return {side: {"malicious": _rate(profile, "malicious"), "needs_review": _rate(profile, "needs_review")}
                for side, profile in self.profiles.items()}

    def summary(self) -> str:
        return " | ".join(c.summary() for c in self.comparisons)

    def as_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "exit_code": self.exit_code, "summary": self.summary(),
                "thresholds": {"watch": PSI_WATCH, "drift": PSI_DRIFT}, "window": self.window,
                "rates": self.rates(), "notes": self.notes,
                "comparisons": [c.as_dict() for c in self.comparisons], "files": self.files,
                "mlflow_run_id": self.mlflow_run_id}

    def metrics(self) -> dict[str, float]:
        """Flat metrics for MLflow: PSI per comparison and group, rates, the verdict as 0/1/2."""
        metrics: dict[str, float] = {"verdict_level": float(STATUSES.index(self.verdict)),
                                     "window_rows": float(self.window["rows"])}
        for comparison in self.comparisons:
            metrics[f"{comparison.name}_verdict_level"] = float(STATUSES.index(comparison.status))
            for group in comparison.groups:
                metrics[f"psi_{comparison.name}_{group.name}"] = group.psi
        for side, rates in self.rates().items():
            for key, value in rates.items():
                if value is not None:
                    metrics[f"{side}_{key}_rate"] = value
        return metrics

    def markdown(self) -> str:
        lines = [f"# Drift monitor: `{Path(self.window['path']).name}`", "",
                 f"**Verdict: {self.verdict}** (exit code {self.exit_code}; PSI thresholds {PSI_WATCH} watch, "
                 f"{PSI_DRIFT} drift). Window: {self.window['rows']} scored rows"
                 + (f", {self.window['input']['matched']} with their inputs" if "input" in self.window else "")
                 + (f"; model {', '.join(self.window['model_versions'])}" if self.window.get("model_versions") else "")
                 + ".", ""]
        rates = self.rates()
        for comparison in self.comparisons:
            lines += [f"## vs {comparison.name}: {comparison.status}", "",
                      f"Reference: {comparison.reference.description}.", "", comparison.summary(), ""]
            ref_rates, win_rates = rates.get(comparison.name, {}), rates.get("window", {})
            for key in ("malicious", "needs_review"):
                r, w = ref_rates.get(key), win_rates.get(key)
                if r is not None and w is not None:
                    lines.append(f"- {key} rate: {r:.1%} → {w:.1%} ({(w - r) * 100:+.1f} points)")
            lines += ["", "| group | side | PSI | status | biggest moves (reference → window) |",
                      "|---|---|---:|---|---|"]
            for group in comparison.groups:
                lines.append(f"| {group.name} | {group.side} | {group.psi:.3f} | {group.status} | {group.moved()} |")
            for note in [*comparison.reference.notes,
                         *([f"not compared: {', '.join(comparison.not_compared)}"] if comparison.not_compared else [])]:
                lines.append(f"\n_{note}_")
            lines.append("")
        lines += [f"- {note}" for note in self.notes]
        if self.files:
            lines += ["", "Files: " + ", ".join(f"`{Path(p).name}`" for p in self.files.values())]
        return "\n".join(lines).rstrip() + "\n"


def plot_comparison(comparison: Comparison, path: Path, *, max_buckets: int = 10) -> Path:
    """Bars of reference vs window shares per bucket, one panel per group (matplotlib Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    groups = comparison.groups
    columns = 4
    rows = max(1, math.ceil(len(groups) / columns))
    figure, axes = plt.subplots(rows, columns, figsize=(4.0 * columns, 2.9 * rows), squeeze=False)
    colours = {"stable": "#2e7d32", "watch": "#ef6c00", "drift": "#c62828"}
    for axis, group in zip(axes.flat, groups, strict=False):
        buckets = group.buckets
        if len(buckets) > max_buckets:
            buckets = sorted(buckets, key=lambda b: -max(b["reference"], b["window"]))[:max_buckets]
        x = np.arange(len(buckets))
        axis.bar(x - 0.2, [b["reference"] for b in buckets], 0.4, label=comparison.reference.short, color="#90a4ae")
        axis.bar(x + 0.2, [b["window"] for b in buckets], 0.4, label="window", color=colours[group.status])
        names = [str(b["bucket"]).removeprefix("report_reason_")[:18] for b in buckets]
        axis.set_xticks(x, names, rotation=40, ha="right", fontsize=7)
        axis.tick_params(axis="y", labelsize=7)
        axis.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        axis.set_title(f"{group.name}: PSI {group.psi:.2f} ({group.status})", fontsize=9, color=colours[group.status])
    for axis in list(axes.flat)[len(groups):]:
        axis.set_visible(False)
    if groups:
        axes.flat[0].legend(fontsize=7)
    figure.suptitle(f"{comparison.status}: window vs {comparison.reference.short}", fontsize=11)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=72)
    plt.close(figure)
    return path


def monitor(scored: Path, *, raw: Path | None = None, baseline: Path | None = None, baseline_raw: Path | None = None,
            training: bool | None = None, segment: str = "genuine", settings: Settings | None = None) -> MonitorReport:
    """Compare the window with the baseline window and/or the training reference.

    ``training`` None compares with training only when there is no baseline.
    """
    if baseline_raw is not None and baseline is None:
        raise MonitorInputError("--baseline-input needs --baseline")
    if segment not in SEGMENTS:
        raise MonitorInputError(f"unknown reference segment {segment!r} (use {' or '.join(SEGMENTS)})")
    window, meta = window_profile(scored, raw)
    profiles: dict[str, Profile] = {"window": window}
    comparisons, notes = [], []
    if baseline is not None:
        reference, base_meta = window_profile(baseline, baseline_raw)
        description = f"previous window {baseline.name}, {base_meta['rows']} rows"
        if "input" in base_meta:
            description += f" ({base_meta['input']['matched']} with inputs)"
        comparisons.append(compare(window, Reference(reference, description, "baseline"), "baseline"))
        profiles["baseline"] = reference
        meta["baseline"] = base_meta
    if training or (training is None and baseline is None):
        versions = meta["model_versions"]
        if not versions:
            raise MonitorInputError(f"{scored}: column 'model_version' is missing or empty: it names the model "
                                    "whose training reference the window is compared with (or pass --baseline)")
        version = max(versions, key=lambda v: versions[v])
        if len(versions) > 1:
            notes.append(f"the window mixes model versions {versions}; compared with the training reference of "
                         f"the most common, {version}")
        reference = training_reference(version, settings or Settings(), segment)
        comparisons.append(compare(window, reference, "training"))
        profiles["training"] = reference.profile
        meta["training_experiment_id"] = reference.experiment_id
    if raw is None:
        notes.append("input groups not compared: pass --input (the raw items that were scored) to compare text "
                     "length, chat/order/buyer facts, character classes and text signals")
    if meta["rows"] < FEW_ROWS:
        notes.append(f"only {meta['rows']} rows in the window: sampling alone moves PSI by about (buckets - 1) / rows "
                     "(each group's 'noise' in report.json)")
    return MonitorReport(meta, comparisons, profiles, notes)


def write_report(report: MonitorReport, out: Path) -> MonitorReport:
    """report.json, report.md and one PNG per comparison into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for comparison in report.comparisons:
        report.files[f"plot_{comparison.name}"] = str(plot_comparison(comparison, out / f"monitor_{comparison.name}.png"))
    report.files["markdown"] = str(out / "report.md")
    report.files["json"] = str(out / "report.json")
    (out / "report.md").write_text(report.markdown(), "utf-8")
    (out / "report.json").write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), "utf-8")
    return report


def log_to_mlflow(report: MonitorReport, settings: Settings) -> str:
    """The report as an MLflow run in the experiment of the window's model (else ``reviewguard-monitor``)."""
    import mlflow

    from training.train import code_version, configure_tracking, ensure_experiment

    versions = report.window.get("model_versions") or {}
    version = max(versions, key=lambda v: versions[v]) if versions else None
    experiment = report.window.get("training_experiment_id") or (model_experiment(version, settings) if version else None)
    configure_tracking(settings)
    experiment = experiment or ensure_experiment(MONITOR_EXPERIMENT, settings)
    with mlflow.start_run(run_name=f"monitor-{Path(report.window['path']).name}", experiment_id=experiment) as run:
        mlflow.set_tags({"report": "monitor", "verdict": report.verdict, "window": report.window["path"],
                         "model_version": version or "unknown", "code_version": code_version(),
                         **({"baseline": report.window["baseline"]["path"]} if "baseline" in report.window else {})})
        mlflow.log_metrics({key.replace("/", "_"): value for key, value in report.metrics().items()})
        for path in report.files.values():
            mlflow.log_artifact(path, artifact_path="monitor")
        report.mlflow_run_id = run.info.run_id
    return run.info.run_id


def run(args: argparse.Namespace, settings: Settings) -> int:
    """``reviewguard monitor``: exit code by verdict (:data:`EXIT_CODES`)."""
    scored = Path(args.scored)
    out = Path(args.out) if args.out else scored.with_name(scored.name + ".monitor")
    try:
        report = monitor(scored, raw=Path(args.input) if args.input else None,
                         baseline=Path(args.baseline) if args.baseline else None,
                         baseline_raw=Path(args.baseline_input) if args.baseline_input else None,
                         training=True if args.training else None, segment=args.reference_segment, settings=settings)
    except MonitorInputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_CODES["usage"]
    except ReferenceUnavailableError as exc:
        sys.stderr.write(f"error: no training reference: {exc}\n")
        return EXIT_CODES["mlflow_unavailable"]
    write_report(report, out)
    if args.mlflow:
        from mlflow.exceptions import MlflowException

        try:
            run_id = log_to_mlflow(report, settings)
        except (MlflowException, OSError) as exc:
            sys.stderr.write(f"error: could not log the report to MLflow at {settings.resolved_tracking_uri()}: {exc}\n"
                             f"(report written to {out})\n")
            return EXIT_CODES["mlflow_unavailable"]
        (out / "report.json").write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), "utf-8")
        sys.stdout.write(f"logged to MLflow run {run_id} ({settings.resolved_tracking_uri()})\n")
    sys.stdout.write(report.markdown())
    sys.stdout.write(f"\nreport: {out / 'report.md'}, {out / 'report.json'}; plots: "
                     + ", ".join(p for k, p in report.files.items() if k.startswith("plot_")) + "\n")
    sys.stdout.write(f"verdict: {report.verdict} (exit {report.exit_code})\n")
    return report.exit_code


__all__ = ["EXIT_CODES", "MonitorInputError", "MonitorReport", "ReferenceUnavailableError", "compare", "input_profile",
           "log_to_mlflow", "monitor", "output_profile", "psi", "reference_profile", "run", "write_report"]
