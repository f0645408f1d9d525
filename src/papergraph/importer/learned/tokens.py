"""One candidate string as the tokens the learned models read, with the page's markup.

A token keeps its text, where it sits in the string and the marks the page put on it:
``em`` (italic or bold), ``link`` (inside a link's text), ``url`` (a bare address),
``quote`` (inside quotation marks) and ``code``. The models see the markup as features,
so "the title is the link text" or "the italic part is the journal" are learned weights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"https?://\S+|www\.\S+|\w+(?:['’\-]\w+)*|[^\w\s]")
_QUOTES = {"\"": "\"", "“": "”", "«": "»", "„": "“"}
MARKS = ("em", "link", "url", "quote", "code")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    marks: frozenset[str] = frozenset()


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
    spans, i, n = [], 0, len(text)
    while i < n:
        close = _QUOTES.get(text[i])
        if close is not None:
            j = text.find(close, i + 1)
            if j > i + 3:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


MAX_CHARS = 20_000  # characters of one string tokenised (a citation is far shorter)


def tokenize(text: str, *, emphasis: Iterable[str] = (), links: Iterable[str] = (),
             code: Iterable[str] = ()) -> list[Token]:
    """The tokens of ``text`` (its first :data:`MAX_CHARS` characters); ``emphasis``,
    ``links`` (link texts) and ``code`` are the strings the page marked up, located in
    ``text``."""
    text = text[:MAX_CHARS]
    marked = [(name, spans) for name, spans in (
        ("em", _spans(text, emphasis)), ("link", _spans(text, links)),
        ("code", _spans(text, code)), ("quote", _quote_spans(text))) if spans]
    out = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        marks = [name for name, spans in marked if any(a <= s and e <= b for a, b in spans)]
        if word.startswith(("http://", "https://", "www.")):
            marks.append("url")
        out.append(Token(word, s, e, _marks(tuple(marks))))
    return out


@lru_cache(maxsize=64)
def _marks(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)

