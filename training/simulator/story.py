"""Story pieces every case is built from: purchase, buyer history, address, timeline, chat, order.

``Sale`` bundles one purchase and its order timeline; ``Draft`` is what a review builder returns.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from training.simulator.noise import cn_number, stylize
from training.simulator.vocabulary import (
    BUYER_ACKS,
    CATEGORY_WORDS,
    COMMUNITIES,
    COMPANY_STEMS,
    MATERIALS,
    PRESALE_QA,
    SELLER_BODIES,
    SELLER_GREETINGS,
    SELLER_SUFFIXES,
    SHOP_PREFIXES,
    SHOP_SUFFIXES,
    SIZES,
    STREETS,
    URBAN_AREAS,
    WIDE_PRODUCTS,
    pick_line,
)

BEIJING = timezone(timedelta(hours=8))

# fmt: off
# Accounts with a history (see buyer_history for new ones). Refunds and reviews are drawn as shares of the
# orders, negative reviews as a share of the reviews; the other columns are ranges.
# persona: (account age in days, orders, refund share, review share, negative share,
#           orders with this shop, or None for mostly the first: 1-3 weighted 75/18/7)
_ESTABLISHED_PERSONAS: dict[str, tuple[Any, ...]] = {
    "extorter":  ((30, 1500),  (10, 200),   (0.15, 0.6),  (0.3, 0.8),  (0.2, 0.7),  (1, 3)),
    "mixed_old": ((400, 3200), (50, 600),   (0.04, 0.15), (0.2, 0.7),  (0.08, 0.3), (1, 4)),
    "company":   ((700, 3200), (100, 1200), (0.0, 0.02),  (0.05, 0.3), (0.0, 0.05), (1, 12)),
    "loyal":     ((300, 3000), (20, 500),   (0.0, 0.06),  (0.3, 0.8),  (0.0, 0.1),  (3, 15)),
    "regular":   ((60, 3000),  (5, 400),    (0.0, 0.08),  (0.2, 0.7),  (0.0, 0.15), None),
}

# Who writes each kind of case: persona -> weight (the key order is part of the draw).
GENUINE_BUYERS = {"regular": 55, "loyal": 15, "mixed_old": 20, "new": 10}
EXTORTION_BUYERS = {"extorter": 40, "regular": 30, "serial_refunder": 10, "new": 10,
                    "mixed_old": 10}
FALSE_CLAIM_BUYERS = {"regular": 40, "extorter": 20, "serial_refunder": 10, "new": 15,
                      "mixed_old": 15}
# A rival writing from an account older than 40 days (competitor scenarios whose words are the evidence).
ESTABLISHED_BUYERS = {"regular": 60, "loyal": 15, "mixed_old": 25}
# fmt: on


_PAID_START = datetime(2025, 1, 1, tzinfo=BEIJING)
_PAID_SPAN_DAYS = 680  # last payment mid-November 2026, so whole stories stay inside 2026
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 8, 7, 6, 6, 6, 7, 8, 9, 10, 10, 8, 4)


def random_paid(rng: random.Random) -> datetime:
    """A payment time in 2025-2026, weighted to waking hours."""
    day = _PAID_START + timedelta(days=rng.randrange(_PAID_SPAN_DAYS))
    hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
    return day + timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))


def iso(moment: datetime | None) -> str | None:
    """``moment`` as exported: ISO 8601 to the second, with its offset (``None`` stays ``None``)."""
    return None if moment is None else moment.isoformat(timespec="seconds")


def random_minutes(rng: random.Random, low: float, high: float) -> timedelta:
    """A wait of ``low`` to ``high`` minutes (uniform); ``random_hours`` and ``random_days`` alike."""
    return timedelta(minutes=rng.uniform(low, high))


def random_hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))


def random_days(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(days=rng.uniform(low, high))


@dataclass
class Purchase:
    product: str
    category: str
    unit_price: float
    quantity: int
    amount: float

    def slots(self, rng: random.Random) -> dict[str, str]:
        """Slot values for phrase templates that talk about this purchase."""
        sizes = SIZES.get(self.category, ("M", "L"))
        return {
            "product": self.product,
            "size": rng.choice(sizes),
            "height": rng.choice(("155", "160", "165", "170", "175", "180")),
            "weight": rng.choice(("90斤", "100斤", "110斤", "120斤", "130斤", "150斤")),
            "city": rng.choice(URBAN_AREAS)[1],
            "category_word": CATEGORY_WORDS[self.category],
            "material": rng.choice(MATERIALS),
        }


def draw_purchase(
    rng: random.Random, catalogue: Sequence[tuple[str, str, float, float]] = WIDE_PRODUCTS
) -> Purchase:
    """A product of ``catalogue`` at a price in its range, bought 1-5 times."""
    name, category, low, high = rng.choice(catalogue)
    unit = int(rng.uniform(low, high)) + rng.choice((0.0, 0.9, 0.9, 0.8, 0.0))
    unit = max(unit, low)
    quantity = rng.choices((1, 2, 3, 4, 5), weights=(70, 18, 7, 3, 2))[0]
    return Purchase(name, category, round(unit, 2), quantity, round(unit * quantity, 2))


def shop_name(rng: random.Random) -> str:
    """An invented shop name (a rival, a promoted shop)."""
    return rng.choice(SHOP_PREFIXES) + rng.choice(SHOP_SUFFIXES)


def price_text(rng: random.Random, reference: float) -> str:
    """A price well below ``reference``, as a rival or an advert would quote it."""
    cheap = max(3.0, reference * rng.uniform(0.3, 0.7))
    shape = rng.randrange(4)
    if shape == 0:
        return "9块9"
    if shape == 1:
        return f"{int(cheap)}块"
    if shape == 2:
        return f"{int(cheap)}.9"
    return f"{cn_number(int(cheap))}块"


def urban_address(rng: random.Random) -> str:
    """An ordinary, complete city address: mostly down to the flat, but real addresses also stop
    at a house number, a building or a campus dormitory, so a short complete address is common
    and length alone tells nothing."""
    province, city, district = rng.choice(URBAN_AREAS)
    head = city + district if province == city else province + city + district
    street = f"{rng.choice(STREETS)}{rng.randint(1, 999)}号"
    home = f"{rng.choice(COMMUNITIES)}{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 33)}0{rng.randint(1, 6)}"
    if rng.random() < 0.3:
        home = f"{rng.choice(COMMUNITIES)}{rng.randint(1, 30)}-{rng.randint(1, 33)}0{rng.randint(1, 6)}室"
    shape = rng.random()
    if shape < 0.12:
        home = ""  # a house or a shop at a street number
    elif shape < 0.2:
        home = f"{rng.choice(COMPANY_STEMS)}大厦{rng.randint(2, 30)}{rng.choice(('层', '楼', 'F'))}"
    elif shape < 0.25:
        home = f"{rng.choice(COMPANY_STEMS)}学院{rng.randint(1, 20)}号宿舍楼"
    separator = rng.choice(("", " ", " "))
    return head + separator + street + (separator + home if home else "")


def buyer_history(rng: random.Random, kind: str) -> dict[str, int]:
    """A buyer history consistent with a persona; all counts are mutually consistent."""
    if kind == "new":
        age, orders = rng.randint(0, 10), rng.randint(1, 5)
        refunds = rng.choices((0, 1), weights=(85, 15))[0]
        reviews = rng.randint(0, min(2, orders))
        negatives = 1 if reviews and rng.random() < 0.2 else 0
        with_shop = 1
    elif kind == "new_all_negative":
        age, orders = rng.randint(0, 10), rng.randint(1, 8)
        refunds = rng.randint(0, min(3, orders))
        reviews = rng.randint(1, orders)
        negatives = reviews
        with_shop = rng.choices((1, 2), weights=(85, 15))[0]
    elif kind == "serial_refunder":
        age, orders = rng.randint(0, 400), rng.randint(3, 60)
        refunds = math.ceil(orders * rng.uniform(0.55, 1.0))
        reviews = rng.randint(0, orders)
        negatives = int(reviews * rng.uniform(0.3, 1.0))
        with_shop = rng.randint(1, 3)
    else:  # an established account; unknown kinds are treated as "regular"
        ages, order_counts, refund_share, review_share, negative_share, shop_orders = (
            _ESTABLISHED_PERSONAS.get(kind, _ESTABLISHED_PERSONAS["regular"])
        )
        age, orders = rng.randint(*ages), rng.randint(*order_counts)
        refunds = int(orders * rng.uniform(*refund_share))
        reviews = int(orders * rng.uniform(*review_share))
        negatives = int(reviews * rng.uniform(*negative_share))
        if shop_orders is None:
            with_shop = rng.choices((1, 2, 3), weights=(75, 18, 7))[0]
        else:
            with_shop = rng.randint(*shop_orders)
    with_shop = max(1, min(with_shop, orders))
    prior = rng.choices((0, 1, 2, 3), weights=_PRIOR_RECORD_WEIGHTS.get(kind, _DEFAULT_PRIOR_RECORD))[0]
    return {
        "account_age_days": age,
        "orders_total": orders,
        "refunds_total": min(refunds, orders),
        "reviews_total": reviews,
        "negative_reviews_total": min(negatives, reviews),
        "orders_with_shop": with_shop,
        "prior_malicious_decisions": prior,
    }


# What the shop's buyer-risk ledger already holds about a buyer (0, 1, 2, 3 earlier malicious
# decisions): troublemaker personas often have a record, ordinary buyers rarely do (a few by
# mistake, so a record alone never decides).
_PRIOR_RECORD_WEIGHTS = {"extorter": (45, 30, 15, 10), "serial_refunder": (55, 25, 12, 8),
                         "new_all_negative": (70, 20, 7, 3)}
_DEFAULT_PRIOR_RECORD = (95, 4, 1, 0)


def buyer_among(rng: random.Random, personas: dict[str, int]) -> dict[str, int]:
    """A buyer whose persona is drawn by weight from ``personas``."""
    return buyer_history(rng, rng.choices(tuple(personas), weights=tuple(personas.values()))[0])


@dataclass
class Timeline:
    paid: datetime
    shipped: datetime | None
    delivered: datetime | None
    status: str


def draw_timeline(
    rng: random.Random,
    *,
    ship_hours: tuple[float, float] = (2, 40),
    transit_days: tuple[float, float] = (1.0, 4.0),
    status: str = "delivered",
) -> Timeline:
    """Payment, shipping and delivery times; undelivered statuses leave delivery empty."""
    paid = random_paid(rng)
    shipped = paid + random_hours(rng, *ship_hours)
    delivered = shipped + random_days(rng, *transit_days) if status == "delivered" else None
    return Timeline(paid, shipped, delivered, status)


def quick_timeline(
    rng: random.Random, total_days: tuple[float, float], ship_max_hours: float = 20.0
) -> Timeline:
    """A delivered order whose paid->delivered span lies inside ``total_days``."""
    paid = random_paid(rng)
    total = random_days(rng, *total_days)
    ship = min(random_hours(rng, 1.0, ship_max_hours), total - timedelta(hours=6))
    return Timeline(paid, paid + ship, paid + total, "delivered")


class Chat:
    """Accumulates 飞鸽 turns on a running clock."""

    def __init__(self, rng: random.Random, start: datetime) -> None:
        self.rng = rng
        self.clock = start
        self.turns: list[dict[str, str]] = []

    def buyer(self, text: str, gap: tuple[float, float] = (0.3, 8.0)) -> Chat:
        self._add("buyer", stylize(self.rng, text, typo=0.08, traditional=0.04), gap)
        return self

    def seller(self, intent: str, gap: tuple[float, float] = (0.3, 5.0)) -> Chat:
        return self.seller_text(_seller_line(self.rng, intent), gap)

    def seller_text(self, text: str, gap: tuple[float, float] = (0.3, 5.0)) -> Chat:
        self._add("seller", text, gap)
        return self

    def _add(self, role: str, text: str, gap: tuple[float, float]) -> None:
        if self.turns:
            self.clock += random_minutes(self.rng, *gap)
        self.turns.append({"role": role, "text": text, "sent_at": iso(self.clock)})


def seller_reply(rng: random.Random, body: str) -> str:
    """``body`` with a customer-service greeting and ending."""
    return rng.choice(SELLER_GREETINGS) + body + rng.choice(SELLER_SUFFIXES)


def _seller_line(rng: random.Random, intent: str) -> str:
    return seller_reply(rng, rng.choice(SELLER_BODIES[intent]))


def presale_chat(rng: random.Random, purchase: Purchase, paid: datetime) -> list[dict[str, str]]:
    """A short, harmless pre-sale exchange shortly before payment."""
    chat = Chat(rng, paid - random_minutes(rng, 10, 600))
    fitting = [qa for qa in PRESALE_QA if qa[2] is None or purchase.category in qa[2]]
    question, answers, _ = rng.choice(fitting)
    slots = purchase.slots(rng)
    chat.buyer(question.format_map(slots))
    chat.seller_text(seller_reply(rng, rng.choice(answers).format_map(slots)))
    if rng.random() < 0.6:
        chat.buyer(rng.choice(BUYER_ACKS))
    return chat.turns


def exchange(
    rng: random.Random, start: datetime, question: str, intent: str, **slots: object
) -> list[dict[str, str]]:
    """A one-question chat: the buyer asks ``question`` (a ``LINES`` key), the seller answers."""
    return Chat(rng, start).buyer(pick_line(rng, question, **slots)).seller(intent).turns


def last_sent(turns: list[dict[str, str]]) -> datetime:
    """When the last chat turn was sent, to the second as exported (not the chat's exact clock)."""
    return datetime.fromisoformat(turns[-1]["sent_at"])


def order_object(
    rng: random.Random,
    order_id: str,
    purchase: Purchase,
    timeline: Timeline,
    *,
    buyer: dict[str, int] | None,
    refund_status: str = "none",
    refund_requested_at: datetime | None = None,
    address: str | None = None,
    same_address: int | None = None,
    same_buyer: int | None = None,
) -> dict:
    """An order object with docs/spec.md's field names."""
    order: dict[str, Any] = {
        "order_id": order_id,
        "amount": purchase.amount,
        "quantity": purchase.quantity,
        "paid_at": iso(timeline.paid),
        "shipped_at": iso(timeline.shipped),
        "delivered_at": iso(timeline.delivered),
        "logistics_status": timeline.status,
        "refund_status": refund_status,
        "refund_requested_at": iso(refund_requested_at),
        "shipping_address": address if address is not None else urban_address(rng),
        "same_address_orders_24h": same_address
        if same_address is not None
        else rng.choices((1, 2), weights=(92, 8))[0],
        "same_buyer_orders_24h": same_buyer
        if same_buyer is not None
        else rng.choices((1, 2), weights=(94, 6))[0],
    }
    if buyer is not None:
        order["buyer"] = buyer
    return order


@dataclass
class Draft:
    text: str
    rating: int
    created_at: datetime
    has_media: bool
    chat: list[dict[str, str]] = field(default_factory=list)
    order: dict | None = None


# A review scenario: (rng, order id) -> draft. Scenarios that differ only by data are
# ``functools.partial`` applications of one shared builder.
Builder = Callable[[random.Random, str], Draft]


# The order in which a builder draws from ``rng`` is part of its output: a seed must keep giving the
# same cases. Shared helpers therefore draw exactly where the code they stand for did, and callers
# of ``Sale.review`` draw its values in argument order (text, rating, delay, buyer, media).
@dataclass
class Sale:
    """The facts a review case is built around: one purchase and how its order moved."""

    rng: random.Random
    order_id: str
    purchase: Purchase
    timeline: Timeline

    @classmethod
    def draw(
        cls,
        rng: random.Random,
        order_id: str,
        make_timeline: Callable[..., Timeline] = draw_timeline,
        *,
        catalogue: Sequence[tuple[str, str, float, float]] = WIDE_PRODUCTS,
        **timeline_options: Any,
    ) -> Sale:
        """Draw the purchase (from ``catalogue``), then its timeline: ``make_timeline(rng, **timeline_options)``."""
        purchase = draw_purchase(rng, catalogue)
        return cls(rng, order_id, purchase, make_timeline(rng, **timeline_options))

    def presale_chat(self, share: float) -> list[dict[str, str]]:
        """A harmless pre-sale exchange in ``share`` of the cases, otherwise no chat."""
        if self.rng.random() < share:
            return presale_chat(self.rng, self.purchase, self.timeline.paid)
        return []

    def review(
        self,
        *,
        text: str,
        rating: int,
        review_delay: timedelta,
        buyer: dict[str, int] | None,
        has_media: bool = False,
        chat: list[dict[str, str]] | None = None,
        posted_after: datetime | None = None,
        after_minutes: tuple[float, float] = (10, 600),
        **order_fields: Any,
    ) -> Draft:
        """The review, posted ``review_delay`` after delivery (or shipping, or payment).

        With ``posted_after`` (a refund request, the last chat turn) the review also comes
        ``after_minutes`` after that moment; that wait is drawn last, after the order's own draws.
        """
        timeline = self.timeline
        anchor = timeline.delivered or timeline.shipped or timeline.paid
        created = anchor + review_delay
        order = order_object(
            self.rng, self.order_id, self.purchase, timeline, buyer=buyer, **order_fields
        )
        if posted_after is not None:
            created = max(created, posted_after + random_minutes(self.rng, *after_minutes))
        return Draft(
            text=text,
            rating=rating,
            created_at=created,
            has_media=has_media,
            chat=chat or [],
            order=order,
        )
