"""`reviewguard audit-rules`: fire rates of the rule-based report reasons on corpora laid out like the public ones."""

import gzip

from reviewguard.cli import main
from tests.training.test_corpora import make_data_dir
from training.rule_audit import audit, format_audit


def test_audit_counts_rules_per_corpus_and_polarity(tmp_path):
    data = make_data_dir(tmp_path)
    with gzip.open(data / "online_shopping_10_cats/online_shopping_10_cats.csv.gz", "at", encoding="utf-8") as handle:
        handle.write("衣服,0,垃圾店，傻逼客服\n衣服,1,非常满意，质量很好，推荐\n")
    report = audit(data, per_corpus=100, samples=5)
    negative = report["rates"]["online_shopping_10_cats/negative"]
    assert negative["abuse"] > 0 and set(negative) >= {"rows", "abuse", "rating_mismatch", "price_drop"}
    assert report["rates"]["online_shopping_10_cats/positive_as_1_star"]["rating_mismatch"] > 0
    assert report["rates"]["online_shopping_10_cats/positive"]["rating_mismatch"] == 0  # 5 stars: never a mismatch
    assert "垃圾店，傻逼客服" in report["examples"]["online_shopping_10_cats/negative/abuse"]
    assert "online_shopping_10_cats/negative" in format_audit(report)


def test_cli_without_corpora_says_what_it_needs(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("REVIEWGUARD_DATA_DIR", raising=False)
    assert main(["audit-rules"]) == 2
    assert "public corpora" in capsys.readouterr().err
