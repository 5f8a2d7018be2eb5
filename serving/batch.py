"""Batch scoring of CSV, JSONL and Parquet files with the same Predictor as the HTTP service.

Input is streamed in chunks; every row ends up either in the output or in the errors file
(JSON lines with the row number, id and the reason naming the field), so
``rows in == scored + errors`` always holds and is printed at the end.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from features.records_io import file_format, iter_rows
from features.schema import RecordError, flat_to_nested, validate_order, validate_review
from serving.predictor import Predictor
from serving.results import OrderResult, ReviewResult

Kind = Literal["reviews", "orders"]
ID_COLUMN = {"reviews": "review_id", "orders": "order_id"}


def result_row(kind: Kind, result: ReviewResult | OrderResult, *, lean: bool) -> dict[str, Any]:
    """Flat output columns for one result; nested parts as JSON strings unless ``lean``."""
    data = result.model_dump(mode="json")
    if kind == "reviews":
        row = {
            "review_id": data["review_id"],
            "label": data["label"],
            "confidence": data["confidence"],
            "malicious": data["malicious"],
            "needs_review": data["needs_review"],
            "appeal_reason_code": data["appeal"]["reason_code"] if data["appeal"] else None,
            "model_version": data["model_version"],
        }
        if not lean:
            row["probabilities"] = json.dumps(data["probabilities"], ensure_ascii=False)
            row["appeal"] = json.dumps(data["appeal"], ensure_ascii=False) if data["appeal"] else None
            row["reply_suggestion"] = data["reply_suggestion"]
    else:
        row = {
            "order_id": data["order_id"],
            "risk": data["risk"],
            "level": data["level"],
            "action": data["action"],
            "model_version": data["model_version"],
        }
        if not lean:
            row["reasons"] = json.dumps(data["reasons"], ensure_ascii=False)
            row["prevention"] = json.dumps(data["prevention"], ensure_ascii=False)
    return row


class _OutputWriter:
    """Appends result rows to CSV, JSONL or Parquet with one fixed column set."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.path = path
        self.format = file_format(path)
        self.columns = columns
        self._parquet: pq.ParquetWriter | None = None
        self._text: TextIO | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "parquet":
            types = {"confidence": pa.float64(), "risk": pa.float64(), "malicious": pa.bool_(), "needs_review": pa.bool_()}
            self._schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
            self._parquet = pq.ParquetWriter(path, self._schema)
        else:
            self._text = path.open("w", encoding="utf-8", newline="")
            if self.format == "csv":
                pd.DataFrame(columns=columns).to_csv(self._text, index=False)

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self._parquet is not None:
            self._parquet.write_table(pa.Table.from_pylist(rows, schema=self._schema))
        elif self.format == "csv":
            pd.DataFrame(rows, columns=self.columns).to_csv(self._text, index=False, header=False)
        else:
            assert self._text is not None
            for row in rows:
                self._text.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.close()


@dataclass
class BatchSummary:
    """Row accounting of one batch run: ``rows_in == scored + errors``."""

    rows_in: int = 0
    scored: int = 0
    errors: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    model_version: str = ""

    def as_text(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in sorted(self.counts.items()))
        rate = self.rows_in / self.seconds if self.seconds else 0.0
        return (f"rows in: {self.rows_in}  scored: {self.scored}  errors: {self.errors}  "
                f"seconds: {self.seconds:.1f} ({rate:.0f} rows/s)  model: {self.model_version}\n"
                f"per label: {counts or '-'}")


def score_file(
    kind: Kind,
    input_path: Path,
    output_path: Path,
    *,
    predictor: Predictor,
    errors_path: Path | None = None,
    chunk_rows: int = 2000,
    lean: bool = False,
    progress: bool = True,
) -> BatchSummary:
    """Score every row of ``input_path`` into ``output_path``; bad rows go to ``errors_path``.

    Parameters
    ----------
    kind
        ``"reviews"`` or ``"orders"``.
    errors_path
        JSON lines of ``{"row", "id", "errors"}``; default ``<output>.errors.jsonl``.
    lean
        Leave out the nested JSON columns (probabilities, appeal, reasons).
    """
    if not input_path.exists():
        raise FileNotFoundError(f"input file not found: {input_path}")
    file_format(input_path)
    errors_path = errors_path or output_path.with_name(output_path.name + ".errors.jsonl")
    validate = validate_review if kind == "reviews" else validate_order
    score = predictor.classify_reviews if kind == "reviews" else predictor.score_orders
    id_column = ID_COLUMN[kind]
    summary = BatchSummary(model_version=(predictor.review_model if kind == "reviews" else predictor.order_model).label)
    columns: list[str] | None = None
    writer: _OutputWriter | None = None
    total = pq.ParquetFile(input_path).metadata.num_rows if file_format(input_path) == "parquet" else None
    started = time.perf_counter()
    bar = _progress(total, enabled=progress)
    errors_path.parent.mkdir(parents=True, exist_ok=True)
    with errors_path.open("w", encoding="utf-8") as errors_file:
        try:
            for chunk in iter_rows(input_path, chunk_rows):
                items, numbers = [], []
                for row in chunk:
                    summary.rows_in += 1
                    try:
                        if row.record is None:
                            raise RecordError([row.error or "unreadable row"])
                        items.append(validate(flat_to_nested(row.record)))
                        numbers.append(row.number)
                    except RecordError as exc:
                        summary.errors += 1
                        record_id = row.record.get(id_column) if row.record else None
                        errors_file.write(json.dumps({"row": row.number, "id": _plain(record_id),
                                                      "errors": exc.errors}, ensure_ascii=False) + "\n")
                results = score(items)
                rows = [result_row(kind, r, lean=lean) for r in results]
                if writer is None:
                    columns = list(result_row(kind, _example_result(kind), lean=lean))
                    writer = _OutputWriter(output_path, columns)
                writer.write(rows)
                summary.scored += len(rows)
                for r in results:
                    summary.counts[r.label if kind == "reviews" else r.level] += 1
                bar.update(len(chunk))
        finally:
            bar.close()
            if writer is None:  # empty input: still write a well-formed, empty output
                writer = _OutputWriter(output_path, list(result_row(kind, _example_result(kind), lean=lean)))
            writer.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _example_result(kind: Kind) -> ReviewResult | OrderResult:
    # Used only to derive the column list, so an empty input still gets a header.
    if kind == "reviews":
        return ReviewResult(review_id="", label="normal", confidence=0.0, probabilities={}, malicious=False,
                            needs_review=False, model_version="")
    return OrderResult(order_id="", risk=0.0, level="low", reasons=[], action="ship", action_note="",
                       model_version="")


def _progress(total: int | None, *, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="rows", disable=not enabled, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, mininterval=0.5)
