"""The vectorised transforms give exactly what the plain Python definitions give."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from features.language_model import CharBigramSurprise
from features.text import normalize_text
from features.tokenizer import JiebaTokenizer
from features.vectorize import FastTfidfVectorizer
from training.simulator import simulate_reviews

# The vectorizer settings every comparison here shares.
COMMON = {"min_df": 2, "max_features": 800, "sublinear_tf": True, "lowercase": False, "dtype": np.float32}


@pytest.fixture(scope="module")
def texts() -> list[str]:
    generated = [normalize_text(case.item["text"]) for case in simulate_reviews(1500, seed=5)]
    # Edge cases: empty, one character, emoji outside the BMP, whitespace runs, unseen characters.
    return [*generated, "", "a", "好", "😀😀好评", "a  b   c", "龘龘龘", "加微信 abc12345"]


@pytest.mark.parametrize(
    "options",
    [
        {"analyzer": "char", "ngram_range": (1, 3)},
        {"analyzer": "char", "ngram_range": (2, 2)},
        {"tokenizer": JiebaTokenizer(), "token_pattern": None, "ngram_range": (1, 2)},
        {"tokenizer": JiebaTokenizer(), "token_pattern": None, "ngram_range": (1, 1)},
    ],
    ids=["char-1-3", "char-2", "words-1-2", "words-1"],
)
def test_fast_tfidf_equals_scikit_learn(texts: list[str], options: dict) -> None:
    train, new = texts[:900], texts[900:]
    reference = TfidfVectorizer(**COMMON, **options).fit(train)
    fast = FastTfidfVectorizer(**COMMON, **options).fit(train)
    assert fast.vocabulary_ == reference.vocabulary_
    expected, got = reference.transform(new), fast.transform(new)
    assert type(got) is type(expected) and got.dtype == expected.dtype and got.shape == expected.shape
    assert (got != expected).nnz == 0
    # Round trip through pickle (the model is logged whole) keeps the result.
    assert (pickle.loads(pickle.dumps(fast)).transform(new) != expected).nnz == 0


def test_fast_tfidf_falls_back_when_lowercasing() -> None:
    docs = ["Good 好评", "good 差评", "GOOD 好评"]
    reference = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(docs)
    fast = FastTfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(docs)
    assert (fast.transform(docs) != reference.transform(docs)).nnz == 0


def _reference_surprise(model: CharBigramSurprise, train: list[str], text: str) -> tuple[float, float]:
    """The definition, one character at a time, with counts taken straight from ``train``."""
    unigrams: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    contexts: dict[str, int] = {}
    for doc in train:
        previous = "\x02"
        for char in doc:
            unigrams[char] = unigrams.get(char, 0) + 1
            pairs[(previous, char)] = pairs.get((previous, char), 0) + 1
            contexts[previous] = contexts.get(previous, 0) + 1
            previous = char
    total, vocabulary = sum(unigrams.values()), len(unigrams) + 1
    if not text:
        return 0.0, 0.0
    bits, unseen, previous = 0.0, 0, "\x02"
    for char in text:
        unigram = (unigrams.get(char, 0) + 1) / (total + vocabulary) if char in unigrams else 1 / (total + vocabulary)
        pair = pairs.get((previous, char), 0)
        unseen += pair == 0
        bits -= math.log2((pair + model.alpha * unigram) / (contexts.get(previous, 0) + model.alpha))
        previous = char
    return bits / len(text), unseen / len(text)


def test_char_bigram_surprise_matches_its_definition(texts: list[str]) -> None:
    train, new = texts[:900], texts[900:]
    model = CharBigramSurprise(reference="training").fit(train)
    got = model.transform(new)
    assert got.shape == (len(new), 2)
    expected = np.asarray([_reference_surprise(model, train, t) for t in new])
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    # Gibberish is more surprising than a real review.
    mash, real = model.transform(["qzxjvkwpqz", "质量很好，物流很快"])
    assert mash[0] > real[0] and mash[1] > real[1]


def test_char_bigram_surprise_logged_in_the_old_dict_form_still_loads(texts: list[str]) -> None:
    train, new = texts[:900], texts[900:]
    unigrams: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    contexts: dict[str, int] = {}
    for doc in train:
        previous = "\x02"
        for char in doc:
            unigrams[char] = unigrams.get(char, 0) + 1
            pairs[(previous, char)] = pairs.get((previous, char), 0) + 1
            contexts[previous] = contexts.get(previous, 0) + 1
            previous = char
    total, vocabulary = sum(unigrams.values()), len(unigrams) + 1
    legacy_state = {
        "alpha": 1.0, "n_features_in_": 1, "unseen_log2_": math.log2(1 / (total + vocabulary)),
        "unigram_log2_": {c: math.log2((n + 1) / (total + vocabulary)) for c, n in unigrams.items()},
        "context_counts_": contexts, "bigram_counts_": pairs,
    }
    legacy = CharBigramSurprise.__new__(CharBigramSurprise)
    legacy.__setstate__(legacy_state)
    current = CharBigramSurprise(reference="training").fit(train)
    np.testing.assert_allclose(legacy.transform(new), current.transform(new), rtol=1e-12)
    # It counted its training text, and says so (clone and get_params read the attribute).
    assert legacy.get_params() == {"alpha": 1.0, "reference": "training"}


def test_char_bigram_surprise_under_the_dictionary_does_not_depend_on_the_training_text(texts: list[str]) -> None:
    """Every text, training rows included, is scored by a model that never saw it: natural text of
    a domain the training set lacks is as unsurprising as a review, gibberish stays apart."""
    model = CharBigramSurprise().fit(texts[:900])
    other = CharBigramSurprise().fit(["完全不同的一句话"])
    assert np.array_equal(model.pair_keys_, other.pair_keys_) and np.array_equal(model.pair_counts_, other.pair_counts_)
    natural = ["质量很好，物流很快", "本公司专业安装报警系统，欢迎来电咨询", "今天天气晴朗，我们去公园散步", "面料材质薄的透明"]
    gibberish = ["qzxjvkwpqz", "锟斤拷锟斤拷烫烫烫", "@#%&*@#%&*", "ｑｗｅｒｔｙｕｉｏｐ"]
    surprise = model.transform(natural + gibberish)[:, 0]
    assert surprise[len(natural):].min() > surprise[:len(natural)].max() + 2
    with pytest.raises(ValueError, match="reference"):
        CharBigramSurprise(reference="news").fit(texts)


@pytest.mark.parametrize(
    "options",
    [
        {"analyzer": "char", "ngram_range": (1, 3)},
        {"analyzer": "char", "ngram_range": (2, 3)},
        {"tokenizer": JiebaTokenizer(), "token_pattern": None, "ngram_range": (1, 2)},
        {"tokenizer": JiebaTokenizer(), "token_pattern": None, "ngram_range": (2, 2)},
    ],
    ids=["char-1-3", "char-2-3", "words-1-2", "words-2"],
)
def test_dict_counting_of_a_few_documents_equals_the_array_counting(texts: list[str], options: dict) -> None:
    """count_few (one review per request) gives the very arrays count gives, dtypes included."""
    import random

    from features.vectorize import _WHITE_SPACES

    train, new = texts[:900], texts[900:]
    fast = FastTfidfVectorizer(**COMMON, **options).fit(train)
    tables = fast._tables()

    def units(documents: list[str]) -> list:
        if fast.analyzer == "char":
            return [_WHITE_SPACES.sub(" ", d) for d in documents]
        return [fast.tokenizer(d) for d in documents]

    rng = random.Random(7)
    batches = [[text] for text in new] + [rng.sample(new, rng.randint(2, 12)) for _ in range(200)]
    for batch in batches:
        few = tables.count_few(units(batch), len(fast.vocabulary_), fast.dtype)
        array = tables.count(units(batch), len(fast.vocabulary_), fast.dtype)
        for got, expected in zip(few, array, strict=True):
            assert got.dtype == expected.dtype and np.array_equal(got, expected), batch
    # Both paths of transform equal scikit-learn's transform, row by row and together.
    reference = TfidfVectorizer(**COMMON, **options).fit(train)
    for text in new[:150]:
        assert (fast.transform([text]) != reference.transform([text])).nnz == 0
    expected = reference.transform(new)
    assert (fast.transform(new) != expected).nnz == 0
    data, indices, indptr = fast.transform_parts(new[:5])
    small = reference.transform(new[:5])
    assert np.array_equal(data, small.data) and np.array_equal(indices, small.indices)
    assert np.array_equal(indptr, small.indptr) and data.dtype == small.dtype


def test_char_bigram_surprise_of_a_few_texts_equals_the_array_path(texts: list[str]) -> None:
    """The few-texts transform (dict lookups) gives the array path's numbers bit for bit."""
    import random

    model = CharBigramSurprise(reference="training").fit(texts[:900])
    new = [*texts[900:], "", "\x02", "😀😀", "\ud800x", "龘龘龘" * 40]
    padding = ["x" * 100]  # more than SMALL_CHARACTERS: the array path

    def array_path(batch: list[str]) -> np.ndarray:
        return model.transform([*batch, *padding])[:len(batch)]

    for text in new:
        assert np.array_equal(model._transform_few([text]), array_path([text])), text
    rng = random.Random(3)
    for _ in range(300):
        batch = rng.sample(new, rng.randint(1, 8))
        got = model._transform_few(batch)
        assert got.dtype == np.float64 and got.shape == (len(batch), 2)
        assert np.array_equal(got, array_path(batch))
        assert np.array_equal(model.transform(batch), got)
    assert np.array_equal(model.transform(["", ""]), np.zeros((2, 2)))
    # The lookup dicts are a cache: not pickled, rebuilt after a refit.
    assert "_lookup_maps" not in pickle.loads(pickle.dumps(model)).__dict__
    refit = model.fit(texts[900:1200])
    assert np.array_equal(refit._transform_few(new[:3]), refit.transform([*new[:3], *padding])[:3])
