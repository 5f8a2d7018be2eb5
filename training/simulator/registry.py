"""The scenario table and the public entry points: list scenarios, simulate reviews and orders.

Scenario ids (``"<label>/<name>"``) are the unit of held-out evaluation: hold out whole
scenarios, never a random split of generated rows (see docs/lessons.md, lesson 1).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from features.report_reasons import REASON_OF
from training.simulator.ad import AD_SCENARIOS, COVERAGE_AD_SCENARIOS
from training.simulator.competitor import COMPETITOR_SCENARIOS, COVERAGE_COMPETITOR_SCENARIOS
from training.simulator.extortion import EXTORTION_SCENARIOS
from training.simulator.false_claim import FALSE_CLAIM_SCENARIOS, false_claim_about_service
from training.simulator.meaningless import MEANINGLESS_SCENARIOS
from training.simulator.missing import degrade_review
from training.simulator.normal import (
    COVERAGE_NORMAL_SCENARIOS,
    NORMAL_SCENARIOS,
    damage_claim_unverifiable,
)
from training.simulator.orders import ORDER_BUILDERS, ORDER_NEEDS, order_item
from training.simulator.reasons import INSULTS, REASON_NEEDS, REASON_SCENARIOS, SCENARIO_REASONS
from training.simulator.story import Builder, iso
from training.simulator.vocabulary import LINES

LABELS = ("extortion", "competitor", "ad", "meaningless", "false_claim", "normal")


@dataclass(frozen=True)
class SimulatedReview:
    """One simulated review case.

    Attributes
    ----------
    item : dict
        A review item in docs/spec.md's review schema (JSON-serialisable).
    label : str
        One of :data:`LABELS`.
    scenario : str
        ``"<label>/<scenario_name>"``, the unit of held-out evaluation.
    report_reasons : tuple of str
        The platform report reasons the case was written to carry
        (:func:`expected_report_reasons`).
    """

    item: dict
    label: str
    scenario: str
    report_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class SimulatedOrder:
    """One simulated order case, scored before shipping.

    Attributes
    ----------
    item : dict
        docs/spec.md's ``order`` object plus its own ``chat`` list (buyer nested as ``buyer``).
    malicious : bool
        Whether the order is a malicious order (恶意下单).
    scenario : str
        ``"order_malicious/<name>"`` or ``"order_benign/<name>"``.
    """

    item: dict
    malicious: bool
    scenario: str


# Every review scenario, in the stable order of review_scenarios() and of round-robin generation.
# The coverage scenarios come last, so the first cases of simulate_reviews(n) stay as they were.
REVIEW_BUILDERS: dict[str, Builder] = {
    **EXTORTION_SCENARIOS,
    **COMPETITOR_SCENARIOS,
    **AD_SCENARIOS,
    **MEANINGLESS_SCENARIOS,
    **FALSE_CLAIM_SCENARIOS,
    **NORMAL_SCENARIOS,
    "normal/damage_claim_unverifiable": damage_claim_unverifiable,
    # The malicious side of normal/seller_rude_genuine, in the twin's own words: only the chat
    # (prompt, polite replies) tells the two apart.  Kept apart from the held-out
    # false_claim/seller_rude_but_polite, whose phrases it does not use.
    "false_claim/seller_rude_claim_polite_chat": partial(false_claim_about_service, phrases=LINES["rude.claim"]),
    # Genuine reviews the report form still covers (wrong size, price drop ...), with twins.
    **REASON_SCENARIOS,
    **COVERAGE_COMPETITOR_SCENARIOS,
    **COVERAGE_AD_SCENARIOS,
    **COVERAGE_NORMAL_SCENARIOS,
}

# Parts that carry a scenario's evidence and must never be dropped:
# "order", "chat", "buyer", "timestamps", "media".
_CHAT = frozenset({"chat"})
_ORDER_FACTS = frozenset({"order", "timestamps"})
_REVIEW_NEEDS: dict[str, frozenset[str]] = {
    "extortion/cash_to_delete_review": _CHAT,
    "extortion/compensation_or_keep_reviewing": _CHAT,
    "extortion/refund_or_complaint_threat": _CHAT,
    "extortion/free_goods_demand": _CHAT,
    "extortion/cashback_for_good_review": _CHAT,
    "extortion/threat_before_review": _CHAT,
    "extortion/escalating_multi_turn": _CHAT,
    "competitor/supplier_probe_chat": frozenset({"chat", "order", "buyer"}),
    "competitor/signals_only": frozenset({"order", "buyer", "timestamps"}),
    "false_claim/not_received_but_delivered": _ORDER_FACTS,
    "false_claim/slow_delivery_but_fast": _ORDER_FACTS,
    "false_claim/not_shipped_but_shipped_fast": _ORDER_FACTS,
    "false_claim/seller_ignored_but_replied": _CHAT,
    "false_claim/seller_rude_but_polite": _CHAT,
    "false_claim/seller_rude_claim_polite_chat": _CHAT,
    "false_claim/refund_refused_but_refunded": _ORDER_FACTS,
    "normal/damage_claim_unverifiable": frozenset({"order", "media"}),
    "normal/new_account_genuine": frozenset({"buyer"}),
    "normal/new_account_quick_complaint": frozenset({"order", "buyer", "timestamps"}),
    "normal/wrong_item_seller_admits": _CHAT,
    "normal/seller_never_replied": _CHAT,
    "normal/seller_rude_genuine": _CHAT,
    "normal/polite_missing_item_chat": _CHAT,
    "normal/slow_refund_genuine": _ORDER_FACTS,
    "normal/late_delivery_facts_agree": _ORDER_FACTS,
    **REASON_NEEDS,
}

# Genuine reviews that may come without text: their chat is an ordinary request or question.
_TEXT_FREE_NORMAL = frozenset({"normal/short_positive", "normal/polite_refund_or_gift_request",
                               "normal/price_or_cashback_inquiry"})


def review_scenarios(label: str | None = None) -> list[str]:
    """List review scenario ids, optionally only those of one label.

    Parameters
    ----------
    label : str or None
        One of :data:`LABELS`; ``None`` lists every scenario.

    Returns
    -------
    list of str
        Scenario ids ``"<label>/<name>"`` in a stable order.

    Raises
    ------
    ValueError
        If ``label`` is not one of :data:`LABELS`.
    """
    if label is None:
        return list(REVIEW_BUILDERS)
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; expected one of {LABELS}")
    return [scenario for scenario in REVIEW_BUILDERS if scenario.split("/", 1)[0] == label]


def order_scenarios(malicious: bool | None = None) -> list[str]:
    """List order scenario ids, optionally only the malicious or only the benign ones.

    Parameters
    ----------
    malicious : bool or None
        ``True`` for ``order_malicious/*``, ``False`` for ``order_benign/*``, ``None`` for all.

    Returns
    -------
    list of str
        Scenario ids in a stable order.
    """
    if malicious is None:
        return list(ORDER_BUILDERS)
    prefix = "order_malicious/" if malicious else "order_benign/"
    return [scenario for scenario in ORDER_BUILDERS if scenario.startswith(prefix)]


def _resolve(scenarios: Iterable[str] | None, known: dict[str, Any], n: int) -> list[str]:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if isinstance(scenarios, str):
        raise TypeError("scenarios must be an iterable of scenario ids, not a single string")
    chosen = list(known) if scenarios is None else list(scenarios)
    if not chosen:
        raise ValueError("scenarios must not be empty")
    unknown = [scenario for scenario in chosen if scenario not in known]
    if unknown:
        raise ValueError(f"unknown scenario ids: {unknown}")
    return chosen


def _case_rng(scenario: str, seed: int, number: int) -> random.Random:
    # One generator per case, derived from (seed, scenario, the case's number within its scenario)
    # and nothing else: a case does not depend on the cases before it, nor on which other
    # scenarios are generated with it, in what order, or how many draws they take.  Adding,
    # removing or editing one scenario therefore leaves every other scenario's cases unchanged.
    return random.Random(f"reviewguard-simulator:{scenario}:{seed}:{number}")


def _numbered(chosen: list[str], n: int) -> Iterable[tuple[str, int]]:
    """(scenario, the case's number within that scenario) of cases 0..n-1, round-robin."""
    numbers: Counter[str] = Counter()
    for index in range(n):
        scenario = chosen[index % len(chosen)]
        yield scenario, numbers[scenario]
        numbers[scenario] += 1


def simulate_reviews(
    n: int, *, seed: int = 0, scenarios: Iterable[str] | None = None
) -> list[SimulatedReview]:
    """Generate ``n`` labelled review cases spread evenly (round-robin) over scenarios.

    Parameters
    ----------
    n : int
        Number of cases.
    seed : int
        Seed; the same seed and arguments always give the same cases.
    scenarios : iterable of str or None
        Review scenario ids (see :func:`review_scenarios`); ``None`` means all of them.

    Returns
    -------
    list of SimulatedReview
        Case ``i`` uses scenario ``scenarios[i % len(scenarios)]``; the ``k``-th case of a
        scenario has review id ``"sim-r-<seed>-<scenario>-<k>"`` and depends only on the seed,
        the scenario and ``k``, never on the other scenarios.

    Raises
    ------
    ValueError
        If ``n`` is negative, or ``scenarios`` is empty or holds an unknown id.
    """
    chosen = _resolve(scenarios, REVIEW_BUILDERS, n)
    cases = []
    for scenario, number in _numbered(chosen, n):
        rng = _case_rng(scenario, seed, number)
        draft = REVIEW_BUILDERS[scenario](rng, f"sim-ro-{seed}-{scenario}-{number}")
        item: dict[str, Any] = {
            "review_id": f"sim-r-{seed}-{scenario}-{number}",
            "text": draft.text,
            "rating": int(draft.rating),
            "created_at": iso(draft.created_at),
            "has_media": bool(draft.has_media),
            "chat": draft.chat,
        }
        if draft.order is not None:
            item["order"] = draft.order
        label = scenario.split("/", 1)[0]
        needs = _REVIEW_NEEDS.get(scenario, frozenset())
        text_free = scenario in _TEXT_FREE_NORMAL or (label in ("extortion", "competitor") and bool(needs & {"chat", "buyer"}))
        degrade_review(rng, item, needs, text_free=text_free)
        cases.append(SimulatedReview(item=item, label=label, scenario=scenario,
                                     report_reasons=expected_report_reasons(scenario, item["text"], item["rating"])))
    return cases


def expected_report_reasons(scenario: str, text: str, rating: int) -> tuple[str, ...]:
    """The platform report reasons a case of ``scenario`` with this text and rating was written to carry.

    A malicious label's own reason (not for a 4-5 star review, unless it is an ad or meaningless,
    which the form takes whatever the rating); the rule reason the scenario is about
    (:data:`SCENARIO_REASONS`); and abuse wherever the simulator wrote one of its insults.
    """
    label = scenario.split("/", 1)[0]
    reasons = set(SCENARIO_REASONS.get(scenario, ()))
    if label != "normal" and (rating <= 3 or label in ("ad", "meaningless")):
        reasons.add(REASON_OF[label])
    if any(insult in text for insult in INSULTS):
        reasons.add(REASON_OF["abuse"])
    return tuple(sorted(reasons))


def simulate_orders(
    n: int, *, seed: int = 0, scenarios: Iterable[str] | None = None
) -> list[SimulatedOrder]:
    """Generate ``n`` order cases (scored before shipping) spread evenly over scenarios.

    Parameters
    ----------
    n : int
        Number of cases.
    seed : int
        Seed; the same seed and arguments always give the same cases.
    scenarios : iterable of str or None
        Order scenario ids (see :func:`order_scenarios`); ``None`` means all of them.

    Returns
    -------
    list of SimulatedOrder
        Case ``i`` uses scenario ``scenarios[i % len(scenarios)]``; the ``k``-th case of a
        scenario has order id ``"sim-o-<seed>-<scenario>-<k>"`` and depends only on the seed,
        the scenario and ``k``.  ``logistics_status`` is ``"unshipped"`` and the shipping and
        delivery times are null.

    Raises
    ------
    ValueError
        If ``n`` is negative, or ``scenarios`` is empty or holds an unknown id.
    """
    chosen = _resolve(scenarios, ORDER_BUILDERS, n)
    cases = []
    for scenario, number in _numbered(chosen, n):
        rng = _case_rng(scenario, seed, number)
        draft = ORDER_BUILDERS[scenario](rng)
        item = order_item(
            rng, f"sim-o-{seed}-{scenario}-{number}", draft, ORDER_NEEDS.get(scenario, frozenset())
        )
        cases.append(
            SimulatedOrder(
                item=item, malicious=scenario.startswith("order_malicious/"), scenario=scenario
            )
        )
    return cases


def simulated_review_rows(n: int, *, seed: int = 0, id_prefix: str = "r") -> list[dict[str, Any]]:
    """``n`` simulated reviews as rows of the flat-file schema (docs/batch.md): the nested
    ``chat`` and ``order`` as JSON text, review ids ``<id_prefix><index>`` zero-padded to 9 digits."""
    rows = []
    for index, case in enumerate(simulate_reviews(n, seed=seed)):
        row = dict(case.item)
        row["review_id"] = f"{id_prefix}{index:09d}"
        for key in ("chat", "order"):
            if key in row:
                row[key] = json.dumps(row[key], ensure_ascii=False)
        rows.append(row)
    return rows
