"""Appeal packages: quotes are exact substrings, deadlines are in Beijing time, drafts are masked."""

from datetime import date

import pytest

from features.evidence import review_evidence
from features.report_reasons import report_reasons
from features.schema import validate_review
from serving.appeal import build_appeal as build_appeal_on
from serving.appeal import reply_suggestion

ORDER = {"order_id": "o1", "paid_at": "2026-10-06T10:00:00+08:00", "shipped_at": "2026-10-06T18:00:00+08:00",
         "delivered_at": "2026-10-08T12:00:00+08:00", "logistics_status": "delivered"}


def review(**fields):
    return validate_review({"review_id": "r", "rating": 1, "created_at": "2026-10-10T17:00:00+08:00", **fields})


def build_appeal(item, label, *, today):
    """The package for ``label`` asserted, built on what the one evidence extractor finds, as the Predictor does."""
    return build_appeal_on(item, report_reasons(item, label, 0.9, review_evidence(item)), today=today)


def sources(item):
    return {"review": [item.text], "chat": [m.text for m in item.chat]}


def assert_quotes_are_substrings(item, appeal):
    for piece in appeal.evidence:
        if piece.quote is None:
            continue
        if piece.source == "chat":
            assert piece.quote in item.chat[piece.index].text
        else:
            assert piece.quote in item.text


def test_extortion_quotes_the_demand_with_its_message_index():
    item = review(text="差评", chat=[{"role": "buyer", "text": "东西有划痕"}, {"role": "seller", "text": "亲，抱歉"},
                                    {"role": "buyer", "text": "给我转30元我马上删差评"}], order=ORDER)
    appeal = build_appeal(item, "extortion", today=date(2026, 10, 20))
    assert (appeal.reason_code, appeal.reason) == ("report_reason_negative_comment_compensation", "利用中差评骗赔")
    quoted = [e for e in appeal.evidence if e.source == "chat"]
    assert [(e.index, e.quote) for e in quoted] == [(2, "给我转30元我马上删差评")]
    assert_quotes_are_substrings(item, appeal)
    assert "给我转30元我马上删差评" in appeal.draft and "申请平台判定差评无效" in appeal.draft
    checklist = {c.item: c.provided for c in appeal.checklist}
    assert checklist["聊天记录截图"] is True and checklist["录音/录屏"] is False and checklist["物流凭证"] is True


@pytest.mark.parametrize("text", ["好评！➕薇 abc12345 领优惠券", "质量不错，加V❤️信：xin8899aa 有福利",
                                  "联系 1 3 8 0 0 1 3 8 0 0 0 兼职日结", "ＱＱ：１２３４５６７８ 进群领券"])
def test_ad_evidence_quotes_the_contact_as_typed_and_reveals_it_masked(text):
    item = review(text=text, rating=3)
    appeal = build_appeal(item, "ad", today=date(2026, 10, 20))
    assert_quotes_are_substrings(item, appeal)
    contact = appeal.evidence[0]
    assert contact.quote and contact.quote != text and contact.fact.startswith("还原后：")
    assert "13800138000" not in contact.fact and "12345678" not in contact.fact
    assert "13800138000" not in appeal.draft and "1 3 8 0 0 1 3 8 0 0 0" not in appeal.draft


def test_false_claim_evidence_states_the_contradicting_fact():
    item = review(text="根本没收到货，垃圾", order=ORDER)
    appeal = build_appeal(item, "false_claim", today=date(2026, 10, 20))
    facts = [e.fact for e in appeal.evidence if e.source == "order"]
    assert facts == ["物流显示 2026-10-08 已签收"]
    assert [e.quote for e in appeal.evidence if e.source == "review"] == ["根本没收到"]
    assert "物流显示 2026-10-08 已签收" in appeal.draft and "“根本没收到”" in appeal.draft
    assert_quotes_are_substrings(item, appeal)
    slow = build_appeal(review(text="半个月才到，太慢", order=ORDER), "false_claim", today=date(2026, 10, 20))
    assert [e.quote for e in slow.evidence if e.source == "review"] == ["半个月才到"]
    assert "用时 2.1 天" in next(e.fact for e in slow.evidence if e.source == "order")


@pytest.mark.parametrize(
    ("created_at", "today", "deadline", "days_left", "expired"),
    [
        ("2026-10-10T17:00:00+08:00", date(2026, 10, 20), "2026-11-09", 20, False),
        # 20:00 in New York on Oct 31 is already Nov 1 in Beijing, where the platform counts.
        ("2026-10-31T20:00:00-05:00", date(2026, 11, 1), "2026-12-01", 30, False),
        ("2026-10-31T23:30:00+00:00", date(2026, 11, 2), "2026-12-01", 29, False),
        # month and year ends
        ("2026-01-31T10:00:00+08:00", date(2026, 3, 1), "2026-03-02", 1, False),
        ("2026-12-15T10:00:00+08:00", date(2027, 1, 14), "2027-01-14", 0, False),
        ("2026-12-15T10:00:00+08:00", date(2027, 1, 15), "2027-01-14", -1, True),
        # naive timestamps are Beijing time
        ("2026-02-28T23:59:00", date(2026, 3, 1), "2026-03-30", 29, False),
    ],
)
def test_deadline_is_thirty_days_in_beijing_time(created_at, today, deadline, days_left, expired):
    appeal = build_appeal(review(text="差评", created_at=created_at), "meaningless", today=today)
    assert (appeal.deadline, appeal.days_left, appeal.expired) == (deadline, days_left, expired)


def test_no_created_at_means_no_deadline_but_still_a_package():
    item = validate_review({"review_id": "r", "text": "啊啊啊啊啊啊", "rating": 1})
    appeal = build_appeal(item, "meaningless", today=date(2026, 10, 20))
    assert appeal.deadline is None and appeal.days_left is None and appeal.draft


def test_competitor_evidence_uses_account_facts_and_probing_chat():
    item = review(text="做工太差，去隔壁家买吧", created_at="2026-10-08T12:20:00+08:00",
                  chat=[{"role": "buyer", "text": "你们进货价多少？一天卖多少单？"}],
                  order={**ORDER, "buyer": {"account_age_days": 2, "reviews_total": 4, "negative_reviews_total": 4}})
    appeal = build_appeal(item, "competitor", today=date(2026, 10, 20))
    facts = " ".join(e.fact or "" for e in appeal.evidence)
    assert "账号注册 2 天" in facts and "4 条全部为差评" in facts and "签收后 20 分钟" in facts
    assert any(e.source == "chat" and e.index == 0 for e in appeal.evidence)
    assert_quotes_are_substrings(item, appeal)


@pytest.mark.parametrize(("text", "topic"), [("尺码偏小，穿不上", "尺码"), ("洗了一次就起球", "商品质量"),
                                             ("快递太慢了", "物流速度"), ("客服态度很差", "客服服务")])
def test_reply_suggestion_names_the_topic(text, topic):
    suggestion = reply_suggestion(review(text=text, rating=2))
    assert topic in suggestion and "飞鸽" in suggestion


def test_caller_can_ask_for_raw_personal_data():
    text = "好评！加微信 abc12345 电话13800138000"
    masked = build_appeal(review(text=text, rating=3), "ad", today=date(2026, 10, 20))
    raw = build_appeal(review(text=text, rating=3, raw_personal_data=True), "ad", today=date(2026, 10, 20))
    assert "13800138000" not in masked.draft and "abc12345" not in masked.draft
    assert "13800138000" in raw.draft or any("13800138000" in (e.fact or "") for e in raw.evidence)
    assert any("abc12345" in (e.fact or "") for e in raw.evidence)


# --- packages that fit the report form -----------------------------------------------------------
from features.constants import REPORT_DESCRIPTION_MAX_CHARS, REPORT_EVIDENCE_MAX_ITEMS  # noqa: E402
from serving.appeal import FORBIDDEN_IN_REPLIES  # noqa: E402


@pytest.mark.parametrize("label", ["extortion", "ad", "meaningless", "competitor", "false_claim"])
def test_short_draft_fits_the_description_field_however_long_the_evidence(label):
    long_demand = "给我转30元我马上删差评，" + "不然我天天追评投诉曝光你们，" * 60
    item = review(text="根本没收到货，" + "垃圾" * 300 + "加微信 abc12345", chat=[{"role": "buyer", "text": long_demand}],
                  order=ORDER)
    appeal = build_appeal(item, label, today=date(2026, 10, 20))
    assert len(appeal.draft_short) <= REPORT_DESCRIPTION_MAX_CHARS
    assert appeal.draft_short.startswith(appeal.reason) and appeal.draft_short.endswith("申请处理该评价。")


def test_at_most_eight_evidence_items_each_saying_where_it_is():
    chat = [{"role": "buyer", "text": f"给我转{n}0元我马上删差评"} for n in range(1, 8)]
    item = review(text="垃圾店，傻逼客服，骗子商家，去死吧", chat=chat, order=ORDER)
    appeal = build_appeal_on(item, report_reasons(item, "extortion", 0.99, review_evidence(item)), today=date(2026, 10, 20))
    assert len(appeal.evidence) == REPORT_EVIDENCE_MAX_ITEMS
    assert all(e.where for e in appeal.evidence)
    assert {e.where for e in appeal.evidence if e.source == "chat"} <= {f"飞鸽聊天第{n}条" for n in range(1, 8)}
    assert appeal.evidence[0].where == "飞鸽聊天第1条"  # the primary reason's evidence first
    fact = build_appeal(review(text="根本没收到货", order=ORDER), "false_claim", today=date(2026, 10, 20))
    assert [e.where for e in fact.evidence] == ["评价原文", "物流记录"]


def test_checklist_follows_the_reason():
    wrong = review(text="我自己拍错尺码了，差评")
    reasons = report_reasons(wrong, "normal", 0.9, review_evidence(wrong))
    appeal = build_appeal_on(wrong, reasons, today=date(2026, 11, 20))
    items = {c.item: c.provided for c in appeal.checklist}
    assert items["买家自述截图"] is True and items["商品详情页尺码/规格说明截图"] is False


def _all_cases():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "handwritten_cases.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    extra = ["尺码偏小，穿不上", "洗了一次就起球", "快递太慢了", "客服态度很差", "我自己拍错尺码了", "刚买就降价了，买贵了",
             "非常满意，推荐！", "质量太差，加我微信 abc12345 电话13800138000 退钱", "垃圾店，傻逼客服"]
    rows += [{"review_id": f"x{n}", "text": text, "rating": 1, "order": ORDER} for n, text in enumerate(extra)]
    return [validate_review({k: v for k, v in row.items() if k != "label"}) for row in rows]


def test_no_reply_or_draft_trades_compensation_for_a_review_or_leaks_personal_data():
    checked = 0
    for item in _all_cases():
        texts = [reply_suggestion(item)]
        for label in ("normal", "extortion", "ad", "meaningless", "competitor", "false_claim"):
            reasons = report_reasons(item, label, 0.9, review_evidence(item))
            if reasons:
                appeal = build_appeal_on(item, reasons, today=date(2026, 11, 20))
                texts += [appeal.draft, appeal.draft_short]
        for text in texts:
            checked += 1
            for name, pattern in FORBIDDEN_IN_REPLIES:
                if name == "accuses_buyer" and "申请" in text:
                    continue  # a report names the malicious behaviour it reports; replies never do
                assert not pattern.search(text), (name, text)
    assert checked > 50


def test_drafts_for_reasons_that_are_no_accusation_accuse_nobody():
    for text in ("我自己拍错尺码了，差评", "刚买就降价了，买贵了20块", "非常满意，推荐！"):
        item = review(text=text)
        reasons = report_reasons(item, "normal", 0.9, review_evidence(item))
        appeal = build_appeal_on(item, reasons, today=date(2026, 11, 20))
        accuses = dict(FORBIDDEN_IN_REPLIES)["accuses_buyer"]
        assert not accuses.search(appeal.draft) and not accuses.search(appeal.draft_short), appeal.draft


@pytest.mark.parametrize("phrase", ["好评返现5元", "删除差评后给您补偿20元", "给您发个红包，麻烦改成好评",
                                    "修改评价后退款", "联系我13800138000", "您这是恶意差评"])
def test_the_forbidden_list_catches_what_it_names(phrase):
    assert any(pattern.search(phrase) for _name, pattern in FORBIDDEN_IN_REPLIES)
