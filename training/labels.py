"""Merchant-labelled data: ``reviewguard train --labels FILE``.

A CSV, JSONL or Parquet file of review items (docs/spec.md schema plus ``label``, one of the six
review labels) and/or order items (``order_id`` and no ``review_id``, plus ``label``:
``malicious``/``benign``, ``1``/``0`` or ``true``/``false``).  Labelled rows outrank generated
ones: a bootstrap row with the same text is dropped, and labelled rows carry more weight in
training.  Unreadable rows are skipped and counted, with their reasons, never silently; rows are
read and validated by the ingest path of batch scoring (:func:`features.records_io.ingest_rows`),
so a bad row gets the same error here as there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from features import REVIEW_LABELS
from features.records_io import Kind, RowError, ingest_rows
from features.schema import OrderItem, RecordError, ReviewItem

_ORDER_LABELS = {"malicious": 1, "1": 1, "true": 1, "benign": 0, "normal": 0, "0": 0, "false": 0}


@dataclass
class LabelledData:
    """Validated labelled items and the rows that could not be used.

    ``errors`` are the unusable rows as text (``"row 3: rating: ..."``; kept in the dataset
    manifest), ``error_rows`` the same rows with their number, id and field errors.
    """

    path: Path
    reviews: list[tuple[ReviewItem, str]] = field(default_factory=list)
    orders: list[tuple[OrderItem, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_rows: list[RowError] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return len(self.reviews) + len(self.orders) + len(self.errors)


def _label_of(record: dict[str, Any], allowed: dict[str, Any] | tuple[str, ...]) -> Any:
    label = record.pop("label", None)
    if label is None:
        raise RecordError(["label: field required"])
    key = str(label).strip().lower() if not isinstance(label, bool) else str(label).lower()
    if isinstance(allowed, dict):
        if key not in allowed:
            raise RecordError([f"label: must be one of {', '.join(sorted(allowed))}, got {label!r}"])
        return allowed[key]
    if key not in allowed:
        raise RecordError([f"label: must be one of {', '.join(allowed)}, got {label!r}"])
    return key


def _extract_label(kind: Kind, record: dict[str, Any]) -> Any:
    return _label_of(record, REVIEW_LABELS if kind == "reviews" else _ORDER_LABELS)


def load_labels(path: Path) -> LabelledData:
    """Read and validate a labelled file; raises FileNotFoundError / ValueError for the file itself."""
    if not path.exists():
        raise FileNotFoundError(f"labels file not found: {path}")
    data = LabelledData(path)
    # A row with a review_id (or without an order_id) is a review, the others orders.
    for chunk in ingest_rows(path, "either", 5000, extract=_extract_label):
        for item, label in zip(chunk.items, chunk.extras, strict=True):
            if isinstance(item, ReviewItem):
                data.reviews.append((item, label))
            else:
                data.orders.append((item, label))
        data.error_rows += chunk.errors
        data.errors += [str(error) for error in chunk.errors]
    return data


def labelled_group(item_id: str) -> str:
    """Held-out group of a labelled item (its id), so a re-labelled item stays in its split."""
    return "labelled:" + hashlib.sha1(item_id.encode("utf-8")).hexdigest()[:12]
