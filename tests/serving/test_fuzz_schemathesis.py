"""Schemathesis: requests generated from the service's own OpenAPI document (``/docs.json``).

Every operation is called in-process through the session's ASGI client (real BentoML routing,
validation, batching and models) with a bounded number of generated cases: valid ones
(positive) and ones that break the document (negative).  Checks: never a 5xx, and every
response conforms to the document (schemathesis' response checks), with two documented
exceptions:

- HTTP 400 bodies are checked against the document like every other response (it declares
  ``detail`` the list of ``{loc, msg, type}`` that is sent: serving.api_errors) and, in
  addition, against the contract in the README (``error`` text, a field path per violation).
- BentoML's document does not mark the request body of the scoring routes as required, so a
  POST without a body counts as "valid" for schemathesis; the service answers it with 400
  ``loc: ["items"]``, which is right, so that one check is skipped for body-less cases.
- The triage page's upload (``/ui/api/score-file``) takes a raw file: arbitrary bytes are
  schema-valid but rarely a readable CSV/JSONL/Parquet file, and the declared 400 says why, so
  "valid data accepted" is not checked there (every other check is).
- ``/v1/admin/...`` answers 401/403 without the admin token (by design, see serving/auth.py);
  those statuses are not in the route's document yet, so the status check is skipped for them.

Methods an operation does not declare are answered 405 with ``Allow`` (what schemathesis'
coverage phase checks as "unsupported method"), before auth on the admin route too.

``/metrics`` is left out in-process (BentoML's Prometheus registry only exists in a real
server); ``tests/serving/test_readiness.py`` calls it on a real ``bentoml serve``.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance, status_code_conformance

EXAMPLES_PER_OPERATION = 25
IN_PROCESS_SKIP = {"/metrics"}
UPLOAD_PATH = "/ui/api/score-file"


@pytest.fixture(scope="module")
def api_schema(http_client):
    document = http_client.get("/docs.json")
    assert document.status_code == 200
    return schemathesis.openapi.from_dict(document.json())


def _send(http_client, case):
    request = {"method": case.method, "url": case.formatted_path, "params": case.query or None,
               "headers": {k: str(v) for k, v in (case.headers or {}).items()}}
    if isinstance(case.body, bytes):
        request["content"] = case.body
    elif case.body is not NOT_SET:
        request["json"] = case.body
    return http_client.request(**request)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_openapi_document(api_schema, http_client, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()
                  if result.ok().path not in IN_PROCESS_SKIP]
    assert {op.path for op in operations} >= {"/v1/reviews/classify", "/v1/orders/score", "/v1/chats/assess"}
    failures: list[str] = []
    for operation in operations:
        _fuzz(operation, mode, http_client, failures)
    assert not failures, "\n".join(sorted(set(failures))[:20])


def _fuzz(operation, mode, http_client, failures: list[str]) -> None:
    """Run the bounded hypothesis search for one operation, collecting failures."""
    where = f"{operation.method.upper()} {operation.path}"

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        try:
            response = _send(http_client, case)
        except Exception as exc:  # the app raised instead of answering: as bad as a 500
            failures.append(f"{where}: no response ({type(exc).__name__}: {exc}) for {case.body!r:.300}")
            return
        if response.status_code >= 500:
            failures.append(f"{where}: {response.status_code} {response.text[:300]} for {case.body!r:.300}")
            return
        excluded = []
        if case.body is NOT_SET or operation.path == UPLOAD_PATH:
            excluded.append(positive_data_acceptance)
        if operation.path.startswith("/v1/admin/") and response.status_code in (401, 403):
            excluded.append(status_code_conformance)
        if response.status_code == 400 and operation.path != UPLOAD_PATH:  # the upload's 400 has its own body
            body = response.json()
            if not (isinstance(body.get("error"), str) and isinstance(body.get("detail"), list)
                    and all(isinstance(e, dict) and isinstance(e.get("loc"), list) and e.get("msg")
                            for e in body["detail"])):
                failures.append(f"{where}: 400 body without the field-path list: {response.text[:300]}")
        try:
            case.validate_response(response, excluded_checks=excluded)
        except FailureGroup as group:
            failures.append(f"{where}: {response.status_code} {group.message[:800]}")

    try:
        check()
    except Unsatisfiable:
        # Negative mode needs something to break; an operation without parameters or body has none.
        assert mode == GenerationMode.NEGATIVE, where


UNDECLARED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE")


def test_undeclared_methods_are_405_with_allow(api_schema, http_client):
    operations: dict[str, set[str]] = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations.setdefault(operation.path, set()).add(operation.method.upper())
    assert operations["/v1/admin/reload"] == {"POST"}
    wrong = []
    for path, declared in operations.items():
        url = path.replace("{buyer_id}", "b1")
        for method in sorted(set(UNDECLARED_METHODS) - declared):
            response = http_client.request(method, url)
            allow = {m.strip() for m in response.headers.get("allow", "").split(",") if m.strip()}
            if response.status_code != 405 or not declared <= allow:
                wrong.append(f"{method} {path}: {response.status_code} allow={sorted(allow)} {response.text[:100]}")
    assert not wrong, "\n".join(wrong)


def test_undeclared_method_on_admin_route_is_405_whatever_the_token(http_client):
    from tests.serving.test_auth import TOKEN, guard_settings

    for overrides in ({"api_token": None}, {"api_token": TOKEN}):
        with guard_settings(http_client, **overrides) as client:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN}"}):
                response = client.request("TRACE", "/v1/admin/reload", headers=headers)
                assert response.status_code == 405, (overrides, headers, response.text)
                assert response.headers["allow"] == "POST"
                assert "POST" in response.json()["error"]
