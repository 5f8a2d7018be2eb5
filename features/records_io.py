"""Streaming readers for the flat record files of batch scoring and labelled data.

CSV, JSONL and Parquet with the field names of docs/spec.md (nested parts as JSON strings).
Every physical row comes back, either as a record or with the reason it could not be read,
so callers can account for every row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


def file_format(path: Path) -> str:
    """``csv`` / ``jsonl`` / ``parquet`` from the file name, or a clear error."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: unsupported file type {path.suffix!r}; use .csv, .jsonl or .parquet") from None


@dataclass
class RowOrError:
    """One input row (1-based ``number``) as a record, or the reason it could not be read."""

    number: int
    record: dict[str, Any] | None
    error: str | None = None


@dataclass
class RowChunk:
    """A chunk of input rows, cheap to send to a worker process.

    Parquet chunks travel as an Arrow record batch (pickled as raw buffers) and become Python
    records only in the process that scores them; CSV/JSONL chunks carry their rows.
    """

    first_number: int
    batch: pa.RecordBatch | None = None
    parsed: list[RowOrError] | None = None

    def __len__(self) -> int:
        return self.batch.num_rows if self.batch is not None else len(self.parsed or [])

    def rows(self) -> list[RowOrError]:
        """Every row of the chunk as a record or a read error, numbered from 1 in the file."""
        if self.batch is None:
            return list(self.parsed or [])
        # Column by column is faster than RecordBatch.to_pylist() and gives the same dicts.
        names = self.batch.schema.names
        if not names:  # rows without any column still count as rows
            return [RowOrError(self.first_number + offset, {}) for offset in range(self.batch.num_rows)]
        columns = [column.to_pylist() for column in self.batch.columns]
        return [RowOrError(self.first_number + offset, dict(zip(names, values, strict=True)))
                for offset, values in enumerate(zip(*columns, strict=True))]


def iter_rows(path: Path, chunk_rows: int) -> Iterator[list[RowOrError]]:
    """Stream ``path`` as chunks of rows; undecodable rows become errors, not crashes."""
    for chunk in iter_chunks(path, chunk_rows):
        yield chunk.rows()


def iter_chunks(path: Path, chunk_rows: int) -> Iterator[RowChunk]:
    """Stream ``path`` as :class:`RowChunk` objects of at most ``chunk_rows`` rows."""
    fmt = file_format(path)
    number = 0
    if fmt == "parquet":
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=chunk_rows):
            yield RowChunk(number + 1, batch=batch)
            number += batch.num_rows
    elif fmt == "csv":
        # All cells as text: pydantic converts and names the field when a value is wrong.
        # surrogateescape keeps invalid UTF-8 bytes visible so the row (not the file) fails.
        reader = pd.read_csv(path, dtype=object, keep_default_na=False, na_values=[""], chunksize=chunk_rows,
                             encoding="utf-8", encoding_errors="surrogateescape")
        for frame in reader:
            chunk = []
            for record in frame.to_dict("records"):
                number += 1
                chunk.append(RowOrError(number, record))
            yield RowChunk(chunk[0].number if chunk else number + 1, parsed=chunk)
    else:
        chunk = []
        with path.open("rb") as handle:
            for raw in handle:
                number += 1
                if not raw.strip():
                    chunk.append(RowOrError(number, None, "empty line"))
                else:
                    chunk.append(_parse_json_line(number, raw))
                if len(chunk) >= chunk_rows:
                    yield RowChunk(chunk[0].number, parsed=chunk)
                    chunk = []
        if chunk:
            yield RowChunk(chunk[0].number, parsed=chunk)


def _parse_json_line(number: int, raw: bytes) -> RowOrError:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RowOrError(number, None, f"invalid UTF-8 at byte {exc.start}")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return RowOrError(number, None, f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return RowOrError(number, None, f"expected a JSON object, got {type(record).__name__}")
    return RowOrError(number, record)
