"""Batch scoring of CSV, JSONL and Parquet files with the same Predictor as the HTTP service.

Input is streamed in chunks, scored in parallel worker processes and written as resumable
parts; every row ends up either in the output or in the errors file (JSON lines with the row
number, id and the reason naming the field), so ``rows in == scored + errors`` always holds
and is printed at the end.  Rows are read and validated by the one ingest path of
:mod:`features.records_io`: the main process reads chunks, the workers validate them.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from features.records_io import Kind, RowChunk, file_format, iter_chunks, validate_rows
from features.settings import Settings
from serving.predictor import Predictor, check_champions
from serving.results import ChatAssessment, OrderResult, ReviewResult

# Output columns that are not text (the Parquet and Spark schemas use them).
FLOAT_COLUMNS = frozenset({"confidence", "risk"})
BOOLEAN_COLUMNS = frozenset({"malicious", "needs_review", "reportable", "hold_shipping"})


def result_row(kind: Kind, result: ReviewResult | OrderResult | ChatAssessment, *, lean: bool) -> dict[str, Any]:
    """Flat output columns for one result; nested parts as JSON strings unless ``lean``.

    Report reasons and reportability are computed for every result (lean too), so
    ``appeal_reason_code`` (the primary reason's platform code) is the same with or without
    packages.
    """
    if isinstance(result, ReviewResult):
        reasons = [reason.code for reason in result.report_reasons]
        reportable = result.reportable
        row = {
            "review_id": result.review_id,
            "label": result.label,
            "confidence": result.confidence,
            "malicious": result.malicious,
            "needs_review": result.needs_review,
            # Kept in lean output too: a malicious row always says what it rests on.
            "evidence_codes": ",".join(e.code for e in result.evidence if e.code) or None,
            "missing_evidence": result.missing_evidence,
            "appeal_reason_code": reasons[0] if reasons else None,
            "report_reason_codes": ",".join(reasons) or None,
            "reportable": reportable.ok if reportable else None,
            "report_channel": reportable.channel if reportable else None,
            "model_version": result.model_version,
        }
        if not lean:
            data = result.model_dump(mode="json", include={"probabilities", "appeal"})
            row["reportable_why"] = json.dumps(reportable.why, ensure_ascii=False) if reportable else None
            row["probabilities"] = json.dumps(data["probabilities"], ensure_ascii=False)
            row["appeal"] = json.dumps(data["appeal"], ensure_ascii=False) if data["appeal"] else None
            row["reply_suggestion"] = result.reply_suggestion
    elif isinstance(result, ChatAssessment):
        row = {
            "chat_id": result.chat_id,
            "kind": result.kind,
            "risk": result.risk,
            "level": result.level,
            "hold_shipping": result.hold_shipping,
            "evidence_codes": ",".join(e.code for e in result.evidence if e.code) or None,
            "model_version": result.model_version,
        }
        if not lean:
            data = result.model_dump(mode="json", include={"evidence", "advice"})
            row["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
            row["suggested_reply"] = result.suggested_reply
            row["advice"] = json.dumps(data["advice"], ensure_ascii=False)
    else:
        row = {
            "order_id": result.order_id,
            "risk": result.risk,
            "level": result.level,
            "action": result.action,
            "model_version": result.model_version,
        }
        if not lean:
            data = result.model_dump(mode="json", include={"reasons", "prevention"})
            row["reasons"] = json.dumps(data["reasons"], ensure_ascii=False)
            row["prevention"] = json.dumps(data["prevention"], ensure_ascii=False)
    return row


def output_schema(kind: Kind, lean: bool) -> pa.Schema:
    """Arrow schema of the output columns (the parts and a Parquet output use it)."""
    def arrow_type(column: str) -> pa.DataType:
        return pa.float64() if column in FLOAT_COLUMNS else pa.bool_() if column in BOOLEAN_COLUMNS else pa.string()

    return pa.schema([(c, arrow_type(c)) for c in result_row(kind, _example_result(kind), lean=lean)])


class _OutputWriter:
    """Appends result rows to CSV, JSONL or Parquet with one fixed column set."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.format = file_format(path)
        self.columns = list(schema.names)
        self._schema = schema
        self._parquet: pq.ParquetWriter | None = None
        self._text: TextIO | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "parquet":
            self._parquet = pq.ParquetWriter(path, self._schema)
        else:
            self._text = path.open("w", encoding="utf-8", newline="")
            if self.format == "csv":
                pd.DataFrame(columns=self.columns).to_csv(self._text, index=False)

    def write_table(self, table: pa.Table) -> None:
        if self._parquet is not None:
            if table.num_rows:
                self._parquet.write_table(table)
        else:
            self.write(table.to_pylist())

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


def _score_chunk(predictor: Predictor, kind: Kind, index: int, chunk: RowChunk, parts: Path,
                 lean: bool) -> ChunkOutcome:
    """Validate and score one chunk, then write its part files atomically (tmp + rename)."""
    ingested = validate_rows(chunk.rows(), kind)
    items = ingested.items
    outcome = ChunkOutcome(index=index, rows_in=ingested.rows_in)
    if kind == "reviews":
        # Lean output drops appeal and reply packages, so they are not built at all.
        results: list[Any] = predictor.classify_reviews(items, packages=not lean)
    elif kind == "chats":
        results = predictor.assess_chats(items)
    else:
        results = predictor.score_orders(items)
    flat = [result_row(kind, r, lean=lean) for r in results]
    outcome.scored, outcome.errors = len(results), len(ingested.errors)
    outcome.counts = dict(Counter(_count_key(r) for r in results))
    part = parts / f"part-{index:08d}.parquet"
    tmp = part.with_name(part.name + ".tmp")
    pq.write_table(pa.Table.from_pylist(flat, schema=output_schema(kind, lean)), tmp)
    os.replace(tmp, part)
    _write_atomic(parts / f"part-{index:08d}.errors.jsonl",
                  "".join(json.dumps(e.as_dict(), ensure_ascii=False) + "\n" for e in ingested.errors))
    # The meta file is written last: its presence means the chunk is complete.
    _write_atomic(parts / f"part-{index:08d}.meta.json", json.dumps(asdict(outcome)))
    return outcome


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


_WORKER_PREDICTOR: Predictor | None = None


def _prepare_for_workers(predictor: Predictor) -> None:
    """What every scoring worker does to the loaded models before its first chunk."""
    # One process per core: LightGBM's own threads would only fight the other workers.
    predictor.limit_threads(1)
    predictor.warm_up()
    # Scoring allocates millions of short-lived objects that reference counting frees; the
    # cyclic collector would keep rescanning the loaded models' ~10^6 objects for nothing
    # (measured: a third of the feature time).  Freeze what is loaded, collect less often.
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)


def _init_worker(models: Predictor | str) -> None:
    """``models``: the parent's loaded Predictor (a forked worker inherits it; fork never pickles
    initializer arguments) or the settings as JSON (a spawned worker loads the champion itself)."""
    global _WORKER_PREDICTOR
    _WORKER_PREDICTOR = (models if isinstance(models, Predictor)
                         else Predictor.from_registry(Settings.model_validate_json(models)))
    _prepare_for_workers(_WORKER_PREDICTOR)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _worker_pool(workers: int, predictor: Predictor | None, settings: Settings | None) -> Any:
    """``workers`` processes holding the champion models.

    Where the platform can fork (Linux), ``predictor`` was loaded once in this process and the
    workers are forked from it: they share its memory pages copy-on-write and start in
    milliseconds instead of each importing MLflow and scikit-learn and unpickling the models
    again (~5 CPU-seconds per worker).  LightGBM is told to use one thread before the fork and
    has run no prediction in this process, so no OpenMP thread pool is inherited half-alive.
    Elsewhere each spawned worker loads the models from the registry with ``settings``.
    """
    if predictor is not None and _can_fork():
        predictor.limit_threads(1)
        return multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker, initargs=(predictor,))
    assert settings is not None
    return multiprocessing.get_context("spawn").Pool(workers, initializer=_init_worker,
                                                     initargs=(settings.model_dump_json(),))


def _score_chunk_in_worker(kind: Kind, index: int, chunk: RowChunk, parts: Path, lean: bool,
                           model_version: str) -> ChunkOutcome:
    assert _WORKER_PREDICTOR is not None, "worker not initialised"
    loaded = (_WORKER_PREDICTOR.order_model if kind == "orders" else _WORKER_PREDICTOR.review_model).label
    if loaded != model_version:
        # The champion moved after the run started: never mix two models in one output.
        raise ValueError(f"champion changed during the run ({model_version} -> {loaded}); run again to resume")
    return _score_chunk(_WORKER_PREDICTOR, kind, index, chunk, parts, lean)


# 2: results as Parquet parts (1 was JSON lines); a leftover folder of another format is refused.
_PARTS_FORMAT = 2


class ResumeConflictError(ValueError):
    """Unfinished work of a different run sits where this run would write."""


def _run_state(kind: Kind, input_path: Path, chunk_rows: int, lean: bool, model_version: str) -> dict[str, Any]:
    stat = input_path.stat()
    return {"input": str(input_path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "kind": kind,
            "chunk_rows": chunk_rows, "lean": lean, "model_version": model_version, "parts_format": _PARTS_FORMAT}


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
    predictor: Predictor | None = None,
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
    predictor
        The models to score with in this process (``workers=1``); loaded from the registry
        with ``settings`` when omitted.  With several workers on a platform that forks, the
        workers are forked from this process after it loaded them (see :func:`_worker_pool`).
    workers
        Processes scoring chunks in parallel; 1 scores in this process with ``predictor``.
    settings
        The caller's settings (built once at its entry point): the registry the models are
        loaded from.  Needed unless ``predictor`` is given and ``workers`` is 1.
    """
    if not input_path.exists():
        raise FileNotFoundError(f"input file not found: {input_path}")
    file_format(input_path)
    file_format(output_path)
    if chunk_rows < 1 or workers < 1:
        raise ValueError("--chunk-rows and --workers must be at least 1")
    errors_path = errors_path or output_path.with_name(output_path.name + ".errors.jsonl")
    if settings is None and (predictor is None or workers > 1):
        raise TypeError("score_file needs settings= to load the models (or predictor= with workers=1)")
    if predictor is None and (workers == 1 or _can_fork()):
        predictor = Predictor.from_registry(settings)
    if predictor is not None:
        # Chats are scored by the review model (features/chat_warning.py).
        model_version = (predictor.order_model if kind == "orders" else predictor.review_model).label
    else:
        name = settings.order_model_name if kind == "orders" else settings.review_model_name
        model_version = f"{name}/{check_champions(settings)[name]}"
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

    pool = _worker_pool(workers, predictor, settings) if workers > 1 else None
    try:
        pending: deque[Any] = deque()
        for index, chunk in enumerate(iter_chunks(input_path, chunk_rows)):
            if index in done:
                account(done[index])
                continue
            if pool is None:
                assert predictor is not None
                account(_score_chunk(predictor, kind, index, chunk, parts, lean))
                continue
            pending.append(pool.apply_async(_score_chunk_in_worker, (kind, index, chunk, parts, lean, model_version)))
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
    tmp_output = output_path.with_name(output_path.name + ".tmp" + output_path.suffix)
    writer = _OutputWriter(tmp_output, output_schema(kind, lean))
    try:
        for meta in metas:
            writer.write_table(pq.read_table(meta.with_name(meta.name.replace(".meta.json", ".parquet"))))
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


def _count_key(result: ReviewResult | OrderResult | ChatAssessment) -> str:
    """What the summary counts results by: label, order level, or chat kind."""
    if isinstance(result, ReviewResult):
        return result.label
    return result.kind if isinstance(result, ChatAssessment) else result.level


def _example_result(kind: Kind) -> ReviewResult | OrderResult | ChatAssessment:
    # Used only to derive the column list, so an empty input still gets a header.
    if kind == "reviews":
        return ReviewResult(review_id="", label="normal", confidence=0.0, probabilities={}, malicious=False,
                            needs_review=False, model_version="")
    if kind == "chats":
        return ChatAssessment(chat_id="", risk=0.0, level="low", kind="normal", hold_shipping=False, model_version="")
    return OrderResult(order_id="", risk=0.0, level="low", reasons=[], action="ship", action_note="",
                       model_version="")


def _progress(total: int | None, *, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="rows", disable=not enabled, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, mininterval=0.5)
