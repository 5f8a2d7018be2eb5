"""Every place reviewguard goes beyond the public API of BentoML, uvicorn, asyncio or sockets.

Each patch below is a small named unit: what it fixes and the figure that justifies it
(docs/serving.md, "Where we go around BentoML, and why"), the versions it was tested with, and a
canary test in ``tests/serving/test_bentoml_compat.py`` that fails once upstream behaviour
changes, so that a patch upstream no longer needs is noticed and removed.

Nothing here runs at import.  :func:`apply_worker_patches` is called by the service at the start
of each worker (``ReviewGuard.__init__``, before the worker listens and before any request); the
one piece that must exist at import, the output spec of the scoring routes, comes from the
factory :func:`utf8_list_output`.  Outside the tested versions a patch is skipped with one
warning and BentoML's own behaviour applies; a patch that fails to apply is skipped the same way.
Nothing here may stop a server from starting.

The public logic the patches install stays in the modules that own it:
:mod:`serving.bentoml_fixes` (the request timeout), :mod:`serving.json_output` (UTF-8 JSON
bodies), :mod:`serving.api_errors` (the 400 contract) and :mod:`serving.connection_balance`
(spreading connections over workers).  Only this module and its tests import
``bentoml._internal``, ``_bentoml_sdk`` or ``_bentoml_impl``.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.metadata
import logging
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from packaging.specifiers import SpecifierSet

from serving import api_errors, bentoml_fixes, connection_balance, json_output
from serving.worker_sync import sync_root

if TYPE_CHECKING:
    from features.settings import Settings

log = logging.getLogger(__name__)

# Versions the patches were written and tested against: bentoml 1.4.40, uvicorn 0.54.0, Python
# 3.11.7.  Later 1.4 patch releases of BentoML are accepted; the canary tests (run in CI) fail
# first if one of them changes what a patch relies on.
BENTOML_TESTED = ">=1.4.40,<1.5"
UVICORN_TESTED = ">=0.54,<0.55"
PYTHON_TESTED = ">=3.11,<3.13"  # asyncio's selector loop accepts through sock.accept() in 3.11 and 3.12

# How a BentoML worker process shows in a process list (its module), for tests and operators.
WORKER_COMMAND_MARK = "_bentoml_impl.worker"
# The handler BentoML's server logging config (bentoml/_internal/log.py, SERVER_LOGGING_CONFIG)
# writes stdout through, and the record attribute its filter adds for the "[LEVEL]" column.
BENTOML_SERVER_HANDLERS = frozenset({"tracehandler"})
BENTOML_LEVEL_FIELD = "levelname_bracketed"


def upstream(replacement: Any) -> Any:
    """What a patch replaced (for the canary tests), or ``replacement`` itself if it is not ours."""
    return getattr(replacement, "upstream", replacement)


def installed_version(package: str) -> str:
    """The installed version of a distribution, or of the interpreter for ``"python"``."""
    if package == "python":
        return platform.python_version()
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class Patch:
    """One way we go around an upstream API: its name, what it fixes, where it was tested."""

    name: str
    fixes: str
    tested: tuple[tuple[str, str], ...]  # (distribution or "python", version specifier)
    canary: str  # the test in tests/serving/test_bentoml_compat.py that watches upstream

    def untested_versions(self) -> list[str]:
        """The installed versions outside the tested ranges (empty: the patch applies)."""
        return [f"{package} {installed_version(package)} (tested: {spec})" for package, spec in self.tested
                if not SpecifierSet(spec).contains(installed_version(package), prereleases=True)]

    def in_tested_versions(self) -> bool:
        """Whether to apply the patch; outside the tested versions, warn once and say so."""
        outside = self.untested_versions()
        if outside and self.name not in _warned:
            _warned.add(self.name)
            log.warning("not applying %s (%s): %s; the library's own behaviour applies",
                        self.name, self.fixes, ", ".join(outside))
        return not outside


_warned: set[str] = set()

TIMEOUT_TIMER = Patch(
    "timeout-timer",
    "BentoML's request timeout keeps every finished request referenced for 60 s: ~170 MB per worker at 600 req/s",
    (("bentoml", BENTOML_TESTED),),
    "test_upstream_timeout_middleware_still_leaves_a_timer_per_request",
)
UTF8_JSON_OUTPUT = Patch(
    "utf8-json-output",
    "list responses as UTF-8 JSON with a fixed media type: deriving it took ~70 % of a loaded worker's CPU",
    (("bentoml", BENTOML_TESTED),),
    "test_upstream_list_output_still_escapes_and_derives_its_media_type",
)
FIELD_ERRORS_DOCUMENTED = Patch(
    "field-errors-documented",
    "/docs.json declares the 400 body that is sent (detail: a list of {loc, msg, type}, not a string)",
    (("bentoml", BENTOML_TESTED),),
    "test_upstream_document_still_declares_detail_a_string",
)
FORM_ERRORS_ARE_400 = Patch(
    "form-errors-are-400",
    "an unparseable form body (multipart without boundary) is a 400, not a 500 with a traceback",
    (("bentoml", BENTOML_TESTED),),
    "test_upstream_still_answers_500_to_a_multipart_body_without_boundary",
)
CONNECTION_BALANCE = Patch(
    "connection-balance",
    "keep-alive connections spread over the workers: 8.1 k items/s instead of 4.1-4.8 k when they land on one",
    (("uvicorn", UVICORN_TESTED), ("python", PYTHON_TESTED)),
    "test_uvicorn_still_accepts_through_the_listening_socket_it_is_given",
)
REQUEST_ID = Patch(
    "request-id",
    "BentoML's id of the request (its OpenTelemetry span id) on every log line and as X-Request-ID",
    (("bentoml", BENTOML_TESTED),),
    "test_upstream_request_id_is_still_the_server_span_id",
)
PATCHES = (TIMEOUT_TIMER, UTF8_JSON_OUTPUT, FIELD_ERRORS_DOCUMENTED, FORM_ERRORS_ARE_400,
           CONNECTION_BALANCE, REQUEST_ID)


def _applied(patch: Patch, apply: Any, *args: Any) -> bool:
    """Run ``apply`` if the patch is in its tested versions; any failure skips it with a warning."""
    if not patch.in_tested_versions():
        return False
    try:
        return apply(*args) is not False
    except Exception as exc:  # an upstream change we did not foresee: serve with upstream's behaviour
        log.warning("not applying %s (%s): %s: %s", patch.name, patch.fixes, type(exc).__name__, exc)
        return False


def apply_worker_patches(settings: Settings) -> list[str]:
    """Apply the patches a worker needs, before it listens and before any request; their names.

    Called at the start of ``ReviewGuard.__init__``, which BentoML runs in the worker's event loop
    while uvicorn starts up (after the app is built, before the listening socket is served).
    Idempotent; outside a BentoML worker (an in-process test client) connections are not
    balanced, since there are no sibling workers.
    """
    import bentoml

    steps: list[tuple[Patch, Any, tuple[Any, ...]]] = [
        (TIMEOUT_TIMER, release_timeout_timer, ()),
        (FIELD_ERRORS_DOCUMENTED, declare_field_errors, ()),
        (FORM_ERRORS_ARE_400, answer_form_errors_with_400, ()),
    ]
    if settings.balance_connections:
        steps.append((CONNECTION_BALANCE, balance_connections,
                      (sync_root(settings.home), bentoml.server_context.worker_index)))
    applied = [patch.name for patch, apply, args in steps if _applied(patch, apply, *args)]
    if applied:
        log.info("BentoML compatibility patches applied: %s", ", ".join(applied))
    return applied


# --- timeout-timer -------------------------------------------------------------------------------

def release_timeout_timer() -> None:
    """BentoML's ``TimeoutMiddleware`` gets a ``__call__`` that cancels its timer when the response starts.

    Upstream arms a ``loop.call_later`` timer per request and never cancels it, so each finished
    request (future, context, tracing span: ~5 KB) stays referenced for the whole 60 s timeout:
    +16 % RSS in the first minute of load.  Same contract (504 when no response started in time).
    """
    from bentoml._internal.server.http.traffic import TimeoutMiddleware

    current = TimeoutMiddleware.__call__
    if current is not bentoml_fixes.call_with_released_timer:
        bentoml_fixes.call_with_released_timer.upstream = current  # type: ignore[attr-defined]
        TimeoutMiddleware.__call__ = bentoml_fixes.call_with_released_timer  # type: ignore[method-assign]


# --- utf8-json-output (needed at import: a factory) ----------------------------------------------

def utf8_list_output(item_type: type) -> type | None:
    """An ``output_spec`` for ``@bentoml.api`` returning ``list[item_type]``, or None.

    The spec is BentoML's own root-model descriptor with its body written by
    :class:`serving.json_output.JsonList` and a fixed media type: upstream escapes every Chinese
    character (``json.dumps`` with ``ensure_ascii``) and derives the media type of each response
    by generating the model's whole JSON schema (~70 % of a loaded worker's CPU).

    It has to exist when the service module is imported (it is an argument of the decorator),
    so it is a factory rather than a patch applied at worker start.  Outside the tested BentoML
    versions, or if the descriptor cannot be built, it returns None: ``output_spec=None`` makes
    BentoML infer the spec from the route's return annotation, its default behaviour.
    """
    if not UTF8_JSON_OUTPUT.in_tested_versions():
        return None
    try:
        from _bentoml_sdk.io_models import IORootModel
    except ImportError as exc:
        log.warning("not applying %s: %s", UTF8_JSON_OUTPUT.name, exc)
        return None
    body = json_output.JsonList(item_type)

    class Utf8ListOutput(IORootModel[list[item_type]]):  # type: ignore[valid-type,misc]
        media_type: ClassVar[str] = json_output.MEDIA_TYPE

        def model_dump_json(self, **kwargs: Any) -> str:
            return body.dump(self.root).decode()

        @classmethod
        async def to_http_response(cls, obj: Any, serde: Any) -> Any:
            # The route returns a plain list: write it straight to bytes.  Upstream wraps it in
            # this model (validating it again) and dumps it to Python objects once only to see
            # whether it is text, before serialising it: ~3 ms per 100 results.
            if isinstance(obj, list):
                return body.response(obj)
            return await super().to_http_response(obj, serde)

    Utf8ListOutput.__name__ = Utf8ListOutput.__qualname__ = f"{item_type.__name__}ListIODescriptor"
    return Utf8ListOutput


# --- field-errors-documented ---------------------------------------------------------------------

def declare_field_errors() -> None:
    """``/docs.json`` declares the 400 body BentoML sends (:data:`serving.api_errors.INVALID_ARGUMENT_SCHEMA`).

    Upstream declares ``detail`` a string (component ``InvalidArgument``) while its validation
    handler sends pydantic's list of errors there: every generated client and schemathesis saw a
    contract violation on each 400.  The document is generated on every request, in the worker.
    """
    from _bentoml_sdk.service import openapi
    from bentoml._internal.service.openapi.specification import Schema
    from bentoml._internal.utils.cattr import bentoml_cattr

    declared = openapi.exception_components_schema
    if hasattr(declared, "upstream"):
        return
    schema = bentoml_cattr.structure(api_errors.INVALID_ARGUMENT_SCHEMA, Schema)

    def components() -> dict[str, Any]:
        return {**declared(), "InvalidArgument": schema}

    components.upstream = declared  # type: ignore[attr-defined]
    openapi.exception_components_schema = components


# --- form-errors-are-400 -------------------------------------------------------------------------

def answer_form_errors_with_400() -> None:
    """A form body Starlette cannot parse is answered like any invalid input: 400, ``form_invalid``.

    Upstream's form parser lets Starlette's exception escape (``multipart/form-data`` without a
    boundary, broken parts) and answers it with HTTP 500 and a logged traceback.  Requests are
    parsed by looking the media type up in BentoML's parser table on every request.
    """
    from _bentoml_impl import serde
    from starlette.exceptions import HTTPException
    from starlette.formparsers import MultiPartException

    class FormSerde(serde.MultipartSerde):
        async def parse_request(self, request: Any, cls: Any) -> Any:
            try:
                return await super().parse_request(request, cls)
            except (HTTPException, MultiPartException) as exc:
                error = api_errors.form_error(exc, cls.__name__)
                if error is None:
                    raise
                raise error from None

    # Both media types BentoML parses as a form (the rest are read as JSON).
    for media_type, parser in list(serde.ALL_SERDE.items()):
        if parser is serde.MultipartSerde:
            serde.ALL_SERDE[media_type] = FormSerde  # type: ignore[index]


# --- connection-balance --------------------------------------------------------------------------

def balance_connections(folder: Path, worker_id: int | None) -> bool:
    """Serve this worker's listening TCP socket through a :class:`serving.connection_balance.BalancedListener`.

    BentoML's workers share one listening socket and the first to wake accepts every waiting
    connection, so a client's small keep-alive pool lands on one worker (4.1-4.8 k items/s
    against 8.1 k spread over two).  Must run in the worker's event loop before uvicorn serves
    the socket BentoML hands it: uvicorn passes it to ``loop.create_server(sock=...)``, which is
    wrapped here for this loop only, and asyncio's selector loop then accepts by calling the
    socket object's ``accept()``.  Returns False (nothing changed) outside a BentoML worker
    (``worker_id`` None), outside an event loop, or under a loop that accepts in C (uvloop).
    """
    if worker_id is None:
        return False
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        log.warning("connections are not balanced across workers: not called in the worker's event loop")
        return False
    if not isinstance(loop, asyncio.SelectorEventLoop):
        log.warning("connections are not balanced across workers: the event loop %s does not accept "
                    "through Python sockets", type(loop).__name__)
        return False
    create_server = loop.create_server
    if getattr(create_server, "balances_connections", False):
        return True

    async def create_balanced_server(protocol_factory: Any, *args: Any, sock: Any = None, **kwargs: Any) -> Any:
        if sock is not None:
            sock = connection_balance.balanced_listener(sock, folder, worker_id)
        server = await create_server(protocol_factory, *args, sock=sock, **kwargs)
        connection_balance.accepting()  # the siblings may count on this worker from now on
        return server

    create_balanced_server.balances_connections = True  # type: ignore[attr-defined]
    loop.create_server = create_balanced_server  # type: ignore[method-assign]
    return True


# --- request-id ----------------------------------------------------------------------------------

@functools.cache
def _trace_context() -> Any:
    if not REQUEST_ID.in_tested_versions():
        return None
    try:
        from bentoml._internal.context import trace_context
    except ImportError as exc:
        log.warning("no request ids in the logs: %s", exc)
        return None
    return trace_context


def request_id() -> int | None:
    """BentoML's id of the request being handled (its server span id), None outside a request.

    BentoML returns it as ``X-BentoML-Request-ID`` but has no public accessor for it; outside the
    tested versions log lines and responses simply carry no request id.
    """
    context = _trace_context()
    return None if context is None else context.request_id
