"""Citation keys, stable across runs: pinned, dblp-style or Google-Scholar-like.

A pinned ``citekey`` always wins; ``key_style="dblp"`` gives ``DBLP:<key>`` where the
record has a dblp key; otherwise a Google-Scholar-like key
``<surname><year><first significant title word>`` (see :func:`scholar_key`), with
``a``, ``b``, ... appended to colliding keys in the order of their titles.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Iterator

from ..errors import InputError, PapergraphError, Problem
from ..identifiers import key_problem
from ..models import Paper, Record, Resolution, Syllabus, normalize_title
from .model import record_for
from .names import key_surname

KeyStyle = str  # "scholar" | "dblp"
KEY_STYLES = ("scholar", "dblp")

# Words skipped when picking the "first significant title word" of a key.
_STOPWORDS_TEXT = (
    "a an the on of in for to and or at by with from into onto via vs versus is are be "
    "do does can could should would will what which when why how who whose"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                       "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i"})


def ascii_fold(text: str) -> str:
    """``"Clément Łojasiewicz"`` -> ``"Clement Lojasiewicz"`` (drops what has no ASCII form)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).encode(
        "ascii", "ignore").decode("ascii")


def scholar_key(authors: tuple[str, ...], year: int | None, title: str) -> str:
    """Google-Scholar-like key: ``arora2019fine``.

    First author's surname (its first alphabetic run, ASCII, lower case: "Allen-Zhu" ->
    "allen", as Google Scholar does), the year, and the first title word not in
    :data:`STOPWORDS` (hyphenated words split: "Fine-Grained" -> "fine").
    """
    first = next((a for a in authors if a.strip().lower() != "others"), "")
    m = re.match(r"[a-z]+", ascii_fold(key_surname(first)).lower()) if first else None
    name = m.group(0) if m else "anon"
    words = [w for w in re.split(r"[^0-9a-z]+", ascii_fold(title).lower()) if w]
    word = next((w for w in words if w not in STOPWORDS), words[0] if words else "")
    return f"{name}{year or ''}{word}"


def _entry_basis(paper: Paper, rec: Record) -> tuple[tuple[str, ...], int | None, str]:
    """(authors, year, title) of the version an entry describes: what its key depends on."""
    if rec.has_data and paper.version:
        v = next((v for v in rec.other_versions if v.kind == paper.version), None)
        if v is not None:
            return (v.authors or rec.authors, v.year or rec.year, v.title or rec.title)
    if rec.has_data:
        return rec.authors, rec.year, rec.title
    return paper.authors, paper.year, paper.title


def _suffixes() -> Iterator[str]:
    """``a``, ``b``, …, ``z``, ``aa``, ``ab``, …: as many as a collision needs."""
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)


def keys_with_sources(
    syllabus: Syllabus, resolution: Resolution, style: KeyStyle
) -> dict[str, tuple[str, str]]:
    """Paper key -> (citation key, how it was chosen), for every syllabus paper (syllabus
    order). A pinned key that is not a valid key, or two pinned or dblp keys alike, is an
    :class:`~papergraph.errors.InputError`."""
    if style not in KEY_STYLES:
        raise PapergraphError(
            f"unknown key style {style!r} (choose from: {', '.join(KEY_STYLES)})")
    fixed: dict[str, tuple[str, str]] = {}
    wanted: dict[str, tuple[str, str]] = {}  # paper key -> (base key, sort title)
    for paper in syllabus.papers:
        rec = record_for(paper, resolution)
        if paper.citekey:
            if (problem := key_problem(paper.citekey, "citekey")) is not None:
                raise InputError(Problem(syllabus.source or "<syllabus>", None,
                                         f"paper {paper.key}: {problem}"))
            fixed[paper.key] = (paper.citekey, "pinned in the syllabus (citekey)")
            continue
        if style == "dblp" and rec.dblp and rec.has_data and not paper.version:
            dblp = rec.dblp if rec.dblp.startswith("DBLP:") else f"DBLP:{rec.dblp}"
            if key_problem(dblp) is None:  # else the scholar key; bib_records says why
                fixed[paper.key] = (dblp, "dblp key of the record")
                continue
        authors, year, title = _entry_basis(paper, rec)
        wanted[paper.key] = (scholar_key(authors, year, title), normalize_title(title))
    seen: dict[str, str] = {}
    for pkey, (ckey, _) in fixed.items():
        if ckey.lower() in seen:
            raise InputError(Problem(syllabus.source or "<syllabus>", None,
                                     f"{pkey}: citation key {ckey!r} is also used by "
                                     f"{seen[ckey.lower()]}"))
        seen[ckey.lower()] = pkey
    groups: dict[str, list[str]] = {}
    for pkey, (base, _) in wanted.items():
        groups.setdefault(base, []).append(pkey)
    keys = dict(fixed)
    for base in sorted(groups):
        members = sorted(groups[base], key=lambda k: (wanted[k][1], k))
        if len(members) == 1 and base.lower() not in seen:
            keys[members[0]] = (base, "scholar rule: surname + year + first title word")
            seen[base.lower()] = members[0]
            continue
        suffixes = _suffixes()
        for pkey in members:
            ckey = base + next(suffixes)
            while ckey.lower() in seen:
                ckey = base + next(suffixes)
            keys[pkey] = (ckey, "scholar rule; suffix for a collision, in title order")
            seen[ckey.lower()] = pkey
    return {p.key: keys[p.key] for p in syllabus.papers}


def citation_keys(
    syllabus: Syllabus, resolution: Resolution, *, style: KeyStyle = "scholar"
) -> dict[str, str]:
    """Paper key -> citation key, for every syllabus paper (syllabus order)."""
    return {k: v[0] for k, v in keys_with_sources(syllabus, resolution, style).items()}
