"""Input records of docs/spec.md as pydantic models, and their flat (DataFrame) form.

The same field names are used in JSON over HTTP and in CSV/JSONL/Parquet for batch; in flat
files the nested parts (``chat``, ``order``, ``buyer``) are JSON strings.  The models validate
one record and name the offending field; :func:`reviews_to_frame` / :func:`orders_to_frame`
turn validated records into the raw frame every model pipeline takes as input.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

# Documented limits (README "Limits"): they bound the cost of one request and one row.
MAX_TEXT_CHARS = 2000
MAX_CHAT_TURNS = 200
MAX_ID_CHARS = 128
MAX_ADDRESS_CHARS = 500
MAX_ITEMS_PER_REQUEST = 1000
# HTTP body limit (413 above it); ~1000 long reviews with chats fit, a runaway upload does not.
MAX_BODY_BYTES = 16 * 1024 * 1024

BEIJING = timezone(timedelta(hours=8))

LogisticsStatus = Literal["unshipped", "in_transit", "delivered", "returned"]
RefundStatus = Literal["none", "requested", "refunded", "rejected"]


def _no_bool(value: Any) -> Any:
    # pydantic's lax mode reads true/false as 1/0; a count, a rating or an amount sent as a
    # boolean is a client bug, refused like any other wrong type (the API document says number).
    if isinstance(value, bool):
        raise ValueError("must be a number, not a boolean")
    return value


NotBool = BeforeValidator(_no_bool)
# Constraints first, then the validator: so the API document keeps minimum/maximum.
Count = Annotated[int, Field(ge=0, le=10_000_000), NotBool]


def _assume_beijing(value: datetime | None) -> datetime | None:
    # Shop back-ends often send naive local times; Douyin shops run on Beijing time.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=BEIJING)
    return value


def _no_epoch_numbers(value: Any) -> Any:
    # pydantic would read a number as Unix time; seconds and milliseconds look alike, so a
    # number is refused (the documented format is ISO-8601 text) instead of guessed.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("must be an ISO-8601 date-time string, not a number")
    return value


class _Record(BaseModel):
    # Unknown fields are ignored so that files with extra columns (label, notes) still score.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)


class ChatMessage(_Record):
    """One 飞鸽 chat message between buyer and seller."""

    role: Literal["buyer", "seller", "system"]
    text: str = Field(max_length=MAX_TEXT_CHARS)
    sent_at: datetime | None = None
    # An image or video sent with (or as) the message: a person must see it before any report.
    media: Literal["image", "video"] | None = None

    _tz = field_validator("sent_at")(_assume_beijing)
    _text_only = field_validator("sent_at", mode="before")(_no_epoch_numbers)


class BuyerHistory(_Record):
    """What the platform shows about the buyer's account."""

    buyer_id: str | None = Field(default=None, max_length=MAX_ID_CHARS)
    account_age_days: Count | None = None
    orders_total: Count | None = None
    refunds_total: Count | None = None
    reviews_total: Count | None = None
    negative_reviews_total: Count | None = None
    orders_with_shop: Count | None = None
    prior_malicious_decisions: Count | None = Field(
        default=None, description="Malicious decisions already on record; filled from the buyer-risk ledger if omitted."
    )


class OrderFacts(_Record):
    """Order timeline and logistics facts (all optional inside a review)."""

    order_id: str | None = Field(default=None, max_length=MAX_ID_CHARS)
    amount: Annotated[float, Field(ge=0, le=10_000_000), NotBool] | None = None
    quantity: Count | None = None
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    logistics_status: LogisticsStatus | None = None
    refund_status: RefundStatus | None = None
    refund_requested_at: datetime | None = None
    shipping_address: str | None = Field(default=None, max_length=MAX_ADDRESS_CHARS)
    same_address_orders_24h: Count | None = None
    same_buyer_orders_24h: Count | None = None
    buyer: BuyerHistory | None = None

    _tz = field_validator("paid_at", "shipped_at", "delivered_at", "refund_requested_at")(
        _assume_beijing
    )
    _text_only = field_validator("paid_at", "shipped_at", "delivered_at", "refund_requested_at",
                                 mode="before")(_no_epoch_numbers)

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class ReviewItem(_Record):
    """A review to classify; only ``review_id``, ``text`` and ``rating`` are required."""

    review_id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    text: str = Field(max_length=MAX_TEXT_CHARS)
    rating: Annotated[int, NotBool] = Field(ge=1, le=5)
    created_at: datetime | None = None
    has_media: bool = False
    chat: list[ChatMessage] = Field(default_factory=list, max_length=MAX_CHAT_TURNS)
    order: OrderFacts | None = None
    raw_personal_data: bool = Field(
        default=False, description="Show phone numbers and contact ids unmasked in the appeal draft."
    )

    _tz = field_validator("created_at")(_assume_beijing)
    _text_only = field_validator("created_at", mode="before")(_no_epoch_numbers)


class OrderItem(OrderFacts):
    """An order to score before shipping: the order facts plus its own chat."""

    order_id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    chat: list[ChatMessage] = Field(default_factory=list, max_length=MAX_CHAT_TURNS)


class ChatItem(_Record):
    """A live 飞鸽 conversation to assess before any review is posted (the early warning)."""

    chat_id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    chat: list[ChatMessage] = Field(min_length=1, max_length=MAX_CHAT_TURNS)
    order: OrderFacts | None = None


class RecordError(ValueError):
    """A record that cannot be scored, with every offending field named."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors))


def _field_path(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc) or "(record)"


def describe_validation_error(error: ValidationError) -> list[str]:
    """``["rating: Input should be less than or equal to 5", ...]`` from a pydantic error."""
    return [f"{_field_path(e['loc'])}: {e['msg']}" for e in error.errors()]


_NESTED_JSON_FIELDS = ("chat", "order", "buyer")


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, int, list, dict)):  # the common cells: never missing, skip pandas
        return False
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, dict, str)) else False
    except (TypeError, ValueError):
        return False


_PLAIN_TYPES = frozenset({str, int, float, bool, list, dict})


def flat_to_nested(row: Mapping[str, Any]) -> dict[str, Any]:
    """Turn one flat-file row into the nested record shape.

    Missing cells (None/NaN) are dropped, ``chat``/``order``/``buyer`` JSON strings are parsed
    (a bad one raises :class:`RecordError` naming the column), numpy scalars become Python
    values, and a top-level ``buyer`` column is folded into ``order.buyer`` for reviews.
    """
    record: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in row.items():
        key = str(key)
        if _is_missing(value):
            continue
        if type(value) not in _PLAIN_TYPES and hasattr(value, "item"):
            value = value.item()  # numpy scalar -> python
        if key in _NESTED_JSON_FIELDS and isinstance(value, (bytes, str)):
            if isinstance(value, str) and not value.strip():
                continue
            try:
                value = json.loads(value)
            except (ValueError, UnicodeDecodeError) as exc:
                errors.append(f"{key}: not valid JSON ({exc.__class__.__name__}: {exc})")
                continue
        if isinstance(value, str) and _has_surrogates(value):
            errors.append(f"{key}: invalid UTF-8 bytes")
            continue
        record[key] = value
    if errors:
        raise RecordError(errors)
    return record


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _has_surrogates(text: str) -> bool:
    # Flat files are decoded with errors="surrogateescape": undecodable bytes become lone
    # surrogates, which lets us reject exactly the bad cell instead of the whole file.
    return _ESCAPED_BYTE.search(text) is not None


def _fold_buyer(record: Mapping[str, Any]) -> dict[str, Any]:
    record = dict(record)
    buyer = record.pop("buyer", None)
    if buyer is not None:
        # Flat files carry the buyer history in its own column; it belongs to the order.
        order = record.get("order")
        if order is None:
            order = {}
        if isinstance(order, Mapping):
            order = dict(order)
            order.setdefault("buyer", buyer)
        record["order"] = order
    return record


def validate_review(record: Mapping[str, Any]) -> ReviewItem:
    """Validate a nested review record, raising :class:`RecordError` with field paths."""
    try:
        return ReviewItem.model_validate(_fold_buyer(record))
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None


def validate_order(record: Mapping[str, Any]) -> OrderItem:
    """Validate a nested order record, raising :class:`RecordError` with field paths."""
    try:
        return OrderItem.model_validate(dict(record))
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None


def validate_chat(record: Mapping[str, Any]) -> ChatItem:
    """Validate a nested chat record, raising :class:`RecordError` with field paths."""
    try:
        return ChatItem.model_validate(_fold_buyer(record))
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None


_MANY: dict[str, TypeAdapter] = {"reviews": TypeAdapter(list[ReviewItem]), "orders": TypeAdapter(list[OrderItem]),
                                  "chats": TypeAdapter(list[ChatItem])}


def validate_many(kind: Literal["reviews", "orders", "chats"], records: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Validate many nested records at once: one item, or a :class:`RecordError`, per record.

    The whole list is validated in one pydantic call; only when that fails are the records
    validated one by one, so each error still names its own record's fields.
    """
    prepared = [_fold_buyer(r) for r in records] if kind != "orders" else [dict(r) for r in records]
    try:
        return list(_MANY[kind].validate_python(prepared))
    except ValidationError:
        pass
    validate = {"reviews": validate_review, "orders": validate_order, "chats": validate_chat}[kind]
    results: list[Any] = []
    for record in prepared:
        try:
            results.append(validate(record))
        except RecordError as exc:
            results.append(exc)
    return results


# --- the raw frame every pipeline takes --------------------------------------------------------
REVIEW_FRAME_COLUMNS: tuple[str, ...] = (
    "review_id", "text", "rating", "created_at", "has_media", "chat", "order",
)
ORDER_FRAME_COLUMNS: tuple[str, ...] = ("order_id", "order", "chat")


def _json_or_empty(value: Any) -> str:
    if value is None or value == []:
        return ""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def reviews_to_columns(items: Iterable[ReviewItem], *, nested_as_json: bool = True) -> dict[str, list[Any]]:
    """The raw review records as ``{column: list of cells}``, the columns of the frame below.

    With ``nested_as_json=False`` the ``chat``/``order`` cells hold the same data as Python
    objects (datetimes, dicts, lists) instead of JSON text; the features are identical (the
    pipeline accepts both), and the Predictor skips encoding to JSON only to parse it again.
    """
    columns: dict[str, list[Any]] = {name: [] for name in REVIEW_FRAME_COLUMNS}
    mode = "json" if nested_as_json else "python"
    encode = _json_or_empty if nested_as_json else _object_or_empty
    for item in items:
        data = item.model_dump(mode=mode, exclude_none=True)
        columns["review_id"].append(data["review_id"])
        columns["text"].append(data["text"])
        columns["rating"].append(data["rating"])
        columns["created_at"].append(data.get("created_at", ""))
        columns["has_media"].append(bool(data.get("has_media", False)))
        columns["chat"].append(encode(data.get("chat")))
        columns["order"].append(encode(data.get("order")))
    return columns


def reviews_to_frame(items: Iterable[ReviewItem], *, nested_as_json: bool = True) -> pd.DataFrame:
    """The raw review frame: scalars as columns, ``chat``/``order`` as JSON strings.

    This is the model's input signature, identical for HTTP, batch and training (see
    :func:`reviews_to_columns` for ``nested_as_json``).
    """
    return pd.DataFrame(reviews_to_columns(items, nested_as_json=nested_as_json),
                        columns=list(REVIEW_FRAME_COLUMNS)).astype(
        {"review_id": "object", "text": "object", "rating": "int64", "created_at": "object",
         "has_media": "bool", "chat": "object", "order": "object"}
    )


def _object_or_empty(value: Any) -> Any:
    return "" if value is None or value == [] else value


def orders_to_columns(items: Iterable[OrderItem]) -> dict[str, list[Any]]:
    """The raw order records as ``{column: list of cells}``: ``order_id``, facts and chat as JSON."""
    columns: dict[str, list[Any]] = {name: [] for name in ORDER_FRAME_COLUMNS}
    for item in items:
        data = item.model_dump(mode="json", exclude_none=True)
        chat = data.pop("chat", None)
        columns["order_id"].append(data["order_id"])
        columns["order"].append(_json_or_empty(data))
        columns["chat"].append(_json_or_empty(chat))
    return columns


def orders_to_frame(items: Iterable[OrderItem]) -> pd.DataFrame:
    """The raw order frame: ``order_id``, the order facts and its chat as JSON strings."""
    return pd.DataFrame(orders_to_columns(items), columns=list(ORDER_FRAME_COLUMNS)).astype("object")


def parse_json_cell(value: Any) -> Any:
    """Inverse of the frame encoding: a JSON string (or already-parsed object) or None."""
    if isinstance(value, (dict, list)):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return json.loads(value) if value.strip() else None
    return None


def parse_timestamp(value: Any) -> datetime | None:
    """ISO-8601 text or datetime -> aware datetime (naive means Beijing time), else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _assume_beijing(value)
    try:
        return _assume_beijing(datetime.fromisoformat(str(value)))
    except ValueError:
        return None
