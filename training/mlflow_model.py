"""How a fitted pipeline becomes a self-contained MLflow model (docs/mlflow_model.md).

One MLflow model, two flavours:

- ``sklearn`` -- exactly what ``mlflow.sklearn.log_model`` writes (cloudpickled Pipeline), so
  ``mlflow.sklearn.load_model`` keeps returning the Pipeline for the Predictor, retraining,
  evaluation and the direct path (:mod:`features.compiled`);
- ``python_function`` -- ``loader_module: features.mlflow_pyfunc``: ``predict`` answers the
  product's decision per row (label, flags, reason and evidence codes; an order's risk, level and
  action) as a DataFrame.

The package ``features/`` travels inside the model as ``code/features`` (MLflow's
``code_paths``; both flavours name it, and MLflow puts it on ``sys.path`` before unpickling), so
the model loads where only its ``requirements.txt`` is installed.  This module is the "flavor"
given to :meth:`mlflow.models.Model.log`: its :func:`save_model` lets ``mlflow.sklearn`` write
the model, then points the ``python_function`` flavour at our loader and checks, before anything
is logged, that the saved model loads as a pyfunc and decides its own input example.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from mlflow.models import Model, ModelSignature, infer_signature
from mlflow.models.model import ModelInfo
from mlflow.types import ColSpec, DataType, Schema
from mlflow.types.schema import Array

import features
from features.mlflow_pyfunc import (
    DECISION_KEY,
    OPTIONAL_INPUT,
    ORDER,
    ORDER_OUTPUT,
    REVIEW,
    REVIEW_OUTPUT,
)

# The project code shipped with every model: the pickled Pipeline and the decision import only
# ``features`` (tests/model/test_pyfunc_model.py checks it in an environment without this repo).
CODE_PATHS: tuple[str, ...] = (str(Path(features.__file__).resolve().parent),)
LOADER_MODULE = "features.mlflow_pyfunc"


def _column(name: str, kind: str, required: bool) -> ColSpec:
    if kind == "array<string>":
        return ColSpec(Array(DataType.string), name, required=required)
    return ColSpec(kind, name, required=required)


def decision_signature(kind: str, example: pd.DataFrame) -> ModelSignature:
    """Input: the raw frame's columns (optional parts not required); output: the decision columns."""
    inputs = [ColSpec(spec.type, spec.name, required=spec.name not in OPTIONAL_INPUT[kind])
              for spec in infer_signature(example).inputs.inputs]
    outputs = [_column(*column) for column in (REVIEW_OUTPUT if kind == REVIEW else ORDER_OUTPUT)]
    return ModelSignature(inputs=Schema(inputs), outputs=Schema(outputs))


def log_decision_model(
    pipeline: Any,
    *,
    kind: str,
    example: pd.DataFrame,
    metadata: dict[str, Any],
    pip_requirements: list[str],
    registered_model_name: str | None = None,
) -> ModelInfo:
    """Log ``pipeline`` as model ``model`` of the active run (both flavours, project code inside)."""
    if kind not in (REVIEW, ORDER):
        raise ValueError(f"kind must be {REVIEW!r} or {ORDER!r}, not {kind!r}")
    return Model.log(
        artifact_path=None,  # deprecated in MLflow 3 but still positional: ``name`` replaces it
        name="model",
        flavor=sys.modules[__name__],
        flavor_name="sklearn",  # what the logged-model entity records as its flavour
        sk_model=pipeline,
        decision=kind,
        code_paths=list(CODE_PATHS),
        serialization_format="cloudpickle",
        signature=decision_signature(kind, example),
        input_example=example,
        pip_requirements=pip_requirements,
        metadata=metadata,
        registered_model_name=registered_model_name,
        # save_model below loads and checks the pyfunc itself, and fails instead of warning.
        validate_serving_input=False,
    )


def save_model(sk_model: Any, path: str, *, decision: str, mlflow_model: Model | None = None,
               validate_serving_input: bool = False, **kwargs: Any) -> None:
    """The "flavor" hook of :meth:`Model.log`: ``mlflow.sklearn.save_model`` plus our pyfunc.

    ``kwargs`` go to ``mlflow.sklearn.save_model`` (code_paths, signature, input_example, ...).
    """
    from mlflow import pyfunc
    from mlflow.utils.environment import _CONDA_ENV_FILE_NAME, _PYTHON_ENV_FILE_NAME

    mlflow_model = mlflow_model or Model()
    # predict_proba only so that mlflow.sklearn writes a python_function flavour we then replace.
    mlflow.sklearn.save_model(sk_model, path, mlflow_model=mlflow_model, pyfunc_predict_fn="predict_proba", **kwargs)
    code = mlflow_model.flavors["sklearn"].get("code")
    if not code:
        raise ValueError("the model must ship the project code (code_paths)")
    pyfunc.add_to_model(mlflow_model, loader_module=LOADER_MODULE, code=code, conda_env=_CONDA_ENV_FILE_NAME,
                        python_env=_PYTHON_ENV_FILE_NAME, **{DECISION_KEY: decision})
    mlflow_model.save(os.path.join(path, "MLmodel"))
    _check_pyfunc(path, kwargs.get("input_example"))


def _check_pyfunc(path: str, example: pd.DataFrame | None) -> None:
    """Load the saved model as a pyfunc and decide the input example: every row, no error."""
    if example is None:
        return
    search_path = list(sys.path)
    try:
        answer = mlflow.pyfunc.load_model(path).predict(example)
    finally:
        sys.path[:] = search_path  # loading put the (temporary) model's code/ first
    if len(answer) != len(example) or answer["error"].notna().any():
        raise RuntimeError(f"the logged model does not decide its own input example:\n{answer.to_string()}")


__all__ = ["CODE_PATHS", "decision_signature", "log_decision_model", "save_model"]
