"""The patches of serving.bentoml_compat: applied only when asked, guarded by version, and watched.

Each ``test_upstream_...`` test is a canary: it checks that the upstream behaviour a patch works
around is still there.  When one fails after an upgrade, the upstream project has changed: if it
fixed the problem, remove the patch (and its canary); if it changed its internals, adapt the
patch and the tested versions in serving/bentoml_compat.py.  This file, like the module it
tests, is allowed to import BentoML's and uvicorn's internals.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import subprocess
import sys

import bentoml
import pytest
import uvicorn
from _bentoml_impl import serde
from _bentoml_sdk.io_models import ensure_io_descriptor
from _bentoml_sdk.service import openapi
from bentoml._internal.context import trace_context
from bentoml._internal.log import SERVER_LOGGING_CONFIG, TraceRecordFilter
from bentoml._internal.server.http.traffic import TimeoutMiddleware
from bentoml._internal.utils.cattr import bentoml_cattr
from bentoml.exceptions import BentoMLException
from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from features.settings import Settings
from serving import api_errors, bentoml_compat, bentoml_fixes, connection_balance
from tests.serving.test_bentoml_fixes import pending_timers_after_requests

UNTESTED = {"bentoml": "1.5.0", "uvicorn": "0.99.0", "python": "3.99.0"}


class Item(BaseModel):
    text: str


class FormInput(bentoml.IODescriptor):
    items: list[str]


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch):
    """Warnings are given once per process and balancing gates register with their module."""
    monkeypatch.setattr(bentoml_compat, "_warned", set())
    yield
    connection_balance._gates.clear()
    bentoml_compat._trace_context.cache_clear()


def _form_request(content_type: bytes) -> Request:
    scope = {"type": "http", "method": "POST", "path": "/", "query_string": b"",
             "headers": [(b"content-type", content_type)]}

    async def receive():
        return {"type": "http.request", "body": b"--x\r\nbroken", "more_body": False}

    return Request(scope, receive)


# --- versions and when patches are applied -------------------------------------------------------

def test_installed_versions_are_the_tested_ones():
    # Fails after an upgrade out of a tested range: run the canaries below, then widen the range
    # in serving/bentoml_compat.py (or adapt the patch).  Until then the patch is skipped.
    assert {patch.name: patch.untested_versions() for patch in bentoml_compat.PATCHES} == {
        patch.name: [] for patch in bentoml_compat.PATCHES}


def test_every_patch_names_a_canary_in_this_file():
    assert [p.canary for p in bentoml_compat.PATCHES if not callable(globals().get(p.canary))] == []


def test_nothing_is_patched_at_import(tmp_path):
    check = """
import inspect
import serving.service
from _bentoml_impl import serde
from _bentoml_sdk.service import openapi
from bentoml._internal.server.http.traffic import TimeoutMiddleware
from bentoml._internal.utils.cattr import bentoml_cattr
from serving import bentoml_fixes
assert TimeoutMiddleware.__call__ is not bentoml_fixes.call_with_released_timer
assert serde.ALL_SERDE["multipart/form-data"] is serde.MultipartSerde
assert not hasattr(openapi.exception_components_schema, "upstream")
print("untouched")
"""
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "REVIEWGUARD_HOME": str(tmp_path)})
    assert result.stdout.strip() == "untouched", result.stderr[-2000:]


def test_worker_patches_apply_once(tmp_path):
    settings = Settings(home=tmp_path)
    expected = ["timeout-timer", "field-errors-documented", "form-errors-are-400"]  # no worker: no balancing
    assert bentoml_compat.apply_worker_patches(settings) == expected
    assert bentoml_compat.apply_worker_patches(settings) == expected
    assert TimeoutMiddleware.__call__ is bentoml_fixes.call_with_released_timer
    assert bentoml_compat.upstream(TimeoutMiddleware.__call__) is not bentoml_fixes.call_with_released_timer
    assert not hasattr(bentoml_compat.upstream(openapi.exception_components_schema), "upstream")  # wrapped once
    assert serde.ALL_SERDE["multipart/form-data"] is serde.ALL_SERDE["application/x-www-form-urlencoded"]
    assert serde.ALL_SERDE["multipart/form-data"] is not serde.MultipartSerde


@pytest.mark.parametrize("balance", [True, False])
def test_a_worker_balances_connections_only_when_configured(tmp_path, monkeypatch, balance):
    monkeypatch.setattr(bentoml.server_context, "worker_index", 1)

    async def main() -> tuple[list[str], bool]:
        loop = asyncio.get_running_loop()
        plain = loop.create_server
        applied = bentoml_compat.apply_worker_patches(Settings(home=tmp_path, balance_connections=balance))
        return applied, loop.create_server != plain

    applied, wrapped = asyncio.run(main())
    assert ("connection-balance" in applied) is balance
    assert wrapped is balance


def test_untested_versions_are_skipped_with_a_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(bentoml_compat, "installed_version", lambda package: UNTESTED[package])
    monkeypatch.setattr(bentoml.server_context, "worker_index", 1)
    before = (TimeoutMiddleware.__call__, serde.ALL_SERDE["multipart/form-data"], openapi.exception_components_schema)
    bentoml_compat._trace_context.cache_clear()
    caplog.set_level(logging.WARNING, logger=bentoml_compat.__name__)

    async def main() -> tuple[list[str], bool]:
        loop = asyncio.get_running_loop()
        plain = loop.create_server
        return bentoml_compat.apply_worker_patches(Settings(home=tmp_path)), loop.create_server == plain

    applied, plain = asyncio.run(main())
    assert applied == [] and plain
    assert before == (TimeoutMiddleware.__call__, serde.ALL_SERDE["multipart/form-data"],
                      openapi.exception_components_schema)
    assert bentoml_compat.utf8_list_output(Item) is None  # @bentoml.api then infers BentoML's own spec
    trace_context.request_id = 42
    assert bentoml_compat.request_id() is None
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    for name in ("timeout-timer", "field-errors-documented", "form-errors-are-400", "connection-balance",
                 "utf8-json-output", "request-id"):
        assert sum(f"not applying {name} " in message for message in warned) == 1, warned
    assert any("bentoml 1.5.0 (tested: >=1.4.40,<1.5)" in message for message in warned)


def test_a_patch_that_fails_is_skipped_with_a_warning(caplog):
    caplog.set_level(logging.WARNING, logger=bentoml_compat.__name__)

    def broken() -> None:
        raise AttributeError("module has no attribute 'TimeoutMiddleware'")

    assert not bentoml_compat._applied(bentoml_compat.TIMEOUT_TIMER, broken)
    assert "not applying timeout-timer" in caplog.text and "AttributeError" in caplog.text


# --- timeout-timer -------------------------------------------------------------------------------

def test_upstream_timeout_middleware_still_leaves_a_timer_per_request():
    class Upstream(TimeoutMiddleware):
        __call__ = bentoml_compat.upstream(TimeoutMiddleware.__call__)  # BentoML's own, patched or not

    assert pending_timers_after_requests(Upstream, requests=20) == 20


def test_patched_timeout_middleware_leaves_none():
    bentoml_compat.release_timeout_timer()
    assert pending_timers_after_requests(TimeoutMiddleware, requests=20) == 0


# --- utf8-json-output ----------------------------------------------------------------------------

def test_upstream_list_output_still_escapes_and_derives_its_media_type(monkeypatch):
    default = ensure_io_descriptor(list[Item])  # what @bentoml.api infers from `-> list[Item]`
    assert json.loads(default([Item(text="差评")]).model_dump_json()) == [{"text": "差评"}]
    assert "\\u5dee\\u8bc4" in default([Item(text="差评")]).model_dump_json()
    assert default.media_type is None
    calls = []
    schema = default.model_json_schema

    def counted(*args, **kwargs):
        calls.append(1)
        return schema(*args, **kwargs)

    monkeypatch.setattr(default, "model_json_schema", counted)
    asyncio.run(default.to_http_response([Item(text="差评")], serde.JSONSerde()))
    assert calls, "BentoML no longer builds the JSON schema to answer a list"


def test_our_list_output_is_utf8_with_a_fixed_media_type_and_the_same_schema():
    ours = bentoml_compat.utf8_list_output(Item)
    response = asyncio.run(ours.to_http_response([Item(text="差评")], serde.JSONSerde()))
    assert response.body == '[{"text":"差评"}]'.encode()
    assert response.media_type == "application/json"
    assert ours([Item(text="差评")]).model_dump_json() == '[{"text":"差评"}]'
    assert ours.model_json_schema() == ensure_io_descriptor(list[Item]).model_json_schema()


# --- field-errors-documented ---------------------------------------------------------------------

def _as_json(component) -> dict:
    """An OpenAPI component as it is written into /docs.json."""
    return bentoml_cattr.unstructure(component)


def test_upstream_document_still_declares_detail_a_string():
    upstream = bentoml_compat.upstream(openapi.exception_components_schema)()
    assert _as_json(upstream["InvalidArgument"])["properties"]["detail"]["type"] == "string"


def test_patched_document_declares_the_list_that_is_sent():
    bentoml_compat.declare_field_errors()
    declared = _as_json(openapi.exception_components_schema()["InvalidArgument"])
    assert declared == api_errors.INVALID_ARGUMENT_SCHEMA
    assert {"NotFound", "InternalServerError"} <= set(openapi.exception_components_schema())


# --- form-errors-are-400 -------------------------------------------------------------------------

def test_upstream_still_answers_500_to_a_multipart_body_without_boundary():
    # Neither a ValidationError (400) nor a BentoMLException: BentoML's endpoint answers it 500.
    with pytest.raises(Exception, match="boundary") as raised:  # noqa: PT011 (any type but those two)
        asyncio.run(serde.MultipartSerde().parse_request(_form_request(b"multipart/form-data"), FormInput))
    assert not isinstance(raised.value, (ValidationError, BentoMLException))


def test_patched_form_parser_answers_400_form_invalid():
    bentoml_compat.answer_form_errors_with_400()
    parser = serde.ALL_SERDE["multipart/form-data"]()
    with pytest.raises(ValidationError) as raised:
        asyncio.run(parser.parse_request(_form_request(b"multipart/form-data"), FormInput))
    (error,) = raised.value.errors()
    assert error["type"] == "form_invalid" and error["loc"] == () and "boundary" in error["msg"]


# --- connection-balance --------------------------------------------------------------------------

def test_uvicorn_still_accepts_through_the_listening_socket_it_is_given(tmp_path):
    """uvicorn serves BentoML's socket with loop.create_server after the app's start-up (where the
    worker balances), and asyncio's loop accepts through the socket object's accept()."""

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            await receive()
            assert bentoml_compat.balance_connections(tmp_path, worker_id=1)  # as ReviewGuard.__init__ does
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def main() -> tuple[bytes, int]:
        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_config=None))
        serving = asyncio.create_task(server.serve(sockets=[listener]))
        while not server.started:
            await asyncio.sleep(0.01)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        status = await reader.readline()
        (gate,) = connection_balance._gates
        held = gate.held
        writer.close()
        server.should_exit = True
        await serving
        return status, held

    status, held = asyncio.run(main())
    assert status.startswith(b"HTTP/1.1 200")
    assert held == 1, "the connection did not go through BalancedListener.accept"


# --- request-id and log names --------------------------------------------------------------------

def test_upstream_request_id_is_still_the_server_span_id():
    # BentoML's server sets trace_context.request_id to the request's span id and returns it as
    # X-BentoML-Request-ID (test_logs_serve checks that our X-Request-ID is that value); its log
    # filter copies it onto every record of the handler we give the JSON formatter.
    assert set(SERVER_LOGGING_CONFIG["handlers"]) >= bentoml_compat.BENTOML_SERVER_HANDLERS
    trace_context.request_id = 0x9C9B9C3D6AD3D37A
    assert bentoml_compat.request_id() == 0x9C9B9C3D6AD3D37A
    record = logging.LogRecord("bentoml", logging.INFO, __file__, 1, "hello", (), None)
    TraceRecordFilter().filter(record)
    assert record.request_id == 0x9C9B9C3D6AD3D37A
    assert getattr(record, bentoml_compat.BENTOML_LEVEL_FIELD) == "[INFO]"
    trace_context.request_id = None
    assert bentoml_compat.request_id() is None
