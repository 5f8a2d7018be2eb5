"""The HTTP 400 contract of the scoring routes, made true in both directions.

Every invalid request to ``/v1/reviews/classify`` and ``/v1/orders/score`` is answered with 400
and ``{"error": "...", "detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]}`` (one entry
per violation, docs/spec.md "Bad input").  BentoML 1.4 got two things wrong about it:

- its OpenAPI document (``/docs.json``) declares ``detail`` a string (component
  ``InvalidArgument``) while it sends pydantic's list there, so every generated client and
  schemathesis saw a contract violation.  The document declares what is sent
  (:data:`INVALID_ARGUMENT_SCHEMA`): clients keep reading ``detail[].loc``.
- a form body Starlette cannot parse (``multipart/form-data`` without a boundary or with
  broken parts) raised an exception that BentoML answered with 500 and a logged traceback.
  It is now a 400 like any other body that is not valid input (:func:`form_error`; compare
  invalid JSON: ``type: json_invalid``, ``loc: []``).

Both are installed in BentoML by :mod:`serving.bentoml_compat` when a worker starts (the workers
serve ``/docs.json`` and parse the requests).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

# The body of every 400 of the scoring routes, as sent by BentoML's validation handler.
INVALID_ARGUMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "InvalidArgument",
    "description": "Bad Request: the request is not valid input; one `detail` entry per violation",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string", "title": "Message"},
        "detail": {
            "type": "array",
            "title": "Field errors",
            "items": {
                "type": "object",
                "required": ["loc", "msg", "type"],
                "properties": {
                    "loc": {"type": "array", "title": "Field path (empty: the whole body)",
                            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string", "title": "Message"},
                    "type": {"type": "string", "title": "Error type"},
                },
            },
        },
    },
}


def form_error(exc: HTTPException | MultiPartException, model_name: str) -> ValidationError | None:
    """The validation error to answer a form body Starlette could not parse with (400).

    None when Starlette's verdict is itself a server error, which stays one.
    """
    if isinstance(exc, HTTPException) and exc.status_code >= 500:
        return None
    reason = exc.detail if isinstance(exc, HTTPException) else exc.message
    return ValidationError.from_exception_data(model_name, [{
        "type": PydanticCustomError("form_invalid", "Invalid form body: {reason}", {"reason": reason}),
        "loc": (), "input": None,
    }])
