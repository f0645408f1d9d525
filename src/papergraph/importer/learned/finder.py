"""The finder: is a candidate reading of a block a paper, or a label, a person, prose,
a lecture topic? A maximum-entropy classifier (crfsuite on one-item sequences) over small
features of the block, of the tagger's reading and of the rules' old verdict, whose
weights are learned from the corpus pages (``training/fit.py``, ``make model``).
"""

from __future__ import annotations

import contextvars
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..blocks import Block
from ..dates import Context, find_dates
from ..ids import is_paper_url
from ..refs import LINK_LABEL, Reference
from .cues import cues
from .tagger import MODELS, _items

_PROSE = re.compile(r"\b(we|our|us|you|your|please|should|must|will|can|click|join|sign)\b",
                    re.IGNORECASE)
_DATE_START = re.compile(r"^\W*(?:\d{1,4}[./\-]\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                         r"oct|nov|dec)[a-z]*\.?\s+\d|week|\d{1,2}\s+[a-z]{3})", re.IGNORECASE)


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    """How many of the (ascending) ``edges`` ``n`` reaches, as a feature value."""
    return _DIGITS[bisect_right(edges, n)]


_DIGITS = "0123456789"


def _title_features(ref: Reference, block: Block) -> dict[str, float | str]:
    words = ref.title.split()
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    f: dict[str, float | str] = {
        "t_words": _bucket(len(words), (2, 3, 5, 8, 15, 25)),
        "t_caps": _bucket(caps / max(1, len(words)), (0.3, 0.6, 0.9)),
        "t_first": words[0].lower().strip(".,:;'\"“”") if words else "",
        "t_conf": _bucket(ref.confidence.get("title", 0.0), (0.5, 0.7, 0.9, 0.97)),
    }
    if ref.title.endswith("?"):
        f["t_question"] = 1.0
    if ref.title[:1].islower():
        f["t_lower"] = 1.0
    if any(ref.title in e or e in ref.title for e in block.emphasis if len(e) > 3):
        f["t_em"] = 1.0
    if any(ref.title in lk.text for lk in block.links):
        f["t_link"] = 1.0
    last = words[-1].lower().strip(".,:;()[]") if words else ""
    if LINK_LABEL.match(last):
        f["t_label_word"] = 1.0
    if re.search(r"\d", ref.title):
        f["t_digit"] = 1.0
    if _PROSE.search(ref.title):
        f["t_prose"] = 1.0
    return f


def _block_features(block: Block, text: str) -> dict[str, float | str]:
    f: dict[str, float | str] = {"kind": block.kind, "depth": _bucket(block.depth, (1, 2)),
                                 "len": _bucket(len(text), (20, 40, 80, 160, 320))}
    if any(is_paper_url(lk.url) for lk in block.links):
        f["paper_link"] = 1.0
    if block.links:
        f["links"] = _bucket(len(block.links), (1, 2, 4))
    if block.parent is not None:
        f["child"] = 1.0
    if text.rstrip().endswith(":"):
        f["colon_end"] = 1.0
    if _DATE_START.match(text):
        f["date_start"] = 1.0
    if _PROSE.search(text):
        f["prose"] = 1.0
    if block.cells:
        f["cells"] = _bucket(len(block.cells), (2, 4, 6))
    return f


def features(ref: Reference, block: Block, text: str, *, heads: bool = False,
             labelled: bool = False, dated: bool = False, ids: bool = False,
             bare: bool = False) -> dict[str, float | str]:
    """What the finder weighs for one reading ``ref`` of ``text`` in ``block``: ``heads``,
    the block is a list item over sub-items; ``labelled``, the text followed ``Title:``;
    ``dated``, it starts with a session date; ``ids``, its links give a paper id;
    ``bare``, the block may be a title on its own (a plain line counts only under a
    session date: ``### Nov 7 Wednesday`` / ``The Case for Learned Index Structures``)."""
    f: dict[str, float | str] = {"bias": 1.0}
    f.update(cues(ref, block, text))
    for name, on in (("heads", heads), ("labelled", labelled), ("dated", dated), ("ids", ids),
                     ("line_under_date", bare and block.kind == "text" and not block.emphasis)):
        if on:
            f[name] = 1.0
    f["authors"] = _bucket(len(ref.authors), (1, 2, 4))
    if ref.et_al:
        f["et_al"] = 1.0
    if ref.year is not None:
        f["year"] = 1.0
        if _year_in_a_date(ref.year, text):
            f["year_in_date"] = 1.0
    if ref.venue:
        f["venue"] = 1.0
    if heads and not (ref.authors or ref.year or ids or block.links):
        f["heads&bare"] = 1.0
    for key, share in ref.confidence.items():
        if key.startswith("share:"):
            f[key] = _bucket(share, (0.05, 0.2, 0.5, 0.8))
    f.update(_title_features(ref, block))
    f.update(_block_features(block, text))
    f.update(_words(ref.title, text))
    return f


_WORD = re.compile(r"[^\W\d_]{3,}")
# what stands just before a year inside a date: "08.25.", "10th June ", "Oct 3, "
_DATE_BEFORE = re.compile(r"(?:\d[./\-]|\d(?:st|nd|rd|th)?,?\s+|[^\W\d_]{3,}\.?,?\s+)$",
                          re.IGNORECASE)
_DATE_AFTER = re.compile(r"[./\-]\d|\s+[^\W\d_]{3,}\.?\s+\d", re.IGNORECASE)  # "2021-09-03"


def _year_in_a_date(year: int, text: str) -> bool:
    """Is every mention of ``year`` in ``text`` part of a calendar date with a day
    (``Lecture 2 (08.25.2020): …``, ``10th June 2021``)? Then it is likely a session's
    date, not the year a paper appeared. (Most years stand alone, ``(2019)``: the few
    characters before each decide that before any date is parsed.)"""
    y = str(year)
    at = [m.start() for m in re.finditer(y, text)]
    if not at or not all(_DATE_BEFORE.search(text[max(0, i - 12):i])
                         or _DATE_AFTER.match(text, i + 4) for i in at):
        return False
    spans = [(d.start, d.end) for d in find_dates(text, Context()) if d.day.year == year]
    return bool(spans) and all(any(a <= i < b for a, b in spans) for i in at)


def _words(title: str, text: str) -> dict[str, float | str]:
    """The title's words and the block's first word: lecture topics and paper titles
    use different words (``Introduction``, ``Overview``, ``Lecture``)."""
    f: dict[str, float | str] = {f"w:{w.lower()}": 1.0 for w in _WORD.findall(title)}
    first = _WORD.search(text)
    if first:
        f["b_first"] = first.group().lower()
    return f


@dataclass
class Finder:
    path: Path

    def __post_init__(self) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))

    def probability(self, f: dict[str, float | str]) -> float:
        """How likely the reading is a paper (0..1)."""
        self._tagger.set(_items([f]))
        return float(self._tagger.marginal("paper", 0))


@dataclass
class Recorder:
    """Training: every reading the importer weighs, with its features (no decision)."""

    rows: list[tuple[dict[str, float | str], str, str]] = field(default_factory=list)


@dataclass
class PageRun:
    """The finder's state for one page: what each block's siblings look like
    (:mod:`.siblings`), and the readings that look like papers but were not taken."""

    siblings: dict[int, dict[str, float | str]] = field(default_factory=dict)
    near: dict[int, str] = field(default_factory=dict)  # source line -> text


RECORDING: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("recording",
                                                                           default=None)
MODEL: contextvars.ContextVar[Path | None] = contextvars.ContextVar("finder_model", default=None)
RUN: contextvars.ContextVar[PageRun | None] = contextvars.ContextVar("page_run", default=None)
NEAR = 0.3  # a reading at least this likely a paper, but not taken, "looks like a paper"
TAKE = 0.5  # a reading at least this likely a paper is drafted (see docs/import.md)


@lru_cache(maxsize=8)
def load(path: Path) -> Finder:
    return Finder(path)


def mark_near(block: Block) -> None:
    """Count ``block`` among the items that look like papers but were not read."""
    run = RUN.get()
    if run is not None:
        run.near.setdefault(block.line, block.text)


def is_paper(ref: Reference, block: Block, text: str, **context: bool) -> bool:
    """The finder's verdict on one reading (``context``: see :func:`features`). While
    recording for training, every reading is kept and taken."""
    run = RUN.get()
    f = features(ref, block, text, **context)
    if run is not None:
        f.update(run.siblings.get(id(block), {}))
    recorder = RECORDING.get()
    if recorder is not None:
        recorder.rows.append((f, ref.title, block.text))
        return True
    p = load(MODEL.get() or MODELS / "finder.crfsuite").probability(f)
    if NEAR <= p < TAKE and run is not None:
        run.near.setdefault(block.line, block.text)
    return p >= TAKE
