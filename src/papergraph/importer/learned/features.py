"""Features of one token in its string, for the citation tagger (:mod:`.tagger`).

Each feature is a small function of the token and its neighbours; the tagger learns how
much each one weighs. What used to be hand-ordered rules (a year in brackets, an initial,
"et al.", "In" before a venue, a quoted or linked title, a list of names between full
stops) are features here. A token's features are names (``w=deep``, ``shape=Xxxx``,
``em``), crfsuite's own form: one pass per string, no per-token dictionaries. They are
handed over as UTF-8 bytes, encoded once per distinct word (python-crfsuite would encode
each ``str`` on every call: a quarter of its time on a long page).
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


# per-word facts the string-level features read (bits of a word's flags)
_ALPHA, _UPPER, _COMMA, _YEAR_BIT, _VENUE, _STOP, _COLON = (1 << k for k in range(7))
# What one distinct (word, marks) contributes, computed once per process, as a plain tuple
# of strings and ints (which the garbage collector stops tracking): its own features,
# what it lends to the token 2 after it ("-2:…"), 1 after, 1 before and 2 before ("2:…"),
# its coarse class and its flags.
_OWN, _TO_2, _TO_1, _TO_M1, _TO_M2, _CLS, _FLAGS = range(7)
_Word = tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...],
              tuple[bytes, ...], str, int]
_EDGE: _Word = ((), (b"-2:edge",), (b"-1:edge",), (b"1:edge",), (b"2:edge",), "#", 0)
_WORDS: dict[frozenset[str], dict[str, _Word]] = {}  # marks -> word -> its facts
_WORDS_MAX = 1 << 16  # distinct (word, marks) kept (then the table starts again)
_NO_WORDS: dict[str, _Word] = {}
_words_kept = [0]


class _Lent(dict):
    """What a feature becomes in the tokens around (``-2:cap``, ``-1:cap``, ``1:cap``,
    ``2:cap``), made on first use (most features are shared by many words)."""

    def __missing__(self, name: str) -> tuple[bytes, ...]:
        if len(self) >= _WORDS_MAX:
            self.clear()
        lent = self[name] = tuple(f"{d}:{name}".encode() for d in (-2, -1, 1, 2))
        return lent


_LENT = _Lent()
_LENT_NONE: tuple[tuple[bytes, ...], ...] = ((), (), (), ())


def _new_word(w: str, marks: frozenset[str]) -> _Word:
    if _words_kept[0] >= _WORDS_MAX:
        _WORDS.clear()
        _words_kept[0] = 0
    own = _word_features(w, marks)
    lent = tuple(zip(*(_LENT[s] for s in own if s.startswith(_SHARED)), strict=True)) or _LENT_NONE
    low = w.lower()
    alpha = w[:1].isalpha()
    flags = (alpha * _ALPHA | (alpha and w[0].isupper()) * _UPPER
             | (w in (",", "&") or low == "and") * _COMMA
             | bool(_YEAR.match(w)) * _YEAR_BIT | (low in _VENUE_WORDS) * _VENUE
             | (w in ".?!") * _STOP | (w == ":") * _COLON)
    x: _Word = (tuple(s.encode() for s in own), *lent, _cls(w), flags)
    _WORDS.setdefault(marks, {})[w] = x
    _words_kept[0] += 1
    return x


_SEG_I = [f"seg_i={k}".encode() for k in range(5)]
_SEG_LEN = [f"seg_len={k}".encode() for k in range(6)]


@lru_cache(maxsize=1 << 14)
def _describe_segment(g: int, last: bool, flags: tuple[int, ...]) -> tuple[bytes, ...]:
    """A segment (``g``: its place, at most 4; ``last``: the string's last) from its
    words' flags: its length, capitals, a list of names, a year or a venue word in it."""
    words = sum(1 for x in flags if x & _ALPHA)
    caps = sum(1 for x in flags if x & _UPPER)
    commas = sum(1 for x in flags if x & _COMMA)
    every = bool(words) and caps == words
    f = [_SEG_I[g], b"seg_last=1" if last else b"seg_last=0",
         _SEG_LEN[words // 3 if words < 15 else 5],
         b"seg_caps=all" if every else b"seg_caps=most" if caps * 2 > words else b"seg_caps=few"]
    if every and commas and words <= 3 * (commas + 1):
        f.append(b"seg_names")
    if any(x & _YEAR_BIT for x in flags):
        f.append(b"seg_year")
    if any(x & _VENUE for x in flags):
        f.append(b"seg_venue")
    return tuple(f)


def _segment_features(tokens: list[Token], words: list[_Word]) -> list[tuple[bytes, ...]]:
    """What the segment a token sits in looks like. Segments are the runs between strong
    punctuation (a full stop not after an initial, ``;``, ``:``, brackets, quotes,
    dashes) and changes of markup."""
    starts = [0]
    for i in range(1, len(tokens)):
        prev = tokens[i - 1].text
        if tokens[i - 1].marks != tokens[i].marks or prev in _CUT or (
                prev == "." and not (i >= 2 and len(tokens[i - 2].text) == 1)):
            starts.append(i)
    starts.append(len(tokens))
    last = len(starts) - 2
    out: list[tuple[bytes, ...]] = []
    for g in range(last + 1):
        a, b = starts[g], starts[g + 1]
        desc = _describe_segment(min(g, 4), g == last, tuple(x[_FLAGS] for x in words[a:b]))
        out += [desc] * (b - a)
    return out


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


_POS = [f"pos={k}".encode() for k in range(10)]


class _Named(dict):
    """A feature name per value (``cls3=`` + ``Cl,``), encoded on first use; a table
    grown past :data:`_WORDS_MAX` starts again."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, value: str) -> bytes:
        if len(self) >= _WORDS_MAX:
            self.clear()
        name = self[value] = (self.prefix + value).encode()
        return name


_CLS3, _CLS_1 = _Named("cls3="), _Named("cls-1=")
# Where a token sits and what has been passed, in their order: first, last, an initial
# before a full stop, a space before it, a change of markup before it (bits 1-16 of
# ``k``); the full stops passed (``stops``, at most 4); a year, a colon passed (bits 1-2
# of ``j``): _PLACE[(k * 5 + stops) * 4 + j].
_PLACE = [tuple([name for bit, name in ((1, b"first"), (2, b"last"), (4, b"initial."),
                                        (8, b"space"), (16, b"markchange")) if k & bit]
                + [f"stops={stops}".encode()]
                + [name for bit, name in ((1, b"after_year"), (2, b"after_colon")) if j & bit])
          for k in range(32) for stops in range(5) for j in range(4)]


def token_features(tokens: list[Token]) -> list[list[bytes]]:
    """One feature list per token, in this order: its own (:func:`_word_features`); where
    it sits (place, classes around it, ``first``/``last``, an initial before a full stop,
    a space or a change of markup before it); what has been passed (full stops, a year, a
    colon); its segment (:func:`_segment_features`); its neighbours' (±2)."""
    if not tokens:
        return []
    get = _WORDS.get
    words = [(get(t.marks) or _NO_WORDS).get(t.text) or _new_word(t.text, t.marks)
             for t in tokens]
    segment = _segment_features(tokens, words)
    classes = "".join(x[_CLS] for x in words) + "###"
    edged = [_EDGE, _EDGE, *words, _EDGE, _EDGE]  # token i at i + 2
    n, out = len(tokens), []
    stops, passed, prev = 0, 0, tokens[0]
    for i, t in enumerate(tokens):
        k = (i == 0) | (i == n - 1) * 2 | (t.start > prev.end) * 8 | (t.marks != prev.marks) * 16
        if i + 1 < n and len(t.text) == 1 and tokens[i + 1].text == ".":
            k |= 4
        x = words[i]
        out.append([*x[_OWN], _POS[10 * i // n], b"bias", _CLS3[classes[i:i + 3]],
                    _CLS_1[classes[i - 1:i + 1] if i else "#" + classes[0]],
                    *_PLACE[(k * 5 + (stops if stops < 4 else 4)) * 4 + passed], *segment[i],
                    *edged[i][_TO_2], *edged[i + 1][_TO_1], *edged[i + 3][_TO_M1],
                    *edged[i + 4][_TO_M2]])
        flags = x[_FLAGS]
        if flags & _STOP:
            stops += 1
        if flags & _YEAR_BIT:
            passed |= 1
        if flags & _COLON:
            passed |= 2
        prev = t
    return out
