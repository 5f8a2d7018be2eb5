"""Training configuration: YAML files in ``training/configs`` or any path.

A file may start from another with ``extends: <name or path>``: a bare name is a shipped config
(``extends: base``), a ``.yaml``/``.yml`` path is read relative to the extending file.  The
extending file's mappings are merged key by key into its parent's, recursively; anything else
(a number, a string, a list such as ``holdout_scenarios``) replaces the parent's value whole.
The shipped ``default`` and ``small`` both extend ``base``, which holds what they share.
"""

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


def _shipped_names() -> list[str]:
    folder = resources.files("training").joinpath("configs")
    return sorted(entry.name.removesuffix(".yaml") for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def _locate(name_or_path: str | Path, relative_to: Path | None = None) -> tuple[Any, str]:
    """(readable file, display name) of a config: a ``.yaml``/``.yml`` path or a shipped name.

    A relative path is read from ``relative_to`` (the extending file's folder) when given.
    """
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        if relative_to is not None and not candidate.is_absolute():
            candidate = relative_to / candidate
        if candidate.is_file():
            return candidate, str(candidate)
    else:
        shipped = resources.files("training").joinpath(f"configs/{name_or_path}.yaml")
        if shipped.is_file():
            return shipped, f"training/configs/{name_or_path}.yaml"
    raise FileNotFoundError(
        f"no training config {str(name_or_path)!r} (shipped: {', '.join(_shipped_names())}; or a .yaml path)"
    )


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent``: mappings merge key by key, anything else (lists too) replaces."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_raw(name_or_path: str | Path = "default") -> dict[str, Any]:
    """The YAML mapping of a config with its ``extends`` chain resolved (see the module docstring).

    Raises
    ------
    FileNotFoundError
        If the config, or a config it extends, does not exist (the message names the extending file).
    ValueError
        If the files extend each other in a cycle (the message lists the chain), or a file is not a
        mapping or names its parent with something other than a string.
    """
    chain: list[str] = []
    seen: set[str] = set()
    layers: list[dict[str, Any]] = []
    source, shown = _locate(name_or_path)
    while True:
        chain.append(shown)
        key = str(Path(str(source)).resolve())
        if key in seen:
            raise ValueError(f"training configs extend each other in a cycle: {' -> '.join(chain)}")
        seen.add(key)
        raw = yaml.safe_load(source.read_text("utf-8")) or {}
        if not isinstance(raw, dict):
            raise ValueError(f"training config {shown} is not a mapping of keys to values")
        parent = raw.pop("extends", None)
        layers.append(raw)
        if parent is None:
            break
        if not isinstance(parent, str) or not parent:
            raise ValueError(f"training config {shown}: 'extends' must name one config, got {parent!r}")
        folder = source.parent if isinstance(source, Path) else None
        try:
            source, shown = _locate(parent, relative_to=folder)
        except FileNotFoundError as error:
            raise FileNotFoundError(f"training config {shown} extends {parent!r}, which was not found: {error}") from None
    merged: dict[str, Any] = {}
    for layer in reversed(layers):
        merged = _merge(merged, layer)
    return merged


def load_config(name_or_path: str | Path = "default") -> TrainConfig:
    """Load a shipped config (``default``, ``small``) or a YAML file path; unknown keys are errors.

    ``extends`` chains are resolved first (:func:`load_raw`).
    """
    candidate = Path(name_or_path)
    is_path = candidate.suffix in (".yaml", ".yml") and candidate.exists()
    name = candidate.stem if is_path else str(name_or_path)
    raw = load_raw(candidate if is_path else name_or_path)
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
