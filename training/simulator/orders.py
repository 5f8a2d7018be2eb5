"""Order (恶意下单) scenarios, scored before shipping: malicious orders and their benign look-alikes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from training.simulator.missing import P_DROP_BUYER, P_DROP_CHAT, P_DROP_ORDER_FIELD
from training.simulator.story import (
    Chat,
    Purchase,
    Timeline,
    buyer_history,
    draw_purchase,
    exchange,
    order_object,
    presale_chat,
    random_hours,
    random_minutes,
    random_paid,
    seller_reply,
    urban_address,
)
from training.simulator.vocabulary import (
    BUYER_ACKS,
    COMPANY_KINDS,
    COMPANY_STEMS,
    LINES,
    PARKS,
    RURAL_AREAS,
    STREETS,
    TOWN_STEMS,
    URBAN_AREAS,
    VILLAGE_STEMS,
    pick_line,
)

# fmt: off
_VAGUE_ADDRESSES = ("某小区门口", "XX路口", "快递站旁边", "小区大门口放着就行", "菜鸟驿站边上", "公园东门",
                    "路边等", "地铁站出口", "学校门口", "超市门口", "到了打电话", "随便放门口", "某某大厦楼下")
_PROVOCATIONS = ("你发货试试", "收到就给你差评", "我专门找茬的", "发吧，发了我就拒收", "你敢发我就敢退",
                 "等着吃差评吧", "我买了就是为了投诉你", "我有的是时间陪你玩", "发货了我就仅退款，你能拿我怎样",
                 "我已经拍了好几单，看你怎么办", "别发了，发了也是差评", "你们家我盯上了")
_BENIGN_ORDER_QA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("请问什么时候发货呀", ("今天下午就安排发出", "48小时内发货，请放心")),
    ("能发顺丰吗", ("可以的，补一下差价就给您改顺丰", "这边默认中通，顺丰需要补差价")),
    ("今天下单明天能发吗", ("能的，明天上午就发", "可以，已经给您加急了")),
    ("我下周出差，能晚几天发吗", ("可以的，给您备注晚几天发", "没问题，您方便的时候告诉我们再发")),
    ("麻烦帮我备注一下送货前打电话", ("已经备注了，会提醒快递", "好的，已给您备注")),
    ("能帮忙包装严实一点吗，送人的", ("好的，给您多包一层", "没问题，会用礼盒包装")),
    ("地址我填对了吧，麻烦核对一下", ("核对过了，地址没问题", "地址完整的，放心")),
)
# fmt: on


def _rural_address(rng: random.Random) -> str:
    province, city, county = rng.choice(RURAL_AREAS)
    town = rng.choice(TOWN_STEMS) + rng.choice(("镇", "镇", "乡"))
    village = rng.choice(VILLAGE_STEMS) + "村"
    tail = rng.choice(
        (
            f"{village}村委会旁边小卖部代收",
            f"{village}{rng.randint(1, 9)}组{rng.randint(1, 80)}号",
            f"{village}{rng.randint(1, 9)}{rng.choice(('组', '社', '队'))}",  # many village homes have no number
            f"{village}{rng.choice(('一', '二', '三', '四', '五'))}组",
            village,
            f"{village}村口超市代收",
            f"{village}卫生室旁边",
            "中心小学对面菜鸟驿站",
            f"{village}供销社门口代收点",
            f"{village}文化广场旁边第三家",
        )
    )
    return f"{province}{city}{county}{town}{tail}"


def _company_address(rng: random.Random) -> str:
    province, city, district = rng.choice(URBAN_AREAS)
    head = city + district if province == city else province + city + district
    return (
        f"{head}{rng.choice(STREETS)}{rng.randint(1, 500)}号{rng.choice(PARKS)}产业园{rng.randint(1, 12)}栋"
        f"{rng.randint(2, 20)}楼{rng.choice(COMPANY_STEMS)}{rng.choice(COMPANY_KINDS)}"
    )


def _vague_address(rng: random.Random) -> str:
    spot = rng.choice(_VAGUE_ADDRESSES)
    province, city, district = rng.choice(URBAN_AREAS)
    shape = rng.randrange(4)
    if shape == 0:
        return spot
    if shape == 1:
        return city + spot
    if shape == 2:
        return city + district + spot
    return f"{district}{rng.choice(STREETS)}{spot}"


@dataclass
class _OrderDraft:
    purchase: Purchase
    paid: datetime
    buyer: dict[str, int] | None
    address: str
    same_address: int = 1
    same_buyer: int = 1
    refund_status: str = "none"
    refund_requested_at: datetime | None = None
    chat: list[dict[str, str]] = field(default_factory=list)


def _base_order(rng: random.Random, buyer_kind: str) -> _OrderDraft:
    """An unremarkable order from a buyer of ``buyer_kind``, mostly to an urban address."""
    return _OrderDraft(
        purchase=draw_purchase(rng),
        paid=random_paid(rng),
        buyer=buyer_history(rng, buyer_kind),
        address=urban_address(rng) if rng.random() < 0.9 else _rural_address(rng),
    )


def _malicious_order(rng: random.Random, buyer_kind: str, strength: float) -> _OrderDraft:
    """An order with extra weak malicious signals of ``strength``, so malicious orders vary.

    Builders set their primary signal on the result, so the extra signals can never weaken it.
    """
    draft = _base_order(rng, buyer_kind)
    if rng.random() < strength:
        draft.buyer = buyer_history(rng, rng.choice(("new", "serial_refunder", "new_all_negative")))
    if rng.random() < strength * 0.6:
        draft.same_address = rng.randint(2, 6)
    if rng.random() < strength * 0.5:
        draft.same_buyer = rng.randint(2, 5)
    if rng.random() < strength * 0.4:
        draft.chat = _provocative_chat(rng, draft.paid)
    return draft


def _provocative_chat(rng: random.Random, paid: datetime) -> list[dict[str, str]]:
    chat = Chat(rng, paid + random_minutes(rng, 1, 180))
    for line in rng.sample(_PROVOCATIONS, rng.randint(1, 3)):
        chat.buyer(line, gap=(0.2, 30))
    if rng.random() < 0.7:
        chat.seller(rng.choice(("calm", "confirm_address")))
    return chat.turns


def _order_vague_address(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("regular", "new", "new")), 0.35)
    draft.address = _vague_address(rng)
    if not draft.chat and rng.random() < 0.4:
        chat = Chat(rng, draft.paid + random_minutes(rng, 30, 300)).seller("confirm_address")
        if rng.random() < 0.5:
            chat.buyer(pick_line(rng, "order.vague_address_reply"), gap=(5, 600))
        draft.chat = chat.turns
    return draft


def _order_address_flood_24h(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("new", "new", "regular", "serial_refunder")), 0.3)
    draft.same_address = rng.randint(3, 20)
    return draft


def _order_buyer_flood_24h(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("new", "regular", "serial_refunder")), 0.3)
    draft.same_buyer = rng.randint(3, 15)
    draft.same_address = max(draft.same_address, rng.randint(1, draft.same_buyer))
    return draft


def _order_instant_refund(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("new", "serial_refunder", "regular")), 0.35)
    draft.refund_status = "requested"
    draft.refund_requested_at = draft.paid + random_minutes(rng, 1, 15)
    return draft


def _order_provocative_chat(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("regular", "new", "extorter")), 0.25)
    draft.chat = _provocative_chat(rng, draft.paid)
    return draft


def _order_new_serial_refunder(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, "regular", 0.2)
    draft.buyer = buyer_history(rng, "serial_refunder")
    draft.buyer["account_age_days"] = rng.randint(0, 15)
    return draft


def _order_combined_moderate_signals(rng: random.Random) -> _OrderDraft:
    """Several signals, each only moderately strong."""
    draft = _base_order(rng, "new")
    draft.same_address = rng.randint(2, 4)
    if rng.random() < 0.5:
        draft.refund_status = "requested"
        draft.refund_requested_at = draft.paid + random_minutes(rng, 10, 45)
    if rng.random() < 0.5:
        draft.address = _vague_address(rng)
    if rng.random() < 0.4:
        draft.chat = _provocative_chat(rng, draft.paid)
    return draft


def _order_benign_ordinary(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "loyal", "mixed_old")))
    if rng.random() < 0.3:
        draft.chat = presale_chat(rng, draft.purchase, draft.paid)
    return draft


def _order_benign_rural_landmark_address(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "regular", "loyal", "new")))
    draft.address = _rural_address(rng)
    if rng.random() < 0.4:
        start = draft.paid + random_minutes(rng, 1, 120)
        draft.chat = exchange(rng, start, "order.rural_question", "rural_address")
    return draft


def _order_benign_company_bulk_purchase(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, "company")
    draft.address = _company_address(rng)
    draft.same_address = rng.randint(3, 15)
    draft.same_buyer = rng.choice((1, 1, rng.randint(2, 10)))
    if rng.random() < 0.5:
        start = draft.paid - random_minutes(rng, 10, 600)
        copies = rng.randint(10, 80)
        draft.chat = exchange(rng, start, "order.company_question", "company_order", n=copies)
    return draft


def _order_benign_changed_mind_refund(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.refund_status = "requested"
    draft.refund_requested_at = draft.paid + random_hours(rng, 2, 40)
    if rng.random() < 0.6:
        start = draft.refund_requested_at - random_minutes(rng, 1, 30)
        draft.chat = exchange(rng, start, "order.changed_mind", "refund_ok")
    return draft


def _order_benign_wrong_item_quick_cancel(rng: random.Random) -> _OrderDraft:
    """Hard case: refund minutes after paying, but a polite reason and a clean old history."""
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.refund_status = "requested"
    draft.refund_requested_at = draft.paid + random_minutes(rng, 3, 40)
    draft.chat = (
        Chat(rng, draft.paid + random_minutes(rng, 1, 3))
        .buyer(pick_line(rng, "order.wrong_item"))
        .seller(rng.choice(("refund_ok", "thanks")))
        .turns
    )
    return draft


def _order_benign_new_account_normal(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, "new")
    if rng.random() < 0.4:
        draft.chat = presale_chat(rng, draft.purchase, draft.paid)
    return draft


def _order_benign_delivery_time_question(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "loyal", "new", "mixed_old")))
    chat = Chat(rng, draft.paid + random_minutes(rng, 1, 600))
    question, answers = rng.choice(_BENIGN_ORDER_QA)
    chat.buyer(question).seller_text(seller_reply(rng, rng.choice(answers)))
    if rng.random() < 0.5:
        chat.buyer(rng.choice(BUYER_ACKS))
    draft.chat = chat.turns
    return draft


def _order_benign_family_repeat_buyer(rng: random.Random) -> _OrderDraft:
    """Hard case: a few orders from one buyer in a day, for relatives, on an old account."""
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.same_buyer = rng.randint(2, 4)
    draft.same_address = rng.choice((1, draft.same_buyer))
    if rng.random() < 0.6:
        start = draft.paid - random_minutes(rng, 1, 60)
        draft.chat = exchange(rng, start, "order.family", "thanks")
    return draft


def _order_benign_office_group_order(rng: random.Random) -> _OrderDraft:
    """Hard case: colleagues ordering to one office address on the same day, old accounts."""
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.address = _company_address(rng)
    draft.same_address = rng.randint(3, 12)
    if rng.random() < 0.6:
        start = draft.paid - random_minutes(rng, 1, 120)
        draft.chat = exchange(rng, start, "order.office_group", "company_order")
    return draft


def _order_benign_gift_orders(rng: random.Random) -> _OrderDraft:
    """Hard case: one loyal buyer sending gifts to several addresses within a day."""
    draft = _base_order(rng, rng.choice(("regular", "loyal", "loyal")))
    draft.same_buyer = rng.randint(3, 8)
    if rng.random() < 0.6:
        start = draft.paid - random_minutes(rng, 1, 90)
        draft.chat = exchange(rng, start, "order.gift_round", "thanks")
    return draft


def _order_threat_before_shipping(rng: random.Random) -> _OrderDraft:
    """Buyer announces a bad review or complaint before the parcel has even left."""
    draft = _malicious_order(rng, rng.choice(("regular", "new", "extorter", "serial_refunder")), 0.3)
    start = draft.paid + random_minutes(rng, 1, 240)
    chat = Chat(rng, start)
    for line in rng.sample(LINES["order.threat_before_shipping"], rng.randint(1, 2)):
        chat.buyer(line, gap=(0.2, 20))
    if rng.random() < 0.6:
        chat.seller("calm")
    draft.chat = chat.turns
    return draft


ORDER_BUILDERS: dict[str, Callable[[random.Random], _OrderDraft]] = {
    "order_malicious/vague_address": _order_vague_address,
    "order_malicious/address_flood_24h": _order_address_flood_24h,
    "order_malicious/buyer_flood_24h": _order_buyer_flood_24h,
    "order_malicious/instant_refund": _order_instant_refund,
    "order_malicious/provocative_chat": _order_provocative_chat,
    "order_malicious/new_serial_refunder": _order_new_serial_refunder,
    "order_malicious/combined_moderate_signals": _order_combined_moderate_signals,
    "order_malicious/threat_before_shipping": _order_threat_before_shipping,
    "order_benign/ordinary": _order_benign_ordinary,
    "order_benign/rural_landmark_address": _order_benign_rural_landmark_address,
    "order_benign/company_bulk_purchase": _order_benign_company_bulk_purchase,
    "order_benign/changed_mind_refund": _order_benign_changed_mind_refund,
    "order_benign/wrong_item_quick_cancel": _order_benign_wrong_item_quick_cancel,
    "order_benign/new_account_normal": _order_benign_new_account_normal,
    "order_benign/delivery_time_question": _order_benign_delivery_time_question,
    "order_benign/family_repeat_buyer": _order_benign_family_repeat_buyer,
    "order_benign/office_group_order": _order_benign_office_group_order,
    "order_benign/gift_orders_to_several_addresses": _order_benign_gift_orders,
}

# Order scenarios whose evidence lives in these parts; they are never dropped.
ORDER_NEEDS: dict[str, frozenset[str]] = {
    "order_malicious/provocative_chat": frozenset({"chat"}),
    "order_malicious/threat_before_shipping": frozenset({"chat"}),
    "order_malicious/new_serial_refunder": frozenset({"buyer"}),
    "order_malicious/instant_refund": frozenset({"timestamps"}),
    "order_benign/wrong_item_quick_cancel": frozenset({"chat", "buyer", "timestamps"}),
    "order_benign/company_bulk_purchase": frozenset({"buyer"}),
}


def order_item(
    rng: random.Random, order_id: str, draft: _OrderDraft, needs: frozenset[str]
) -> dict:
    timeline = Timeline(draft.paid, None, None, "unshipped")
    item = order_object(
        rng,
        order_id,
        draft.purchase,
        timeline,
        buyer=draft.buyer,
        refund_status=draft.refund_status,
        refund_requested_at=draft.refund_requested_at,
        address=draft.address,
        same_address=draft.same_address,
        same_buyer=draft.same_buyer,
    )
    item["chat"] = draft.chat
    if "chat" not in needs and draft.chat and rng.random() < P_DROP_CHAT:
        item["chat"] = []
    if "buyer" not in needs and "buyer" in item and rng.random() < P_DROP_BUYER:
        del item["buyer"]
    if "timestamps" not in needs and rng.random() < P_DROP_ORDER_FIELD:
        item["paid_at"] = None
    return item
