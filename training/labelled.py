"""Hand-labelled reference strings as training segments ``(text, label, marks)``.

AnyStyle's dataset (BSD-2-Clause, ``anystyle/``): each ``<sequence>`` is one reference
string whose children, in order, are its labelled parts. Their labels are mapped onto
papergraph's coarse label set (:data:`LABELS`); punctuation stays with the part it
follows, as AnyStyle labels it. ``shapes.jsonl``: the page shapes users reported, labelled
by hand (:func:`read_shapes`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from papergraph.importer.learned.tokens import Token, tokenize

LABELS = ("author", "editor", "title", "container", "date", "volume", "pages", "publisher",
          "identifier", "note", "other")

_MAP = {
    "author": "author", "translator": "author", "director": "author", "producer": "author",
    "editor": "editor", "title": "title", "container-title": "container",
    "collection-title": "container", "journal": "container", "source": "container",
    "date": "date", "volume": "volume", "edition": "volume", "pages": "pages",
    "publisher": "publisher", "location": "publisher", "url": "identifier",
    "doi": "identifier", "isbn": "identifier", "note": "note", "genre": "note",
    "medium": "note", "citation-number": "other",
}

Segment = tuple[str, str, tuple[str, ...]]


def read_sequences(path: Path) -> Iterator[list[Segment]]:
    """The labelled sequences of one AnyStyle XML file."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    for seq in tree.getroot().iter("sequence"):
        segments: list[Segment] = []
        for child in seq:
            text = " ".join((child.text or "").split())
            label = _MAP.get(str(child.tag), "other")
            if text:
                segments.append((text + " ", label, ()))
        if segments:
            yield segments


def read_journals(path: Path) -> Iterator[str]:
    """The journal names AnyStyle's labellers marked (``<journal>``) in one XML file."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    for node in tree.getroot().iter("journal"):
        text = " ".join((node.text or "").split())
        if text:
            yield text


def read_shapes(path: Path) -> list[list[Segment]]:
    """Hand-labelled strings of the shapes users reported (``training/shapes.jsonl``: one
    JSON object per line, ``segments`` as ``[text, label, marks]``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append([(t, lab, tuple(m)) for t, lab, m in json.loads(line)["segments"]])
    return out


def segments_to_tokens(segments: Iterable[tuple[str, str, Iterable[str]]]
                       ) -> tuple[list[Token], list[str]]:
    """Labelled training segments ``(text, label, marks)`` joined into one string's tokens
    and their labels (a token takes the label and marks of the segment it starts in)."""
    tokens: list[Token] = []
    labels: list[str] = []
    offset = 0
    for text, label, marks in segments:
        for tok in tokenize(text):
            extra = set(marks) | set(tok.marks)
            tokens.append(Token(tok.text, tok.start + offset, tok.end + offset,
                                frozenset(extra)))
            labels.append(label)
        offset += len(text)
    return tokens, labels
