"""Hand-made hostile requests: oversized, chunked, malformed, odd encodings.  Never a 5xx."""

from __future__ import annotations

import json
import logging

import pytest

from features.settings import Settings
from serving.log_privacy import MaskPersonalData
from tests.serving.test_auth import guard_settings

REVIEW = {"review_id": "r", "text": "衣服质量一般，洗了一次就起球了", "rating": 2}


def test_body_over_the_limit_is_413_before_parsing(http_client):
    with guard_settings(http_client, max_body_bytes=2_000) as client:
        _check_413(client)


def _check_413(client):
    big = {"items": [dict(REVIEW, review_id=str(i)) for i in range(60)]}
    response = client.post("/v1/reviews/classify", json=big)
    assert response.status_code == 413
    assert "REVIEWGUARD_MAX_BODY_BYTES" in response.json()["error"]
    assert client.post("/v1/reviews/classify", json={"items": [REVIEW]}).status_code == 200


def test_chunked_body_over_the_limit_is_413(http_client):
    with guard_settings(http_client, max_body_bytes=2_000) as client:
        _check_chunked_413(client)


def _check_chunked_413(client):
    payload = json.dumps({"items": [dict(REVIEW, review_id=str(i)) for i in range(60)]}).encode()

    def chunks(data=payload):
        for start in range(0, len(data), 500):
            yield data[start:start + 500]

    response = client.post("/v1/reviews/classify", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    small = json.dumps({"items": [REVIEW]}).encode()
    ok = client.post("/v1/reviews/classify", content=chunks(small), headers={"Content-Type": "application/json"})
    assert ok.status_code == 200 and ok.json()[0]["review_id"] == "r"


def test_default_limit_is_documented_in_settings():
    assert Settings().max_body_bytes == 16 * 1024 * 1024


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", "application/json"),
        (b"{", "application/json"),
        (b"null", "application/json"),
        (b"[]", "application/json"),
        (b'{"items": "x"}', "application/json"),
        (b'{"items": [null]}', "application/json"),
        (b'{"items": [{"review_id": "r", "text": "\\ud800", "rating": 1}]}', "application/json"),
        (b'{"items": [{"review_id": "r", "text": "\xff\xfe", "rating": 1}]}', "application/json"),
        (b'{"items": [' + b"[" * 5000 + b"]" * 5000 + b"]}", "application/json"),
        (b'{"items": [{"review_id": "r", "text": "t", "rating": 1e400}]}', "application/json"),
        (b"review_id=r&text=t&rating=1", "application/x-www-form-urlencoded"),
        (b"--x\r\nContent-Disposition: form-data; name=\"items\"\r\n\r\n[]\r\n--x--\r\n", "multipart/form-data; boundary=x"),
        # Form bodies Starlette cannot parse (BentoML answered these 500 with a traceback).
        (b'{"items": []}', "multipart/form-data"),
        (b"--x\r\nContent-Disposition: form-data; name=\"items\"\r\n\r\n[]\r\n--x--\r\n", "multipart/form-data"),
        (b"abc", "multipart/form-data; boundary="),
        (b"abc", "multipart/form-data; charset=utf-8"),
        (b"abc", "multipart/form-data; boundary=x"),
        (b"--x\r\nContent-Disposition: form-data\r\n\r\n[]\r\n--x--\r\n", "multipart/form-data; boundary=x"),
        (b"--x\r\nbroken\r\n\r\n[]\r\n--x--\r\n", "multipart/form-data; boundary=x"),
        (b'{"items": []}', "text/plain"),
        (b"\x80\x04K\x01.", "application/vnd.bentoml+pickle"),
    ],
)
@pytest.mark.parametrize("route", ["/v1/reviews/classify", "/v1/orders/score"])
def test_malformed_bodies_are_client_errors(http_client, route, body, content_type):
    response = http_client.post(route, content=body, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code == 400:
        assert_declared_400(response.json())


def assert_declared_400(body):
    """The 400 body the API document declares (component InvalidArgument) and the README promises."""
    assert isinstance(body, dict) and isinstance(body.get("error"), str), body
    assert isinstance(body.get("detail"), list) and body["detail"], body
    for entry in body["detail"]:
        assert isinstance(entry.get("loc"), list) and all(isinstance(part, (str, int)) for part in entry["loc"]), entry
        assert isinstance(entry.get("msg"), str) and entry["msg"] and isinstance(entry.get("type"), str), entry


def test_document_declares_the_400_body_that_is_sent(http_client):
    document = http_client.get("/docs.json").json()
    declared = document["components"]["schemas"]["InvalidArgument"]
    assert declared["properties"]["detail"]["type"] == "array"
    assert set(declared["properties"]["detail"]["items"]["required"]) == {"loc", "msg", "type"}
    assert set(declared["required"]) == {"error", "detail"}
    for route in ("/v1/reviews/classify", "/v1/orders/score"):
        response = document["paths"][route]["post"]["responses"]["400"]
        assert response["content"]["application/json"]["schema"]["$ref"].endswith("/InvalidArgument")
    sent = http_client.post("/v1/reviews/classify", json={"items": [{"review_id": "r", "text": "t", "rating": 0}]})
    assert sent.status_code == 400
    assert_declared_400(sent.json())
    assert sent.json()["detail"][0]["loc"] == ["items", 0, "rating"]  # clients read the field path here


def test_lone_surrogate_in_text_is_scored_or_refused_not_crashed(http_client):
    # A JSON escape of a lone surrogate is valid JSON; the service must not fail on it.
    body = b'{"items": [{"review_id": "r", "text": "\\ud83d\\u8d28\\u91cf\\u5dee", "rating": 1}]}'
    response = http_client.post("/v1/reviews/classify", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code in (200, 400), response.text[:300]


def test_responses_are_real_utf8_not_escapes(http_client):
    response = http_client.post("/v1/reviews/classify", json={"items": [REVIEW]})
    assert response.status_code == 200
    assert "质量" in response.content.decode("utf-8")  # reply_suggestion is Chinese
    assert b"\\u" not in response.content


def test_validation_error_is_one_warning_line_without_traceback(http_client, caplog):
    # The service installs this filter on its handlers; caplog's handler is added after start-up.
    caplog.handler.addFilter(MaskPersonalData())
    with caplog.at_level(logging.INFO):
        response = http_client.post("/v1/reviews/classify",
                                    json={"items": [{"review_id": "r", "text": "电话13800138000", "rating": 9}]})
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["items", 0, "rating"]
    client_errors = [r for r in caplog.records if "client error (400)" in r.getMessage()]
    assert client_errors and all(r.levelno == logging.WARNING and not r.exc_info for r in client_errors)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "13800138000" not in caplog.text
