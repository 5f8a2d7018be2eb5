"""Platform report reasons: each rule detector fires on its pattern and not on the genuine twin,
reasons are ordered and combined as the platform's form allows, and reportability says why not."""

from datetime import date

import pytest

from features.evidence import review_evidence
from features.report_reasons import PLATFORM_REASONS, report_reasons, reportability
from features.schema import validate_review

DELIVERED = {"paid_at": "2026-11-01T10:00:00+08:00", "delivered_at": "2026-11-03T12:00:00+08:00",
             "logistics_status": "delivered"}


def review(**fields):
    return validate_review({"review_id": "r", "rating": 1, "created_at": "2026-11-10T17:00:00+08:00", **fields})


def codes(item, label="normal", confidence=0.9):
    return [r.code for r in report_reasons(item, label, confidence, review_evidence(item))]


# (reason, the pattern, its genuine twin): the twin says something close that does not qualify.
CASES = [
    ("report_reason_low_politics_guns", dict(text="垃圾店，傻逼客服，再也不买了"),
     dict(text="质量垃圾，客服态度也差，再也不买了")),
    ("report_reason_low_politics_guns", dict(text="什么玩意，卖家去死吧", rating=2),
     dict(text="什么玩意，用了两天就坏了", rating=2)),
    ("report_reason_low_politics_guns", dict(text="usb口太松 sb商家"), dict(text="usb口太松，插不紧")),
    ("report_reason_fake_negative_comment", dict(text="非常满意，质量很好，推荐购买！"),
     dict(text="不推荐，不满意，质量不好")),
    ("report_reason_fake_negative_comment", dict(text="很喜欢，超值，会回购", rating=2),
     dict(text="挺好的，就是物流太慢了", rating=2)),
    ("report_reason_wrong_size", dict(text="我自己拍错尺码了，穿着小，差评"),
     dict(text="尺码偏小，穿不上，差评")),
    ("report_reason_wrong_size", dict(text="颜色不喜欢", chat=[{"role": "buyer", "text": "不好意思我选错颜色了，能换吗"}]),
     dict(text="颜色不喜欢", chat=[{"role": "buyer", "text": "你们发错颜色了，不是我拍的那个"}])),
    ("report_reason_wrong_size", dict(text="买错型号了，用不了"), dict(text="发错型号了，不是我拍错，用不了")),
    ("report_reason_before_signing_evaluate",
     dict(text="质量太差了，一看就是假货", created_at="2026-11-02T09:00:00+08:00", order=DELIVERED),
     dict(text="质量太差了，一看就是假货", created_at="2026-11-05T09:00:00+08:00", order=DELIVERED)),
    ("report_reason_before_signing_evaluate",
     dict(text="做工粗糙，劣质", order={"logistics_status": "in_transit"}),
     dict(text="还没到，物流太慢了", order={"logistics_status": "in_transit"})),
    ("report_reason_platform_voucher", dict(text="刚买就降价了，买贵了20块，差评"),
     dict(text="刚买就降价了，而且质量也很一般")),
    ("report_reason_platform_voucher", dict(text="直播间今天更便宜，亏了", rating=2),
     dict(text="太贵了，质量配不上这个价", rating=2)),
]


@pytest.mark.parametrize(("code", "pattern", "twin"), CASES)
def test_each_rule_fires_on_its_pattern_and_not_on_the_genuine_twin(code, pattern, twin):
    assert code in codes(review(**pattern))
    assert code not in codes(review(**twin))


def test_every_reason_quotes_what_it_rests_on():
    for code, pattern, _twin in CASES:
        item = review(**pattern)
        reason = next(r for r in report_reasons(item, "normal", 0.9, review_evidence(item)) if r.code == code)
        assert reason.name == PLATFORM_REASONS[code] and 0 < reason.confidence <= 1
        assert reason.evidence
        for piece in reason.evidence:
            if piece.quote and piece.source == "review":
                assert piece.quote in item.text
            if piece.quote and piece.source == "chat":
                assert piece.quote == item.chat[piece.index].text


def test_an_abusive_extortion_review_has_two_reasons_best_first():
    item = review(text="垃圾店，傻逼客服，差评！", chat=[{"role": "buyer", "text": "给我转30元我马上删差评"}])
    reasons = report_reasons(item, "extortion", 0.99, review_evidence(item))
    assert [r.code for r in reasons] == ["report_reason_negative_comment_compensation", "report_reason_low_politics_guns"]
    low = report_reasons(item, "extortion", 0.7, review_evidence(item))
    assert [r.code for r in low][0] == "report_reason_low_politics_guns"  # rule precision beats a weaker score


def test_a_genuine_review_has_no_reason_and_labels_only_when_asserted():
    item = review(text="衣服质量一般，洗了一次就起球了，有点失望", rating=2)
    assert codes(item) == []
    # The label's reason comes only from an asserted label: needs_review gives nothing to file.
    assert codes(review(text="差评"), "normal") == []


def test_good_reviews_are_reported_only_for_what_they_say():
    ad = review(text="好物推荐，加我微信 abc12345 领券", rating=4)
    assert codes(ad, "ad") == ["report_reason_evaluate_advertise"]
    assert codes(review(text="傻逼东西也敢卖，不过还行", rating=5)) == ["report_reason_low_politics_guns"]
    # A 5-star review is no grievance: no price-drop, wrong-size or false-claim report against it.
    assert codes(review(text="我自己拍错尺码了，不过还是很喜欢", rating=5)) == []
    assert codes(review(text="降价了买贵了", rating=4), "false_claim") == []


def test_a_false_claim_made_before_delivery_is_filed_under_the_forms_reason():
    item = review(text="根本没收到货，质量也太差了", created_at="2026-11-02T09:00:00+08:00",
                  order={**DELIVERED, "delivered_at": "2026-11-03T12:00:00+08:00"})
    found = report_reasons(item, "false_claim", 0.9, review_evidence(item))
    assert found[0].code == "report_reason_before_signing_evaluate"
    assert "false_claim" not in [r.code for r in found]
    other = review(text="根本没收到货", order=DELIVERED)
    assert codes(other, "false_claim") == ["false_claim"]


TODAY = date(2026, 11, 30)


def check(item, label="normal"):
    return reportability(item, report_reasons(item, label, 0.9, review_evidence(item)), today=TODAY)


def test_reportable_within_thirty_days_through_the_right_channel():
    bad = check(review(text="我自己拍错尺码了，差评", created_at="2026-11-20T10:00:00+08:00"))
    assert bad.ok and bad.channel == "差评申诉" and any("还有 20 天" in line for line in bad.why)
    good = check(review(text="好物推荐，加我微信 abc12345 领券", rating=5), "ad")
    assert good.ok and good.channel == "评价举报"


def test_not_reportable_after_thirty_days_says_by_how_many():
    late = check(review(text="我自己拍错尺码了，差评", created_at="2026-10-01T10:00:00+08:00"))
    assert not late.ok and late.channel is None
    assert any("已发布 60 天" in line and "30 天" in line and "30 天的举报期限 30 天" in line for line in late.why)


@pytest.mark.parametrize("text", ["", "此用户未填写评价内容", "  "])
def test_a_bad_review_without_text_is_never_reportable(text):
    item = review(text=text, chat=[{"role": "buyer", "text": "给我转30元我马上删差评"}])
    result = check(item, "extortion")
    assert not result.ok and any("没有文字内容" in line for line in result.why)


def test_no_reason_is_not_reportable():
    result = check(review(text="衣服质量一般，洗了一次就起球了", rating=2))
    assert not result.ok and result.channel is None and any("没有适用的举报理由" in line for line in result.why)


def test_buyer_media_in_chat_needs_a_person_first():
    item = review(text="差评", chat=[{"role": "buyer", "text": "给我转30元我马上删差评"},
                                    {"role": "buyer", "text": "", "media": "image"}])
    result = check(item, "extortion")
    assert result.ok and result.needs_person and any("第2条" in line and "人工" in line for line in result.why)
    without = check(review(text="差评", chat=[{"role": "buyer", "text": "给我转30元我马上删差评"}]), "extortion")
    assert without.ok and not without.needs_person and not any("人工" in line for line in without.why)
