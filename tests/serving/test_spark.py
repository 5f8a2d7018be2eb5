"""Spark engine: a real local[2] session scores a small file exactly like the local engine.

The partition function itself is plain pandas and is also tested without Spark.
"""

import importlib.util
import json
import shutil

import pandas as pd
import pytest

from serving import spark as spark_engine
from serving.batch import score_file

requires_spark = pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
    reason="pyspark and Java are needed for the Spark engine",
)

RECORDS = [
    {"review_id": "s1", "text": "差评！", "rating": 1, "chat": [{"role": "buyer", "text": "给我转30元我马上删差评"}]},
    {"review_id": "s2", "text": "衣服很好看，物流也快", "rating": 5},
    {"review_id": "s3", "text": "➕薇 abc12345 兼职日结", "rating": 5},
    {"review_id": "s4", "text": "根本没收到货", "rating": 1,
     "order": {"paid_at": "2026-10-01T10:00:00+08:00", "delivered_at": "2026-10-03T10:00:00+08:00",
               "logistics_status": "delivered"}},
    {"review_id": "bad", "text": "x", "rating": 9},
]


# An invalid row without an id: its result row must carry a null id, not the text "None".
NO_ID = {"text": "没有编号的评价", "rating": 9}


class NoScoring:
    """A predictor for partitions whose rows are all invalid: nothing may reach the model."""

    def classify_reviews(self, items, *, packages=True):
        assert items == []
        return []


@pytest.mark.parametrize("ids", [
    {"review_id": [None, "r2", None]},  # read as text: missing is None (or NaN under pandas' str dtype)
    {"review_id": pd.array([None, "r2", pd.NA], dtype="string")},  # nullable strings: pd.NA
    {"review_id": [float("nan"), 7.0, float("nan")]},  # a numeric id column: missing is NaN
])
def test_invalid_rows_keep_a_missing_id_null(monkeypatch, ids):
    monkeypatch.setitem(spark_engine._PREDICTORS, "no-scoring", NoScoring())
    frame = pd.DataFrame({**ids, "text": ["x", "y", "z"], "rating": ["9", "9", "0"]})
    [out] = spark_engine.score_partition(iter([frame]), kind="reviews", lean=True, settings_json="no-scoring")
    # Missing in pandas (None or NaN) is what Arrow hands to Spark as null.
    assert out["review_id"].isna().tolist() == [True, False, True]
    assert out["review_id"][1] in ("r2", "7.0")
    assert all("rating" in error for error in out["error"])


def test_invalid_row_without_an_id_column_keeps_a_null_id(monkeypatch):
    monkeypatch.setitem(spark_engine._PREDICTORS, "no-scoring", NoScoring())
    frame = pd.DataFrame({"text": ["x"], "rating": ["9"]})
    [out] = spark_engine.score_partition(iter([frame]), kind="reviews", lean=True, settings_json="no-scoring")
    assert out["review_id"].isna().tolist() == [True]


@requires_spark
@pytest.mark.integration  # starts a JVM
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_spark_and_local_engines_agree(trained_store, predictor, tmp_path, suffix):
    from serving.spark import score_file_with_spark

    records = [*RECORDS, NO_ID]
    source = tmp_path / f"in{suffix}"
    if suffix == ".jsonl":
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    else:
        flat = [{k: json.dumps(v, ensure_ascii=False) if k in ("chat", "order") else v for k, v in r.items()}
                for r in records]
        pd.DataFrame(flat).to_parquet(source, index=False)
    settings, _trained = trained_store
    counts = score_file_with_spark("reviews", source, tmp_path / "spark_out", lean=True,
                                   settings=settings.model_copy(update={"ledger_enabled": False}), master="local[2]")
    assert counts == {"rows_in": 6, "errors": 2, "scored": 4}
    result = pd.read_parquet(tmp_path / "spark_out")
    without_id = result[result["review_id"].isna()]
    assert len(without_id) == 1 and "review_id" in without_id["error"].iloc[0]
    assert "None" not in set(result["review_id"].dropna())
    spark = result.dropna(subset=["review_id"]).set_index("review_id").sort_index()
    assert "rating" in spark.loc["bad", "error"]

    score_file("reviews", source, tmp_path / "local.jsonl", predictor=predictor, lean=True, progress=False)
    local = pd.read_json(tmp_path / "local.jsonl", lines=True, dtype=False).set_index("review_id").sort_index()
    scored = spark.drop(index="bad")
    assert list(scored.index) == list(local.index)
    assert list(scored["label"]) == list(local["label"])
    assert list(scored["malicious"]) == list(local["malicious"])
    assert max(abs(a - b) for a, b in zip(scored["confidence"], local["confidence"], strict=True)) < 1e-9


@requires_spark
@pytest.mark.integration  # starts a JVM
def test_cli_spark_engine(trained_store, tmp_path):
    import os
    import subprocess
    import sys

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    env = {**os.environ, "REVIEWGUARD_LEDGER_ENABLED": "false"}
    completed = subprocess.run([sys.executable, "-m", "reviewguard", "score", "reviews", "--engine", "spark", "--master",
                                "local[2]", "--input", str(source), "--output", str(tmp_path / "out"), "--lean"],
                               capture_output=True, text=True, env=env, check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "rows in: 5  scored: 4  errors: 1" in completed.stdout
    assert len(pd.read_parquet(tmp_path / "out")) == 5
