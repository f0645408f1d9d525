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


def _describe_segment(g: int, toks: list[Token], last: int) -> list[str]:
    words = [t.text for t in toks if t.text[:1].isalpha()]
    caps = sum(1 for w in words if w[0].isupper())
    commas = sum(1 for t in toks if t.text in (",", "&") or t.text.lower() == "and")
    every = bool(words) and caps == len(words)
    f = [f"seg_i={min(g, 4)}", f"seg_last={int(g == last)}",
         f"seg_len={len(words) // 3 if len(words) < 15 else 5}",
         f"seg_caps={'all' if every else 'most' if caps * 2 > len(words) else 'few'}"]
    if every and commas and len(words) <= 3 * (commas + 1):
        f.append("seg_names")
    if any(_YEAR.match(t.text) for t in toks):
        f.append("seg_year")
    if any(t.text.lower() in _VENUE_WORDS for t in toks):
        f.append("seg_venue")
    return f


def _segment_features(tokens: list[Token]) -> list[list[str]]:
    """What the segment a token sits in looks like: its place, its length, whether its
    words are all capitalised and comma-separated (a list of names), a year in it."""
    segs = _segments(tokens)
    groups: dict[int, list[Token]] = {}
    for t, g in zip(tokens, segs, strict=True):
        groups.setdefault(g, []).append(t)
    last = segs[-1] if segs else 0
    described = {g: _describe_segment(g, toks, last) for g, toks in groups.items()}
    return [described[g] for g in segs]


def _cls(tok: Token) -> str:
    """A coarse class: ``C`` capitalised, ``i`` initial, ``l`` lower, ``d`` digits, or the
    punctuation itself."""
    w = tok.text
    if w[:1].isupper():
        return "i" if len(w) == 1 else "C"
    if w[:1].isalpha():
        return "l"
    if w[:1].isdigit():
        return "d"
    return w[:1]


def _passed(tokens: list[Token]) -> list[list[str]]:
    """What has been passed at each token: full stops, a year, a colon (where in the
    record we are), in one pass."""
    out, stops, year, colon = [], 0, False, False
    for t in tokens:
        f = [f"stops={min(stops, 4)}"]
        if year:
            f.append("after_year")
        if colon:
            f.append("after_colon")
        out.append(f)
        stops += t.text in ".?!"
        year = year or bool(_YEAR.match(t.text))
        colon = colon or t.text == ":"
    return out


def _context(tokens: list[Token], classes: list[str], i: int) -> list[str]:
    n = len(tokens)
    f = [f"pos={min(9, 10 * i // max(n, 1))}", "bias", f"cls3={''.join(classes[i:i + 3])}",
         f"cls-1={(classes[i - 1] if i else '#') + classes[i]}"]
    if i == 0:
        f.append("first")
    if i == n - 1:
        f.append("last")
    if i + 1 < n and tokens[i + 1].text == "." and len(tokens[i].text) == 1:
        f.append("initial.")
    if i > 0 and tokens[i].start > tokens[i - 1].end:
        f.append("space")
    if i > 0 and tokens[i].marks != tokens[i - 1].marks:
        f.append("markchange")
    return f


@lru_cache(maxsize=1 << 16)
def _shared(own: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s for s in own if s.startswith(_SHARED))


@lru_cache(maxsize=1 << 16)
def _lent(d: int, shared: tuple[str, ...]) -> tuple[str, ...]:
    """A neighbour's features as seen from ``d`` tokens away."""
    return tuple(f"{d}:{s}" for s in shared)


def token_features(tokens: list[Token]) -> list[list[str]]:
    """One feature list per token: its own, its context, and its neighbours' (±2)."""
    own = [_word_features(t.text, t.marks) for t in tokens]
    shared = [_shared(fs) for fs in own]
    passed = _passed(tokens)
    segment = _segment_features(tokens)
    classes = [_cls(t) for t in tokens] + ["#", "#", "#"]
    n = len(tokens)
    out = []
    for i in range(n):
        f = [*own[i], *_context(tokens, classes, i), *passed[i], *segment[i]]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f += _lent(d, shared[j])
            else:
                f.append(f"{d}:edge")
        out.append(f)
    return out
