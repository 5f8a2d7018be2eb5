"""Buyer-risk ledger: every malicious decision per buyer, and the escalation tier it leads to.

A small sqlite file (``REVIEWGUARD_LEDGER_PATH``, default ``<home>/ledger.db``) shared by the
service workers and batch jobs.  Tiers follow the spirit of the platform's own graded violation
rules (first offence noted, repeat offences watched, serious repeat offences acted on):

==================  =========================================================================
``none``            no malicious decision on record
``note``            one malicious decision (first offence: keep a note)
``watch``           two or more within 30 days: confirm with the buyer before shipping
``blacklist``       extortion twice, or three malicious decisions in all: suggest 拉黑 and 限购
==================  =========================================================================

Writes are idempotent per (buyer, kind, item): scoring the same review again does not count
twice.  WAL mode and ``BEGIN IMMEDIATE`` let several processes write without losing records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from features.schema import BEIJING

Tier = Literal["none", "note", "watch", "blacklist"]
REPEAT_WINDOW = timedelta(days=30)
WATCH_AFTER_IN_WINDOW = 2
BLACKLIST_AFTER_TOTAL = 3
BLACKLIST_AFTER_EXTORTION = 2

TIER_ADVICE = {
    "none": "",
    "note": "该买家已有1次恶意记录，留意后续行为。",
    "watch": "该买家30天内多次恶意记录：发货前先通过飞鸽确认订单信息。",
    "blacklist": "该买家多次恶意（或两次以差评勒索）：建议拉黑，并在防控中心设置限购。",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    buyer_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    label TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    model_version TEXT NOT NULL,
    UNIQUE (buyer_id, kind, item_id)
);
CREATE INDEX IF NOT EXISTS decisions_by_buyer ON decisions (buyer_id, occurred_at);
"""


class LedgerEntry(BaseModel):
    """One recorded malicious decision."""

    kind: Literal["review", "order"]
    item_id: str
    label: str
    occurred_at: str
    model_version: str


class BuyerRecord(BaseModel):
    """A buyer's history and current tier (``GET /v1/buyers/{id}``)."""

    buyer_id: str
    tier: Tier
    advice: str
    decisions: list[LedgerEntry]


@dataclass(frozen=True)
class Decision:
    """A malicious decision to record."""

    buyer_id: str
    kind: Literal["review", "order"]
    item_id: str
    label: str
    occurred_at: datetime
    model_version: str


def tier_of(entries: list[LedgerEntry], *, now: datetime) -> Tier:
    """The escalation tier for a buyer's entries (thresholds in the module docstring)."""
    if not entries:
        return "none"
    extortions = sum(e.label == "extortion" for e in entries)
    if extortions >= BLACKLIST_AFTER_EXTORTION or len(entries) >= BLACKLIST_AFTER_TOTAL:
        return "blacklist"
    recent = [e for e in entries if now - datetime.fromisoformat(e.occurred_at) <= REPEAT_WINDOW]
    if len(recent) >= WATCH_AFTER_IN_WINDOW:
        return "watch"
    return "note"


class BuyerLedger:
    """Persistent per-buyer record of malicious decisions (one sqlite file, many processes)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A connection per call: cheap for sqlite, and safe across threads and processes.
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            yield connection
        finally:
            connection.close()

    def record(self, decisions: list[Decision]) -> int:
        """Record decisions (idempotent per buyer, kind and item); returns how many were new."""
        if not decisions:
            return 0
        rows = [(d.buyer_id, d.kind, d.item_id, d.label, d.occurred_at.astimezone(BEIJING).isoformat(),
                 d.model_version) for d in decisions]
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            before = connection.total_changes
            connection.executemany(
                "INSERT OR IGNORE INTO decisions (buyer_id, kind, item_id, label, occurred_at, model_version)"
                " VALUES (?, ?, ?, ?, ?, ?)", rows)
            added = connection.total_changes - before
            connection.execute("COMMIT")
        return added

    def entries(self, buyer_id: str) -> list[LedgerEntry]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT kind, item_id, label, occurred_at, model_version FROM decisions"
                " WHERE buyer_id = ? ORDER BY occurred_at, id", (buyer_id,)).fetchall()
        return [LedgerEntry(kind=r[0], item_id=r[1], label=r[2], occurred_at=r[3], model_version=r[4]) for r in rows]

    def buyer(self, buyer_id: str, *, now: datetime | None = None) -> BuyerRecord:
        """History and tier of one buyer (tier ``none`` for an unknown buyer)."""
        entries = self.entries(buyer_id)
        tier = tier_of(entries, now=now or datetime.now(BEIJING))
        return BuyerRecord(buyer_id=buyer_id, tier=tier, advice=TIER_ADVICE[tier], decisions=entries)
