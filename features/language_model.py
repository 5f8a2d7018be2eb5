"""A character bigram model of Chinese words: how surprising is each character given the last?

Gibberish (keyboard mash, mojibake, random letters) is made of character pairs that Chinese
words almost never contain, whatever the scenario that produced it, so the average surprise
generalises to kinds of meaningless text the model never saw.  Length alone says nothing
(docs/lessons.md 2): a short real review such as 不错 is made of very common pairs.

The pairs are counted over jieba's dictionary (every word once), not over the training text.
Counted over the training text, every training row was scored by a model that had seen it:
generated and real training rows measured 4.4-5.8 bits per character, and every text the
team did not write 9-10 (real ads, real reviews of another site alike), so the classifier
learnt "unlike the training set" as "genuine" and answered ``normal`` to real ads whose contact
it had found (docs/model_card.md).  Under the dictionary, training and unseen text of any
source fall in one range (13-15 bits) and gibberish stays apart (19-21).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import repeat
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from features.text import normalize_text

_START = 2  # code point of "\x02", never left in normalised text
_PAIR_BASE = 1 << 21  # above the largest code point, so (previous, current) packs into one integer
# Up to this many characters in a call transform looks unigrams and contexts up in dicts, with
# fewer array calls (measured break-even ~60-90 characters: one or two short reviews).
SMALL_CHARACTERS = 64


def _texts(X: Any) -> list[str]:  # noqa: N803
    # ColumnTransformer hands over a Series for a single column name, a frame for a list.
    if hasattr(X, "iloc") and getattr(X, "ndim", 1) == 2:
        X = X.iloc[:, 0]
    return ["" if not isinstance(t, str) else t for t in X]


class CharBigramSurprise(TransformerMixin, BaseEstimator):
    """Mean surprise (bits per character) and unseen-pair share under a fitted bigram model.

    The model is held as sorted integer arrays (code points, and ``previous * 2**21 + current``
    for pairs), so a whole batch is scored with ``np.searchsorted`` instead of a Python loop
    over characters.

    Parameters
    ----------
    alpha
        Weight of the unigram back-off in the smoothed bigram probability.
    reference
        What the pairs are counted over: ``"dictionary"`` (jieba's dictionary, each word once;
        ``fit`` then ignores ``X``) or ``"training"`` (the texts given to ``fit``; models logged
        before the dictionary reference load with this value).
    """

    def __init__(self, alpha: float = 1.0, reference: str = "dictionary") -> None:
        self.alpha = alpha
        self.reference = reference

    def fit(self, X: Any, y: Any = None) -> CharBigramSurprise:  # noqa: N803
        texts: Sequence[str]
        if self.reference == "dictionary":
            texts = dictionary_words()
        elif self.reference == "training":
            texts = _texts(X)
        else:
            raise ValueError(f"reference must be 'dictionary' or 'training', not {self.reference!r}")
        points, previous, _lengths = _code_points(texts)
        self.unigram_points_, unigram_counts = np.unique(points, return_counts=True)
        total = float(unigram_counts.sum())
        vocabulary = len(self.unigram_points_) + 1
        self.unigram_log2_ = np.log2((unigram_counts + 1.0) / (total + vocabulary))
        self.unseen_log2_ = math.log2(1 / (total + vocabulary))
        self.pair_keys_, self.pair_counts_ = np.unique(previous * _PAIR_BASE + points, return_counts=True)
        # A character's count as a context is the number of pairs it starts.
        self.context_points_, self.context_counts_ = np.unique(previous, return_counts=True)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Any) -> np.ndarray:  # noqa: N803
        texts = _texts(X)
        if sum(map(len, texts)) <= SMALL_CHARACTERS:
            return self._transform_few(texts)
        points, previous, lengths = _code_points(texts)
        unigram = np.exp2(_lookup(self.unigram_points_, self.unigram_log2_, points, self.unseen_log2_))
        pair = _lookup(self.pair_keys_, self.pair_counts_, previous * _PAIR_BASE + points, 0)
        context = _lookup(self.context_points_, self.context_counts_, previous, 0)
        bits = -np.log2((pair + self.alpha * unigram) / (context + self.alpha))
        document = np.repeat(np.arange(len(lengths)), lengths)
        total_bits = np.bincount(document, weights=bits, minlength=len(lengths))
        unseen = np.bincount(document, weights=(pair == 0).astype(np.float64), minlength=len(lengths))
        safe = np.maximum(lengths, 1)
        return np.column_stack([total_bits / safe, unseen / safe]).astype(np.float64)

    def _transform_few(self, texts: list[str]) -> np.ndarray:
        """:meth:`transform` of a few texts with fewer array calls (one review per HTTP request).

        Unigram and context values come from dicts of the same arrays (the same numbers), pairs
        from the same sorted lookup; the surprise is the same numpy expression on the same values,
        and each text's bits are summed one after the other as ``np.bincount`` sums them.
        """
        n_texts = len(texts)
        if not any(texts):
            return np.zeros((n_texts, 2), dtype=np.float64)
        unigrams, contexts = self._maps()
        unseen_log2 = self.unseen_log2_
        points = [point for text in texts for point in map(ord, text)]
        previous = [point for text in texts if text for point in (_START, *map(ord, text[:-1]))]
        # map() looks the code points up without Python bytecode per character; the pair keys are
        # the integers the array form computes (below 2**42, exact in int64).
        unigram = np.exp2(np.asarray(list(map(unigrams.get, points, repeat(unseen_log2))), dtype=np.float64))
        pair = _lookup(self.pair_keys_, self.pair_counts_,
                       np.asarray([before * _PAIR_BASE + point for before, point in zip(previous, points, strict=True)],
                                  dtype=np.int64), 0)
        context = np.asarray(list(map(contexts.get, previous, repeat(0))), dtype=np.float64)
        bits = (-np.log2((pair + self.alpha * unigram) / (context + self.alpha))).tolist()
        pairs = pair.tolist()
        rows = []
        end = 0
        for text in texts:
            start, end = end, end + len(text)
            total = 0.0
            for value in bits[start:end]:
                total += value
            safe = len(text) or 1
            rows.append((total / safe, float(sum(value == 0 for value in pairs[start:end])) / safe))
        return np.asarray(rows, dtype=np.float64).reshape(n_texts, 2)

    def _maps(self) -> tuple[dict[int, float], dict[int, int]]:
        """The unigram log-probabilities and context counts as dicts by code point (a cache)."""
        cached = getattr(self, "_lookup_maps", None)
        if cached is None or cached[0] is not self.unigram_log2_ or cached[1] is not self.context_counts_:
            maps = (dict(zip(self.unigram_points_.tolist(), self.unigram_log2_.tolist(), strict=True)),
                    dict(zip(self.context_points_.tolist(), self.context_counts_.tolist(), strict=True)))
            cached = (self.unigram_log2_, self.context_counts_, maps)
            self._lookup_maps = cached
        return cached[2]

    def __getstate__(self) -> dict[str, Any]:
        # The dicts are a cache rebuilt on first use; keep them out of the pickle.
        state = dict(super().__getstate__())
        state.pop("_lookup_maps", None)
        return state

    def get_feature_names_out(self, input_features: Iterable[str] | None = None) -> np.ndarray:
        return np.asarray(["mean_surprise_bits", "unseen_pair_share"], dtype=object)

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Models logged before the dictionary reference counted their training text.
        state.setdefault("reference", "training")
        # Models logged before the array form kept the counts in dicts keyed by characters;
        # convert them on load so an existing champion keeps serving with the same numbers.
        if "bigram_counts_" in state:
            unigrams = state.pop("unigram_log2_")
            pairs = state.pop("bigram_counts_")
            contexts = state.pop("context_counts_")
            unigram_points = np.asarray([ord(c) for c in unigrams], dtype=np.int64)
            order = np.argsort(unigram_points)
            state["unigram_points_"] = unigram_points[order]
            state["unigram_log2_"] = np.asarray(list(unigrams.values()), dtype=np.float64)[order]
            pair_keys = np.asarray([ord(a) * _PAIR_BASE + ord(b) for a, b in pairs], dtype=np.int64)
            order = np.argsort(pair_keys)
            state["pair_keys_"] = pair_keys[order]
            state["pair_counts_"] = np.asarray(list(pairs.values()), dtype=np.int64)[order]
            context_points = np.asarray([ord(c) for c in contexts], dtype=np.int64)
            order = np.argsort(context_points)
            state["context_points_"] = context_points[order]
            state["context_counts_"] = np.asarray(list(contexts.values()), dtype=np.int64)[order]
        super().__setstate__(state)


@cache
def dictionary_words() -> tuple[str, ...]:
    """The words of jieba's dictionary (the package's own file, pinned in pyproject.toml), normalised
    as review text is, so pairs such as full-width letters are counted as the features see them."""
    import jieba  # only when fitting: a logged model carries its counts, serving never reads the file

    words = []
    with jieba.get_dict_file() as handle:
        for line in handle:
            word = line.decode("utf-8").split(" ", 1)[0].strip()
            if word:
                words.append(normalize_text(word))
    return tuple(words)


def _code_points(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(code points of all texts concatenated, the previous code point or START, lengths)."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    previous = np.empty_like(points)
    if len(points):
        previous[0] = _START
        previous[1:] = points[:-1]
        starts = np.cumsum(lengths) - lengths
        previous[starts[lengths > 0]] = _START
    return points, previous, lengths


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray, default: float) -> np.ndarray:
    """``values[keys == q]`` for each query (keys sorted), ``default`` where absent."""
    if not len(keys):
        return np.full(len(query), default, dtype=np.float64)
    slot = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return np.where(keys[slot] == query, values[slot], default).astype(np.float64)
