"""A TF-IDF vectorizer whose *transform* counts n-grams with numpy instead of a Python loop.

scikit-learn's ``CountVectorizer`` builds every n-gram of every document as a Python string and
looks it up in a dict: for character 1-3-grams of a 90-character review that is ~270 strings
per review, the largest single cost of scoring after the hand-made signals.  Here the units
(characters, or the tokenizer's words) of a whole batch are mapped to small integer ids once,
each n-gram becomes one integer key computed with array arithmetic, and the keys are matched
against the fitted vocabulary with ``np.searchsorted``.

Fitting is scikit-learn's own code (same vocabulary, ``min_df``/``max_features`` cut and idf),
and the counts are exactly the integers scikit-learn would count, so the output equals
``TfidfVectorizer.transform`` (``tests/features/test_vectorize.py`` checks it).  Anything the
fast path does not cover (stop words, a callable analyzer, ``char_wb``) falls back to
scikit-learn.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn import get_config
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

# scikit-learn's character analyzer folds runs of whitespace to one space before cutting.
_WHITE_SPACES = re.compile(r"\s\s+")


class _NgramTables:
    """Vocabulary of one fitted vectorizer as integer lookup tables."""

    def __init__(self, vocabulary: dict[str, int], analyzer: str, ngram_range: tuple[int, int]) -> None:
        self.analyzer = analyzer
        self.min_n, self.max_n = ngram_range
        split = list if analyzer == "char" else str.split
        terms = [(split(term), column) for term, column in vocabulary.items()]
        units = sorted({unit for parts, _ in terms for unit in parts})
        if analyzer == "char":
            # Characters are looked up by code point in a dense table (up to the largest code
            # point in the vocabulary; anything above it is unknown).
            points = np.asarray([ord(u) for u in units], dtype=np.int64)
            self.by_codepoint = np.zeros(int(points.max(initial=0)) + 2, dtype=np.int64)
            self.by_codepoint[points] = np.arange(1, len(points) + 1)
        else:
            # 1-based like the n-gram keys below, so that an unknown token (0) needs no arithmetic.
            self.unit_ids = {unit: index + 1 for index, unit in enumerate(units)}
        self.base = len(units) + 1
        # One (sorted keys, columns) pair per n-gram order; ids are 1-based so no key is ambiguous.
        self.keys: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        position = {unit: index + 1 for index, unit in enumerate(units)}
        by_order: dict[int, list[tuple[int, int]]] = {}
        for parts, column in terms:
            key = 0
            for unit in parts:
                key = key * self.base + position[unit]
            by_order.setdefault(len(parts), []).append((key, column))
        for order, pairs in by_order.items():
            pairs.sort()
            self.keys[order] = (np.asarray([k for k, _ in pairs], dtype=np.int64),
                                np.asarray([c for _, c in pairs], dtype=np.int64))
        # The same table as a dict for :meth:`count_few`: n-gram (a string of n characters, or a
        # tuple of n tokens) -> column.  Where two terms share their units (word terms split the
        # same way), ``searchsorted`` above finds the lower column, and so does this dict.
        self.orders = tuple(order for order in range(self.min_n, self.max_n + 1) if order in self.keys)
        self.columns: dict[Any, int] = {}
        for parts, column in sorted(terms, key=lambda term: term[1]):
            if len(parts) in self.keys:
                self.columns.setdefault("".join(parts) if analyzer == "char" else tuple(parts), column)

    def unit_ids_of(self, documents: list[list[str]] | list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(1-based unit ids of all documents concatenated, 0 = unknown; document lengths)."""
        lengths = np.fromiter((len(d) for d in documents), dtype=np.int64, count=len(documents))
        if self.analyzer == "char":
            joined = "".join(documents)  # type: ignore[arg-type]
            points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            # The table's last slot is always 0, so clipping maps every larger code point to unknown.
            return self.by_codepoint[np.minimum(points, len(self.by_codepoint) - 1)], lengths
        # map() looks the tokens up without running Python bytecode per token (about a third
        # faster than a generator expression); a token not in the vocabulary gets the default 0.
        tokens = itertools.chain.from_iterable(documents)
        ids = np.fromiter(map(self.unit_ids.get, tokens, itertools.repeat(0)), dtype=np.int64,
                          count=int(lengths.sum()))
        return ids, lengths

    def count(self, documents: list[list[str]] | list[str], n_columns: int,
              dtype: Any = np.float64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(data, indices, indptr)`` of the document x vocabulary count matrix.

        Indices are sorted and unique within each row, as ``sum_duplicates`` + ``sort_indices``
        would leave them; building the parts directly skips scipy's COO round trip.
        """
        ids, lengths = self.unit_ids_of(documents)
        n_documents = len(lengths)
        document_of = np.repeat(np.arange(n_documents, dtype=np.int64), lengths)
        # Position of every unit inside its own document: an n-gram starting at unit i is valid
        # when the document has at least n units left from i.
        starts = np.zeros(n_documents, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        offset = np.arange(len(ids), dtype=np.int64) - np.repeat(starts, lengths)
        remaining = np.repeat(lengths, lengths) - offset
        cell_parts = []
        for order in range(self.min_n, self.max_n + 1):
            table = self.keys.get(order)
            if table is None or len(ids) < order:
                continue
            sorted_keys, columns = table
            usable = len(ids) - order + 1
            key = np.zeros(usable, dtype=np.int64)
            known = remaining[:usable] >= order
            for shift in range(order):
                unit = ids[shift:shift + usable]
                known &= unit > 0
                key = key * self.base + unit
            candidates = np.flatnonzero(known)
            key = key[candidates]
            slot = np.minimum(np.searchsorted(sorted_keys, key), len(sorted_keys) - 1)
            hit = sorted_keys[slot] == key
            # One integer per (document, column) cell; sorting them orders rows, then columns.
            cell_parts.append(document_of[candidates[hit]] * n_columns + columns[slot[hit]])
        cells = np.concatenate(cell_parts) if cell_parts else np.zeros(0, dtype=np.int64)
        cells, counts = np.unique(cells, return_counts=True)
        rows = cells // n_columns
        indptr = np.zeros(n_documents + 1, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=n_documents), out=indptr[1:])
        return counts.astype(dtype), (cells - rows * n_columns).astype(np.int32), indptr

    def count_few(self, documents: list[list[str]] | list[str], n_columns: int,
                  dtype: Any = np.float64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`count` of a few documents, each n-gram looked up in a dict.

        For one or a few documents the array arithmetic of :meth:`count` costs more in fixed
        per-call overhead than looking their ~100 n-grams up one by one.  An n-gram counts when
        it is a vocabulary term, which is when :meth:`count` finds its key (every unit known,
        the key in the table of its order): the parts are the same arrays.
        """
        get = self.columns.get
        char = self.analyzer == "char"
        data: list[int] = []
        indices: list[int] = []
        indptr = [0]
        for document in documents:
            columns: list[int | None] = []
            size = len(document)
            for order in self.orders:
                if char:
                    columns += map(get, [document[i:i + order] for i in range(size - order + 1)])
                elif order == 1:
                    columns += map(get, [(token,) for token in document])
                else:
                    columns += map(get, zip(*(document[i:] for i in range(order)), strict=False))
            found = Counter(columns)
            found.pop(None, None)
            ordered = sorted(found)  # columns ascending, as count() leaves them
            indices += ordered
            data += map(found.__getitem__, ordered)
            indptr.append(len(indices))
        return (np.asarray(data, dtype=np.int64).astype(dtype), np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int32))


# Up to about this many n-grams in a call the vectorizer counts with a dict
# (:meth:`_NgramTables.count_few`), above it with arrays (:meth:`_NgramTables.count`): measured
# break-even ~100 characters (1-3-grams) or ~150 tokens (1-2-grams), a few short reviews.
SMALL_NGRAMS = 300


class _CsrParts:
    """The attributes of a CSR matrix that ``inplace_csr_row_normalize_l2`` reads, without one."""

    __slots__ = ("data", "indices", "indptr", "shape")

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n_columns: int) -> None:
        self.data, self.indices, self.indptr = data, indices, indptr
        self.shape = (len(indptr) - 1, n_columns)


class FastTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` with a vectorised transform for word and character n-grams.

    Same parameters and fitted state as scikit-learn's class; only counting the n-grams of
    new documents against the fitted vocabulary is done with numpy.
    """

    def _fast_path(self) -> bool:
        return (self.analyzer in ("word", "char") and self.stop_words is None and self.input == "content"
                and not self.lowercase and self.strip_accents is None and self.preprocessor is None
                and (self.analyzer == "char" or self.tokenizer is not None))

    def _tables(self) -> _NgramTables:
        tables = getattr(self, "_ngram_tables", None)
        if tables is None or tables[0] is not self.vocabulary_:
            tables = (self.vocabulary_, _NgramTables(self.vocabulary_, self.analyzer, self.ngram_range))
            self._ngram_tables = tables
        return tables[1]

    def _count_vocab(self, raw_documents: Any, fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        if not fixed_vocab or not self._fast_path():
            return super()._count_vocab(raw_documents, fixed_vocab)
        return self.vocabulary_, self._matrix(*self._count_parts(raw_documents))

    def _count_parts(self, raw_documents: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts of the count matrix of ``raw_documents`` against the fitted vocabulary."""
        documents = [d.decode(self.encoding, self.decode_error) if isinstance(d, bytes) else d for d in raw_documents]
        if self.analyzer == "char":
            units: list[Any] = [_WHITE_SPACES.sub(" ", d) for d in documents]
        else:
            tokenize = self.tokenizer
            units = [tokenize(d) for d in documents]
        tables = self._tables()
        few = sum(map(len, units)) * len(tables.orders) <= SMALL_NGRAMS
        return (tables.count_few if few else tables.count)(units, len(self.vocabulary_), self.dtype)

    def _matrix(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> Any:
        # The sparse type scikit-learn's own transform would answer under its current config.
        matrix_type = sp.csr_array if get_config().get("sparse_interface") == "sparray" else sp.csr_matrix
        return matrix_type((data, indices, indptr), shape=(len(indptr) - 1, len(self.vocabulary_)))

    def _direct(self, raw_documents: Any) -> bool:
        return not (isinstance(raw_documents, str) or self.binary or not self._fast_path()
                    or not hasattr(self, "vocabulary_"))

    def transform(self, raw_documents: Any) -> Any:
        """``TfidfVectorizer.transform`` without scikit-learn's per-call validation.

        The weighting below is TfidfTransformer's own (sublinear tf, idf, row norm) on the same
        counts; the validation it skips costs more than the arithmetic for a single review, which
        is what the HTTP service scores most often.
        """
        if not self._direct(raw_documents):
            return super().transform(raw_documents)
        if self.norm in (None, "l2"):
            return self._matrix(*self.transform_parts(raw_documents))
        _vocabulary, counts = self._count_vocab(raw_documents, fixed_vocab=True)
        self._weigh(counts.data, counts.indices, counts.indptr)
        return normalize(counts, norm=self.norm, copy=False)

    def transform_parts(self, raw_documents: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(data, indices, indptr)`` of :meth:`transform`, without building the matrix.

        The direct scoring path (``features.compiled``) joins the parts of all its blocks into
        one matrix; a scipy matrix per block would cost it more than the counting.
        """
        if not self._direct(raw_documents) or self.norm not in (None, "l2"):
            matrix = self.transform(raw_documents)
            return matrix.data, matrix.indices, matrix.indptr
        data, indices, indptr = self._count_parts(raw_documents)
        self._weigh(data, indices, indptr)
        if self.norm == "l2":
            # What normalize() calls, minus its validation (it reads these four attributes only).
            inplace_csr_row_normalize_l2(_CsrParts(data, indices, indptr, len(self.vocabulary_)))
        return data, indices, indptr

    def _weigh(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> None:
        """TfidfTransformer's sublinear tf and idf, in place on the counts."""
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        if self.use_idf:
            data *= self._tfidf.idf_[indices]

    def __getstate__(self) -> dict[str, Any]:
        # The lookup tables are a cache rebuilt on first use; keep them out of the pickle.
        state = dict(super().__getstate__())
        state.pop("_ngram_tables", None)
        return state
