"""AnyStyle's hand-labelled reference strings (BSD-2-Clause) as training segments.

Each ``<sequence>`` of the dataset is one reference string whose children, in order, are
its labelled parts. Their labels are mapped onto papergraph's coarse label set
(:data:`LABELS`); punctuation stays with the part it follows, as AnyStyle labels it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

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
