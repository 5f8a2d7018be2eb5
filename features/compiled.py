"""A fitted model pipeline run step by step on plain lists, without scikit-learn's plumbing.

Serving scores one review per request most of the time.  Through ``Pipeline.predict_proba`` a
single review costs ~10 ms, and almost all of it is fixed per-call cost rather than arithmetic:
building a pandas frame, ``ColumnTransformer`` selecting columns and re-validating every block,
``check_array`` and narwhals inspections at each step, the calibrator validating LightGBM's output.
:class:`CompiledPipeline` takes the *same fitted objects* and calls their arithmetic directly on
column lists, so it gives the same probabilities (``tests/features/test_compiled.py`` checks
them against the Pipeline on varied inputs) at a fraction of the cost.

It knows the shapes :mod:`features.pipeline` and :mod:`training.train` build: a records step, a
``ColumnTransformer`` of vectorizers, the surprise model and passthrough numbers, and a LightGBM
classifier, optionally wrapped in a temperature-scaled ``CalibratedClassifierCV``.  For anything
else :meth:`CompiledPipeline.compile` returns ``None`` and the caller keeps the Pipeline.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.frozen import FrozenEstimator
from sklearn.preprocessing import FunctionTransformer

# Imported here, not per call: features.pipeline imports both modules anyway.
from features.evidence import EVIDENCE_COLUMN
from features.pipeline import OrderRecordFeatures, ReviewRecordFeatures
from features.schema import orders_to_columns, orders_to_frame, reviews_to_columns, reviews_to_frame
from features.vectorize import FastTfidfVectorizer

log = logging.getLogger(__name__)

# A column block: (a fitted transformer's transform, or "passthrough"; the record column(s) it reads).
_Block = tuple[Any, Any]


class CompiledPipeline:
    """``predict_proba`` of a fitted pipeline, on a mapping of column name -> list of cells."""

    def __init__(self, records: Any, blocks: list[_Block], classifier: Any, calibrators: list[Any] | None,
                 classes: np.ndarray) -> None:
        self._records = records
        self._blocks = blocks
        self._classifier = classifier  # the fitted LGBMClassifier
        self._calibrators = calibrators  # temperature calibrators over ``classifier``, or None
        self.classes_ = classes
        # scikit-learn's calibrator prefers decision_function (LightGBM >= 4.6 has one).
        self._use_margins = hasattr(classifier, "decision_function")

    @classmethod
    def compile(cls, pipeline: Any) -> CompiledPipeline | None:
        """The compiled form of ``pipeline``, or None when its shape is not one we know."""
        try:
            return cls._compile(pipeline)
        except _UnknownShape as exc:
            log.info("scoring through the scikit-learn Pipeline (no direct path: %s)", exc)
            return None

    @classmethod
    def _compile(cls, pipeline: Any) -> CompiledPipeline:
        steps = [step for _name, step in getattr(pipeline, "steps", [])]
        if len(steps) != 3:
            raise _UnknownShape("expected records -> columns -> classifier")
        records, columns, classifier = steps
        if type(records) not in (ReviewRecordFeatures, OrderRecordFeatures):
            raise _UnknownShape(f"records step {type(records).__name__}")
        if not isinstance(columns, ColumnTransformer) or columns.sparse_threshold < 1.0:
            raise _UnknownShape("columns step is not a sparse ColumnTransformer")
        numeric_index = {name: i for i, name in enumerate(records.numeric_names)}
        blocks: list[_Block] = []
        for name, transformer, selected in columns.transformers_:
            if transformer == "drop" or (not isinstance(selected, str) and len(selected) == 0):
                continue
            # A fitted "passthrough" is stored as an identity FunctionTransformer.
            if transformer == "passthrough" or (isinstance(transformer, FunctionTransformer) and transformer.func is None):
                if isinstance(selected, str) or any(c not in numeric_index for c in selected):
                    raise _UnknownShape(f"passthrough block {name} of non-numeric columns")
                blocks.append(("passthrough", _as_slice([numeric_index[c] for c in selected])))
            elif isinstance(selected, str) and selected in records.text_columns and isinstance(
                    transformer, FastTfidfVectorizer) and _plain_output(transformer):
                # Its CSR parts, joined with the other blocks' without a scipy matrix per block.
                blocks.append((_VectorizerParts(transformer), selected))
            elif isinstance(selected, str) and selected in records.text_columns and hasattr(transformer, "transform"):
                blocks.append((_unwrapped_transform(transformer), selected))
            else:
                raise _UnknownShape(f"block {name} reads {selected!r}")
        calibrators = None
        if isinstance(classifier, CalibratedClassifierCV):
            if classifier.method != "temperature":
                raise _UnknownShape(f"calibration method {classifier.method}")
            calibrators, estimators = [], []
            for calibrated in classifier.calibrated_classifiers_:
                estimator = calibrated.estimator
                if isinstance(estimator, FrozenEstimator):
                    estimator = estimator.estimator
                calibrators.append(calibrated.calibrators[0])
                estimators.append(estimator)
            if len({id(e) for e in estimators}) != 1:
                raise _UnknownShape("calibrators over more than one classifier")
            classifier = estimators[0]
        if not hasattr(classifier, "booster_") or getattr(classifier, "objective", None) not in (
                "binary", "multiclass", None):
            raise _UnknownShape(f"classifier {type(classifier).__name__}")
        classes = np.asarray(pipeline.classes_)
        if not np.array_equal(np.asarray(classifier.classes_), classes):
            raise _UnknownShape("calibrated classes differ from the classifier's")
        return cls(records, blocks, classifier, calibrators, classes)

    def record_features(self, columns: Mapping[str, Sequence[Any]]) -> tuple[dict[str, list[str]], np.ndarray]:
        """The records step: normalised text columns and the numeric matrix."""
        return self._records.features(columns)

    def features(self, columns: Mapping[str, Sequence[Any]]) -> Any:
        """The sparse feature matrix ``ColumnTransformer.transform`` would give."""
        return self.matrix(*self.record_features(columns))

    def matrix(self, texts: dict[str, list[str]], numeric: np.ndarray) -> Any:
        """The column step: vectorised texts, surprise and numbers side by side (sparse CSR).

        The same matrix as ``sp.hstack`` of each block's CSR matrix (same data, indices and
        indptr arrays, dtypes included; ``tests/features/test_compiled.py``), but the blocks'
        CSR arrays are joined directly: scipy's validating constructors and ``hstack`` cost
        ~0.5 ms per call, more than the rest of the column step for one review.
        """
        n_rows = numeric.shape[0]
        parts: list[Any] = []  # _Parts, or a block's sparse matrix of another format
        for transformer, selected in self._blocks:
            if transformer == "passthrough":
                parts.append(_dense_parts(numeric[:, selected]))
            elif isinstance(transformer, _VectorizerParts):
                parts.append(transformer(texts[selected]))
            else:
                part = transformer(texts[selected])
                if not sp.issparse(part):
                    parts.append(_dense_parts(np.asarray(part)))
                elif part.format == "csr":
                    parts.append(_Parts(part.data, part.indices, part.indptr, part.shape[1]))
                else:
                    parts.append(part)
        joined = _join_rows(parts, n_rows)
        if joined is not None:
            return joined
        return sp.hstack([part if sp.issparse(part) else sp.csr_matrix(
            (part.data, part.indices, part.indptr), shape=(n_rows, part.width)) for part in parts], format="csr")

    def matrix_by_hstack(self, texts: dict[str, list[str]], numeric: np.ndarray) -> Any:
        """:meth:`matrix` as scipy builds it: a CSR matrix per block, then ``sp.hstack`` (for tests)."""
        parts = []
        for transformer, selected in self._blocks:
            if transformer == "passthrough":
                parts.append(sp.csr_matrix(numeric[:, selected]))
            else:
                part = transformer.transform(texts[selected]) if isinstance(transformer, _VectorizerParts) \
                    else transformer(texts[selected])
                parts.append(part if sp.issparse(part) else sp.csr_matrix(np.asarray(part)))
        return sp.hstack(parts, format="csr")

    def predict_proba(self, columns: Mapping[str, Sequence[Any]]) -> np.ndarray:
        """Class probabilities (rows x ``classes_``) for the records in ``columns``."""
        return self.classify(self.features(columns))

    def classify(self, matrix: Any) -> np.ndarray:
        """The classifier step (LightGBM, then the calibrator if any) on a feature matrix."""
        booster = self._classifier.booster_
        # n_jobs is read per call: batch workers set it to 1 after loading.
        n_jobs = self._classifier.n_jobs
        threads = n_jobs if n_jobs and n_jobs > 0 else 0
        if self._calibrators is None:
            # LGBMClassifier.predict_proba after its validation.
            scores = booster.predict(matrix, num_threads=threads)
            return scores if scores.ndim == 2 else np.column_stack([1.0 - scores, scores])
        # CalibratedClassifierCV: its calibrators read the classifier's decision_function (raw
        # margins; a binary model's single column), and their mean is the answer.
        if self._use_margins:
            scores = booster.predict(matrix, raw_score=True, num_threads=threads)
            scores = scores.reshape(-1, 1) if scores.ndim == 1 else scores
        else:
            scores = booster.predict(matrix, num_threads=threads)
            scores = scores if scores.ndim == 2 else np.column_stack([1.0 - scores, scores])
        if len(self._calibrators) == 1:
            # The mean of one: scikit-learn's 0 + p and p / 1 are p itself, bit for bit (p >= 0, so
            # no -0.0 to turn into 0.0); the zeros, the sum and the division cost more than the
            # arithmetic for one review.
            return _calibrated(self._calibrators[0], scores)
        mean = np.zeros((matrix.shape[0], len(self.classes_)), dtype=np.float64)
        for calibrator in self._calibrators:
            mean += _calibrated(calibrator, scores)
        mean /= len(self._calibrators)
        return mean


class Scorer:
    """A fitted pipeline and, when :class:`CompiledPipeline` knows its shape, its direct path.

    The one way validated items are scored: the Predictor (HTTP, batch, Spark) and the MLflow
    pyfunc (:mod:`features.mlflow_pyfunc`) both go through it.
    """

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.direct = CompiledPipeline.compile(pipeline)

    def review_probabilities(self, items: Sequence[Any], evidence: Sequence[Any] | None = None) -> np.ndarray:
        """Probability matrix (items x classes); ``evidence``: the items' evidence, if already extracted."""
        # Nested parts as Python objects: same features as JSON text, without a JSON round trip.
        if self.direct is not None:
            columns: dict[str, Any] = reviews_to_columns(items, nested_as_json=False)
            if evidence is not None:
                columns[EVIDENCE_COLUMN] = list(evidence)
            return self.direct.predict_proba(columns)
        return self.pipeline.predict_proba(reviews_to_frame(items, nested_as_json=False))

    def order_risks(self, items: Sequence[Any]) -> np.ndarray:
        """P(malicious) per validated order item."""
        if self.direct is not None:
            return self.direct.predict_proba(orders_to_columns(items))[:, 1]
        return self.pipeline.predict_proba(orders_to_frame(items))[:, 1]


class _Parts(NamedTuple):
    """One block's CSR arrays and its number of columns."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    width: int


class _VectorizerParts:
    """A fitted :class:`FastTfidfVectorizer`'s transform as CSR parts (no scipy matrix)."""

    def __init__(self, vectorizer: FastTfidfVectorizer) -> None:
        self.vectorizer = vectorizer
        self.transform = _unwrapped_transform(vectorizer)

    def __call__(self, documents: list[str]) -> _Parts:
        data, indices, indptr = self.vectorizer.transform_parts(documents)
        return _Parts(data, indices, indptr, len(self.vectorizer.vocabulary_))


def _as_slice(columns: list[int]) -> list[int] | slice:
    """``columns`` as a slice when they are consecutive (all the numbers, in the pipelines here):
    ``numeric[:, slice]`` is a view of the same cells, where a list copies them on every call."""
    if columns and columns == list(range(columns[0], columns[-1] + 1)):
        return slice(columns[0], columns[-1] + 1)
    return columns


def _plain_output(transformer: Any) -> bool:
    return getattr(transformer, "_sklearn_output_config", {}).get("transform", "default") == "default"


_INT32 = np.dtype(np.int32)
_INT32_MAX = np.iinfo(np.int32).max


def _dense_parts(block: np.ndarray) -> _Parts:
    """CSR arrays of a dense block, as ``sp.csr_matrix(block)`` stores it (its non-zeros, NaN
    included, row by row)."""
    if block.ndim != 2:
        block = block.reshape(len(block), -1)
    n_rows, width = block.shape
    if n_rows == 1:
        row = block[0]
        indices = row.nonzero()[0]
        return _Parts(row[indices], indices.astype(np.int32), np.asarray([0, len(indices)], dtype=np.int32), width)
    nonzero = block != 0
    rows, columns = np.nonzero(nonzero)
    indptr = np.zeros(n_rows + 1, dtype=np.int32)
    np.cumsum(np.count_nonzero(nonzero, axis=1), out=indptr[1:])
    return _Parts(block[rows, columns], columns.astype(np.int32), indptr, width)


def _join_rows(parts: list[Any], n_rows: int) -> Any:
    """``sp.hstack(blocks, format="csr")`` of blocks given as CSR arrays, or None when that needs
    scipy itself (no rows, a block in another sparse format, or int64 indices)."""
    if n_rows == 0:
        return None
    # One pass over the blocks (one review's call pays for every check made here).
    offsets, width, nnz = [], 0, 0
    for part in parts:
        if not isinstance(part, _Parts) or part.indptr.dtype != _INT32:
            return None  # another sparse format, or int64 positions: scipy's hstack decides
        if part.indptr[0] != 0 or part.indptr[-1] != len(part.data):
            return None  # arrays with unused room (never from the blocks here)
        offsets.append(width)
        width += part.width
        nnz += len(part.data)
    if max(width - 1, nnz) > _INT32_MAX:
        return None  # scipy would choose int64 indices: let it
    data = np.concatenate([part.data for part in parts])  # float32 and float64 blocks: float64, as hstack
    if n_rows == 1:
        indices = np.concatenate([part.indices + offset for part, offset in zip(parts, offsets, strict=True)],
                                 dtype=np.int32)
        indptr = np.asarray([0, nnz], dtype=np.int32)
    else:
        # Row r of the result is row r of each block in turn: place every block's entries there.
        lengths = [np.diff(part.indptr) for part in parts]
        indptr = np.zeros(n_rows + 1, dtype=np.int32)
        np.cumsum(np.sum(lengths, axis=0), out=indptr[1:])
        row_start = indptr[:-1].astype(np.int64)
        indices = np.empty(nnz, dtype=np.int32)
        ordered = np.empty_like(data)
        source = 0
        for part, offset, length in zip(parts, offsets, lengths, strict=True):
            count = len(part.data)
            row_of = np.repeat(np.arange(n_rows), length)
            target = np.arange(count) - part.indptr[:-1].astype(np.int64)[row_of] + row_start[row_of]
            ordered[target] = data[source:source + count]
            indices[target] = part.indices + offset
            row_start += length
            source += count
        data = ordered
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, width))


def _softmax(values: np.ndarray) -> np.ndarray:
    """scikit-learn's ``softmax`` (``sklearn.utils.extmath``) on a numpy array, in place.

    The same reductions and element-wise steps as scikit-learn's (array methods rather than the
    ``np.max``/``np.sum`` wrappers, which only forward to them): the same bits.
    """
    values -= values.max(axis=1, keepdims=True)
    np.exp(values, out=values)
    values /= values.sum(axis=1, keepdims=True)
    return values


def _calibrated(calibrator: Any, scores: np.ndarray) -> np.ndarray:
    """One calibrator's probabilities, as ``_CalibratedClassifier.predict_proba`` gives them."""
    calibrated = _temperature_scaled(calibrator, scores)
    # scikit-learn clips what rounding pushed just above 1 (its ``proba[(1.0 < proba) & (proba
    # <= 1.0 + 1e-5)] = 1.0``); softmax output rarely is, so look before building the masks.
    if calibrated.size and calibrated.max() > 1.0:
        calibrated[(1.0 < calibrated) & (calibrated <= 1.0 + 1e-5)] = 1.0
    return calibrated


def _temperature_scaled(calibrator: Any, scores: np.ndarray) -> np.ndarray:
    """scikit-learn's ``_TemperatureScaling.predict`` without its input validation."""
    beta = getattr(calibrator, "beta_", None)
    if beta is None:
        return calibrator.predict(scores)
    logits = scores
    if scores.ndim == 2 and scores.shape[1] == 1:  # a binary margin x -> (-x, x)
        logits = np.concatenate([-scores, scores], axis=1)
    # All in [0, 1] (min and max say it with two reductions; NaN fails both, as it fails the
    # element-wise test) and rows summing to 1: probabilities -> log-probabilities.  No rows: no
    # logits to convert either way.
    elif (scores.ndim == 2 and scores.size and scores.min() >= 0 and scores.max() <= 1
          and np.all(np.isclose(scores.sum(axis=1), 1.0))):
        logits = np.log(scores + 1e-12)
    return _softmax(beta * logits)  # beta * logits is a new array: softmax may work in place


def _unwrapped_transform(transformer: Any) -> Any:
    """``transformer.transform`` without scikit-learn's set_output wrapper.

    The wrapper only converts the output to pandas when ``set_output(transform="pandas")`` was
    asked for, which the feature pipeline never does; it still costs a config lookup per call.
    """
    if getattr(transformer, "_sklearn_output_config", {}).get("transform", "default") != "default":
        return transformer.transform
    plain = getattr(type(transformer).transform, "__wrapped__", None)
    return plain.__get__(transformer) if plain is not None else transformer.transform


class _UnknownShape(Exception):
    """The pipeline is not one this module knows how to run directly."""
