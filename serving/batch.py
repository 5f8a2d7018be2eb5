"""Batch scoring of CSV, JSONL and Parquet files with the same Predictor as the HTTP service.

Input is streamed in chunks, scored in parallel worker processes and written as resumable
parts; every row ends up either in the output or in the errors file (JSON lines with the row
number, id and the reason naming the field), so ``rows in == scored + errors`` always holds
and is printed at the end.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from features.records_io import RowOrError, file_format, iter_rows
from features.schema import RecordError, flat_to_nested, validate_order, validate_review
from features.settings import Settings
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


@dataclass
class ChunkOutcome:
    """What one chunk contributed (stored beside its part so a resumed run can count it)."""

    index: int
    rows_in: int = 0
    scored: int = 0
    errors: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _score_chunk(predictor: Predictor, kind: Kind, index: int, rows: list[RowOrError], parts: Path,
                 lean: bool) -> ChunkOutcome:
    """Validate and score one chunk, then write its part files atomically (tmp + rename)."""
    validate = validate_review if kind == "reviews" else validate_order
    score = predictor.classify_reviews if kind == "reviews" else predictor.score_orders
    outcome = ChunkOutcome(index=index, rows_in=len(rows))
    items, errors = [], []
    for row in rows:
        try:
            if row.record is None:
                raise RecordError([row.error or "unreadable row"])
            items.append(validate(flat_to_nested(row.record)))
        except RecordError as exc:
            record_id = row.record.get(ID_COLUMN[kind]) if row.record else None
            errors.append({"row": row.number, "id": _plain(record_id), "errors": exc.errors})
    results = score(items)
    outcome.scored, outcome.errors = len(results), len(errors)
    outcome.counts = dict(Counter(r.label if kind == "reviews" else r.level for r in results))
    _write_atomic(parts / f"part-{index:08d}.jsonl",
                  "".join(json.dumps(result_row(kind, r, lean=lean), ensure_ascii=False) + "\n" for r in results))
    _write_atomic(parts / f"part-{index:08d}.errors.jsonl",
                  "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
    # The meta file is written last: its presence means the chunk is complete.
    _write_atomic(parts / f"part-{index:08d}.meta.json", json.dumps(asdict(outcome)))
    return outcome


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


_WORKER_PREDICTOR: Predictor | None = None


def _init_worker(settings_json: str) -> None:
    global _WORKER_PREDICTOR
    _WORKER_PREDICTOR = Predictor.from_registry(Settings.model_validate_json(settings_json))


def _score_chunk_in_worker(kind: Kind, index: int, rows: list[RowOrError], parts: Path, lean: bool) -> ChunkOutcome:
    assert _WORKER_PREDICTOR is not None, "worker not initialised"
    return _score_chunk(_WORKER_PREDICTOR, kind, index, rows, parts, lean)


class ResumeConflictError(ValueError):
    """Unfinished work of a different run sits where this run would write."""


def _run_state(kind: Kind, input_path: Path, chunk_rows: int, lean: bool, model_version: str) -> dict[str, Any]:
    stat = input_path.stat()
    return {"input": str(input_path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "kind": kind,
            "chunk_rows": chunk_rows, "lean": lean, "model_version": model_version}


def _prepare_parts(parts: Path, state: dict[str, Any]) -> None:
    state_file = parts / "state.json"
    if state_file.exists():
        previous = json.loads(state_file.read_text("utf-8"))
        if previous != state:
            changed = sorted(k for k in state if previous.get(k) != state[k])
            raise ResumeConflictError(
                f"{parts} holds an unfinished run with different {', '.join(changed)}; "
                "run again with the same arguments to resume it, or delete that folder to start over")
        return
    parts.mkdir(parents=True, exist_ok=True)
    _write_atomic(state_file, json.dumps(state))


def _done_chunks(parts: Path) -> dict[int, ChunkOutcome]:
    done = {}
    for meta in parts.glob("part-*.meta.json"):
        outcome = ChunkOutcome(**json.loads(meta.read_text("utf-8")))
        done[outcome.index] = outcome
    return done


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
    workers: int = 1,
    settings: Settings | None = None,
) -> BatchSummary:
    """Score every row of ``input_path`` into ``output_path``; bad rows go to ``errors_path``.

    The input is streamed in chunks of ``chunk_rows``; each scored chunk is written as a part
    under ``<output>.parts/`` before the next is counted done, so a run that is killed (even
    with SIGKILL) and started again with the same arguments skips the finished chunks.  At the
    end the parts are joined, in input order, into ``output_path`` and ``errors_path``
    (each written to a temporary file and renamed), and the parts folder is removed.

    Parameters
    ----------
    kind
        ``"reviews"`` or ``"orders"``.
    errors_path
        JSON lines of ``{"row", "id", "errors"}``; default ``<output>.errors.jsonl``.
    lean
        Leave out the nested JSON columns (probabilities, appeal, reasons).
    workers
        Processes scoring chunks in parallel (each loads the champion models once); 1 scores
        in this process with ``predictor``.
    settings
        Settings the worker processes load the models with (default: from the environment).
    """
    if not input_path.exists():
        raise FileNotFoundError(f"input file not found: {input_path}")
    file_format(input_path)
    file_format(output_path)
    if chunk_rows < 1 or workers < 1:
        raise ValueError("--chunk-rows and --workers must be at least 1")
    errors_path = errors_path or output_path.with_name(output_path.name + ".errors.jsonl")
    model_version = (predictor.review_model if kind == "reviews" else predictor.order_model).label
    parts = output_path.with_name(output_path.name + ".parts")
    _prepare_parts(parts, _run_state(kind, input_path, chunk_rows, lean, model_version))
    done = _done_chunks(parts)
    summary = BatchSummary(model_version=model_version)
    started = time.perf_counter()
    bar = _progress(_count_rows(input_path), enabled=progress)
    if done:
        sys.stderr.write(f"resuming: {len(done)} chunk(s) already scored in {parts}\n")

    def account(outcome: ChunkOutcome) -> None:
        summary.rows_in += outcome.rows_in
        summary.scored += outcome.scored
        summary.errors += outcome.errors
        summary.counts.update(outcome.counts)
        bar.update(outcome.rows_in)

    pool = None
    if workers > 1:
        context = multiprocessing.get_context("spawn")  # fresh interpreters: no forked OpenMP state
        pool = context.Pool(workers, initializer=_init_worker,
                            initargs=((settings or Settings()).model_dump_json(),))
    try:
        pending: deque[Any] = deque()
        for index, chunk in enumerate(iter_rows(input_path, chunk_rows)):
            if index in done:
                account(done[index])
                continue
            if pool is None:
                account(_score_chunk(predictor, kind, index, chunk, parts, lean))
                continue
            pending.append(pool.apply_async(_score_chunk_in_worker, (kind, index, chunk, parts, lean)))
            while len(pending) >= 2 * workers:  # bounded read-ahead keeps memory flat
                account(pending.popleft().get())
        while pending:
            account(pending.popleft().get())
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        bar.close()
    _join_parts(kind, parts, output_path, errors_path, lean)
    summary.seconds = time.perf_counter() - started
    return summary


def _join_parts(kind: Kind, parts: Path, output_path: Path, errors_path: Path, lean: bool) -> None:
    """Concatenate the parts in input order into the final files, then remove the parts."""
    metas = sorted(parts.glob("part-*.meta.json"))
    columns = list(result_row(kind, _example_result(kind), lean=lean))
    tmp_output = output_path.with_name(output_path.name + ".tmp" + output_path.suffix)
    writer = _OutputWriter(tmp_output, columns)
    try:
        for meta in metas:
            part = meta.with_name(meta.name.replace(".meta.json", ".jsonl"))
            with part.open(encoding="utf-8") as handle:
                writer.write([json.loads(line) for line in handle])
    finally:
        writer.close()
    tmp_errors = errors_path.with_name(errors_path.name + ".tmp")
    errors_path.parent.mkdir(parents=True, exist_ok=True)
    with tmp_errors.open("w", encoding="utf-8") as out:
        for meta in metas:
            out.write(meta.with_name(meta.name.replace(".meta.json", ".errors.jsonl")).read_text("utf-8"))
    os.replace(tmp_output, output_path)
    os.replace(tmp_errors, errors_path)
    shutil.rmtree(parts)


def _count_rows(path: Path) -> int | None:
    """Rows in the input for the progress bar's ETA: Parquet metadata, or JSONL lines."""
    fmt = file_format(path)
    if fmt == "parquet":
        return pq.ParquetFile(path).metadata.num_rows
    if fmt == "jsonl":
        with path.open("rb") as handle:
            return sum(1 for _ in handle)
    return None


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
