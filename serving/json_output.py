"""Response bodies as real UTF-8 JSON, serialised by pydantic.

BentoML's default output descriptor for a returned list (``IORootModel``) renders with
``json.dumps`` and its default ``ensure_ascii=True``, so every Chinese character of an appeal
draft went out as a ``\\uXXXX`` escape (six bytes instead of three, unreadable in logs and
curl).  The descriptor made here is the same BentoML class with one method replaced: the body
is written by pydantic's serializer (UTF-8, compact, and faster than ``json.dumps``).  The
OpenAPI document is unchanged, since the schema comes from the same type.
"""

from __future__ import annotations

from typing import Any

from _bentoml_sdk.io_models import IORootModel
from pydantic import TypeAdapter


def utf8_list_output(item_type: type) -> type[IORootModel]:
    """An ``output_spec`` for ``@bentoml.api`` returning ``list[item_type]`` as UTF-8 JSON."""
    adapter = TypeAdapter(list[item_type])

    class Utf8ListOutput(IORootModel[list[item_type]]):  # type: ignore[valid-type]
        def model_dump_json(self, **kwargs: Any) -> str:
            return adapter.dump_json(self.root).decode()

    Utf8ListOutput.__name__ = Utf8ListOutput.__qualname__ = f"{item_type.__name__}ListIODescriptor"
    return Utf8ListOutput
