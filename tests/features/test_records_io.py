"""The one ingest path for flat rows: every input (batch, Spark, upload, labels, outcomes) reports a
bad row with the same row number, id and field."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from features.records_io import (
    RowError,
    RowOrError,
    id_text,
    ingest_rows,
    iter_chunks,
    validate_rows,
)
from features.schema import OrderItem, RecordError, ReviewItem

# One file with every kind of bad row a shop's export has.  ``label``/``accepted`` make it a valid
# labels file and outcomes file too ("ad" is a review label and an appeal reason): batch and the
# upload page ignore those columns, so all inputs must report exactly the same bad rows.
CSV = (
    "review_id,text,rating,chat,created_at,label,accepted\n"
    "g1,衣服很好看，物流也快，好评,5,,,ad,yes\n"                              # 1 ok
    "b1,x,9,,,ad,yes\n"                                                     # 2 rating
    "b2,,3,,,ad,yes\n"                                                      # 3 text missing
    'b3,还行,3,"[{""role"": ""buyer""}",,ad,yes\n'                           # 4 chat not JSON
    ",没有编号的评价,2,,,ad,yes\n"                                           # 5 no id
    'g2,挺好,4,"[{""role"": ""buyer"", ""text"": ""什么时候发货""}]",,ad,yes\n'  # 6 ok
    "b4,一般,3,,yesterday,ad,yes\n"                                         # 7 created_at
)
CSV_ERRORS = [(2, "b1", "rating"), (3, "b2", "text"), (4, "b3", "chat"), (5, None, "review_id"), (7, "b4", "created_at")]

_LABELS = {"label": "ad", "accepted": "yes"}
JSONL_LINES = [
    json.dumps({"review_id": "g1", "text": "衣服很好看，物流也快，好评", "rating": 5, **_LABELS}, ensure_ascii=False).encode(),
    b"{broken json",                                                              # 2 not JSON
    b"[1, 2]",                                                                    # 3 not an object
    json.dumps({"review_id": 42, "text": "x", "rating": 0, **_LABELS}).encode(),  # 4 id is a number: "42"
    b'{"review_id": "u", "text": "\xff\xfe", "rating": 3}',                       # 5 invalid UTF-8
    b"",                                                                          # 6 empty line
    json.dumps({"text": "没有编号", "rating": 2, **_LABELS}, ensure_ascii=False).encode(),  # 7 no id
]
JSONL_ERRORS = [(2, None, "not valid JSON"), (3, None, "expected a JSON object"), (4, "42", "review_id"),
                (5, None, "invalid UTF-8"), (6, None, "empty line"), (7, None, "review_id")]


def _write(tmp_path: Path, suffix: str) -> tuple[Path, list[tuple[int, str | None, str]]]:
    path = tmp_path / f"in{suffix}"
    if suffix == ".csv":
        path.write_text(CSV, encoding="utf-8")
        return path, CSV_ERRORS
    path.write_bytes(b"\n".join(JSONL_LINES) + b"\n")
    return path, JSONL_ERRORS


def _check(errors: list[dict], expected: list[tuple[int, str | None, str]]) -> None:
    assert [(e["row"], e["id"]) for e in errors] == [(row, id_) for row, id_, _field in expected]
    for error, (_row, _id, start) in zip(errors, expected, strict=True):
        assert any(message.startswith(start) or start in message for message in error["errors"]), error


# --- the ingest function itself (no model needed) ---------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_every_row_is_an_item_or_an_error_naming_row_id_and_field(tmp_path, suffix):
    path, expected = _write(tmp_path, suffix)
    chunks = list(ingest_rows(path, "reviews", chunk_rows=2))
    assert all(chunk.rows_in <= 2 for chunk in chunks) and len(chunks) >= 4  # streamed, not read whole
    numbers = [n for chunk in chunks for n in chunk.numbers]
    errors = [e for chunk in chunks for e in chunk.errors]
    assert sorted(numbers + [e.row for e in errors]) == list(range(1, sum(c.rows_in for c in chunks) + 1))
    assert all(isinstance(item, ReviewItem) for chunk in chunks for item in chunk.items)
    _check([e.as_dict() for e in errors], expected)


def test_chunking_does_not_change_the_result(tmp_path):
    path, _expected = _write(tmp_path, ".csv")

    def flat(chunk_rows):
        chunks = list(ingest_rows(path, "reviews", chunk_rows))
        return ([(n, i.review_id) for c in chunks for n, i in zip(c.numbers, c.items, strict=True)],
                [e for c in chunks for e in c.errors])

    assert flat(1) == flat(3) == flat(1000)


def test_error_row_as_text_and_as_dict():
    error = RowError(3, "b2", ["text: Field required", "rating: bad"])
    assert str(error) == "row 3: text: Field required; rating: bad"
    assert error.as_dict() == {"row": 3, "id": "b2", "errors": ["text: Field required", "rating: bad"]}


@pytest.mark.parametrize(("value", "text"), [
    (None, None), (float("nan"), None), (pd.NA, None), ("r1", "r1"), (42, "42"), (7.0, "7.0"), ([1], "[1]"),
])
def test_id_text_keeps_a_missing_id_null(value, text):
    assert id_text(value) == text


def test_either_kind_tells_reviews_from_orders_and_keeps_input_order():
    rows = [RowOrError(1, {"order_id": "o1", "amount": "3"}),
            RowOrError(2, {"review_id": "r1", "text": "好", "rating": "5"}),
            RowOrError(3, {"order_id": "o2", "amount": "-1"}),
            RowOrError(4, {"review_id": "r2", "text": "x", "rating": "9", "order_id": float("nan")}),
            RowOrError(5, None, "empty line")]
    out = validate_rows(rows, "either")
    assert out.rows_in == 5 and out.numbers == [1, 2]
    assert isinstance(out.items[0], OrderItem) and isinstance(out.items[1], ReviewItem)
    assert [(e.row, e.id, e.errors[0].split(":")[0]) for e in out.errors] == [
        (3, "o2", "amount"), (4, "r2", "rating"), (5, None, "empty line")]


def test_extract_takes_extra_columns_and_its_error_is_the_row_error():
    def label(kind, record):
        value = record.pop("label", None)
        if value not in ("normal", "ad"):
            raise RecordError([f"label: unknown {value!r}"])
        return value

    rows = [RowOrError(1, {"review_id": "a", "text": "x", "rating": "5", "label": "ad"}),
            RowOrError(2, {"review_id": "b", "text": "x", "rating": "9", "label": "nope"}),
            RowOrError(3, {"review_id": "c", "text": "x", "rating": "9", "label": "normal"})]
    out = validate_rows(rows, "reviews", extract=label)
    assert out.extras == ["ad"] and out.numbers == [1]
    # A bad extra column stops the row there; a good one lets validation name the field.
    assert [e.row for e in out.errors] == [2, 3]
    assert out.errors[0].errors == ["label: unknown 'nope'"]
    assert [message.split(":")[0] for message in out.errors[1].errors] == ["rating"]


def test_columns_are_the_files_columns_and_none_for_json_lines(tmp_path):
    csv, _ = _write(tmp_path, ".csv")
    jsonl, _ = _write(tmp_path, ".jsonl")
    parquet = tmp_path / "in.parquet"
    pd.DataFrame([{"review_id": "r", "text": "x", "rating": 5}]).to_parquet(parquet, index=False)
    assert next(ingest_rows(csv, "reviews", 10)).columns == ("review_id", "text", "rating", "chat", "created_at",
                                                             "label", "accepted")
    assert next(ingest_rows(jsonl, "reviews", 10)).columns is None
    assert next(ingest_rows(parquet, "reviews", 10)).columns == ("review_id", "text", "rating")
    assert [len(chunk) for chunk in iter_chunks(parquet, 10)] == [1]


# --- the same bad file through every input ----------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_the_same_bad_file_gives_the_same_error_rows_everywhere(trained_store, predictor, http_client, tmp_path,
                                                                monkeypatch, suffix):
    from serving import spark as spark_engine
    from serving.batch import score_file
    from training.labels import load_labels
    from training.outcomes import load_outcomes

    path, expected = _write(tmp_path, suffix)

    summary = score_file("reviews", path, tmp_path / "out.jsonl", predictor=predictor, progress=False)
    batch = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert summary.errors == len(expected) and summary.rows_in == summary.scored + summary.errors
    _check(batch, expected)

    answer = http_client.post(f"/ui/api/score-file?kind=reviews&filename=in{suffix}", content=path.read_bytes())
    assert answer.status_code == 200, answer.text
    assert answer.json()["errors"] == batch

    labels = load_labels(path)
    assert [e.as_dict() for e in labels.error_rows] == batch
    assert labels.errors == [str(RowError(**e)) for e in batch]

    outcomes = load_outcomes(path)
    assert outcomes.errors == [f"{path.name} {RowError(**e)}" for e in batch]

    if suffix == ".csv":
        # Spark hands each partition to the partition function as text columns: the same rows.
        monkeypatch.setitem(spark_engine._PREDICTORS, "test", predictor)
        frame = pd.DataFrame([row.record for chunk in iter_chunks(path, 100) for row in chunk.rows()])
        [out] = spark_engine.score_partition(iter([frame]), kind="reviews", lean=True, settings_json="test")
        failed = out[out["error"].notna()]
        assert [(index + 1, None if pd.isna(i) else i, error) for index, i, error
                in zip(failed.index, failed["review_id"], failed["error"], strict=True)] == [
            (e["row"], e["id"], "; ".join(e["errors"])) for e in batch]
