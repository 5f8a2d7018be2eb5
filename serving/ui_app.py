"""The triage page for shop staff, mounted on the service at ``/ui``.

Serves three static files (``serving/ui/``: plain HTML, JS and CSS, nothing fetched from the
network) and one upload route, ``POST /ui/api/score-file?kind=reviews|orders&filename=...``,
whose body is the raw file.  The upload goes through the one ingest path of batch, Spark,
labels and outcomes (:func:`features.records_io.ingest_rows`), so a bad row is reported with its
row number, id and field exactly as ``reviewguard score`` reports it, and the valid rows are
scored by the Predictor the service holds.  A pasted review goes straight to the JSON API instead.

The bearer token is checked with the settings of :class:`serving.guard.GuardMiddleware`, which
runs in front of every route and hands them on in the request's state: one settings object per
worker, read once, for the JSON API and the page alike.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Literal

import bentoml
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from features.records_io import Ingested, file_format, ingest_rows
from features.schema import MAX_ITEMS_PER_REQUEST, OrderItem, ReviewItem
from serving.auth import AuthError, authorize
from serving.guard import request_settings

UI_DIR = Path(__file__).with_name("ui")
# Documented upload limits (README "Triage page"): bigger files belong to `reviewguard score`.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UPLOAD_ROWS = MAX_ITEMS_PER_REQUEST
REQUIRED_COLUMNS = {"reviews": ("review_id", "text", "rating"), "orders": ("order_id",)}
KIND_NAMES = {"reviews": "评价", "orders": "订单"}

# The page loads nothing but its own files; the policy makes that a guarantee, not a habit.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}
_STATIC = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
           "style.css": "text/css; charset=utf-8"}

ui_app = FastAPI(title="reviewguard triage page", docs_url=None, redoc_url=None, openapi_url=None)


@ui_app.get("/", include_in_schema=False)
def page() -> FileResponse:
    """The triage page."""
    return FileResponse(UI_DIR / "index.html", media_type=_STATIC["index.html"], headers=_PAGE_HEADERS)


@ui_app.get("/{name}", include_in_schema=False, response_model=None)
def asset(name: str, request: Request) -> FileResponse | RedirectResponse:
    """The page's script and style sheet (a fixed list: nothing else on disk is reachable)."""
    if name not in _STATIC:
        raise HTTPException(status_code=404, detail="not found")
    if name == "index.html":
        return RedirectResponse(str(request.url_for("page")))
    return FileResponse(UI_DIR / name, media_type=_STATIC[name], headers=_PAGE_HEADERS)


class UploadProblem(HTTPException):
    """A file the page cannot score at all (as opposed to single bad rows)."""


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        raise UploadProblem(413, _too_big(int(declared)))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD_BYTES:  # a missing or lying Content-Length is caught here
            raise UploadProblem(413, _too_big(len(body)))
    return bytes(body)


def _too_big(size: int) -> str:
    return (f"文件太大（{size / 1024 / 1024:.1f} MB）：页面上传最多 {MAX_UPLOAD_BYTES // 1024 // 1024} MB、"
            f"{MAX_UPLOAD_ROWS} 行；更大的文件请用命令 reviewguard score")


class UploadProblemBody(BaseModel):
    """Why a whole file was refused (Chinese, shown to shop staff as is)."""

    detail: str


class ScoredFile(BaseModel):
    """Every row of an uploaded file: either in ``results`` or in ``errors``."""

    kind: Literal["reviews", "orders"]
    rows_in: int
    scored: int
    results: list[dict[str, Any]] = Field(description="`{row, input, result}`: result as in the JSON API")
    errors: list[dict[str, Any]] = Field(description="`{row, id, errors}`: the field errors of a row")


_FILE_BODY = {"schema": {"type": "string", "format": "binary"}}


@ui_app.post("/api/score-file", response_model=ScoredFile, responses={
    400: {"model": UploadProblemBody, "description": "Empty or unreadable file, no data rows, or a required column missing"},
    401: {"model": UploadProblemBody, "description": "Bearer token missing or wrong (only with REVIEWGUARD_REQUIRE_AUTH)"},
    413: {"model": UploadProblemBody, "description": "Over 2 MB or over 1 000 rows: use `reviewguard score`"},
    415: {"model": UploadProblemBody, "description": "Not a .csv, .jsonl or .parquet file name"},
}, openapi_extra={"requestBody": {"required": True, "description": "The raw file, as named by `filename`", "content": {
    "text/csv": _FILE_BODY, "application/x-ndjson": _FILE_BODY, "application/octet-stream": _FILE_BODY}}})
async def score_file(request: Request, kind: Literal["reviews", "orders"] = "reviews",
                     filename: str = "upload.csv") -> dict[str, Any]:
    """Score an uploaded CSV/JSONL/Parquet file of reviews or orders (raw file as the body).

    Answers ``{"kind", "rows_in", "scored", "results": [{"row", "input", "result"}], "errors":
    [{"row", "id", "errors"}]}``; every row is either a result or an error.  A file that cannot
    be read at all is answered 400/413/415 with ``detail`` saying why, in Chinese.
    """
    service = bentoml.get_current_service()
    try:
        authorize(request.headers.get("authorization"), admin=False, settings=request_settings(request.scope))
    except AuthError as exc:
        raise HTTPException(exc.status, exc.message) from None
    suffix = Path(filename).suffix.lower()
    try:
        file_format(Path(filename))
    except ValueError:
        raise UploadProblem(415, f"不支持的文件类型“{suffix or filename}”：请上传 .csv、.jsonl 或 .parquet 文件") from None
    body = await _read_limited(request)
    if not body.strip():
        raise UploadProblem(400, "文件是空的")
    return await run_in_threadpool(_score_body, service.predictor, kind, suffix, body)


def _score_body(predictor: Any, kind: Literal["reviews", "orders"], suffix: str, body: bytes) -> dict[str, Any]:
    ingested = _ingest(kind, suffix, body)
    _check_columns(kind, ingested.columns)
    score = predictor.classify_reviews if kind == "reviews" else predictor.score_orders
    results = score(ingested.items)
    return {
        "kind": kind,
        "rows_in": ingested.rows_in,
        "scored": len(results),
        "results": [{"row": number, "input": _echo(item), "result": result.model_dump(mode="json")}
                    for number, item, result in zip(ingested.numbers, ingested.items, results, strict=True)],
        "errors": [error.as_dict() for error in ingested.errors],
    }


def _ingest(kind: Literal["reviews", "orders"], suffix: str, body: bytes) -> Ingested:
    """Every row of the file through the batch ingest path (so rows are numbered and checked the same way)."""
    whole = Ingested()
    with tempfile.TemporaryDirectory(prefix="reviewguard-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(body)
        try:
            for chunk in ingest_rows(path, kind, chunk_rows=MAX_UPLOAD_ROWS):
                whole.rows_in += chunk.rows_in
                if whole.rows_in > MAX_UPLOAD_ROWS:  # stop reading: the rest is never looked at
                    raise UploadProblem(413, f"文件超过 {MAX_UPLOAD_ROWS} 行：页面上传最多 {MAX_UPLOAD_ROWS} 行、"
                                             f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB；更大的文件请用命令 reviewguard score")
                whole.numbers += chunk.numbers
                whole.items += chunk.items
                whole.extras += chunk.extras
                whole.errors += chunk.errors
                whole.columns = chunk.columns
        except UploadProblem:
            raise
        except Exception as exc:  # pandas / pyarrow say why the file as a whole is unreadable
            raise UploadProblem(400, f"无法读取{file_format(path).upper()}文件：{exc}") from None
    if not whole.rows_in:
        raise UploadProblem(400, "文件里没有数据行（只有表头或为空）")
    return whole


def _check_columns(kind: str, columns: tuple[str, ...] | None) -> None:
    """A CSV/Parquet file lacking a required column fails as a whole, naming the column.

    JSON lines name only the fields each record has (``columns`` is None), so there a missing
    field is a row error.
    """
    if columns is None:
        return
    present = set(columns)
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in present]
    if missing:
        other = "orders" if kind == "reviews" else "reviews"
        hint = ""
        if all(column in present for column in REQUIRED_COLUMNS[other]):
            hint = f"；这像是{KIND_NAMES[other]}文件，请在“文件内容”里选择“{KIND_NAMES[other]}”"
        raise UploadProblem(400, f"文件缺少必需的列：{'、'.join(missing)}（{KIND_NAMES[kind]}文件需要 "
                                 f"{'、'.join(REQUIRED_COLUMNS[kind])}）{hint}")


def _echo(item: ReviewItem | OrderItem) -> dict[str, Any]:
    """The parts of the input the detail view shows (to highlight quotes in place).

    The shipping address is left out: the page shows the reasons about it, not the address.
    """
    data = item.model_dump(mode="json", exclude_none=True)
    data.pop("shipping_address", None)
    if isinstance(data.get("order"), dict):
        data["order"].pop("shipping_address", None)
    data.pop("raw_personal_data", None)
    return data
