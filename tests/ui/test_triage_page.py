"""The triage page in headless Chromium against a real `reviewguard serve`.

Each test leaves a screenshot of the state it checked in the test output folder.
"""

from __future__ import annotations

import csv
import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

EXTORTION_CHAT = "给我转30元我马上删差评"
WAIT_SECONDS = 30
BEIJING = timezone(timedelta(hours=8))


def _wait(driver, condition, timeout: float = WAIT_SECONDS):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _open(driver, url: str) -> None:
    driver.get(f"{url}/ui/")
    _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete"
          and d.find_element("id", "chat-list").find_elements("tag name", "li"))


def _visible_message(driver) -> str:
    box = _wait(driver, lambda d: d.find_element("id", "message") if d.find_element("id", "message").is_displayed() else None)
    return box.text


def _table_rows(driver) -> list[dict[str, str]]:
    rows = []
    for tr in driver.find_elements("css selector", "#results-body tr"):
        cells = [td.get_attribute("textContent").strip() for td in tr.find_elements("tag name", "td")]
        rows.append({"row": cells[0], "id": cells[1], "label": cells[2], "shown_risk": cells[3],
                     "risk": float(tr.get_attribute("data-risk")), "kind": tr.get_attribute("data-kind")})
    return rows


def _upload(driver, path: Path, kind: str = "reviews") -> None:
    from selenium.webdriver.support.ui import Select

    driver.find_element("id", "tab-file").click()
    Select(driver.find_element("id", "file-kind")).select_by_value(kind)
    driver.find_element("id", "file-input").send_keys(str(path))
    driver.find_element("css selector", "#panel-file button[type=submit]").click()


def test_paste_extortion_highlights_the_demand_and_copies_the_draft(browser, ui_server, screenshot):
    from selenium.webdriver.common.keys import Keys

    driver = browser
    _open(driver, ui_server)
    driver.find_element("id", "fill-example").click()
    # Keyboard: Enter in a field of the form submits it.
    driver.find_element("name", "review_id").send_keys(Keys.ENTER)
    draft = _wait(driver, lambda d: d.find_element("id", "draft") if d.find_elements("id", "draft") else None)

    verdict = driver.find_element("css selector", "#detail .verdict .tag").text
    assert verdict == "勒索/要挟"
    # The demand is highlighted in place, inside chat message 0, exactly as the API quoted it.
    marks = driver.find_elements("css selector", '#chat li[data-index="0"] mark.quote')
    assert [m.text for m in marks] == [EXTORTION_CHAT]
    assert "has-evidence" in driver.find_element("css selector", '#chat li[data-index="0"]').get_attribute("class")
    evidence = driver.find_element("id", "appeal-evidence").text
    assert "飞鸽聊天第1条" in evidence and EXTORTION_CHAT in evidence
    # The checklist shows what is proven and what is missing.
    assert driver.find_elements("css selector", ".checklist li.ok") and driver.find_elements("css selector", ".checklist li.missing")
    # Six probabilities as bars, widths following the numbers.
    assert len(driver.find_elements("css selector", "#detail .bar-row")) == 6
    # Focus moved to the detail (keyboard and screen-reader users land on the result).
    assert driver.switch_to.active_element.get_attribute("id") == "detail-heading"

    # The example is dated yesterday: the deadline is open and counted down.
    assert "还剩" in driver.find_element("css selector", "#detail .deadline").text
    text = draft.get_attribute("value")
    assert EXTORTION_CHAT in text and text.endswith("申请平台判定差评无效。")
    # The long draft is folded away under the short one; it opens with a click.
    assert not draft.is_displayed()
    driver.find_element("css selector", "#draft-long summary").click()
    assert draft.is_displayed()
    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": ui_server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    driver.find_element("id", "copy-draft").click()
    _wait(driver, lambda d: d.find_element("id", "copy-status").text)
    assert driver.find_element("id", "copy-status").text == "已复制到剪贴板"
    clipboard = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, (e) => done('ERR ' + e));")
    assert clipboard == text

    rows = _table_rows(driver)
    assert [(r["id"], r["label"]) for r in rows] == [("r1", "勒索/要挟")]
    screenshot("01-paste-extortion.png")


def _write_reviews_csv(path: Path) -> list[dict]:
    rows = [
        {"review_id": "u-extort", "text": "质量太差了，差评！", "rating": "1",
         "chat": json.dumps([{"role": "buyer", "text": "不退钱就给你差评，给我转50元马上删差评"}], ensure_ascii=False)},
        {"review_id": "u-genuine-neg", "text": "衣服质量一般，洗了一次就起球了，有点失望", "rating": "2", "chat": ""},
        {"review_id": "u-genuine-pos", "text": "很满意，面料舒服，物流也快，下次还来", "rating": "5", "chat": ""},
        {"review_id": "u-ad", "text": "兼职日结，加薇 abc12345 详聊，一天两百", "rating": "1", "chat": ""},
        {"review_id": "u-gibberish", "text": "啊啊啊啊啊啊啊啊啊啊", "rating": "1", "chat": ""},
        {"review_id": "u-bad-rating", "text": "还行", "rating": "9", "chat": ""},
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["review_id", "text", "rating", "chat"])
        writer.writeheader()
        writer.writerows(rows)
    return rows


def test_upload_csv_shows_a_table_sorted_by_risk_with_the_right_counts(browser, ui_server, screenshot, tmp_path):
    from selenium.webdriver.support.ui import Select

    driver = browser
    source = _write_reviews_csv(tmp_path / "reviews.csv")
    # What the JSON API says about the valid rows: the page must show the same.
    items = [{**{k: v for k, v in r.items() if k != "chat"}, "rating": int(r["rating"]),
              "chat": json.loads(r["chat"]) if r["chat"] else []} for r in source if r["rating"] != "9"]
    expected = httpx.post(f"{ui_server}/v1/reviews/classify", json={"items": items}, timeout=30).json()
    expected_order = [r["review_id"] for r in sorted(expected, key=lambda r: -(1 - r["probabilities"]["normal"]))]

    _open(driver, ui_server)
    _upload(driver, tmp_path / "reviews.csv")
    _wait(driver, lambda d: len(d.find_elements("css selector", "#results-body tr")) == 5)
    rows = _table_rows(driver)
    assert [r["id"] for r in rows] == expected_order
    risks = [r["risk"] for r in rows]
    assert risks == sorted(risks, reverse=True)
    by_id = {r["review_id"]: 1 - r["probabilities"]["normal"] for r in expected}
    assert all(abs(r["risk"] - by_id[r["id"]]) < 1e-5 for r in rows)
    assert {r["row"] for r in rows} == {"1", "2", "3", "4", "5"}

    malicious = sum(r["malicious"] for r in expected)
    review = sum(r["needs_review"] for r in expected)
    normal = sum(r["label"] == "normal" for r in expected)
    counts = driver.find_element("id", "counts").text
    assert f"共 5 条 · 恶意 {malicious} · 需复核 {review} · 正常 {normal} · 错误行 1" in counts
    # The bad row is reported with its number and the field, not dropped.
    errors = driver.find_element("id", "row-errors-list").text
    assert "第 6 行（u-bad-rating）" in errors and "rating" in errors
    assert "1 行有错误" in _visible_message(driver)
    screenshot("02-upload-csv.png")

    # Filters: by label, and by days left (no review has a deadline here: nothing matches).
    Select(driver.find_element("id", "filter-label")).select_by_value("normal")
    assert len(driver.find_elements("css selector", "#results-body tr")) == normal
    Select(driver.find_element("id", "filter-label")).select_by_value("")
    driver.find_element("id", "filter-days").send_keys("10")
    assert driver.find_elements("css selector", "#results-body tr") == []
    driver.find_element("id", "filter-days").clear()
    driver.execute_script("document.getElementById('filter-days').dispatchEvent(new Event('input'))")
    assert len(driver.find_elements("css selector", "#results-body tr")) == 5

    # The scored table as CSV, made in the browser, with a BOM for Excel.
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.find_element("id", "download").click()
    deadline = time.monotonic() + 10
    while not [p for p in downloads.glob("*.csv")] and time.monotonic() < deadline:
        time.sleep(0.2)
    (saved,) = list(downloads.glob("*.csv"))
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0][:4] == ["类型", "行", "编号", "判断"]
    assert [line[2] for line in table[1:]] == expected_order

    # The detail of a genuine negative review shows the reply suggestion.
    genuine = next((r for r in expected if r["reply_suggestion"]), None)
    if genuine is not None:
        button = driver.find_element("css selector", f'#results-body tr:nth-child({expected_order.index(genuine["review_id"]) + 1}) button')
        button.click()
        reply = _wait(driver, lambda d: d.find_element("id", "reply") if d.find_elements("id", "reply") else None)
        assert reply.get_attribute("value") == genuine["reply_suggestion"]


def test_order_upload_shows_risk_action_and_prevention(browser, ui_server, screenshot, tmp_path):
    path = tmp_path / "orders.jsonl"
    orders = [
        {"order_id": "o-risky", "shipping_address": "某小区门口", "same_address_orders_24h": 6,
         "chat": [{"role": "buyer", "text": "你发货试试，收到就给你差评"}],
         "buyer": {"account_age_days": 2, "orders_total": 10, "refunds_total": 8}},
        {"order_id": "o-plain", "shipping_address": "浙江省杭州市西湖区文三路 100 号 3 单元 501", "same_address_orders_24h": 0},
    ]
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in orders), encoding="utf-8")
    driver = browser
    _open(driver, ui_server)
    _upload(driver, path, kind="orders")
    _wait(driver, lambda d: len(d.find_elements("css selector", "#results-body tr")) == 2)
    assert _table_rows(driver)[0]["id"] == "o-risky"
    driver.find_element("css selector", "#results-body tr:first-child button").click()
    detail = _wait(driver, lambda d: d.find_element("id", "detail") if d.find_element("id", "detail").is_displayed() else None)
    text = detail.text
    (expected,) = httpx.post(f"{ui_server}/v1/orders/score", json={"items": orders[:1]}, timeout=30).json()
    assert expected["level"] != "low" and expected["reasons"]
    for reason in expected["reasons"]:
        assert reason["text"] in text
    for setting in expected["prevention"]:
        assert setting in text
    assert expected["action_note"] in text and "防控中心建议开启" in text
    screenshot("03-upload-orders.png")


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("no-text-column.csv", "review_id,rating\nr1,1\n", "文件缺少必需的列：text"),
    ("notes.txt", "这不是表格", "不支持的文件类型“.txt”"),
    ("empty.csv", "review_id,text,rating\n", "文件里没有数据行"),
])
def test_a_bad_upload_shows_a_clear_message(browser, ui_server, screenshot, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    driver = browser
    _open(driver, ui_server)
    _upload(driver, path)
    message = _visible_message(driver)
    assert expected in message
    assert "error" in driver.find_element("id", "message").get_attribute("class")
    assert driver.find_elements("css selector", "#results-body tr") == []
    screenshot(f"04-bad-upload-{path.stem}.png")


def test_too_big_an_upload_is_refused_with_the_limit(browser, ui_server, screenshot, tmp_path):
    path = tmp_path / "big.csv"
    line = "r,{},1\n".format("好" * 600)
    path.write_text("review_id,text,rating\n" + line * 1300, encoding="utf-8")  # ~2.3 MB
    driver = browser
    _open(driver, ui_server)
    _upload(driver, path)
    message = _visible_message(driver)
    assert "文件太大" in message and "2 MB" in message and "1000 行" in message
    screenshot("05-bad-upload-too-big.png")


def test_phone_width_layout_renders_in_one_column(browser, ui_server, screenshot):
    driver = browser
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        _open(driver, ui_server)
        driver.find_element("id", "fill-example").click()
        driver.find_element("css selector", "#panel-form button[type=submit]").click()
        _wait(driver, lambda d: d.find_elements("id", "draft"))
        # Nothing sticks out sideways: no horizontal scrolling of the page on a phone.
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390
        boxes = driver.execute_script(
            "return ['.input', '.results', '.detail'].map(s => document.querySelector(s).getBoundingClientRect())"
            ".map(r => [r.left, r.top, r.width])")
        lefts = {round(box[0]) for box in boxes}
        assert len(lefts) == 1, boxes  # one column
        assert boxes[0][1] < boxes[1][1] < boxes[2][1]  # input, then results, then the detail
        assert driver.find_element("id", "copy-short").is_displayed()
        screenshot("06-phone.png")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_pasting_the_readme_json_scores_both_items_and_names_a_bad_field(browser, ui_server, screenshot):
    from selenium.webdriver.common.keys import Keys

    readme_request = {"items": [
        {"review_id": "r1", "text": "质量太差了，差评！", "rating": 1, "created_at": "2026-10-10T17:00:00+08:00",
         "chat": [{"role": "buyer", "text": EXTORTION_CHAT, "sent_at": "2026-10-10T13:00:00+08:00"}],
         "order": {"order_id": "o1", "paid_at": "2026-10-06T10:00:00+08:00", "delivered_at": "2026-10-08T12:00:00+08:00",
                   "logistics_status": "delivered"}},
        {"review_id": "r2", "text": "衣服质量一般，洗了一次就起球了，有点失望", "rating": 2},
    ]}
    driver = browser
    _open(driver, ui_server)
    driver.find_element("id", "tab-json").click()
    area = driver.find_element("id", "json-input")
    driver.execute_script("arguments[0].value = arguments[1]", area, json.dumps(readme_request, ensure_ascii=False))
    area.send_keys(Keys.CONTROL, Keys.ENTER)  # Ctrl+Enter submits from a text area
    _wait(driver, lambda d: len(d.find_elements("css selector", "#results-body tr")) == 2)
    assert [r["id"] for r in _table_rows(driver)] == ["r1", "r2"]
    # The README's example is from October: its appeal is shown as expired, not hidden.
    assert "申诉期已过" in driver.find_element("css selector", "#detail .deadline").text
    screenshot("07-paste-json.png")

    bad = {"items": [{"review_id": "x", "text": "好", "rating": 0}]}
    driver.execute_script("arguments[0].value = arguments[1]", area, json.dumps(bad))
    driver.find_element("css selector", "#panel-json button[type=submit]").click()
    message = _visible_message(driver)
    assert "items.0.rating" in message
    screenshot("08-paste-json-bad-field.png")


# ---- report reasons, reportability, the short draft, the chat warning ----------------------------


def _recent(days: int = 3) -> str:
    """A review time inside the platform's 30-day report window."""
    return (datetime.now(BEIJING) - timedelta(days=days)).isoformat(timespec="seconds")


def _paste_reviews(driver, items: list[dict]) -> None:
    driver.find_element("id", "tab-json").click()
    area = driver.find_element("id", "json-input")
    driver.execute_script("arguments[0].value = arguments[1]", area, json.dumps({"items": items}, ensure_ascii=False))
    driver.find_element("css selector", "#panel-json button[type=submit]").click()
    _wait(driver, lambda d: d.find_elements("id", "reportable"))


def _classify(url: str, item: dict) -> dict:
    (result,) = httpx.post(f"{url}/v1/reviews/classify", json={"items": [item]}, timeout=30).json()
    return result


def _clipboard(driver) -> str:
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, (e) => done('ERR ' + e));")


def test_abusive_extortion_review_shows_both_reasons_the_verdict_and_a_short_draft_to_copy(browser, ui_server, screenshot):
    item = {"review_id": "r1", "text": "垃圾店，傻逼客服，质量太差了，差评！", "rating": 1, "created_at": _recent(),
            "chat": [{"role": "buyer", "text": EXTORTION_CHAT}]}
    expected = _classify(ui_server, item)
    codes = [x["code"] for x in expected["report_reasons"]]
    assert set(codes) == {"report_reason_negative_comment_compensation", "report_reason_low_politics_guns"}

    driver = browser
    _open(driver, ui_server)
    _paste_reviews(driver, [item])

    # The reasons, best first, each with its name, platform code, confidence and evidence with where it is.
    reasons = driver.find_elements("css selector", "#report-reasons > li")
    assert [li.get_attribute("data-code") for li in reasons] == codes
    for li, reason in zip(reasons, expected["report_reasons"], strict=True):
        assert li.find_element("css selector", ".reason-name").text == reason["name"]
        assert li.find_element("css selector", ".reason-code").text == reason["code"]
        assert li.find_element("css selector", ".reason-confidence").text.endswith("%")
        shown = [e.text for e in li.find_elements("css selector", ".ev .src")]
        assert shown == [e["where"] for e in reason["evidence"]]
    first, second = reasons
    assert "飞鸽聊天第1条" in first.text and EXTORTION_CHAT in first.text
    assert "评价原文" in second.text and "傻逼" in second.text

    # Reportable, through 差评申诉, with every line of why.
    box = driver.find_element("id", "reportable")
    assert "ok" in box.get_attribute("class").split()
    assert box.find_element("css selector", ".channel").text == "差评申诉"
    assert [li.text for li in box.find_elements("css selector", "li")] == expected["reportable"]["why"]

    # The short draft for the form's description field, with its count.
    short = driver.find_element("id", "draft-short")
    text = short.get_attribute("value")
    assert text == expected["appeal"]["draft_short"] and 0 < len(text) <= 100
    count = driver.find_element("id", "draft-short-count")
    assert count.text == f"{len(text)}/100"
    assert "over" not in count.get_attribute("class").split()
    screenshot("09-abusive-extortion-reasons.png")

    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": ui_server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    driver.find_element("id", "copy-short").click()
    _wait(driver, lambda d: d.find_element("id", "copy-short-status").text)
    assert driver.find_element("id", "copy-short-status").text == "已复制到剪贴板"
    assert _clipboard(driver) == text

    # The count follows edits, and turns red past the field's 100 characters.
    short.send_keys("。")
    assert count.text == f"{len(text) + 1}/100"
    driver.execute_script("arguments[0].value = '好'.repeat(101); arguments[0].dispatchEvent(new Event('input'))", short)
    assert count.text == "101/100" and "over" in count.get_attribute("class").split()
    assert count.value_of_css_property("color") == "rgba(180, 35, 24, 1)"  # --bad


def test_four_star_ad_is_reported_through_the_review_report_channel(browser, ui_server, screenshot):
    item = {"review_id": "r2", "text": "好物推荐，加我微信 abc12345 领优惠券，全场五折", "rating": 4, "created_at": _recent()}
    expected = _classify(ui_server, item)
    driver = browser
    _open(driver, ui_server)
    _paste_reviews(driver, [item])
    box = driver.find_element("id", "reportable")
    assert "ok" in box.get_attribute("class").split()
    assert box.find_element("css selector", ".channel").text == "评价举报"
    codes = [li.get_attribute("data-code") for li in driver.find_elements("css selector", "#report-reasons > li")]
    assert codes == [x["code"] for x in expected["report_reasons"]] and codes[0] == "report_reason_evaluate_advertise"
    assert driver.find_element("id", "draft-short").get_attribute("value") == expected["appeal"]["draft_short"]
    assert _table_rows(driver)[0]["label"] == "广告"
    assert "举报：评价内容包含广告信息" in driver.find_element("css selector", "#results-body tr").text
    screenshot("10-four-star-ad.png")


def test_a_review_past_the_window_is_shown_as_not_reportable(browser, ui_server, screenshot):
    item = {"review_id": "r-old", "text": "质量太差了，差评！", "rating": 1,
            "created_at": _recent(days=45), "chat": [{"role": "buyer", "text": EXTORTION_CHAT}]}
    expected = _classify(ui_server, item)
    assert expected["reportable"]["ok"] is False
    driver = browser
    _open(driver, ui_server)
    _paste_reviews(driver, [item])
    box = driver.find_element("id", "reportable")
    assert "bad" in box.get_attribute("class").split()
    assert "不能举报" in box.text
    assert [li.text for li in box.find_elements("css selector", "li")] == expected["reportable"]["why"]
    screenshot("11-not-reportable.png")


def _assess_in_page(driver, chat: str, status: str = "", chat_id: str = "c1") -> None:
    from selenium.webdriver.support.ui import Select

    form = driver.find_element("id", "panel-chat")
    if not form.is_displayed():
        driver.find_element("id", "tab-chat").click()
    field = form.find_element("name", "chat_id")
    field.clear()
    field.send_keys(chat_id)
    Select(form.find_element("name", "logistics_status")).select_by_value(status)
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element("id", "chat-input"), chat)
    form.find_element("css selector", "button[type=submit]").click()


def _chat_detail_for(driver, chat_id: str):
    return _wait(driver, lambda d: d.find_element("id", "chat-kind")
                 if d.find_element("id", "detail-heading").text == f"详情：{chat_id}" and d.find_elements("id", "chat-kind") else None)


def test_chat_tab_warns_of_extortion_and_a_complaint_and_names_the_field_of_an_empty_chat(browser, ui_server, screenshot):
    driver = browser
    _open(driver, ui_server)

    # Extortion on an order not shipped yet: 勒索, the guide's reply, hold the shipment.
    line = "给我转50块，不然我就给差评"
    (expected,) = httpx.post(f"{ui_server}/v1/chats/assess", timeout=30, json={"items": [
        {"chat_id": "c1", "chat": [{"role": "buyer", "text": line}], "order": {"logistics_status": "unshipped"}}]}).json()
    _assess_in_page(driver, f"买家：{line}", status="unshipped")
    assert _chat_detail_for(driver, "c1").text == "勒索"
    level = driver.find_element("id", "chat-level")
    assert level.text == {"high": "高风险", "medium": "中风险", "low": "低风险"}[expected["level"]]
    assert f"lvl-{expected['level']}" in level.get_attribute("class")
    reply = driver.find_element("id", "chat-reply").get_attribute("value")
    assert reply == expected["suggested_reply"] and "这是勒索行为" in reply
    assert [li.text for li in driver.find_elements("css selector", "#chat-advice li")] == expected["advice"]
    evidence = driver.find_element("id", "chat-evidence").text
    assert "飞鸽聊天第1条" in evidence and line in evidence
    assert [m.text for m in driver.find_elements("css selector", '#chat li[data-index="0"] mark.quote')] == [line]
    assert expected["hold_shipping"] is True
    banner = driver.find_element("id", "hold-shipping")
    assert banner.is_displayed() and "暂缓发货" in banner.text
    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": ui_server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    driver.find_element("id", "copy-chat-reply").click()
    _wait(driver, lambda d: d.find_element("id", "chat-reply-status").text)
    assert _clipboard(driver) == reply
    assert [(r["id"], r["label"], r["kind"]) for r in _table_rows(driver)] == [("c1", "聊天·勒索", "chat")]
    screenshot("12-chat-extortion.png")

    # The example: several lines with prefixes; the demand is the third message.
    driver.find_element("id", "fill-chat-example").click()
    driver.find_element("css selector", "#panel-chat button[type=submit]").click()
    _wait(driver, lambda d: len(d.find_elements("css selector", "#results-body tr")) == 2)
    assert _chat_detail_for(driver, "c1").text == "勒索"
    roles = [li.get_attribute("class").split()[1] for li in driver.find_elements("css selector", "#chat li")]
    assert roles == ["buyer", "seller", "buyer"]
    assert "飞鸽聊天第3条" in driver.find_element("id", "chat-evidence").text

    # A complaint: solve it now, no hold.
    _assess_in_page(driver, "买家：收到的衣服破了个洞，怎么办\n卖家：亲，麻烦发张照片看看", chat_id="c2")
    assert _chat_detail_for(driver, "c2").text == "投诉"
    assert not driver.find_elements("id", "hold-shipping")
    assert driver.find_element("id", "chat-reply").get_attribute("value")
    screenshot("13-chat-complaint.png")

    # An empty chat: the service's 400, with the field named.
    _assess_in_page(driver, "  \n", chat_id="c3")
    message = _visible_message(driver)
    assert "items.0.chat" in message
    assert "error" in driver.find_element("id", "message").get_attribute("class")
    screenshot("14-chat-empty.png")
