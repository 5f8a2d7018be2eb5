"""Loaders of the data-dir corpora, on tiny made-up fixtures in the real files' formats.

The fixture strings are the project's own writing; the real corpora are only read (and only by
the tests marked ``requires_shared_data``).
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from tests.conftest import requires_shared_data, shared_data_dir
from training import corpora


def _write_csv_gz(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


SHOPPING_PHRASES = {
    "书籍": ("这本书的纸张{}很厚实，内容{}也写得很用心", "书角压坏了{}，印刷{}模糊，看着很累"),
    "水果": ("橙子{}很甜很新鲜，个头{}也大", "苹果有{}几个烂了，口感{}发面"),
}
SPAM_MAIL = ("尊敬的客户您好：本店春季活动全场八折优惠，会员再送精美礼品一份。 "
             "From: someone{}@example.com  欢迎来电咨询订购，名额有限先到先得！ "
             "联系人：王先生 电话：0101234{}  本公司长期提供各类办公用品批发，价格实惠。")
HAM_POST = "周末和室友去爬山{}，山顶的风景特别好，下山的时候下起了小雨，大家都淋湿了。"


def make_data_dir(root: Path, n: int = 12) -> Path:
    """A data dir with every corpus the loaders read: a few made-up rows in each real format."""
    data = root / "data"
    shopping = [[cat, label, phrases[1 - label].format(i, cat)]
                for cat, phrases in SHOPPING_PHRASES.items() for i in range(n) for label in (0, 1)]
    _write_csv_gz(data / "online_shopping_10_cats/online_shopping_10_cats.csv.gz", ["cat", "label", "review"], shopping)
    _write_csv_gz(data / "waimai_10k/waimai_10k.csv.gz", ["label", "review"],
                  [[1, f"送餐很快{i}分钟就到了，饭菜还是热的"] for i in range(n)]
                  + [[0, f"等了{i + 60}分钟才送到，汤都洒了"] for i in range(n)])
    _write_csv_gz(data / "trec06c_bayesspam/trec06c_bayesspam.csv.gz",
                  ["label", "subject", "text", "truncated", "source_file"],
                  [["spam", "春季活动优惠通知", SPAM_MAIL.format(i, i), 0, f"data/spam/{i}"] for i in range(n)]
                  + [["spam", "自动回复", "您好，我已经收到你的E-mail，会尽快回复。", 0, "data/spam/999"]]
                  + [["ham", "[BBS] post", HAM_POST.format(i), 0, f"data/normal/{i}"] for i in range(n)])
    _write_csv_gz(data / "mc_qq_group_ads/mc_qq_group_ads.csv.gz", ["label", "text", "label_conflict", "source_file"],
                  [["ad", f"出售游戏皮肤账号低价包售后加群{1000 + i}", 0, "x.txt"] for i in range(n)]
                  + [["ad", f"新开服务器招募玩家{i}，福利多多速来群{i}{i}", 0, "x.txt"] for i in range(n)]
                  + [["normal", f"今天的作业写完了没{i}", 0, "x.txt"] for i in range(n)])
    _write_csv_gz(data / "dianping_cote/dianping_cote.csv.gz", ["text", "opinion_target", "has_phone"],
                  [[f"小面馆{i}的牛肉面汤头浓郁，团购很划算", "小面馆", 0] for i in range(n)]
                  + [["小面馆订座电话13800000000", "小面馆", 1]])
    _write_csv_gz(data / "cosmetics_zhijiang/cosmetics_zhijiang.csv.gz", ["sentiment", "text", "aspects", "split"],
                  [row for i in range(n) for row in (
                      ["positive", f"面霜{i}很滋润，不油腻", "功效", "train"], ["negative", f"乳液{i}用了起痘", "功效", "train"],
                      ["mixed", f"口红{i}颜色好看就是有点干", "整体", "train"], ["unlabeled", f"粉底{i}很服帖", "", "test"])])
    _write_csv_gz(data / "asap_dianping_sample/asap_dianping_sample.csv.gz",
                  ["rating", "text", "aspect_pos", "aspect_neg", "split", "asap_index"],
                  [[5, f"烤鸭店{i}的鸭皮酥脆，服务员很热情\\n下次还来", "dish_taste", "", "train", i] for i in range(n)]
                  + [[1, f"火锅店{i}等位两小时，锅底还很咸", "", "dish_taste", "dev", 100 + i] for i in range(n)]
                  + [[3, "还行吧，中规中矩", "", "", "test", 999]])
    jddc = []
    for s in range(n):
        jddc += [["customer", f"我的快递{s}怎么还没到 [数字x]天了", 1, f"s{s}", 0, 4],
                 ["agent", "亲，这边帮您查询一下", 0, f"s{s}", 1, 4],
                 ["customer", "[订单编号:[订单x]，订单金额:[金额x]]", 1, f"s{s}", 2, 4],
                 ["customer", f"那退款{s}什么时候能到", 0, f"s{s}", 3, 4]]
    _write_csv_gz(data / "jddc_sample/jddc_sample.csv.gz",
                  ["speaker", "text", "has_mask", "session_id", "turn", "session_turns"], jddc)
    _write_csv_gz(data / "comment_antispam/comment_antispam_dedup.csv.gz", ["label", "text"],
                  [[1, f"在家兼职日赚百元{i}，详情加qq{20000 + i}"] for i in range(n)]
                  + [[0, f"这款手机{i}的屏幕不错"] for i in range(n)])
    (data / "msra_news_sentences").mkdir(parents=True)
    with gzip.open(data / "msra_news_sentences/msra_sentences.txt.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(f"本市今年第{i}季度的降雨量比往年同期偏多。\n" for i in range(n))
    _write_csv_gz(data / "coldataset/train.csv.gz", ["split", "topic", "label", "text"],
                  [["train", "region", i % 2, f"这个城市{i}的人说话都很直爽"] for i in range(n)])
    _write_csv_gz(data / "weibo_senti_2400/weibo_senti_2400.csv.gz", ["label", "review"],
                  [[1, f"今天天气真好{i}[哈哈]"] for i in range(n)])
    return data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path)


def test_text_chunks_are_sentence_sized() -> None:
    long = "本店新品上市，" * 40 + "欢迎选购。短句。" + "另一句话也在这里结束。"
    chunks = corpora.text_chunks(long)
    assert chunks and all(8 <= len(c) <= 120 for c in chunks)
    assert corpora.text_chunks("太短了") == []


def test_promotional_chunks_need_an_offer_and_no_header() -> None:
    assert corpora.is_promotional_chunk("三八节活动全场五折，详情进店咨询")
    assert corpora.is_promotional_chunk("新学期开课啦，招生电话请致电前台")
    assert not corpora.is_promotional_chunk("From: someone@example.com")
    assert not corpora.is_promotional_chunk("周末和室友去爬山，山顶的风景特别好")


def test_trec_spam_chunks_are_promotional_and_grouped_by_mail(data_dir: Path) -> None:
    spam, ham, infos = corpora.trec_mail(data_dir, max_chunks_per_mail=3)
    assert infos and infos[0].name == "trec06c_bayesspam"
    assert spam and all(corpora.is_promotional_chunk(r.text) and 8 <= len(r.text) <= 120 for r in spam)
    assert not any("@" in r.text or "From" in r.text for r in spam)
    per_mail = {}
    for row in spam:
        per_mail[row.group] = per_mail.get(row.group, 0) + 1
    assert max(per_mail.values()) <= 3
    assert "trec:data/spam/999" not in per_mail  # auto-reply: unsolicited, not promotional
    assert len(ham) == 12 and {r.source for r in ham} == {"trec06c_bayesspam/ham"}


def test_qq_ads_cluster_template_variants(data_dir: Path) -> None:
    ads, chat, _infos = corpora.qq_group_messages(data_dir)
    assert len(ads) == 24 and len(chat) == 12
    account_ads = [r for r in ads if r.text.startswith("出售")]
    assert len({r.group for r in account_ads}) == 1  # only the group number changes


def test_review_corpora_keep_sentiment_and_ratings(data_dir: Path) -> None:
    dianping, _ = corpora.dianping_reviews(data_dir)
    assert len(dianping) == 12 and not any("13800000000" in r.text for r in dianping)
    cosmetics, _ = corpora.cosmetics_reviews(data_dir)
    by_text = {r.text: r.positive for r in cosmetics}
    assert by_text["面霜0很滋润，不油腻"] is True and by_text["乳液0用了起痘"] is False
    assert by_text["口红0颜色好看就是有点干"] is None
    asap, _ = corpora.asap_reviews(data_dir)
    assert {(r.rating, r.positive) for r in asap} == {(5, True), (1, False), (3, None)}
    assert not any("\\n" in r.text for r in asap)


def test_jddc_sessions_are_buyer_turns_without_masks(data_dir: Path) -> None:
    sessions, infos = corpora.jddc_buyer_sessions(data_dir)
    assert len(sessions) == 12 and infos
    assert sessions[0] == ["我的快递0怎么还没到 3天了", "那退款0什么时候能到"]
    assert not any("[" in turn for session in sessions for turn in session)


def test_loaders_without_the_corpora_return_nothing(tmp_path: Path) -> None:
    assert corpora.trec_mail(tmp_path) == ([], [], [])
    assert corpora.qq_group_messages(tmp_path) == ([], [], [])
    assert corpora.dianping_reviews(tmp_path) == ([], [])
    assert corpora.jddc_buyer_sessions(tmp_path) == ([], [])


@requires_shared_data
def test_real_promotional_corpora_load() -> None:
    data = shared_data_dir()
    spam, ham, _ = corpora.trec_mail(data)
    assert len(spam) > 2000 and len({r.group for r in spam}) > 1000 and len(ham) > 5000
    assert sum(corpora.is_promotional_chunk(r.text) for r in spam) == len(spam)
    ads, chat, _ = corpora.qq_group_messages(data)
    assert len(ads) > 300 and len(chat) > 1000
    for loader, minimum in ((corpora.dianping_reviews, 10000), (corpora.cosmetics_reviews, 5000),
                            (corpora.asap_reviews, 300)):
        rows, infos = loader(data)
        assert len(rows) >= minimum and infos
    sessions, _ = corpora.jddc_buyer_sessions(data)
    assert len(sessions) > 900
