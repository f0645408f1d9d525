"""Features of one token in its string, for the citation tagger (:mod:`.tagger`).

Each feature is a small function of the token and its neighbours; the tagger learns how
much each one weighs. What used to be hand-ordered rules (a year in brackets, an initial,
"et al.", "In" before a venue, a quoted or linked title, a list of names between full
stops) are features here. A token's features are strings (``w=deep``, ``shape=Xxxx``,
``em``), crfsuite's own form: one pass per string, no per-token dictionaries.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import names as name_lexicon
from .tokens import MARKS, Token

_YEAR = re.compile(r"^(1[89]\d\d|20[0-3]\d)[a-z]?$")
_MONTH = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
                    r"march|april|june|july|august|september|october|november|december)$")
_CONNECTOR = {"and", "&", "und", "et", "y"}
_VENUE_WORDS = {"proceedings", "proc", "conference", "journal", "transactions", "trans",
                "symposium", "workshop", "review", "letters", "arxiv", "preprint", "in",
                "advances", "annual", "international", "press", "university", "vol",
                "volume", "pp", "pages", "no", "issue", "ed", "eds", "edition"}
_NOTE_WORDS = {"pdf", "slides", "code", "video", "presenter", "presented", "host", "blog",
               "paper", "link", "notes", "optional", "required", "reading", "by", "speaker",
               "discussion", "leader", "week", "session", "talk", "supplementary"}
# the features a token lends its neighbours (±1, ±2), by name before the "="
_SHARED = ("w=", "shape=", "year", "initial", "cap", "em", "link", "quote", "conn",
           "venueword", "given", "family")
_CUT = {";", ":", "(", ")", "[", "]", "“", "”", "\"", "|", "—", "–"}


def shape(word: str) -> str:
    """``Xxxx``, ``XX``, ``dddd``, ``x``: the word's character classes, runs shortened."""
    out: list[str] = []
    for ch in word[:12]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) < 2 or not (out[-1] == c and out[-2] == c):
            out.append(c)
    return "".join(out)


def _lexical(w: str, low: str) -> list[str]:
    f = []
    if _YEAR.match(w):
        f.append("year")
    elif w.isdigit():
        f.append(f"num={min(len(w), 5)}")
    if _MONTH.match(low):
        f.append("month")
    if low in _CONNECTOR:
        f.append("conn")
    if low in _VENUE_WORDS:
        f.append("venueword")
    if low in _NOTE_WORDS:
        f.append("noteword")
    return f


def _capitals(w: str, low: str) -> list[str]:
    if not w[:1].isupper():
        return []
    f = []
    if len(w) == 1:
        f.append("initial")
    elif w[1:].islower():
        f.append("cap")
    elif w.isupper():
        f.append("caps")
    given, family = name_lexicon()
    if low in given:
        f.append("given")
    if low in family:
        f.append("family")
    return f


@lru_cache(maxsize=1 << 16)
def _word_features(w: str, marks: frozenset[str]) -> tuple[str, ...]:
    """A token's own features (once per distinct word and marks): the word, its shape,
    affixes, what it is, its marks."""
    low = w.lower()
    f = [f"w={low if len(low) < 20 else '<long>'}", f"shape={shape(w)}"]
    if w.isalpha():
        f += [f"p3={low[:3]}", f"s3={low[-3:]}"]
    f += _lexical(w, low)
    f += _capitals(w, low)
    f += [m for m in MARKS if m in marks]
    return tuple(f)


# per-word facts the string-level features read (bits of ``_Word.flags``)
_ALPHA, _UPPER, _COMMA, _YEAR_BIT, _VENUE, _STOP, _COLON = (1 << k for k in range(7))


class _Word:
    """What one distinct (word, marks) contributes, computed once per process: its own
    features, what it lends its neighbours at each distance, its coarse class and flags."""

    __slots__ = ("own", "lend", "cls", "flags")

    def __init__(self, w: str, marks: frozenset[str]) -> None:
        self.own = _word_features(w, marks)
        shared = [s for s in self.own if s.startswith(_SHARED)]
        # token j lends its shared features to j+2 as "-2:…", to j+1 as "-1:…", and so on
        self.lend = {d: [f"{d}:{s}" for s in shared] for d in (-2, -1, 1, 2)}
        self.cls = _cls(w)
        low = w.lower()
        alpha = w[:1].isalpha()
        self.flags = (alpha * _ALPHA | (alpha and w[0].isupper()) * _UPPER
                      | (w in (",", "&") or low == "and") * _COMMA
                      | bool(_YEAR.match(w)) * _YEAR_BIT | (low in _VENUE_WORDS) * _VENUE
                      | (w in ".?!") * _STOP | (w == ":") * _COLON)


@lru_cache(maxsize=1 << 16)
def _word(w: str, marks: frozenset[str]) -> _Word:
    return _Word(w, marks)


def _segments(tokens: list[Token]) -> list[int]:
    """Each token's segment: the runs between strong punctuation (a full stop not after an
    initial, ``;``, ``:``, brackets, quotes, dashes) and changes of markup."""
    seg, out = 0, []
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        if prev is not None and (prev.marks != t.marks or prev.text in _CUT or (
                prev.text == "." and not (i >= 2 and len(tokens[i - 2].text) == 1))):
            seg += 1
        out.append(seg)
    return out


def _describe_segment(g: int, flags: list[int], last: int) -> list[str]:
    words = sum(1 for x in flags if x & _ALPHA)
    caps = sum(1 for x in flags if x & _UPPER)
    commas = sum(1 for x in flags if x & _COMMA)
    every = bool(words) and caps == words
    f = [_SEG_I[min(g, 4)], _SEG_LAST[g == last], _SEG_LEN[words // 3 if words < 15 else 5],
         "seg_caps=all" if every else "seg_caps=most" if caps * 2 > words else "seg_caps=few"]
    if every and commas and words <= 3 * (commas + 1):
        f.append("seg_names")
    if any(x & _YEAR_BIT for x in flags):
        f.append("seg_year")
    if any(x & _VENUE for x in flags):
        f.append("seg_venue")
    return f


_SEG_I = [f"seg_i={k}" for k in range(5)]
_SEG_LAST = ["seg_last=0", "seg_last=1"]
_SEG_LEN = [f"seg_len={k}" for k in range(6)]


def _segment_features(tokens: list[Token], words: list[_Word]) -> list[list[str]]:
    """What the segment a token sits in looks like: its place, its length, whether its
    words are all capitalised and comma-separated (a list of names), a year in it."""
    segs = _segments(tokens)
    groups: dict[int, list[int]] = {}
    for x, g in zip(words, segs, strict=True):
        groups.setdefault(g, []).append(x.flags)
    last = segs[-1] if segs else 0
    described = {g: _describe_segment(g, flags, last) for g, flags in groups.items()}
    return [described[g] for g in segs]


def _cls(w: str) -> str:
    """A coarse class: ``C`` capitalised, ``i`` initial, ``l`` lower, ``d`` digits, or the
    punctuation itself (one character)."""
    if w[:1].isupper():
        return "i" if len(w) == 1 else "C"
    if w[:1].isalpha():
        return "l"
    if w[:1].isdigit():
        return "d"
    return w[:1]


_STOPS = [f"stops={k}" for k in range(5)]


def _passed(words: list[_Word]) -> list[list[str]]:
    """What has been passed at each token: full stops, a year, a colon (where in the
    record we are), in one pass."""
    out, stops, year, colon = [], 0, False, False
    for x in words:
        f = [_STOPS[min(stops, 4)]]
        if year:
            f.append("after_year")
        if colon:
            f.append("after_colon")
        out.append(f)
        stops += bool(x.flags & _STOP)
        year = year or bool(x.flags & _YEAR_BIT)
        colon = colon or bool(x.flags & _COLON)
    return out


_POS = [f"pos={k}" for k in range(10)]
_EDGE = {d: [f"{d}:edge"] for d in (-2, -1, 1, 2)}


def _context(tokens: list[Token], classes: str) -> list[list[str]]:
    """Where each token sits: its place in the string, the classes around it, whether a
    full stop follows an initial, a space or a change of markup before it."""
    n = len(tokens)
    out = []
    prev = None
    for i, t in enumerate(tokens):
        f = [_POS[10 * i // n], "bias", "cls3=" + classes[i:i + 3],
             "cls-1=" + (classes[i - 1:i + 1] if i else "#" + classes[0])]
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        if i + 1 < n and len(t.text) == 1 and tokens[i + 1].text == ".":
            f.append("initial.")
        if prev is not None:
            if t.start > prev.end:
                f.append("space")
            if t.marks != prev.marks:
                f.append("markchange")
        out.append(f)
        prev = t
    return out


def token_features(tokens: list[Token]) -> list[list[str]]:
    """One feature list per token: its own, its context, and its neighbours' (±2)."""
    if not tokens:
        return []
    words = [_word(t.text, t.marks) for t in tokens]
    passed = _passed(words)
    segment = _segment_features(tokens, words)
    context = _context(tokens, "".join(x.cls for x in words) + "###")
    n = len(tokens)
    out = []
    for i in range(n):
        f = [*words[i].own, *context[i], *passed[i], *segment[i]]
        f += words[i - 2].lend[-2] if i >= 2 else _EDGE[-2]
        f += words[i - 1].lend[-1] if i >= 1 else _EDGE[-1]
        f += words[i + 1].lend[1] if i + 1 < n else _EDGE[1]
        f += words[i + 2].lend[2] if i + 2 < n else _EDGE[2]
        out.append(f)
    return out
