"""A character bigram model of review text: how surprising is each character given the last?

Gibberish (keyboard mash, mojibake, random letters) is made of character pairs that real
reviews almost never contain, whatever the scenario that produced it, so the average surprise
generalises to kinds of meaningless text the model never saw.  Length alone says nothing
(LESSONS.md 2): a short real review such as 不错 is made of very common pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

_START = "\x02"


def _texts(X: Any) -> list[str]:  # noqa: N803
    # ColumnTransformer hands over a Series for a single column name, a frame for a list.
    if hasattr(X, "iloc") and getattr(X, "ndim", 1) == 2:
        X = X.iloc[:, 0]
    return ["" if not isinstance(t, str) else t for t in X]


class CharBigramSurprise(TransformerMixin, BaseEstimator):
    """Mean surprise (bits per character) and unseen-pair share under a fitted bigram model.

    Parameters
    ----------
    alpha
        Weight of the unigram back-off in the smoothed bigram probability.
    """

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def fit(self, X: Any, y: Any = None) -> CharBigramSurprise:  # noqa: N803
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        for text in _texts(X):
            previous = _START
            for char in text:
                unigrams[char] += 1
                bigrams[(previous, char)] += 1
                previous = char
        total = sum(unigrams.values())
        vocabulary = len(unigrams) + 1
        self.unigram_log2_ = {c: math.log2((n + 1) / (total + vocabulary)) for c, n in unigrams.items()}
        self.unseen_log2_ = math.log2(1 / (total + vocabulary))
        contexts: Counter[str] = Counter()
        for (previous, _char), n in bigrams.items():
            contexts[previous] += n
        self.context_counts_ = dict(contexts)
        self.bigram_counts_ = dict(bigrams)
        self.n_features_in_ = 1
        return self

    def _surprise(self, text: str) -> tuple[float, float]:
        if not text:
            return 0.0, 0.0
        bits, unseen, previous = 0.0, 0, _START
        for char in text:
            unigram = 2.0 ** self.unigram_log2_.get(char, self.unseen_log2_)
            pair = self.bigram_counts_.get((previous, char), 0)
            unseen += pair == 0
            context = self.context_counts_.get(previous, 0)
            probability = (pair + self.alpha * unigram) / (context + self.alpha)
            bits -= math.log2(probability)
            previous = char
        return bits / len(text), unseen / len(text)

    def transform(self, X: Any) -> np.ndarray:  # noqa: N803
        return np.asarray([self._surprise(t) for t in _texts(X)], dtype=np.float64).reshape(-1, 2)

    def get_feature_names_out(self, input_features: Iterable[str] | None = None) -> np.ndarray:
        return np.asarray(["mean_surprise_bits", "unseen_pair_share"], dtype=object)
