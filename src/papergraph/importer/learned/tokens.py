"""One candidate string as the tokens the learned models read, with the page's markup.

A token keeps its text, where it sits in the string and the marks the page put on it:
``em`` (italic or bold), ``link`` (inside a link's text), ``url`` (a bare address),
``quote`` (inside quotation marks) and ``code`` (set by training segments only: the
page readers hand no code spans over). The models see the markup as features,
so "the title is the link text" or "the italic part is the journal" are learned weights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"https?://\S+|www\.\S+|\w+(?:['’\-]\w+)*|[^\w\s]")
_QUOTES = {"\"": "\"", "“": "”", "«": "»", "„": "“"}
MARKS = ("em", "link", "url", "quote", "code")


@dataclass(slots=True)  # not frozen: a frozen dataclass is built 2x slower (200,000 a page)
class Token:
    text: str
    start: int
    end: int
    marks: frozenset[str] = frozenset()


def is_word(text: str) -> bool:
    """Does the token hold a letter or a digit (a word, not punctuation)?"""
    return text.isalnum() or len(text) > 1 and any(c.isalnum() for c in text)


MAX_SPANS = 48  # marked spans looked for per string: a citation has a handful


def _spans(text: str, parts: Iterable[str]) -> list[tuple[int, int]]:
    """Where each part occurs in ``text`` (its first occurrence; at most
    :data:`MAX_SPANS` distinct parts, so that the work stays linear)."""
    spans = []
    for part in list(dict.fromkeys(parts))[:MAX_SPANS]:
        part = part.strip()
        if len(part) < 2:
            continue
        at = text.find(part)
        if at >= 0:
            spans.append((at, at + len(part)))
    return spans


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted runs: an opening mark, at least three characters, its closing mark."""
    spans, i = [], 0
    while (m := _OPENING.search(text, i)) is not None:
        i = m.start()
        j = text.find(_QUOTES[text[i]], i + 1)
        if j > i + 3:
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return spans


_OPENING = re.compile("[" + "".join(_QUOTES) + "]")


MAX_CHARS = 20_000  # characters of one string tokenised (a citation is far shorter)


def tokenize(text: str, *, emphasis: Iterable[str] = (), links: Iterable[str] = ()) -> list[Token]:
    """The tokens of ``text`` (its first :data:`MAX_CHARS` characters); ``emphasis`` and
    ``links`` (link texts) are the strings the page marked up, located in ``text``."""
    text = text[:MAX_CHARS]
    marked = [(bit, spans) for bit, spans in (
        (1, _spans(text, emphasis)), (2, _spans(text, links)), (8, _quote_spans(text)))
        if spans]
    if not marked:  # most strings: only bare addresses are marked
        return [Token(w := m.group(), m.start(), m.end(),
                      _URL if w.startswith(_URL_START) else _NONE)
                for m in _TOKEN.finditer(text)]
    out = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        bits = 16 if word.startswith(_URL_START) else 0
        for bit, spans in marked:
            for a, b in spans:
                if a <= s and e <= b:
                    bits |= bit
                    break
        out.append(Token(word, s, e, _MARK_SETS[bits]))
    return out


_URL_START = ("http://", "https://", "www.")
_NONE: frozenset[str] = frozenset()
_URL = frozenset(("url",))
# the marks of a token as a bit set (em 1, link 2, code 4, quote 8, url 16) -> the names
_MARK_SETS = tuple(frozenset(name for k, name in enumerate(("em", "link", "code", "quote", "url"))
                             if bits >> k & 1) for bits in range(32))

