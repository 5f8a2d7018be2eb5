"""Response bodies of the scoring routes as real UTF-8 JSON, serialised by pydantic.

BentoML's default output descriptor for a returned list renders with ``json.dumps`` and its
default ``ensure_ascii=True``, so every Chinese character of an appeal draft went out as a
``\\uXXXX`` escape (six bytes instead of three, unreadable in logs and curl), and it derived the
media type of every response by generating the model's whole JSON schema, which cost more than
scoring the review (~70 % of a worker's time under load, measured with py-spy).  A
:class:`JsonList` writes the body in one pydantic call (UTF-8, compact, faster than
``json.dumps``) under a fixed media type; :func:`serving.bentoml_compat.utf8_list_output` makes it
the route's output spec.  The OpenAPI document is unchanged, since the schema comes from the same
type.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter
from starlette.responses import Response

MEDIA_TYPE = "application/json"


class JsonList:
    """Serialises ``list[item_type]`` (pydantic models or plain data) as compact UTF-8 JSON."""

    def __init__(self, item_type: type) -> None:
        self.adapter = TypeAdapter(list[item_type])  # type: ignore[valid-type]

    def dump(self, items: Sequence[Any]) -> bytes:
        return self.adapter.dump_json(items)

    def response(self, items: Sequence[Any]) -> Response:
        return Response(content=self.dump(items), media_type=MEDIA_TYPE)
