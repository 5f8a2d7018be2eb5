"""Batch scoring on Spark, for histories larger than one machine: the same Predictor, per partition.

``score_dataframe`` maps each partition of a Spark DataFrame (columns of the flat-file schema)
through :class:`serving.predictor.Predictor` with ``mapInPandas``; every Python worker loads the
champion models once.  Rows that fail validation come back with their reason in ``error``
(result columns null), so no row is dropped.  Needs the ``spark`` extra (``pyspark``) and Java.

On a cluster (``master`` ``spark://…``, ``yarn``, ``k8s://…``) the executors are other processes,
often on other machines: they need this project (``py_files=[<the project's wheel>]``, shipped to
them by Spark, or a packed environment through ``spark.archives``) and a registry they can reach
(an MLflow server: the tracking URI travels to them in the settings).  Recipe and measurements:
docs/scaling_out.md.

Snippet for an existing DataFrame (the notebook or job is the entry point that builds the settings)::

    from features.settings import Settings
    from serving.spark import score_dataframe
    scored = score_dataframe(spark.read.parquet("reviews/"), kind="reviews", lean=True, settings=Settings())
    scored.write.parquet("scored/")
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from features.records_io import FORMATS, ID_COLUMN, Kind, RowOrError, validate_rows
from features.settings import Settings
from serving.batch import BOOLEAN_COLUMNS, FLOAT_COLUMNS, _example_result, result_row
from serving.predictor import Predictor

_PREDICTORS: dict[str, Predictor] = {}
_LOG = logging.getLogger(__name__)


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
    if kind == "reviews":
        # Lean output drops the appeal and reply packages, so they are not built (as in batch).
        def score(items: list[Any]) -> list[Any]:
            return predictor.classify_reviews(items, packages=not lean)
    else:
        score = predictor.score_orders
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


def is_uri(path: str | Path) -> bool:
    """``hdfs://…``, ``s3a://…``, ``file:/…``: a location for Spark, not a local path of this process."""
    text = str(path)
    return "://" in text or text.startswith("file:")


def input_format(path: str | Path) -> str:
    """``csv`` / ``jsonl`` / ``parquet`` from the name; a folder (what Spark writes) or a URI without
    a known suffix is read as Parquet."""
    text = str(path)
    suffix = PurePosixPath(text.rstrip("/")).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if is_uri(text) or Path(text).is_dir():
        return "parquet"
    raise ValueError(f"{text}: unsupported file type {suffix!r}; use .csv, .jsonl or .parquet, or a Parquet folder")


def ship_python_files(spark: Any, paths: Sequence[str | Path]) -> list[str]:
    """Hand ``paths`` (the project's wheel, ``.zip``, ``.py`` or ``.egg`` files) to the executors.

    PySpark puts only ``.py``/``.zip``/``.egg`` files of ``spark.submit.pyFiles``/``addPyFile``
    on the executors' Python path (YARN also adds other files to ``PYTHONPATH``; standalone and
    Kubernetes do not): a ``.whl`` would be copied to every executor and never imported.  A
    pure-Python wheel is a zip archive with the packages at its root, so a local wheel is shipped
    as a copy named ``<wheel>.zip``, kept under the temporary folder by content hash (executors
    fetch it while the application runs, and the same wheel added again is the same path, which
    Spark ignores).  The driver keeps importing its own installed project: the entries
    ``addPyFile`` puts on the driver's ``sys.path`` are taken off again.  Returns the names the
    executors see.
    """
    shipped = []
    for path in paths:
        text = str(path)
        if text.lower().endswith(".whl"):
            if is_uri(text):
                raise ValueError(f"{text}: a remote wheel is not imported by PySpark's executors; "
                                 "give a local wheel (it is shipped as a .zip) or a .zip of the packages")
            source = Path(text)
            if not source.is_file():
                raise FileNotFoundError(f"py-file not found: {text}")
            digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
            target = Path(tempfile.gettempdir()) / "reviewguard-spark-py-files" / digest / f"{source.name}.zip"
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_suffix(f".{os.getpid()}.part")
                shutil.copyfile(source, partial)
                partial.replace(target)
            text = str(target)
        elif not is_uri(text) and not Path(text).is_file():
            raise FileNotFoundError(f"py-file not found: {text}")
        driver_path = list(sys.path)
        spark.sparkContext.addPyFile(text)
        sys.path[:] = driver_path
        shipped.append(PurePosixPath(text).name)
    return shipped


def _warn_about_cluster(master: str, settings: Settings, py_files: Sequence[Any], conf: Mapping[str, str]) -> None:
    if master.startswith("local"):
        return
    uri = settings.resolved_tracking_uri()
    if not uri.startswith(("http://", "https://", "databricks")):
        _LOG.warning("the executors load the models from %s: only executors on this machine can read it; "
                     "on a cluster use an MLflow server (REVIEWGUARD_TRACKING_URI=http://…), see docs/scaling_out.md", uri)
    if not py_files and "spark.archives" not in conf:
        _LOG.warning("no --py-files or spark.archives: the executors must have reviewguard installed in %s",
                     os.environ.get("PYSPARK_PYTHON"))


def score_file_with_spark(kind: Kind, input_path: str | Path, output_path: str | Path, *, settings: Settings,
                          lean: bool = False, master: str = "local[*]", py_files: Sequence[str | Path] = (),
                          conf: Mapping[str, str] | None = None) -> dict[str, int]:
    """Read CSV/JSONL/Parquet (a file or a Parquet folder; local or any URI Spark reads), score it,
    write a Parquet folder; return ``rows_in``, ``errors`` and ``scored`` (``rows_in = scored + errors``).

    ``master`` is any Spark master URL. ``py_files`` go to the executors (:func:`ship_python_files`:
    the project's wheel on a cluster); ``conf`` is extra Spark configuration (``spark.archives``,
    ``spark.executor.memory``, ``spark.pyspark.python``, …).
    """
    from pyspark.sql import SparkSession

    conf = dict(conf or {})
    # spark.submit.pyFiles as a setting means the same as py_files (and a wheel needs the same care)
    py_files = [*py_files, *(f for f in conf.pop("spark.submit.pyFiles", "").split(",") if f)]
    fmt = input_format(input_path)
    # Python workers must run the interpreter that has reviewguard's dependencies, not PATH's
    # python3: the driver names it for every task (PYSPARK_PYTHON; ``spark.pyspark.python`` wins,
    # e.g. ``./environment/bin/python`` of a packed environment shipped with spark.archives).
    os.environ["PYSPARK_PYTHON"] = conf.get("spark.pyspark.python") or os.environ.get("PYSPARK_PYTHON") or sys.executable
    _warn_about_cluster(master, settings, py_files, conf)
    builder = (SparkSession.builder.master(master).appName("reviewguard-score")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.ui.enabled", "false"))
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    ship_python_files(spark, py_files)
    reader = spark.read
    source = str(input_path)
    if fmt == "csv":
        frame = reader.option("header", True).option("multiLine", True).option("escape", '"').csv(source)
    elif fmt == "jsonl":
        frame = reader.json(source)
    else:
        frame = reader.parquet(source)
    # A file smaller than a split (or a Parquet row group) is one partition, i.e. one task on one
    # core: spread small inputs over the cluster's cores (large ones have partitions to spare).
    cores = spark.sparkContext.defaultParallelism
    if frame.rdd.getNumPartitions() < cores:
        frame = frame.repartition(cores)
    score_dataframe(frame, kind=kind, lean=lean, settings=settings).write.mode("overwrite").parquet(str(output_path))
    # Counted from what was written (the row count is in the Parquet footers, errors read one
    # column): no cache to hold, and no second scoring pass if a cached partition were evicted.
    written = spark.read.parquet(str(output_path))
    counts = {"rows_in": written.count(), "errors": written.filter("error IS NOT NULL").count()}
    counts["scored"] = counts["rows_in"] - counts["errors"]
    return counts


__all__ = ["input_format", "is_uri", "output_columns", "score_dataframe", "score_file_with_spark", "score_partition",
           "ship_python_files"]
