"""Buyer-behaviour simulator: whole labelled review and order cases for training and evaluation.

Every case is a complete story — review text, rating, buyer chat (飞鸽) with timestamps, order
timeline and buyer history — built from a persona and a scenario grounded in the appeal guide
(its rules are summarised in docs/spec.md). Texts are composed from slot vocabularies and
interchangeable phrasings, then lightly perturbed (fillers, punctuation, emoji, typos, some
traditional characters, full-width digits, obfuscated contacts).

Scenario ids (``"<label>/<name>"``) are the unit of held-out evaluation: hold out whole
scenarios, never a random split of generated rows (see docs/lessons.md, lesson 1).

Order facts always *agree* with genuine (``normal``) complaints and *contradict* the claim in
``false_claim`` cases (lesson 3). Optional parts (order, chat, buyer, some timestamps) are
omitted in a realistic share of cases so that consumers learn to degrade gracefully.

Modules: :mod:`~training.simulator.vocabulary` (products, places, shared phrases),
:mod:`~training.simulator.noise` (typing noise, numbers and money as typed),
:mod:`~training.simulator.contacts` (phone, WeChat, QQ..., obfuscated),
:mod:`~training.simulator.story` (purchase, buyer, timeline, chat, order),
:mod:`~training.simulator.texts` (review text composition), one module per label
(``extortion``, ``competitor``, ``ad``, ``meaningless``, ``false_claim``, ``normal``),
:mod:`~training.simulator.reasons` (genuine reviews the report form still covers, with twins),
:mod:`~training.simulator.orders` (恶意下单 scenarios), :mod:`~training.simulator.missing`
(missing-data injection) and :mod:`~training.simulator.registry` (the scenario table and the
functions below).
"""

from training.simulator.registry import (
    LABELS,
    SimulatedOrder,
    SimulatedReview,
    expected_report_reasons,
    order_scenarios,
    review_scenarios,
    simulate_orders,
    simulate_reviews,
    simulated_review_rows,
)

__all__ = [
    "LABELS",
    "SimulatedOrder",
    "SimulatedReview",
    "expected_report_reasons",
    "order_scenarios",
    "review_scenarios",
    "simulate_orders",
    "simulate_reviews",
    "simulated_review_rows",
]
