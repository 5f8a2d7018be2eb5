"""The HTTP 400 contract of the scoring routes, made true in both directions.

Every invalid request to ``/v1/reviews/classify`` and ``/v1/orders/score`` is answered with 400
and ``{"error": "...", "detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]}`` (one entry
per violation, README "Input").  BentoML 1.4 got two things wrong about it:

- its OpenAPI document (``/docs.json``) declares ``detail`` a string (component
  ``InvalidArgument``) while it sends pydantic's list there, so every generated client and
  schemathesis saw a contract violation.  :func:`install` declares what is sent: clients keep
  reading ``detail[].loc``.
- a form body Starlette cannot parse (``multipart/form-data`` without a boundary or with
  broken parts) raised an exception that BentoML answered with 500 and a logged traceback.
  It is now a 400 like any other body that is not valid input (compare invalid JSON:
  ``type: json_invalid``, ``loc: []``).

Installed when :mod:`serving.service` is imported (the main process serves ``/docs.json``, every
worker parses requests).
"""

from __future__ import annotations

from typing import Any

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


def _declare_field_errors() -> None:
    from _bentoml_sdk.service import openapi
    from bentoml._internal.service.openapi.specification import Schema
    from bentoml._internal.utils.cattr import bentoml_cattr

    declared = openapi.exception_components_schema
    if getattr(declared, "reviewguard_fixed", False):
        return
    schema = bentoml_cattr.structure(INVALID_ARGUMENT_SCHEMA, Schema)

    def components() -> dict[str, Any]:
        # generate_service_components looks this name up on every /docs.json request.
        return {**declared(), "InvalidArgument": schema}

    components.reviewguard_fixed = True  # type: ignore[attr-defined]
    openapi.exception_components_schema = components


def _form_errors_are_client_errors() -> None:
    from _bentoml_impl import serde
    from pydantic import ValidationError
    from pydantic_core import PydanticCustomError
    from starlette.exceptions import HTTPException
    from starlette.formparsers import MultiPartException

    if getattr(serde.ALL_SERDE["multipart/form-data"], "reviewguard_fixed", False):
        return

    class FormSerde(serde.MultipartSerde):
        reviewguard_fixed = True

        async def parse_request(self, request: Any, cls: Any) -> Any:
            try:
                return await super().parse_request(request, cls)
            except (HTTPException, MultiPartException) as exc:
                # Starlette's verdict on the body (400), which BentoML would turn into a 500.
                if isinstance(exc, HTTPException) and exc.status_code >= 500:
                    raise
                reason = exc.detail if isinstance(exc, HTTPException) else exc.message
                raise ValidationError.from_exception_data(cls.__name__, [{
                    "type": PydanticCustomError("form_invalid", "Invalid form body: {reason}", {"reason": reason}),
                    "loc": (), "input": None,
                }]) from None

    # Both media types BentoML parses as a form (the rest are read as JSON).
    for media_type, parser in list(serde.ALL_SERDE.items()):
        if parser is serde.MultipartSerde:
            serde.ALL_SERDE[media_type] = FormSerde  # type: ignore[index]


def install() -> None:
    """Declare the 400 body that is sent and answer unparseable form bodies with it (idempotent)."""
    _declare_field_errors()
    _form_errors_are_client_errors()
