"""The page's files and upload route, in process (no browser needed)."""

from __future__ import annotations

import json

import pytest

REVIEWS_CSV = (
    "review_id,text,rating,chat\n"
    'a1,质量太差了，差评！,1,"[{""role"": ""buyer"", ""text"": ""给我转30元我马上删差评""}]"\n'
    "a2,衣服质量一般，洗了一次就起球了，有点失望,2,\n"
    "a3,坏了,9,\n"
    'a4,还行,3,"[{""role"": ""buyer""}"\n'  # a chat cell that is not JSON
)


def _upload(client, body: bytes, *, filename: str = "reviews.csv", kind: str = "reviews", headers=None):
    return client.post(f"/ui/api/score-file?kind={kind}&filename={filename}", content=body, headers=headers or {})


def test_page_files_are_served_with_a_strict_content_policy(http_client):
    page = http_client.get("/ui/")
    assert page.status_code == 200 and "reviewguard" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    # Nothing is fetched from elsewhere: every script and style sheet is one of our own files.
    assert "http" not in "".join(line for line in page.text.splitlines() if "src=" in line or "href=" in line)
    assert http_client.get("/ui/app.js").headers["content-type"].startswith("text/javascript")
    assert http_client.get("/ui/style.css").status_code == 200
    assert http_client.get("/ui/ui_app.py").status_code == 404


def test_upload_reports_bad_rows_exactly_like_batch(http_client, predictor, tmp_path):
    from serving.batch import score_file

    answer = _upload(http_client, REVIEWS_CSV.encode())
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert (data["rows_in"], data["scored"]) == (4, 2)
    assert [r["row"] for r in data["results"]] == [1, 2]
    assert data["results"][0]["input"]["chat"][0]["text"] == "给我转30元我马上删差评"

    source = tmp_path / "reviews.csv"
    source.write_text(REVIEWS_CSV, encoding="utf-8")
    score_file("reviews", source, tmp_path / "out.jsonl", predictor=predictor, progress=False)
    batch_errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert data["errors"] == batch_errors
    assert [e["row"] for e in data["errors"]] == [3, 4]
    assert "rating" in data["errors"][0]["errors"][0] and "chat" in data["errors"][1]["errors"][0]
    batch_labels = [json.loads(line)["label"] for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [r["result"]["label"] for r in data["results"]] == batch_labels


@pytest.mark.parametrize(("filename", "kind", "body", "status", "message"), [
    ("r.csv", "reviews", b"review_id,rating\nr1,1\n", 400, "文件缺少必需的列：text"),
    ("o.csv", "reviews", b"order_id,shipping_address\no1,x\n", 400, "请在“文件内容”里选择“订单”"),
    ("r.xlsx", "reviews", b"PK\x03\x04", 415, "不支持的文件类型“.xlsx”"),
    ("r.csv", "reviews", b"", 400, "文件是空的"),
    ("r.csv", "reviews", b"review_id,text,rating\n", 400, "没有数据行"),
    ("r.csv", "reviews", b"review_id,text,rating\n" + b"r,x,5\n" * 1001, 413, "最多 1000 行"),
    ("r.csv", "reviews", b"x" * (2 * 1024 * 1024 + 1), 413, "文件太大"),
])
def test_unusable_files_are_refused_with_a_reason(http_client, filename, kind, body, status, message):
    answer = _upload(http_client, body, filename=filename, kind=kind)
    assert answer.status_code == status
    assert message in answer.json()["detail"]


def test_orders_upload_and_the_address_is_not_echoed(http_client):
    line = {"order_id": "o9", "shipping_address": "某小区门口", "same_address_orders_24h": 6,
            "chat": [{"role": "buyer", "text": "你发货试试，收到就给你差评"}]}
    answer = _upload(http_client, (json.dumps(line, ensure_ascii=False) + "\n").encode(), filename="o.jsonl",
                     kind="orders")
    assert answer.status_code == 200, answer.text
    (row,) = answer.json()["results"]
    assert row["result"]["order_id"] == "o9" and row["result"]["reasons"]
    assert "shipping_address" not in row["input"]


def test_upload_needs_the_token_when_the_server_requires_auth(http_client):
    # The upload checks the token with the settings the guard in front of every route runs with
    # (read once per worker), the same as the JSON API.
    from tests.serving.test_auth import guard_settings

    body = b"review_id,text,rating\nr1,hello,5\n"
    with guard_settings(http_client, api_token="s3cret-token", require_auth=True):
        assert _upload(http_client, body).status_code == 401
        assert _upload(http_client, body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert _upload(http_client, body, headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        # The page itself holds no data and stays reachable, so that the token can be typed in.
        assert http_client.get("/ui/").status_code == 200
    assert _upload(http_client, body).status_code == 200
