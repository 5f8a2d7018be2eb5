"""Batch CLI over CSV, JSONL and Parquet, including bad rows and exact row accounting."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from features.schema import validate_review
from serving.batch import score_file

GOOD = [
    {"review_id": "g1", "text": "给我转30元我马上删差评", "rating": 1,
     "chat": [{"role": "buyer", "text": "给我转30元我马上删差评"}]},
    {"review_id": "g2", "text": "衣服很好看，物流也快，好评", "rating": 5},
    {"review_id": "g3", "text": "质量一般，有点失望", "rating": 2,
     "order": {"order_id": "o3", "paid_at": "2026-10-01T10:00:00+08:00", "delivered_at": "2026-10-03T10:00:00+08:00",
               "logistics_status": "delivered"}, "buyer": {"account_age_days": 400}},
]
BAD = [
    ({"review_id": "b1", "text": "x", "rating": 9}, "rating"),
    ({"review_id": "b2", "rating": 3}, "text"),
    ({"review_id": "b3", "text": "x", "rating": 3, "created_at": "yesterday"}, "created_at"),
]


def _flat(record: dict) -> dict:
    row = dict(record)
    for key in ("chat", "order", "buyer"):
        if key in row:
            row[key] = json.dumps(row[key], ensure_ascii=False)
    return row


def write_input(path: Path, records: list[dict]) -> None:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    elif path.suffix == ".csv":
        pd.DataFrame([_flat(r) for r in records]).to_csv(path, index=False)
    else:
        pd.DataFrame([_flat(r) for r in records]).to_parquet(path, index=False)


def read_output(path: Path) -> pd.DataFrame:
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"review_id": str})
    return pd.read_parquet(path)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_cli_scores_every_format_and_accounts_for_every_row(trained_store, tmp_path, suffix):
    source = tmp_path / f"in{suffix}"
    output = tmp_path / f"out{suffix}"
    records = GOOD + [bad for bad, _field in BAD]
    write_input(source, records)
    completed = subprocess.run(
        [sys.executable, "-m", "reviewguard", "score", "reviews", "--input", str(source), "--output", str(output),
         "--no-progress"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "rows in: 6  scored: 3  errors: 3" in completed.stdout
    result = read_output(output)
    assert list(result["review_id"].astype(str)) == ["g1", "g2", "g3"]
    assert {"label", "confidence", "malicious", "needs_review", "evidence_codes", "missing_evidence",
            "appeal_reason_code", "model_version", "probabilities", "appeal"} <= set(result.columns)
    errors = [json.loads(line) for line in (tmp_path / f"out{suffix}.errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["id"] for e in errors] == ["b1", "b2", "b3"]
    for error, (_bad, field) in zip(errors, BAD, strict=True):
        assert any(message.startswith(field) for message in error["errors"]), error


def test_jsonl_with_broken_lines_and_invalid_utf8(trained_store, predictor, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD[1], ensure_ascii=False).encode(), b"{broken json", b"[1,2]",
             b'{"review_id": "u", "text": "\xff\xfe", "rating": 3}', b""]
    source.write_bytes(b"\n".join(lines) + b"\n")
    summary = score_file("reviews", source, tmp_path / "out.jsonl", predictor=predictor, progress=False)
    assert (summary.rows_in, summary.scored, summary.errors) == (5, 1, 4)
    reasons = [json.loads(x)["errors"][0] for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert reasons[0].startswith("not valid JSON") and "expected a JSON object" in reasons[1]
    assert "invalid UTF-8" in reasons[2] and reasons[3] == "empty line"


def test_csv_with_invalid_utf8_cell_fails_only_that_row(trained_store, predictor, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes("review_id,text,rating\nok,很好,5\nbad,".encode() + b"\xff\xfe" + ",3\nok2,还行,4\n".encode())
    summary = score_file("reviews", source, tmp_path / "out.csv", predictor=predictor, progress=False)
    assert (summary.rows_in, summary.scored, summary.errors) == (3, 2, 1)
    error = json.loads((tmp_path / "out.csv.errors.jsonl").read_text())
    assert error["id"] == "bad" and error["errors"][0].startswith("text: invalid UTF-8")


def test_lean_output_and_orders(trained_store, predictor, tmp_path):
    orders = tmp_path / "orders.jsonl"
    orders.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in [
        {"order_id": "o1", "shipping_address": "某小区门口", "same_address_orders_24h": 7},
        {"order_id": "o2", "amount": 39.9},
        {"amount": 1},
    ]) + "\n", encoding="utf-8")
    summary = score_file("orders", orders, tmp_path / "orders_out.parquet", predictor=predictor, lean=True,
                         progress=False)
    assert (summary.rows_in, summary.scored, summary.errors) == (3, 2, 1)
    frame = pd.read_parquet(tmp_path / "orders_out.parquet")
    assert list(frame.columns) == ["order_id", "risk", "level", "action", "model_version"]


def test_empty_input_gives_empty_output_with_header(trained_store, predictor, tmp_path):
    source = tmp_path / "empty.jsonl"
    source.write_text("", encoding="utf-8")
    summary = score_file("reviews", source, tmp_path / "out.csv", predictor=predictor, progress=False)
    assert summary.rows_in == 0
    assert "review_id" in (tmp_path / "out.csv").read_text().splitlines()[0]


def test_unsupported_format_and_missing_file_are_clear_errors(trained_store, tmp_path):
    (tmp_path / "x.txt").write_text("hi")
    for args in (["--input", str(tmp_path / "x.txt")], ["--input", str(tmp_path / "missing.csv")]):
        completed = subprocess.run([sys.executable, "-m", "reviewguard", "score", "reviews", *args, "--output",
                                    str(tmp_path / "o.csv")], capture_output=True, text=True, check=False)
        assert completed.returncode == 2
        assert "error:" in completed.stderr and "Traceback" not in completed.stderr


def test_batch_and_http_give_the_same_result(trained_store, predictor, http_client, tmp_path):
    """Parity: the same item scored through HTTP and through a batch file is identical."""
    source = tmp_path / "parity.jsonl"
    write_input(source, GOOD)
    score_file("reviews", source, tmp_path / "parity_out.jsonl", predictor=predictor, progress=False)
    # json, not pandas: pandas' fast float parser rounds the last digit
    batch = [json.loads(line) for line in (tmp_path / "parity_out.jsonl").read_text("utf-8").splitlines()]
    http_items = [validate_review(r).model_dump(mode="json") for r in GOOD]
    http = http_client.post("/v1/reviews/classify", json={"items": http_items}).json()
    for row, result in zip(batch, http, strict=True):
        assert row["label"] == result["label"]
        assert row["confidence"] == result["confidence"]
        assert json.loads(row["probabilities"]) == result["probabilities"]
        assert (json.loads(row["appeal"]) if row["appeal"] else None) == result["appeal"]


def test_lean_parallel_parquet_equals_http_field_by_field(trained_store, predictor, http_client, tmp_path):
    """Lean output skips the appeal/reply packages, but its columns equal HTTP's to the byte.

    Two worker processes (each single-threaded LightGBM, chunks handed over as Arrow batches)
    score a Parquet file of generated reviews of every label; HTTP scores the same items.
    """
    from training.simulator import simulate_reviews

    settings, _trained = trained_store
    records = [{**case.item, "review_id": f"s{index:04d}"} for index, case in enumerate(simulate_reviews(240, seed=31))]
    source = tmp_path / "mixed.parquet"
    write_input(source, records)
    output = tmp_path / "mixed_out.parquet"
    summary = score_file("reviews", source, output, predictor=predictor, lean=True, progress=False, workers=2,
                         chunk_rows=50, settings=settings)
    assert (summary.rows_in, summary.scored, summary.errors) == (240, 240, 0)
    lean = pd.read_parquet(output).to_dict("records")
    http = []
    for start in range(0, len(records), 100):
        items = [validate_review(r).model_dump(mode="json") for r in records[start:start + 100]]
        http.extend(http_client.post("/v1/reviews/classify", json={"items": items}).json())
    assert any(r["appeal"] for r in http) and any(not r["appeal"] for r in http)
    for row, result in zip(lean, http, strict=True):
        expected = {"review_id": result["review_id"], "label": result["label"], "confidence": result["confidence"],
                    "malicious": result["malicious"], "needs_review": result["needs_review"],
                    "evidence_codes": ",".join(e["code"] for e in result["evidence"]) or None,
                    "missing_evidence": result["missing_evidence"],
                    "appeal_reason_code": result["appeal"]["reason_code"] if result["appeal"] else None,
                    "report_reason_codes": ",".join(r["code"] for r in result["report_reasons"]) or None,
                    "reportable": result["reportable"]["ok"], "report_channel": result["reportable"]["channel"],
                    "model_version": result["model_version"]}
        # A malicious row always says what it rests on, also in lean output.
        assert not row["malicious"] or row["evidence_codes"]
        assert {k: (None if v != v else v) for k, v in row.items()} == expected


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_cli_scores_chats_with_the_live_warning_and_reports_bad_rows(trained_store, tmp_path, suffix):
    source, output = tmp_path / f"chats{suffix}", tmp_path / "chats_out.parquet"
    write_input(source, [
        {"chat_id": "c1", "chat": [{"role": "buyer", "text": "给我转50块，不然我就给差评"}],
         "order": {"logistics_status": "unshipped"}},
        {"chat_id": "c2", "chat": [{"role": "buyer", "text": "收到的杯子碎了一个，怎么办"}]},
        {"chat_id": "c3", "chat": []},
        {"chat": [{"role": "buyer", "text": "在吗"}]},
    ])
    completed = subprocess.run(
        [sys.executable, "-m", "reviewguard", "score", "chats", "--input", str(source), "--output", str(output),
         "--no-progress"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "rows in: 4  scored: 2  errors: 2" in completed.stdout
    frame = pd.read_parquet(output)
    assert list(frame["chat_id"]) == ["c1", "c2"] and list(frame["kind"]) == ["extortion", "complaint"]
    assert "这是勒索行为" in frame["suggested_reply"][0] and not frame["hold_shipping"][1]
    errors = [json.loads(line) for line in Path(f"{output}.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["row"], e["id"]) for e in errors] == [(3, "c3"), (4, None)]
    assert errors[0]["errors"][0].startswith("chat") and errors[1]["errors"][0].startswith("chat_id")
