"""Batch scoring on Spark, for histories larger than one machine: the same Predictor, per partition.

``score_dataframe`` maps each partition of a Spark DataFrame (columns of the flat-file schema)
through :class:`serving.predictor.Predictor` with ``mapInPandas``; every Python worker loads the
champion models once.  Rows that fail validation come back with their reason in ``error``
(result columns null), so no row is dropped.  Needs the ``spark`` extra (``pyspark``) and Java.

Snippet for an existing DataFrame (the notebook or job is the entry point that builds the settings)::

    from features.settings import Settings
    from serving.spark import score_dataframe
    scored = score_dataframe(spark.read.parquet("reviews/"), kind="reviews", lean=True, settings=Settings())
    scored.write.parquet("scored/")
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from features.records_io import ID_COLUMN, Kind, RowOrError, file_format, validate_rows
from features.settings import Settings
from serving.batch import BOOLEAN_COLUMNS, FLOAT_COLUMNS, _example_result, result_row
from serving.predictor import Predictor

_PREDICTORS: dict[str, Predictor] = {}


def _predictor(settings_json: str) -> Predictor:
    # One Predictor per Python worker and settings: loading the models is the slow part.
    if settings_json not in _PREDICTORS:
        _PREDICTORS[settings_json] = Predictor.from_registry(Settings.model_validate_json(settings_json))
    return _PREDICTORS[settings_json]


def output_columns(kind: Kind, lean: bool) -> list[str]:
    return [*result_row(kind, _example_result(kind), lean=lean), "error"]


def _spark_type(column: str) -> str:
    return "double" if column in FLOAT_COLUMNS else "boolean" if column in BOOLEAN_COLUMNS else "string"


def _spark_schema(kind: Kind, lean: bool) -> str:
    return ", ".join(f"`{c}` {_spark_type(c)}" for c in output_columns(kind, lean))


def score_partition(frames: Iterator[pd.DataFrame], *, kind: Kind, lean: bool, settings_json: str) -> Iterator[pd.DataFrame]:
    """Score pandas batches of flat records (the function ``mapInPandas`` runs).

    Spark reads the files and splits them into partitions column by column (that is what makes
    it scale); the row-level check is still the one of every other ingest path,
    :func:`features.records_io.validate_rows`, so a bad row gets the same error (and a missing
    id stays null) here as in batch, the upload page and labels.
    """
    predictor = _predictor(settings_json)
    score = predictor.classify_reviews if kind == "reviews" else predictor.score_orders
    columns = output_columns(kind, lean)
    for frame in frames:
        records = frame.to_dict("records")
        ingested = validate_rows([RowOrError(position + 1, record) for position, record in enumerate(records)], kind)
        rows: list[dict[str, Any] | None] = [None] * len(records)
        for error in ingested.errors:
            rows[error.row - 1] = {ID_COLUMN[kind]: error.id, "error": "; ".join(error.errors)}
        for number, result in zip(ingested.numbers, score(ingested.items), strict=True):
            rows[number - 1] = {**result_row(kind, result, lean=lean), "error": None}
        # Text columns as plain objects: pandas 3 makes them Arrow-backed chunked strings, which
        # Spark's Arrow serializer (pyspark 4.x) cannot convert.
        yield pd.DataFrame(rows, columns=columns).astype({c: object for c in columns if c not in FLOAT_COLUMNS | BOOLEAN_COLUMNS})


def score_dataframe(frame: Any, *, kind: Kind, settings: Settings, lean: bool = False) -> Any:
    """A Spark DataFrame of results (one row per input row, ``error`` set for invalid rows).

    ``settings`` name the registry the Python workers load the champions from.
    """
    # Historical analytics on a cluster must not write the local buyer ledger.
    settings = settings.model_copy(update={"ledger_enabled": False})
    settings_json = settings.model_copy(update={"tracking_uri": settings.resolved_tracking_uri()}).model_dump_json()

    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return score_partition(frames, kind=kind, lean=lean, settings_json=settings_json)

    from pyspark.sql import functions
    from pyspark.sql.types import ArrayType, MapType, StructType

    # Every input column becomes text (nested parts as JSON, like the flat-file schema), so
    # pydantic, not Spark's type inference, decides what is valid and names the field.
    as_text = frame.select([
        (functions.to_json(frame[f.name]) if isinstance(f.dataType, (ArrayType, MapType, StructType))
         else frame[f.name].cast("string")).alias(f.name)
        for f in frame.schema.fields
    ])
    return as_text.mapInPandas(run, schema=_spark_schema(kind, lean))


def score_file_with_spark(kind: Kind, input_path: Path, output_path: Path, *, settings: Settings,
                          lean: bool = False, master: str = "local[*]") -> dict[str, int]:
    """Read a CSV/JSONL/Parquet file with Spark, score it, write a Parquet folder; return counts."""
    from pyspark.sql import SparkSession

    fmt = file_format(input_path)
    # Python workers must run the interpreter that has reviewguard installed, not PATH's python3.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName("reviewguard-score")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    reader = spark.read
    if fmt == "csv":
        frame = reader.option("header", True).option("multiLine", True).option("escape", '"').csv(str(input_path))
    elif fmt == "jsonl":
        frame = reader.json(str(input_path))
    else:
        frame = reader.parquet(str(input_path))
    scored = score_dataframe(frame, kind=kind, lean=lean, settings=settings).cache()
    scored.write.mode("overwrite").parquet(str(output_path))
    counts = {"rows_in": scored.count(), "errors": scored.filter("error IS NOT NULL").count()}
    counts["scored"] = counts["rows_in"] - counts["errors"]
    scored.unpersist()
    return counts


__all__ = ["output_columns", "score_dataframe", "score_file_with_spark", "score_partition"]
