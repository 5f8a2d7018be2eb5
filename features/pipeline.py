"""The feature half of each model pipeline: raw records frame -> sparse feature matrix.

Training appends a LightGBM classifier to these steps and logs the whole ``Pipeline`` to
MLflow, so the registered model is the entire path from the raw frame of
:func:`features.schema.reviews_to_frame` to probabilities.  Serving only loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

from features.behaviour import (
    ORDER_NUMERIC_NAMES,
    REVIEW_NUMERIC_NAMES,
    order_numeric_features,
    review_numeric_matrix,
    split_chat,
)
from features.evidence import (
    EVIDENCE_COLUMN,
    EVIDENCE_FEATURE_NAMES,
    evidence_features,
    review_evidence,
)
from features.language_model import CharBigramSurprise
from features.order_rules import RULE_FEATURE_NAMES, rule_features
from features.schema import ReviewItem, parse_json_cell, parse_timestamp
from features.text import normalize_texts
from features.tokenizer import DEFAULT_USER_DICT, JiebaTokenizer
from features.vectorize import FastTfidfVectorizer

# Stands in for an absent chat so that the chat vocabulary is never empty (a training set
# without any chat still fits) and "there was no chat" is a feature of its own.
NO_CHAT_TOKEN = "nochat"


def _column(records: pd.DataFrame | Mapping[str, list[Any]], name: str, default: Any) -> list[Any]:
    # Optional columns may be absent altogether: the model degrades, it does not fail.
    if isinstance(records, pd.DataFrame):
        return records[name].tolist() if name in records.columns else [default] * len(records)
    if name in records:
        return list(records[name])
    return [default] * _length(records)


def _length(records: Mapping[str, list[Any]]) -> int:
    return len(next(iter(records.values()))) if records else 0


class _RecordTransformer(TransformerMixin, BaseEstimator):
    """Stateless step whose output is a DataFrame of text and numeric columns."""

    numeric_names: tuple[str, ...] = ()
    text_columns: tuple[str, ...] = ()

    def fit(self, X: pd.DataFrame, y: Any = None) -> _RecordTransformer:  # noqa: N803
        if not isinstance(X, pd.DataFrame):
            raise TypeError(f"{type(self).__name__} expects a pandas DataFrame, got {type(X).__name__}")
        self.n_features_in_ = X.shape[1]
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        return self

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([*self.text_columns, *self.numeric_names], dtype=object)

    def _frame(self, texts: dict[str, list[str]], numeric: Any, index: pd.Index) -> pd.DataFrame:
        frame = pd.DataFrame(np.asarray(numeric, dtype=np.float64).reshape(len(index), -1),
                             columns=list(self.numeric_names), index=index)
        for name in reversed(self.text_columns):
            # Plain object columns: pandas' Arrow-backed strings are slow to iterate for the
            # vectorizers downstream.
            frame.insert(0, name, pd.Series(texts[name], index=index, dtype=object))
        return frame


class ReviewRecordFeatures(_RecordTransformer):
    """Raw review frame -> normalised review text, buyer chat text and numeric features.

    The numeric features end with the evidence of :mod:`features.evidence`, the same extractor
    the decision rule and the appeal package use.
    """

    numeric_names = (*REVIEW_NUMERIC_NAMES, *EVIDENCE_FEATURE_NAMES)
    text_columns = ("review_text", "buyer_chat_text")

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:  # noqa: N803
        return self._frame(*self.features(X), X.index)

    def features(self, X: pd.DataFrame | Mapping[str, list[Any]]) -> tuple[dict[str, list[str]], np.ndarray]:  # noqa: N803
        """(text columns, numeric matrix) of a raw frame or of the same columns as plain lists."""
        chats = [parse_json_cell(cell) or [] for cell in _column(X, "chat", None)]
        orders = [parse_json_cell(cell) for cell in _column(X, "order", None)]
        review_texts = normalize_texts([t if isinstance(t, str) else "" for t in _column(X, "text", "")])
        # Every chat message is normalised once (in one batch) and shared by the chat text and
        # the chat features.
        messages = iter(normalize_texts([m.get("text") for chat in chats for m in chat]))
        chats_norm = [[next(messages) for _ in chat] for chat in chats]
        buyer_chats = [split_chat(chat, norm)[0] for chat, norm in zip(chats, chats_norm, strict=True)]
        numeric = review_numeric_matrix(
            texts_norm=review_texts,
            buyer_chats_norm=buyer_chats,
            ratings=[float(r) for r in _column(X, "rating", 3)],
            has_media=[bool(m) if m == m else False for m in _column(X, "has_media", False)],
            created_at=[parse_timestamp(c) for c in _column(X, "created_at", None)],
            chats=chats,
            orders=orders,
            chats_norm=chats_norm,
        )
        texts = [t if isinstance(t, str) else "" for t in _column(X, "text", "")]
        if isinstance(X, Mapping) and EVIDENCE_COLUMN in X:
            # The Predictor extracted the evidence of these very items for its decision already.
            found = [evidence_features(evidence) for evidence in X[EVIDENCE_COLUMN]]
        else:
            ratings = _column(X, "rating", 3)
            created = _column(X, "created_at", None)
            found = [_evidence_features(text, rating, when, chat, order)
                     for text, rating, when, chat, order in zip(texts, ratings, created, chats, orders, strict=True)]
        numeric = np.concatenate([np.asarray(numeric, dtype=np.float64).reshape(len(texts), -1),
                                  np.asarray(found, dtype=np.float64).reshape(len(texts), len(EVIDENCE_FEATURE_NAMES))],
                                 axis=1)  # np.hstack of 2-D blocks, without its per-call wrapper
        chat_texts = [c or NO_CHAT_TOKEN for c in buyer_chats]
        return {"review_text": review_texts, "buyer_chat_text": chat_texts}, numeric


def _evidence_features(text: str, rating: Any, created_at: Any, chat: Any, order: Any) -> list[float]:
    try:
        item = ReviewItem.model_validate({
            "review_id": "row", "text": text, "rating": min(5, max(1, int(rating))), "created_at": created_at or None,
            "chat": chat or [], "order": order or None})
    except (ValueError, TypeError):  # a row the item schema rejects has no evidence to show
        return [0.0] * len(EVIDENCE_FEATURE_NAMES)
    return evidence_features(review_evidence(item))


class OrderRecordFeatures(_RecordTransformer):
    """Raw order frame -> normalised buyer chat text and numeric features."""

    numeric_names = (*ORDER_NUMERIC_NAMES, *RULE_FEATURE_NAMES)
    text_columns = ("buyer_chat_text",)

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:  # noqa: N803
        return self._frame(*self.features(X), X.index)

    def features(self, X: pd.DataFrame | Mapping[str, list[Any]]) -> tuple[dict[str, list[str]], np.ndarray]:  # noqa: N803
        """(text columns, numeric matrix) of a raw frame or of the same columns as plain lists."""
        chat_texts, numeric = [], []
        for order_cell, chat_cell in zip(_column(X, "order", None), _column(X, "chat", None), strict=True):
            order = parse_json_cell(order_cell) or {}
            chat = parse_json_cell(chat_cell) or []
            buyer_chat, _seller_chat = split_chat(chat)
            chat_texts.append(buyer_chat or NO_CHAT_TOKEN)
            numeric.append([*order_numeric_features(order=order, buyer_chat_norm=buyer_chat, chat=chat),
                            *rule_features(order, chat)])
        matrix = np.asarray(numeric, dtype=np.float64).reshape(len(chat_texts), len(self.numeric_names))
        return {"buyer_chat_text": chat_texts}, matrix


def _word_tfidf(*, max_features: int, min_df: int, user_dict: str) -> FastTfidfVectorizer:
    return FastTfidfVectorizer(
        tokenizer=JiebaTokenizer(user_dict=user_dict),
        token_pattern=None,
        lowercase=False,  # normalize_text already lower-cased; keep the tokenizer's exact tokens
        ngram_range=(1, 2),
        min_df=min_df,
        max_features=max_features,
        sublinear_tf=True,
        dtype=np.float32,
    )


def make_review_features(
    *,
    word_max_features: int = 20000,
    char_max_features: int = 20000,
    chat_max_features: int = 10000,
    min_df: int = 2,
    user_dict: str = DEFAULT_USER_DICT,
) -> Pipeline:
    """Feature steps of the review model.

    records -> [review words | review chars | chat words | review char-bigram surprise | numeric]
    """
    columns = ColumnTransformer(
        [
            ("review_words", _word_tfidf(max_features=word_max_features, min_df=min_df, user_dict=user_dict),
             "review_text"),
            # Character n-grams catch obfuscations and typos that split words differently.
            ("review_chars", FastTfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=min_df,
                                             max_features=char_max_features, sublinear_tf=True,
                                             lowercase=False, dtype=np.float32), "review_text"),
            ("chat_words", _word_tfidf(max_features=chat_max_features, min_df=min_df, user_dict=user_dict),
             "buyer_chat_text"),
            ("review_surprise", CharBigramSurprise(), "review_text"),
            ("numeric", "passthrough", list(ReviewRecordFeatures.numeric_names)),
        ],
        sparse_threshold=1.0,
    )
    return Pipeline([("records", ReviewRecordFeatures()), ("columns", columns)])


def make_order_features(
    *, chat_max_features: int = 5000, min_df: int = 2, user_dict: str = DEFAULT_USER_DICT
) -> Pipeline:
    """Feature steps of the order-risk model: records -> [chat words | numeric]."""
    columns = ColumnTransformer(
        [
            ("chat_words", _word_tfidf(max_features=chat_max_features, min_df=min_df, user_dict=user_dict),
             "buyer_chat_text"),
            ("numeric", "passthrough", list(OrderRecordFeatures.numeric_names)),
        ],
        sparse_threshold=1.0,
    )
    return Pipeline([("records", OrderRecordFeatures()), ("columns", columns)])
