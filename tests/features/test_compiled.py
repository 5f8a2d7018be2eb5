"""The direct path (features.compiled) answers exactly what the logged scikit-learn Pipeline answers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from lightgbm import LGBMClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from features.compiled import CompiledPipeline
from features.pipeline import make_order_features
from features.schema import (
    OrderItem,
    ReviewItem,
    orders_to_columns,
    orders_to_frame,
    reviews_to_columns,
    reviews_to_frame,
)
from training.simulator import simulate_orders, simulate_reviews

HANDWRITTEN = Path(__file__).resolve().parents[1] / "data" / "handwritten_cases.jsonl"


def _review_items() -> list[ReviewItem]:
    simulated = [ReviewItem.model_validate(case.item) for case in simulate_reviews(240, seed=31)]
    handwritten = [ReviewItem.model_validate(json.loads(line)) for line in HANDWRITTEN.read_text("utf-8").splitlines()
                   if line.strip()]
    edge = [
        ReviewItem.model_validate({"review_id": "bare", "text": "好", "rating": 5}),
        ReviewItem.model_validate({"review_id": "emoji", "text": "😀😀😀", "rating": 1, "has_media": True}),
        ReviewItem.model_validate({"review_id": "latin", "text": "asdf qwer zxcv", "rating": 3}),
        ReviewItem.model_validate({"review_id": "unseen", "text": "龘龘龘" * 50, "rating": 2,
                                   "chat": [{"role": "seller", "text": "您好"}]}),
    ]
    return [*simulated, *handwritten, *edge]


@pytest.fixture(scope="module")
def models(predictor):
    return predictor.review_model.pipeline, predictor.order_model.pipeline


def test_review_probabilities_are_identical(models) -> None:
    review_pipeline, _ = models
    items = _review_items()
    direct = CompiledPipeline.compile(review_pipeline)
    assert direct is not None, "the trained review pipeline should have a direct path"
    expected = review_pipeline.predict_proba(reviews_to_frame(items, nested_as_json=False))
    got = direct.predict_proba(reviews_to_columns(items, nested_as_json=False))
    assert list(direct.classes_) == list(review_pipeline.classes_)
    np.testing.assert_array_equal(got, expected)
    # JSON-encoded nested cells (batch files, MLflow's signature) give the same numbers too.
    np.testing.assert_array_equal(direct.predict_proba(reviews_to_columns(items)), expected)


def test_one_item_at_a_time_equals_the_batch(models) -> None:
    review_pipeline, _ = models
    direct = CompiledPipeline.compile(review_pipeline)
    items = _review_items()[:25]
    together = direct.predict_proba(reviews_to_columns(items, nested_as_json=False))
    alone = np.vstack([direct.predict_proba(reviews_to_columns([item], nested_as_json=False)) for item in items])
    np.testing.assert_array_equal(alone, together)


def test_order_risks_are_identical(models) -> None:
    _, order_pipeline = models
    items = [OrderItem.model_validate(case.item) for case in simulate_orders(200, seed=32)]
    items.append(OrderItem.model_validate({"order_id": "bare"}))
    direct = CompiledPipeline.compile(order_pipeline)
    assert direct is not None, "the trained order pipeline should have a direct path"
    np.testing.assert_array_equal(direct.predict_proba(orders_to_columns(items)),
                                  order_pipeline.predict_proba(orders_to_frame(items)))


def test_missing_optional_columns_degrade_like_the_pipeline(models) -> None:
    review_pipeline, _ = models
    items = _review_items()[:20]
    frame = reviews_to_frame(items, nested_as_json=False).drop(columns=["chat", "order", "created_at"])
    columns = {name: frame[name].tolist() for name in frame.columns}
    np.testing.assert_array_equal(CompiledPipeline.compile(review_pipeline).predict_proba(columns),
                                  review_pipeline.predict_proba(frame))


def test_uncalibrated_lightgbm_pipeline_is_compiled_and_identical() -> None:
    items = [OrderItem.model_validate(case.item) for case in simulate_orders(160, seed=33)]
    frame = orders_to_frame(items)
    y = np.asarray([i % 2 for i in range(len(items))])
    features = make_order_features(chat_max_features=200)
    pipeline = Pipeline([*features.steps, ("classifier", LGBMClassifier(n_estimators=5, verbose=-1))]).fit(frame, y)
    direct = CompiledPipeline.compile(pipeline)
    assert direct is not None
    np.testing.assert_array_equal(direct.predict_proba(orders_to_columns(items)), pipeline.predict_proba(frame))


def test_unknown_shapes_fall_back_to_the_pipeline(predictor) -> None:
    items = [OrderItem.model_validate(case.item) for case in simulate_orders(60, seed=34)]
    frame = orders_to_frame(items)
    y = np.asarray([i % 2 for i in range(len(items))])
    features = make_order_features(chat_max_features=100)
    other = Pipeline([*features.steps, ("impute", SimpleImputer(strategy="constant", fill_value=0.0)),
                      ("classifier", LogisticRegression(max_iter=500))]).fit(frame, y)
    assert CompiledPipeline.compile(other) is None
    assert CompiledPipeline.compile(Pipeline([("classifier", LogisticRegression())])) is None

    # A Predictor holding such a model still scores, through the Pipeline.
    from serving.predictor import LoadedModel, Predictor

    fallback = Predictor(predictor.review_model, LoadedModel("other", 1, other, {}), None)
    risks = [result.risk for result in fallback.score_orders(items)]
    np.testing.assert_allclose(risks, other.predict_proba(frame)[:, 1], atol=1e-6)


def _same_csr(got, expected) -> bool:
    return (type(got) is type(expected) and got.shape == expected.shape and got.dtype == expected.dtype
            and got.indices.dtype == expected.indices.dtype and got.indptr.dtype == expected.indptr.dtype
            and np.array_equal(got.data, expected.data, equal_nan=True)
            and np.array_equal(got.indices, expected.indices) and np.array_equal(got.indptr, expected.indptr))


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 9, 33])
def test_joined_blocks_are_the_matrix_scipy_hstack_builds(models, size: int) -> None:
    """The column step joins the blocks' CSR arrays itself: the same arrays sp.hstack gives."""
    review_pipeline, order_pipeline = models
    reviews = CompiledPipeline.compile(review_pipeline)
    orders = CompiledPipeline.compile(order_pipeline)
    items = _review_items()
    order_items = [OrderItem.model_validate(case.item) for case in simulate_orders(60, seed=35)]
    for start in range(0, 40, 13):
        features = reviews.record_features(reviews_to_columns(items[start:start + size], nested_as_json=False))
        assert _same_csr(reviews.matrix(*features), reviews.matrix_by_hstack(*features))
        features = orders.record_features(orders_to_columns(order_items[start:start + size]))
        assert _same_csr(orders.matrix(*features), orders.matrix_by_hstack(*features))
    edge = reviews.record_features(reviews_to_columns(items[-4:], nested_as_json=False))  # emoji, unseen, bare
    assert _same_csr(reviews.matrix(*edge), reviews.matrix_by_hstack(*edge))


def test_joining_rows_keeps_nan_drops_zeros_and_handles_empty_rows() -> None:
    import scipy.sparse as sp

    from features.compiled import _dense_parts, _join_rows, _Parts

    dense = np.asarray([[0.0, np.nan, -0.0, 2.5], [0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, np.inf]])
    words = sp.csr_matrix(np.asarray([[0, 0, 1.5], [0, 0, 0], [2.0, 0, 3.0]], dtype=np.float32))
    for rows in (slice(0, 1), slice(1, 2), slice(0, 3), slice(1, 3)):
        block, vocabulary = dense[rows], words[rows]
        parts = [_Parts(vocabulary.data, vocabulary.indices, vocabulary.indptr, 3), _dense_parts(block)]
        expected = sp.hstack([vocabulary, sp.csr_matrix(block)], format="csr")
        assert _same_csr(_join_rows(parts, block.shape[0]), expected)
    assert _join_rows([_dense_parts(dense[:0])], 0) is None  # no rows: left to scipy


@pytest.mark.parametrize("size", [2, 3, 4, 8, 9])
def test_small_batches_equal_the_batch(models, size: int) -> None:
    """Whatever the request size (few-texts paths up to 8, array paths above), the same numbers."""
    review_pipeline, _ = models
    direct = CompiledPipeline.compile(review_pipeline)
    items = _review_items()[:48]
    together = direct.predict_proba(reviews_to_columns(items, nested_as_json=False))
    pieces = [direct.predict_proba(reviews_to_columns(items[i:i + size], nested_as_json=False))
              for i in range(0, len(items), size)]
    np.testing.assert_array_equal(np.vstack(pieces), together)
