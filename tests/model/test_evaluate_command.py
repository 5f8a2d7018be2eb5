"""`reviewguard evaluate`: a merchant's labelled history scored with the champion, as the service decides."""

import json
from pathlib import Path

import pytest

from reviewguard.cli import main

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
HANDWRITTEN = Path(__file__).resolve().parents[1] / "data" / "handwritten_cases.jsonl"


def test_evaluate_reports_quality_of_a_labelled_file(trained_store, tmp_path, capsys):
    cases = tmp_path / "cases.jsonl"
    lines = HANDWRITTEN.read_text("utf-8").splitlines()
    # One unusable row: counted and named, never silently dropped.
    cases.write_text("\n".join([*lines, json.dumps({"review_id": "bad", "text": "x", "rating": 9, "label": "ad"})]),
                     "utf-8")
    report_path = tmp_path / "report.json"
    assert main(["evaluate", "--cases", str(cases), "--json", str(report_path)]) == 0
    out = capsys.readouterr()
    assert "macro-F1" in out.out and "confusion" in out.out
    assert "rating" in out.err  # the unusable row's field
    report = json.loads(report_path.read_text("utf-8"))["reviews"]
    assert report["rows"] == len(lines) and report["unusable_rows"] == 1
    assert set(report["per_label"]) <= {"extortion", "competitor", "ad", "meaningless", "false_claim", "normal"}
    assert 0.0 <= report["macro_f1"] <= 1.0 and 0.0 <= report["needs_review_rate"] <= 1.0
    # No malicious result without the evidence its label needs.
    assert report["malicious_asserted_without_evidence"] == 0
    assert sum(sum(row.values()) for row in report["confusion"].values()) == len(lines)


def test_evaluate_orders_and_clear_usage_errors(trained_store, tmp_path, capsys):
    orders = tmp_path / "orders.csv"
    orders.write_text("order_id,label,shipping_address,same_address_orders_24h\n"
                      "o1,normal,四川省南充市仪陇县柳林镇张庄村5社12号,1\n"
                      "o2,malicious,某小区门口,6\n", "utf-8")
    assert main(["evaluate", "--cases", str(orders), "--kind", "orders"]) == 0
    assert "ROC-AUC" in capsys.readouterr().out
    assert main(["evaluate", "--cases", str(tmp_path / "missing.jsonl")]) == 2
    assert main(["evaluate", "--cases", str(orders), "--kind", "reviews"]) == 2
    assert main(["evaluate", "--cases", str(orders), "--model-version", "99"]) == 3


@pytest.mark.skipif(not (SHARED_EVAL / "dev_cases.jsonl").exists(), reason="../shared/eval absent")
def test_shared_dev_sets_stay_above_their_floor(trained_store, tmp_path):
    """The hand-written dev sets nobody on the team wrote; floors sit below the small CI model's figures."""
    report_path = tmp_path / "dev.json"
    assert main(["evaluate", "--cases", str(SHARED_EVAL / "dev_cases.jsonl"), "--json", str(report_path)]) == 0
    reviews = json.loads(report_path.read_text("utf-8"))["reviews"]
    assert reviews["malicious_asserted_without_evidence"] == 0
    assert reviews["macro_f1"] >= 0.85, reviews["worst_errors"]  # small config: 0.93
    assert reviews["genuine_flagged"] <= 1, reviews["worst_errors"]  # small config: 0 of 37
    assert main(["evaluate", "--cases", str(SHARED_EVAL / "dev_orders.jsonl"), "--json", str(report_path)]) == 0
    orders = json.loads(report_path.read_text("utf-8"))["orders"]
    assert orders["genuine_harsh_action"] == 0 and orders["harsh_action_without_reason"] == 0
    assert orders["roc_auc"] >= 0.9  # small config: 1.00
