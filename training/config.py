"""Training configuration: YAML files in ``training/configs`` or any path."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from features import MALICIOUS_LABELS
from features.decision import DEFAULT_THRESHOLD
from training.dataset import DatasetConfig
from training.gate import GateConfig


@dataclass
class ModelConfig:
    """TF-IDF sizes and LightGBM hyper-parameters of one model."""

    word_max_features: int = 20000
    char_max_features: int = 20000
    chat_max_features: int = 10000
    min_df: int = 2
    n_estimators: int = 300
    learning_rate: float = 0.08
    num_leaves: int = 31
    min_child_samples: int = 10
    colsample_bytree: float = 0.5
    max_bin: int = 255
    reg_lambda: float = 1.0


@dataclass
class TrainConfig:
    """Everything one training run needs besides the data location."""

    name: str = "default"
    experiment: str = "reviewguard"
    dataset: DatasetConfig = field(default_factory=DatasetConfig)
    review_model: ModelConfig = field(default_factory=ModelConfig)
    order_model: ModelConfig = field(default_factory=ModelConfig)
    # Per-label thresholds are chosen on the calibration split for this precision; the floors
    # are the lowest a chosen threshold may be.
    threshold_precision: float = 0.95
    # Precision target of ``meaningless`` resting only on "no reference to the purchase".
    unrelated_only_precision: float = 0.99
    threshold_floors: dict[str, float] = field(default_factory=lambda: dict.fromkeys(MALICIOUS_LABELS, DEFAULT_THRESHOLD))
    # Promotion gate of `reviewguard retrain` (training/gate.py).
    gate: GateConfig = field(default_factory=GateConfig)
    # Appeal outcomes needed before results show a success probability (training/outcomes.py).
    appeal_outcomes_min: int = 50


def _build(cls: type, values: dict[str, Any] | None, section: str) -> Any:
    values = values or {}
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown key(s) in config section {section!r}: {', '.join(unknown)}")
    return cls(**values)


def load_config(name_or_path: str | Path = "default") -> TrainConfig:
    """Load ``default``/``small`` (shipped) or a YAML file path; unknown keys are errors."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        text, name = candidate.read_text("utf-8"), candidate.stem
    else:
        shipped = resources.files("training").joinpath(f"configs/{name_or_path}.yaml")
        if not shipped.is_file():
            raise FileNotFoundError(f"no training config {name_or_path!r} (shipped: default, small; or a .yaml path)")
        text, name = shipped.read_text("utf-8"), str(name_or_path)
    raw = yaml.safe_load(text) or {}
    floors = dict.fromkeys(MALICIOUS_LABELS, DEFAULT_THRESHOLD)
    unknown_labels = sorted(set(raw.get("threshold_floors") or {}) - set(MALICIOUS_LABELS))
    if unknown_labels:
        raise ValueError(f"threshold_floors for unknown label(s): {', '.join(unknown_labels)}")
    floors.update({k: float(v) for k, v in (raw.get("threshold_floors") or {}).items()})
    unknown = sorted(set(raw) - {"experiment", "dataset", "review_model", "order_model", "threshold_precision",
                                 "unrelated_only_precision",
                                 "threshold_floors", "gate", "appeal_outcomes_min"})
    if unknown:
        raise ValueError(f"unknown top-level key(s) in config: {', '.join(unknown)}")
    return TrainConfig(
        name=name,
        experiment=raw.get("experiment", "reviewguard"),
        dataset=_build(DatasetConfig, raw.get("dataset"), "dataset"),
        review_model=_build(ModelConfig, raw.get("review_model"), "review_model"),
        order_model=_build(ModelConfig, raw.get("order_model"), "order_model"),
        threshold_precision=float(raw.get("threshold_precision", 0.95)),
        unrelated_only_precision=float(raw.get("unrelated_only_precision", 0.99)),
        threshold_floors=floors,
        gate=_build(GateConfig, raw.get("gate"), "gate"),
        appeal_outcomes_min=int(raw.get("appeal_outcomes_min", 50)),
    )
