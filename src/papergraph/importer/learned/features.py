"""Features of one token in its string, for the citation tagger (:mod:`.tagger`).

Each feature is a small function of the token and its neighbours; the tagger learns how
much each one weighs. What used to be hand-ordered rules (a year in brackets, an initial,
"et al.", "In" before a venue, a quoted or linked title) are features here.
"""

from __future__ import annotations

import re

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


def shape(word: str) -> str:
    """``Xxxx``, ``XX``, ``dddd``, ``x``: the word's character classes, runs shortened."""
    out = []
    for ch in word[:12]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) < 2 or not (out[-1] == c and out[-2] == c):
            out.append(c)
    return "".join(out)


def word_features(tok: Token) -> dict[str, float | str]:
    w = tok.text
    low = w.lower()
    f: dict[str, float | str] = {"w": low if len(low) < 20 else "<long>", "shape": shape(w)}
    if w.isalpha():
        f["p3"], f["s3"] = low[:3], low[-3:]
    if _YEAR.match(w):
        f["year"] = 1.0
    elif w.isdigit():
        f["num"] = float(min(len(w), 5))
    if _MONTH.match(low):
        f["month"] = 1.0
    if len(w) == 1 and w.isupper():
        f["initial"] = 1.0
    if w[:1].isupper() and w[1:].islower() and len(w) > 1:
        f["cap"] = 1.0
    if w.isupper() and len(w) > 1:
        f["caps"] = 1.0
    if low in _CONNECTOR:
        f["conn"] = 1.0
    if low in _VENUE_WORDS:
        f["venueword"] = 1.0
    if low in _NOTE_WORDS:
        f["noteword"] = 1.0
    if w[:1].isupper():
        given, family = name_lexicon()
        if low in given:
            f["given"] = 1.0
        if low in family:
            f["family"] = 1.0
    for mark in MARKS:
        if mark in tok.marks:
            f[mark] = 1.0
    return f


def _context(tokens: list[Token], i: int) -> dict[str, float | str]:
    n = len(tokens)
    f: dict[str, float | str] = {"pos": str(min(9, 10 * i // max(n, 1))), "bias": 1.0}
    if i == 0:
        f["first"] = 1.0
    if i == n - 1:
        f["last"] = 1.0
    if i + 1 < n and tokens[i + 1].text == "." and len(tokens[i].text) == 1:
        f["initial."] = 1.0
    gap_before = i > 0 and tokens[i].start > tokens[i - 1].end
    f["space"] = 1.0 if gap_before else 0.0
    marks = tokens[i].marks
    if i > 0 and marks != tokens[i - 1].marks:
        f["markchange"] = 1.0
    return f


def _seen_before(tokens: list[Token]) -> list[dict[str, float]]:
    """What has been passed at each token: full stops, a year, a colon (where in the
    record we are), in one pass."""
    out, stops, year, colon = [], 0, False, False
    for t in tokens:
        f: dict[str, float] = {"stops": float(min(stops, 4))}
        if year:
            f["after_year"] = 1.0
        if colon:
            f["after_colon"] = 1.0
        out.append(f)
        stops += t.text in ".?!"
        year = year or bool(_YEAR.match(t.text))
        colon = colon or t.text == ":"
    return out


_CUT = {";", ":", "(", ")", "[", "]", "“", "”", "\"", "|", "—", "–"}


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


def _segment_features(tokens: list[Token]) -> list[dict[str, float | str]]:
    """What the segment a token sits in looks like: its place, its length, whether its
    words are all capitalised and comma-separated (a list of names), a year in it."""
    segs = _segments(tokens)
    groups: dict[int, list[Token]] = {}
    for t, g in zip(tokens, segs, strict=True):
        groups.setdefault(g, []).append(t)
    described: dict[int, dict[str, float | str]] = {}
    last = segs[-1] if segs else 0
    for g, toks in groups.items():
        words = [t.text for t in toks if t.text[:1].isalpha()]
        caps = sum(1 for w in words if w[0].isupper())
        commas = sum(1 for t in toks if t.text in (",", "&") or t.text.lower() == "and")
        f: dict[str, float | str] = {
            "seg_i": str(min(g, 4)), "seg_last": "1" if g == last else "0",
            "seg_len": str(sum(1 for _ in words) // 3 if len(words) < 15 else 5),
            "seg_caps": "all" if words and caps == len(words) else
                        "most" if words and caps * 2 > len(words) else "few",
        }
        if words and caps == len(words) and commas and len(words) <= 3 * (commas + 1):
            f["seg_names"] = 1.0
        if any(_YEAR.match(t.text) for t in toks):
            f["seg_year"] = 1.0
        if any(t.text.lower() in _VENUE_WORDS for t in toks):
            f["seg_venue"] = 1.0
        described[g] = f
    return [described[g] for g in segs]


def _cls(tok: Token | None) -> str:
    """A coarse class: ``C`` capitalised, ``i`` initial, ``l`` lower, ``d`` digits, or the
    punctuation itself."""
    if tok is None:
        return "#"
    w = tok.text
    if w[:1].isupper():
        return "i" if len(w) == 1 else "C"
    if w[:1].isalpha():
        return "l"
    if w[:1].isdigit():
        return "d"
    return w[:1]


def token_features(tokens: list[Token]) -> list[dict[str, float | str]]:
    """One feature dict per token: its own, its context, and its neighbours' (±2)."""
    own = [word_features(t) for t in tokens]
    passed = _seen_before(tokens)
    segment = _segment_features(tokens)
    classes = [_cls(t) for t in tokens] + ["#", "#", "#"]
    out = []
    for i in range(len(tokens)):
        f = dict(own[i])
        f["cls3"] = "".join(classes[i:i + 3])
        f["cls-1"] = (classes[i - 1] if i else "#") + classes[i]
        f.update(_context(tokens, i))
        f.update(passed[i])
        f.update(segment[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(tokens):
                for key in ("w", "shape", "year", "initial", "cap", "em", "link", "quote",
                            "conn", "venueword", "given", "family"):
                    if key in own[j]:
                        f[f"{d}:{key}"] = own[j][key]
            else:
                f[f"{d}:edge"] = 1.0
        out.append(f)
    return out
