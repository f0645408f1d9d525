"""One citation string -> title, authors, venue, year: the :class:`Reference`, and the
entry points that read one.

The reading itself is learned (:mod:`.learned.parser`: a CRF tagger over the string's
tokens and markup, then names and years normalised); this module keeps what the rest of
the importer shares: the reference type, finding a year, splitting one item that cites
several papers, and a bare title's reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_LABEL_WORDS = (r"pdf|link|code|paper|slides?|video|arxiv|html|url|preprint|project(?: page)?|"
                r"blog(?: post)?|notes?|website|github|bib(?:tex)?|abs(?:tract)?|doi|openreview|"
                r"talk|poster|supp(?:lementary)?|ppt|web|repo|data(?:set)?|review|summary")
LINK_LABEL = re.compile(rf"^(?:{_LABEL_WORDS})$", re.IGNORECASE)  # "[preprint](…)"
_QUOTED = re.compile(r"[\"“”]([^\"“”]{4,}?)[\"“”]|''(.{4,}?)''")
_YEAR_PAREN = re.compile(r"\((?:[^()]*?[\s,\-–])?((?:19|20)\d{2})[a-z]?\)")
_YEAR_ANY = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})[a-z]?(?![\d/])")
_YEAR_SHORT = re.compile(r"\b([A-Z][A-Za-z]{1,12})\s*['’](\d{2})\b")
_URL = re.compile(r"<?https?://\S+>?")
MAX_CITATION = 5000  # characters of one citation string read (a record is never longer)


@dataclass(frozen=True)
class Reference:
    """A paper as one string of the page cites it; ``confidence`` per field (0..1) and
    ``doubts`` the draft shows as ``# check:`` comments."""

    title: str
    authors: tuple[str, ...] = ()
    et_al: bool = False
    venue: str = ""
    year: int | None = None
    confidence: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    doubts: tuple[str, ...] = field(default=(), compare=False)


def find_year(text: str) -> int | None:
    """The publication year in ``text``: a parenthesised year first, else the last
    four-digit year, else a venue's ``'14``."""
    if m := list(_YEAR_PAREN.finditer(text)):
        return int(m[-1].group(1))
    if m := list(_YEAR_ANY.finditer(text)):
        return int(m[-1].group(1))
    if m := list(_YEAR_SHORT.finditer(text)):
        yy = int(m[-1].group(2))
        return 2000 + yy if yy <= 40 else 1900 + yy
    return None


def split_papers(text: str) -> list[str]:
    """Several papers in one item: ``A; B`` where each side is a citation, or two quoted
    titles (``"A" and "B"``)."""
    parts = [p.strip() for p in re.split(r"\s;\s|;\s+(?=[A-Z\"“])", text) if p.strip()]
    if len(parts) > 1 and all(find_year(p) or _QUOTED.search(p) or (
            len(p.split()) >= 3 and p[0].isupper() and not re.search(r"\d{4}", text))
            for p in parts) and not _names_only(parts[0]):
        return parts
    quoted = [m for m in _QUOTED.finditer(text) if len((m.group(1) or m.group(2)).split()) >= 2]
    if len(quoted) > 1 and not re.search(r"\bet\.?\s*al\b|,\s*[A-Z]\.", text):
        cuts = [0] + [m.end() for m in quoted[:-1]] + [len(text)]
        return [text[a:b].strip(" ,;") for a, b in zip(cuts, cuts[1:], strict=False)]
    return [text]


def _names_only(text: str) -> bool:
    """Does the tagger, reading ``text`` alone, call most of it names (``Ann Lee, Bo Chen``
    before ``; [Title](url)``: the authors, not a paper of their own)?"""
    from .learned.cues import title_roles

    return title_roles(text)[0] >= 0.6


def bare_title(text: str) -> Reference:
    """The whole string (without addresses) as a title: a guess the draft marks for
    checking."""
    from .learned.normalize import clean_title

    title = clean_title(_URL.sub(" ", text))
    return Reference(title, year=find_year(text), confidence={"title": 0.4})


def parse_reference(text: str, *, hints: Sequence[tuple[str, float]] = ()
                    ) -> Reference | None:
    """Read one citation with the learned tagger (None if it finds no title). ``hints``:
    spans the page's markup emphasises (their weight is the tagger's to learn)."""
    from .learned import parser

    text = " ".join(text[:MAX_CITATION].split())
    return parser.read(text, emphasis=[h for h, _ in hints]) if text else None


def parse_paper_line(text: str) -> Reference | None:
    """One reading-list line read as a citation; None if it names neither authors nor a
    year (a line of prose is no citation)."""
    ref = parse_reference(text)
    return ref if ref is not None and (ref.authors or ref.year) else None


def parse_authors(text: str) -> tuple[tuple[str, ...], bool] | None:
    """An author list as names (first name first) and whether it ends in ``et al.``."""
    from .learned.normalize import split_names

    names, et_al = split_names(text)
    return (names, et_al) if names else None
