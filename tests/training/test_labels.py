"""Merchant-labelled data is read, validated, merged with precedence, and never dropped silently."""

import json

from training.config import load_config
from training.dataset import build_order_dataset, build_review_dataset
from training.labels import load_labels
from training.simulator import simulate_reviews


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_labels_file_rows_are_validated_and_counted(tmp_path):
    path = tmp_path / "labels.jsonl"
    _write(path, [
        {"review_id": "m1", "text": "说好的返现呢，不给就追评", "rating": 1, "label": "extortion"},
        {"review_id": "m2", "text": "还不错", "rating": 5, "label": "normal"},
        {"review_id": "m3", "text": "x", "rating": 5, "label": "spam"},
        {"review_id": "m4", "text": "x", "rating": 9, "label": "normal"},
        {"review_id": "m5", "text": "x", "rating": 3},
        {"order_id": "o1", "shipping_address": "某小区门口", "label": "malicious"},
        {"order_id": "o2", "label": "benign"},
    ])
    data = load_labels(path)
    assert data.rows_in == 7
    assert [label for _item, label in data.reviews] == ["extortion", "normal"]
    assert [label for _item, label in data.orders] == [1, 0]
    assert len(data.errors) == 3
    assert "label: must be one of" in data.errors[0] and "rating" in data.errors[1] and "label: field required" in data.errors[2]


def test_labelled_rows_outrank_bootstrap_rows_and_weigh_more(tmp_path):
    config = load_config("small").dataset
    generated = simulate_reviews(1, seed=config.seed, scenarios=["normal/short_positive"])[0].item
    path = tmp_path / "labels.csv"
    import pandas as pd

    pd.DataFrame([
        {"review_id": "m1", "text": generated["text"], "rating": 5, "label": "meaningless"},
        {"review_id": "m2", "text": "商家人很好，下次还来", "rating": 5, "label": "normal"},
    ]).to_csv(path, index=False)
    data = load_labels(path)
    dataset = build_review_dataset(config, None, data)
    same_text = dataset.frame[dataset.frame["text"] == generated["text"]]
    assert set(same_text["label"]) == {"meaningless"} and set(same_text["kind"]) == {"labelled"}
    assert (dataset.frame.loc[dataset.frame["kind"] == "labelled", "weight"] == config.labelled_weight).all()
    assert dataset.manifest["labels_file"]["reviews"] == 2
    assert "labelled" in {s["kind"] for s in dataset.manifest["sources"]}


def test_labelled_orders_join_the_order_dataset(tmp_path):
    path = tmp_path / "orders.jsonl"
    _write(path, [{"order_id": f"lo{i}", "shipping_address": "某小区门口", "label": "malicious"} for i in range(5)])
    dataset = build_order_dataset(load_config("small").dataset, load_labels(path))
    labelled = dataset.frame[dataset.frame["kind"] == "labelled"]
    assert len(labelled) == 5 and set(labelled["label"]) == {1}


def test_cli_train_with_labels_logs_them_in_the_manifest(tmp_path):
    import os
    import subprocess
    import sys

    path = tmp_path / "labels.jsonl"
    _write(path, [{"review_id": f"m{i}", "text": f"第{i}次买了，质量一直很稳定", "rating": 5, "label": "normal"}
                  for i in range(30)] + [{"review_id": "bad", "text": "x", "rating": 0, "label": "normal"}])
    env = {**os.environ, "REVIEWGUARD_HOME": str(tmp_path / "home"), "REVIEWGUARD_TRACKING_URI": ""}
    env.pop("MLFLOW_TRACKING_URI", None)
    completed = subprocess.run([sys.executable, "-m", "reviewguard", "train", "--config", "small", "--labels", str(path)],
                               capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "31 rows, 30 reviews, 0 orders, 1 unusable" in completed.stdout
    assert "skipped row 31: rating" in completed.stdout
    assert "registered reviewguard-review version 1 -> @champion" in completed.stdout

    missing = subprocess.run([sys.executable, "-m", "reviewguard", "train", "--labels", str(tmp_path / "nope.csv")],
                             capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert missing.returncode == 2 and "labels file not found" in missing.stderr
