"""``reviewguard retrain``: a scheduled, idempotent retrain behind a promotion gate.

One run:

1. gathers the bootstrap data, merchant labels (a file or a folder that accumulates them) and
   appeal outcomes (:mod:`training.outcomes`);
2. loads the **frozen evaluation set** of each model — built once, at the first retrain, from
   the bootstrap held-out split (fixed simulator scenarios and real-text groups), stored as a
   Parquet artifact of an MLflow run tagged ``reviewguard.frozen_eval_set`` and logged as an
   MLflow dataset — and drops from training every row whose content appears in it;
3. skips a model whose training inputs (rows, config, model source code, outcomes) are identical to
   an already registered version: rerunning with nothing new registers nothing;
4. otherwise trains a challenger with lineage tags (parent champion version, data manifest hash,
   training fingerprint, code version, evaluation-set digest), scores challenger and champion on
   the same frozen rows, and moves alias ``champion`` only if :mod:`training.gate` passes; a
   failed challenger stays registered, tagged ``rejected`` with the reason;
5. writes a short markdown summary (file, stdout, MLflow artifact).

Exit codes (:data:`EXIT_CODES`): 0 a challenger was promoted, 10 challenger(s) rejected and the
champion kept, 11 nothing new to train, 1 failure, 2 usage error, 3 another retrain is running.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient

from features import REVIEW_LABELS
from features.schema import ORDER_FRAME_COLUMNS, REVIEW_FRAME_COLUMNS
from features.settings import Settings
from training.config import TrainConfig
from training.dataset import BuiltDataset, build_order_dataset, build_review_dataset
from training.evaluate import evaluate_order_model, evaluate_review_model
from training.gate import GateResult, gate_order, gate_review
from training.labels import LabelledData, load_labels
from training.outcomes import (
    OutcomeData,
    data_files,
    fit_success_model,
    load_outcomes,
    outcome_confidences,
    training_rows,
)
from training.train import (
    code_version,
    configure_tracking,
    ensure_experiment,
    train_order_model,
    train_review_model,
)

log = logging.getLogger(__name__)

EXIT_PROMOTED, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_KEPT, EXIT_UP_TO_DATE = 0, 1, 2, 3, 10, 11
EXIT_CODES = {
    EXIT_PROMOTED: "promoted: at least one challenger passed the gate and is now champion",
    EXIT_FAILED: "failed: an error stopped the run (nothing was promoted)",
    EXIT_USAGE: "usage: bad arguments, config or input files",
    EXIT_LOCKED: "locked: another retrain is running on this store",
    EXIT_KEPT: "kept: challenger(s) failed the gate; champion unchanged, versions tagged rejected",
    EXIT_UP_TO_DATE: "up to date: nothing new since an already registered version; nothing trained",
}
EVAL_SET_TAG = "reviewguard.frozen_eval_set"
FINGERPRINT_TAG = "reviewguard.train_fingerprint"
MODEL_KINDS = ("review", "order")


@dataclass
class ModelDecision:
    """What the retrain decided for one model."""

    kind: str
    name: str
    status: str  # promoted | rejected | up_to_date
    reason: str
    champion_version: int | None = None
    challenger_version: int | None = None
    challenger_run_id: str | None = None
    challenger_metrics: dict[str, float] = field(default_factory=dict)
    champion_metrics: dict[str, float] = field(default_factory=dict)
    gate: GateResult | None = None
    data_changes: list[str] = field(default_factory=list)


@dataclass
class RetrainResult:
    """Decisions of one run, its summary and the process exit code."""

    decisions: list[ModelDecision]
    summary: str
    summary_path: Path | None
    exit_code: int


class RetrainLockedError(RuntimeError):
    """Another retrain holds the lock of this store."""


# --- inputs -----------------------------------------------------------------------------------
def load_labels_from(path: Path) -> LabelledData:
    """Merchant labels from one file or every data file of a folder (merged, errors kept)."""
    files = data_files(path)
    merged = LabelledData(path)
    for file in files:
        part = load_labels(file)
        merged.reviews += part.reviews
        merged.orders += part.orders
        merged.errors += [f"{file.name}: {e}" for e in part.errors]
        merged.error_rows += part.error_rows  # numbered within their file, named in ``errors``
    return merged


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def model_code_digest() -> str:
    """Hash of the source that shapes a model (features/ and training/ code and dictionaries).

    Part of the training fingerprint instead of the git commit: a commit that touches only the
    README or serving/ does not make the next nightly run retrain, an uncommitted change to the
    features does.  Config values are hashed separately (a gate-only change retrains nothing).
    """
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in ("features", "training"):
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".txt") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _frame_digest(frame: pd.DataFrame) -> str:
    hashed = pd.util.hash_pandas_object(frame.drop(columns=["positive"], errors="ignore").astype(str), index=False)
    return hashlib.sha256(hashed.to_numpy().tobytes()).hexdigest()


def _content_key(frame: pd.DataFrame, kind: str) -> pd.Series:
    # What makes two rows "the same case": the review text, or an order's facts and chat.
    if kind == "review":
        return frame["text"].astype(str)
    return frame["order"].astype(str) + "\x1f" + frame["chat"].astype(str)


# --- the frozen evaluation set ----------------------------------------------------------------
def _read_eval_frame(path: Path) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    if "positive" in frame:
        # Parquet gives a nullable boolean back; the evaluation compares with True/False.
        frame["positive"] = [None if pd.isna(v) else bool(v) for v in frame["positive"]]
    return frame


def frozen_eval_set(kind: str, dataset: BuiltDataset, experiment_id: str) -> tuple[pd.DataFrame, str, bool]:
    """The frozen evaluation rows of ``kind`` (created from ``dataset`` on first use).

    Returns (frame, MLflow dataset digest, created).  Only bootstrap rows (generated and real)
    of the held-out split are frozen, so a bad labels file can never become the yardstick.
    """
    client = MlflowClient()
    runs = client.search_runs([experiment_id], filter_string=f"tags.`{EVAL_SET_TAG}` = '{kind}'",
                              order_by=["attributes.start_time ASC"], max_results=1)
    columns = list(REVIEW_FRAME_COLUMNS if kind == "review" else ORDER_FRAME_COLUMNS)
    with tempfile.TemporaryDirectory() as scratch:
        if runs:
            local = client.download_artifacts(runs[0].info.run_id, f"eval_set/{kind}_eval.parquet", scratch)
            frame = _read_eval_frame(Path(local))
            created = False
        else:
            holdout = dataset.split("holdout")
            frame = holdout[holdout["kind"].isin(["generated", "real"])].reset_index(drop=True)
            path = Path(scratch) / f"{kind}_eval.parquet"
            frame.to_parquet(path, index=False)
            frame = _read_eval_frame(path)
            with mlflow.start_run(experiment_id=experiment_id, run_name=f"frozen-eval-{kind}"):
                mlflow.set_tags({EVAL_SET_TAG: kind, "reviewguard.eval_rows": str(len(frame))})
                mlflow.log_artifact(str(path), "eval_set")
                mlflow.log_input(_mlflow_dataset(frame, kind, columns), context="evaluation")
            created = True
    return frame, _mlflow_dataset(frame, kind, columns).digest, created


def _mlflow_dataset(frame: pd.DataFrame, kind: str, columns: list[str]) -> Any:
    logged = frame[[*columns, "label"]]
    if "rating" in logged:
        logged = logged.astype({"rating": "float64"})
    return mlflow.data.from_pandas(logged, name=f"{kind}-frozen-eval", targets="label")


def _without_eval_rows(dataset: BuiltDataset, eval_frame: pd.DataFrame, kind: str) -> tuple[BuiltDataset, int]:
    """Drop every training/calibration row whose content is in the frozen evaluation set."""
    frame = dataset.frame
    leaking = (frame["split"] != "holdout") & _content_key(frame, kind).isin(set(_content_key(eval_frame, kind)))
    return BuiltDataset(frame[~leaking].reset_index(drop=True), dataset.manifest), int(leaking.sum())


# --- the registry -----------------------------------------------------------------------------
def _champion(client: MlflowClient, name: str, alias: str) -> Any | None:
    try:
        return client.get_model_version_by_alias(name, alias)
    except MlflowException:
        return None


def _versions(client: MlflowClient, name: str) -> list[Any]:
    try:
        return list(client.search_model_versions(f"name='{name}'"))
    except MlflowException:
        return []


def _load_version(name: str, version: int | str) -> tuple[Any, dict[str, Any]]:
    from mlflow.models import Model

    local = mlflow.artifacts.download_artifacts(artifact_uri=f"models:/{name}/{version}")
    return mlflow.sklearn.load_model(local), (Model.load(local).metadata or {})


def _parent_manifest(client: MlflowClient, run_id: str | None) -> dict[str, Any]:
    if not run_id:
        return {}
    try:
        return mlflow.artifacts.load_dict(f"runs:/{run_id}/dataset_manifest.json")
    except Exception:  # an old or foreign run without a manifest: the summary just says less
        return {}


def _data_changes(old: dict[str, Any], new: dict[str, Any], champion: Any | None, new_code: str) -> list[str]:
    changes = []
    before, after = old.get("rows_by_source", {}), new.get("rows_by_source", {})
    for source in sorted(set(before) | set(after)):
        if before.get(source, 0) != after.get(source, 0):
            changes.append(f"rows from {source}: {before.get(source, 0)} -> {after.get(source, 0)}")
    if champion is not None and champion.tags.get("code_version") not in (None, new_code):
        changes.append(f"code: {champion.tags.get('code_version')} -> {new_code}")
    if champion is not None and champion.tags.get("training_config") != new.get("config_name"):
        changes.append(f"training config: {champion.tags.get('training_config')} -> {new.get('config_name')}")
    return changes or ["no change in rows per source (different rows or settings)"]


@contextmanager
def _lock(settings: Settings) -> Iterator[None]:
    # Two overlapping cron runs would race to move the alias; the second one waits for nothing.
    settings.home.mkdir(parents=True, exist_ok=True)
    with (settings.home / "retrain.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RetrainLockedError(f"another retrain is running ({settings.home / 'retrain.lock'})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- the job ----------------------------------------------------------------------------------
def retrain(config: TrainConfig, settings: Settings, *, labels_path: Path | None = None,
            outcomes_path: Path | None = None, models: tuple[str, ...] = MODEL_KINDS,
            summary_path: Path | None = None) -> RetrainResult:
    """Run the retrain job once (see the module docstring); never raises for a gate failure."""
    with _lock(settings):
        return _retrain(config, settings, labels_path=labels_path, outcomes_path=outcomes_path, models=models,
                        summary_path=summary_path)


def _retrain(config: TrainConfig, settings: Settings, *, labels_path: Path | None, outcomes_path: Path | None,
             models: tuple[str, ...], summary_path: Path | None) -> RetrainResult:
    configure_tracking(settings)
    client = MlflowClient()
    experiment_id = ensure_experiment(config.experiment, settings)
    started = datetime.now(UTC)
    retrain_id = started.strftime("%Y%m%dT%H%M%SZ")
    labels = load_labels_from(labels_path) if labels_path else None
    outcomes = load_outcomes(outcomes_path) if outcomes_path else None
    code = code_version()
    inputs = {"labels": labels, "outcomes": outcomes}
    decisions = []
    for kind in models:
        if kind not in MODEL_KINDS:
            raise ValueError(f"unknown model {kind!r} (review or order)")
        decisions.append(_retrain_one(kind, config, settings, client, experiment_id, inputs, code, retrain_id))
    exit_code = (EXIT_PROMOTED if any(d.status == "promoted" for d in decisions)
                 else EXIT_KEPT if any(d.status == "rejected" for d in decisions) else EXIT_UP_TO_DATE)
    summary = format_summary(decisions, started=started, config=config, labels=labels, outcomes=outcomes,
                             exit_code=exit_code)
    if summary_path is None:
        summary_path = settings.home / "retrain" / f"summary-{retrain_id}.md"
    summary_path.parent.mkdir(parents=True, exist_ok=True)
    summary_path.write_text(summary, encoding="utf-8")
    with mlflow.start_run(experiment_id=experiment_id, run_name=f"retrain-{retrain_id}"):
        mlflow.set_tags({"reviewguard.retrain": retrain_id, "reviewguard.exit_code": str(exit_code),
                         **{f"reviewguard.decision.{d.kind}": d.status for d in decisions}})
        mlflow.log_text(summary, "retrain_summary.md")
    for decision in decisions:
        if decision.challenger_run_id:
            client.log_text(decision.challenger_run_id, summary, "retrain_summary.md")
    return RetrainResult(decisions, summary, summary_path, exit_code)


def _retrain_one(kind: str, config: TrainConfig, settings: Settings, client: MlflowClient, experiment_id: str,
                 inputs: dict[str, Any], code: str, retrain_id: str) -> ModelDecision:
    labels: LabelledData | None = inputs["labels"]
    outcomes: OutcomeData | None = inputs["outcomes"]
    name = settings.review_model_name if kind == "review" else settings.order_model_name
    if kind == "review":
        rows = training_rows(outcomes, labelled_weight=config.dataset.labelled_weight,
                             rejected_weight=config.dataset.rejected_outcome_weight) if outcomes else None
        dataset = build_review_dataset(config.dataset, settings.data_dir, labels, rows)
    else:
        dataset = build_order_dataset(config.dataset, labels)
    eval_frame, eval_digest, created = frozen_eval_set(kind, dataset, experiment_id)
    dataset, dropped = _without_eval_rows(dataset, eval_frame, kind)
    dataset.manifest.update({"config_name": config.name, "frozen_eval_set": {
        "digest": eval_digest, "rows": len(eval_frame), "created_this_run": created},
        "rows_dropped_as_in_eval_set": dropped})
    if outcomes is not None and kind == "review":
        dataset.manifest["appeal_outcomes"] = {
            "files": outcomes.files, "outcomes": len(outcomes.outcomes),
            "accepted": sum(o.accepted for o in outcomes.outcomes),
            "rejected_evidence": sum(o.evidence_rejection for o in outcomes.outcomes),
            "rows_used": len(rows or []), "errors": len(outcomes.errors), "first_errors": outcomes.errors[:20]}
    fitted_rows = dataset.frame[dataset.frame["split"].isin(["train", "calibration"])]
    model_config = config.review_model if kind == "review" else config.order_model
    outcome_key = [(o.item.review_id, o.label, o.accepted, o.rejection_reason, o.confidence)
                   for o in (outcomes.outcomes if outcomes and kind == "review" else [])]
    fingerprint = _digest(_frame_digest(fitted_rows), eval_digest, asdict(model_config), asdict(config.dataset),
                          config.threshold_precision, config.threshold_floors, config.appeal_outcomes_min,
                          outcome_key, model_code_digest(), kind)

    champion = _champion(client, name, settings.model_alias)
    champion_version = int(champion.version) if champion else None
    same = [v for v in _versions(client, name) if v.tags.get(FINGERPRINT_TAG) == fingerprint]
    if same:
        version = same[0]
        state = ("the champion" if champion_version == int(version.version)
                 else "rejected" if version.tags.get("rejected") == "true" else "registered, not champion")
        return ModelDecision(kind, name, "up_to_date",
                             f"inputs identical to version {version.version} ({state}); nothing trained",
                             champion_version=champion_version)

    champion_metrics: dict[str, float] = {}
    champion_pipeline = None
    if champion is not None:
        champion_pipeline, champion_metadata = _load_version(name, champion.version)
        if kind == "review":
            thresholds = {k: float(v) for k, v in (champion_metadata.get("thresholds") or {}).items()}
            champion_metrics = evaluate_review_model(champion_pipeline, eval_frame, thresholds)[0]
        else:
            champion_metrics = evaluate_order_model(champion_pipeline, eval_frame)[0]

    tags = {
        "reviewguard.retrain": retrain_id,
        "reviewguard.parent_champion_version": str(champion_version) if champion_version else "none",
        "reviewguard.data_manifest_sha256": dataset.manifest["sha256"],
        "reviewguard.eval_set_digest": eval_digest,
        FINGERPRINT_TAG: fingerprint,
        "code_version": code,
    }
    if kind == "review":
        def success_metadata(pipeline: Any) -> dict[str, Any]:
            # Confidences the file recorded, else the parent champion's (it never trained on these
            # outcomes' new labels), else the challenger's own.
            confidences = outcome_confidences(
                outcomes, pipeline if champion_pipeline is None else champion_pipeline) if outcomes else None
            return {"appeal_success": fit_success_model(outcomes, confidences, min_outcomes=config.appeal_outcomes_min,
                                                        seed=config.dataset.seed)}

        trained = train_review_model(config, settings, promote=False, dataset=dataset, holdout=eval_frame, tags=tags,
                                     extra_metadata=success_metadata)
        gate = gate_review(trained.metrics, champion_metrics, config.gate) if champion else None
    else:
        trained = train_order_model(config, settings, promote=False, dataset=dataset, holdout=eval_frame, tags=tags)
        gate = gate_order(trained.metrics, champion_metrics, config.gate) if champion else None

    decision = ModelDecision(kind, name, "promoted", "", champion_version=champion_version,
                             challenger_version=trained.version, challenger_run_id=trained.run_id,
                             challenger_metrics=trained.metrics, champion_metrics=champion_metrics, gate=gate,
                             data_changes=_data_changes(_parent_manifest(client, champion.run_id if champion else None),
                                                        dataset.manifest, champion, code))
    version = str(trained.version)
    if gate is None or gate.passed:
        decision.reason = "no champion yet" if gate is None else "gate passed"
        client.set_registered_model_alias(name, settings.model_alias, version)
        client.set_model_version_tag(name, version, "reviewguard.gate", "passed" if gate else "no champion")
        client.set_model_version_tag(name, version, "reviewguard.promoted_at", datetime.now(UTC).isoformat())
    else:
        decision.status, decision.reason = "rejected", gate.reason
        client.set_model_version_tag(name, version, "rejected", "true")
        client.set_model_version_tag(name, version, "rejected_reason", gate.reason[:4000])
        client.set_model_version_tag(name, version, "reviewguard.gate", "failed")
    client.set_tag(trained.run_id, "reviewguard.gate_decision", decision.status)
    if gate is not None:
        client.log_text(trained.run_id, "\n".join(gate.checks), "gate_checks.txt")
        client.log_batch(trained.run_id, metrics=[
            mlflow.entities.Metric(f"champion_{k}", float(v), 0, 0) for k, v in champion_metrics.items() if v == v])
    return decision


# --- rollback ---------------------------------------------------------------------------------
def promote_version(settings: Settings, kind: str, version: int, *, note: str = "manual promote") -> tuple[int | None, int]:
    """Move alias ``champion`` of the ``kind`` model to ``version`` (rollback), recorded in MLflow.

    Tags the new champion (``reviewguard.promoted_by``/``promoted_at``/``promoted_from``) and the
    version it replaced (``reviewguard.replaced_by``), and logs a ``promote-...`` run in the
    version's experiment.  Raises ValueError when the version does not exist.
    """
    configure_tracking(settings)
    client = MlflowClient()
    name = settings.review_model_name if kind == "review" else settings.order_model_name
    try:
        target = client.get_model_version(name, str(version))
    except MlflowException as exc:
        raise ValueError(f"{name} has no version {version}") from exc
    previous = _champion(client, name, settings.model_alias)
    previous_version = int(previous.version) if previous else None
    now = datetime.now(UTC).isoformat()
    client.set_registered_model_alias(name, settings.model_alias, str(version))
    client.set_model_version_tag(name, str(version), "reviewguard.promoted_by", note)
    client.set_model_version_tag(name, str(version), "reviewguard.promoted_at", now)
    client.set_model_version_tag(name, str(version), "reviewguard.promoted_from", str(previous_version))
    if previous_version is not None and previous_version != version:
        client.set_model_version_tag(name, str(previous_version), "reviewguard.replaced_by", f"{version} ({note}, {now})")
    experiment_id = client.get_run(target.run_id).info.experiment_id if target.run_id else None
    with mlflow.start_run(experiment_id=experiment_id, run_name=f"promote-{kind}-v{version}"):
        mlflow.set_tags({"reviewguard.promote": name, "reviewguard.note": note})
        mlflow.log_params({"model": name, "from_version": previous_version, "to_version": version})
    return previous_version, version


# --- the summary ------------------------------------------------------------------------------
def _fmt(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:.3f}"


def _delta(new: float | None, old: float | None) -> str:
    if new is None or old is None or new != new or old != old:
        return "—"
    return f"{new - old:+.3f}"


def format_summary(decisions: list[ModelDecision], *, started: datetime, config: TrainConfig,
                   labels: LabelledData | None, outcomes: OutcomeData | None, exit_code: int) -> str:
    """The human summary of one retrain run (markdown)."""
    lines = [f"# reviewguard retrain {started.strftime('%Y-%m-%d %H:%M UTC')}", "",
             f"Config `{config.name}`; decision: **{EXIT_CODES[exit_code].split(':')[0]}** (exit code {exit_code}).", ""]
    if labels is not None:
        lines.append(f"- merchant labels: {len(labels.reviews)} reviews, {len(labels.orders)} orders, "
                     f"{len(labels.errors)} unusable rows ({labels.path})")
    if outcomes is not None:
        accepted = sum(o.accepted for o in outcomes.outcomes)
        lines.append(f"- appeal outcomes: {len(outcomes.outcomes)} ({accepted} accepted, "
                     f"{len(outcomes.outcomes) - accepted} rejected), {len(outcomes.errors)} unusable rows")
    for d in decisions:
        lines += ["", f"## {d.kind} model `{d.name}`: {d.status}", ""]
        if d.status == "up_to_date":
            lines.append(f"{d.reason}. Champion stays version {d.champion_version}.")
            continue
        who = f"challenger v{d.challenger_version} vs champion " + (f"v{d.champion_version}" if d.champion_version else "(none)")
        lines.append(f"{who}: {d.reason}.")
        lines += ["", "What changed: " + "; ".join(d.data_changes) + "."]
        new, old = d.challenger_metrics, d.champion_metrics
        if d.kind == "review":
            rows = [("macro-F1 (held-out scenarios)", "heldout_scenarios_macro_f1"),
                    ("genuine reviews flagged malicious", "heldout_normal_flagged_rate"),
                    ("precision of asserted labels", "heldout_scenarios_asserted_precision")]
        else:
            rows = [("ROC-AUC (held-out scenarios)", "heldout_roc_auc"),
                    ("benign orders not shipped", "heldout_benign_not_shipped_rate"),
                    ("malicious orders shipped", "heldout_malicious_shipped_rate")]
        lines += ["", "| metric (frozen evaluation set) | champion | challenger | delta |", "|---|---|---|---|"]
        for title, key in rows:
            lines.append(f"| {title} | {_fmt(old.get(key))} | {_fmt(new.get(key))} | {_delta(new.get(key), old.get(key))} |")
        if d.kind == "review":
            for label in REVIEW_LABELS:
                key = f"heldout_{label}_recall"
                if key in new or key in old:
                    lines.append(f"| recall {label} | {_fmt(old.get(key))} | {_fmt(new.get(key))} | "
                                 f"{_delta(new.get(key), old.get(key))} |")
        if d.gate is not None:
            lines += ["", "Gate:"] + [f"- {check}" for check in d.gate.checks]
    return "\n".join(lines) + "\n"
