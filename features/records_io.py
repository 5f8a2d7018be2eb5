"""The one ingest path for flat records: read a CSV/JSONL/Parquet file, validate each row.

CSV, JSONL and Parquet with the field names of docs/spec.md (nested parts as JSON strings).
Every physical row comes back, either as a validated item or as a :class:`RowError` naming its
row number, its id and the offending fields, so callers can account for every row.

* :func:`ingest_rows` streams a file as validated chunks (labels, outcomes, the upload page);
* :func:`iter_chunks` only reads (cheap to send to a worker process) and
  :func:`validate_rows` turns read rows into items and error rows: batch scoring reads in the
  main process and validates in its workers, and Spark validates the rows of each partition it
  read itself.

:func:`validate_rows` is the only place that parses a flat row, validates it and builds the
error row, so a bad row gets the same error through batch, Spark, the upload page, labels and
outcomes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from features.schema import RecordError, flat_to_nested, validate_many

Kind = Literal["reviews", "orders", "chats"]
# ``either``: a file of reviews and orders (labels): a row with a review_id, or without an
# order_id, is a review; the others are orders.
IngestKind = Literal["reviews", "orders", "either"]
ID_COLUMN: dict[str, str] = {"reviews": "review_id", "orders": "order_id", "chats": "chat_id"}
# Takes what is not item schema out of a row's nested record (a label, an appeal's decision)
# and returns it; raises RecordError naming the field when that part of the row is bad.
Extract = Callable[[Kind, dict[str, Any]], Any]

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
    # The file's column names (CSV header); JSON lines have none: each record names its fields.
    header: tuple[str, ...] | None = None

    @property
    def columns(self) -> tuple[str, ...] | None:
        """The file's column names (CSV, Parquet), or None for JSON lines."""
        return tuple(self.batch.schema.names) if self.batch is not None else self.header

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
            yield RowChunk(chunk[0].number if chunk else number + 1, parsed=chunk,
                           header=tuple(map(str, frame.columns)))
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


# --- validation: the one place a flat row becomes an item or an error row ----------------------
def id_text(value: Any) -> str | None:
    """A row's id as text for its error row; a missing id (None, NaN, pd.NA) stays None."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    return str(value)


def row_kind(record: Mapping[str, Any]) -> Kind:
    """Review or order, for files holding both: a ``review_id``, or no ``order_id``, makes a review."""
    if id_text(record.get("review_id")) is not None or id_text(record.get("order_id")) is None:
        return "reviews"
    return "orders"


@dataclass(frozen=True)
class RowError:
    """A row that cannot be used: its 1-based ``row`` number, its ``id`` (text or None) and why.

    ``errors`` name the field of each problem (``"rating: Input should be ..."``).
    """

    row: int
    id: str | None
    errors: list[str]

    def as_dict(self) -> dict[str, Any]:
        """``{"row", "id", "errors"}``: a line of batch's errors file, an error of the upload page."""
        return {"row": self.row, "id": self.id, "errors": list(self.errors)}

    def __str__(self) -> str:
        return f"row {self.row}: {'; '.join(self.errors)}"


@dataclass
class Ingested:
    """One chunk of input rows, validated: every row is either an item or an error row.

    ``numbers``, ``items`` and ``extras`` are parallel lists in input order (``extras`` holds
    what ``extract`` returned, None without it); ``errors`` are in row order too.
    """

    rows_in: int = 0
    numbers: list[int] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)
    extras: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: tuple[str, ...] | None = None


def validate_rows(rows: Sequence[RowOrError], kind: IngestKind, *, extract: Extract | None = None,
                  columns: tuple[str, ...] | None = None) -> Ingested:
    """Parse and validate read rows into items and error rows (see :class:`Ingested`).

    Each row's flat record is made nested (:func:`features.schema.flat_to_nested`), ``extract``
    (if given) takes its non-schema fields, and the records of each kind are validated with one
    pydantic call (:func:`features.schema.validate_many`; row by row only when that fails, so
    each error names its own row's fields).  An unreadable row is an error with the reader's
    reason; a row whose extract fails is not validated further.
    """
    errors: list[RowError] = []
    # Per kind: the rows that parsed, their nested records and extracts (ids are looked up only
    # for error rows: batch validates millions of rows).
    pending: dict[Kind, tuple[list[RowOrError], list[dict[str, Any]], list[Any]]] = {}
    for row in rows:
        row_of: Kind = kind if kind != "either" else row_kind(row.record or {})
        try:
            if row.record is None:
                raise RecordError([row.error or "unreadable row"])
            record = flat_to_nested(row.record)
            extra = extract(row_of, record) if extract is not None else None
        except RecordError as exc:
            errors.append(_row_error(row, row_of, exc))
            continue
        parsed, records, extras = pending.setdefault(row_of, ([], [], []))
        parsed.append(row)
        records.append(record)
        extras.append(extra)
    valid: list[tuple[int, Any, Any]] = []
    for row_of, (parsed, records, extras) in pending.items():
        for row, extra, validated in zip(parsed, extras, validate_many(row_of, records), strict=True):
            if isinstance(validated, RecordError):
                errors.append(_row_error(row, row_of, validated))
            else:
                valid.append((row.number, validated, extra))
    if len(pending) > 1:  # rows of both kinds: back to input order
        valid.sort(key=lambda entry: entry[0])
    errors.sort(key=lambda error: error.row)
    return Ingested(rows_in=len(rows), numbers=[number for number, _item, _extra in valid],
                    items=[item for _number, item, _extra in valid],
                    extras=[extra for _number, _item, extra in valid], errors=errors, columns=columns)


def _row_error(row: RowOrError, kind: Kind, exc: RecordError) -> RowError:
    record_id = id_text(row.record.get(ID_COLUMN[kind])) if row.record is not None else None
    return RowError(row.number, record_id, exc.errors)


def ingest_rows(source: Path, kind: IngestKind, chunk_rows: int, *,
                extract: Extract | None = None) -> Iterator[Ingested]:
    """Stream the CSV/JSONL/Parquet file ``source`` as validated chunks of at most ``chunk_rows`` rows.

    ``kind`` is ``"reviews"``, ``"orders"`` or ``"either"`` (decided per row by :func:`row_kind`);
    ``extract`` takes extra columns out of each row (see :data:`Extract`).  Raises ValueError for
    an unsupported file type; pandas/pyarrow errors for a file that cannot be read at all.
    """
    for chunk in iter_chunks(source, chunk_rows):
        yield validate_rows(chunk.rows(), kind, extract=extract, columns=chunk.columns)
