"""Personal and corporate names as BibTeX must split them.

Records give names the way dblp and Semantic Scholar display them, ``First Last``. BibTeX
(and pybtex, biber) split such a string by case alone, which goes wrong in four shapes
real records have; :func:`name_parts` fixes each before any writer sees the name:

* **dblp homonym numbers**: ``Lei Bai 0001`` is dblp's way to tell two Lei Bais apart,
  not part of the name (:func:`clean_name` drops it);
* **suffixes after the surname**: ``Robert W. Heath Jr.`` would have the surname ``Jr.``;
  it is ``Heath, Jr., Robert W.``;
* **capitalised particles**: ``Luc Van Gool``, ``Fernando De la Torre``, ``Teven Le Scao``
  would be cited as "L. V. Gool"; their surname starts at the particle;
* **corporate authors**: ``The ATLAS Collaboration``, ``BigScience Workshop`` are one name,
  written in braces so that no style abbreviates or inverts them.

A name already in BibTeX's ``Last, First`` form is left to pybtex, except for a suffix
after the comma (``Martin Luther King, Jr.``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pybtex.database import Person

SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
# Particles that start a surname even when capitalised ("Van Gool", "De la Torre").
_PARTICLES_TEXT = (
    "Van Von Vander De Da Di Del Della Degli Dei Des Du Dos Das Le La Lo Ten Ter Zu El Al")
_PARTICLES = frozenset(_PARTICLES_TEXT.split())
# Vietnamese family names: "Tuan Van Nguyen" has the middle name Van, not a particle.
_VIETNAMESE_TEXT = (
    "Nguyen Nguyễn Tran Trần Le Lê Pham Phạm Hoang Hoàng Huynh Huỳnh Phan Vu Vũ Vo Võ Dang "
    "Đặng Bui Bùi Do Đỗ Ho Hồ Ngo Ngô Duong Dương Ly Lý Truong Trương Dinh Đinh")
_VIETNAMESE = frozenset(_VIETNAMESE_TEXT.split())
# Words that make a name an organisation's: "The ATLAS Collaboration", "Gemini Team".
_ORGANISATION_TEXT = (
    "Collaboration Consortium Team Workshop Group Project Initiative Committee Institute "
    "Laboratory Laboratories Lab Labs Foundation Inc Inc. Ltd Ltd. Corporation Corp. "
    "Council Society Association University Organization Organisation Agency Alliance "
    "Community Contributors Developers Collective Centre Center")
_ORGANISATION = frozenset(_ORGANISATION_TEXT.split())
_HOMONYM = re.compile(r"\s+\d{4}$")  # dblp: "Wei Wang 0001"
# a word pybtex can only read as a given name or the surname: a capital, then ASCII
# letters, digits and dots (no braces, accents, hyphens, apostrophes or commands)
_PLAIN_WORD = re.compile(r"[A-Z][A-Za-z0-9.]*\Z")


@dataclass(frozen=True, slots=True)
class NameParts:
    first: str = ""  # given names (with middle names and initials)
    von: str = ""  # lower-case particles ("van den")
    last: str = ""  # surname; an organisation's whole name
    jr: str = ""  # suffix ("Jr.", "III")
    organisation: bool = False


def clean_name(name: str) -> str:
    """``name`` without dblp's homonym number and with single spaces."""
    return _HOMONYM.sub("", " ".join(name.split()))


def is_organisation(name: str) -> bool:
    """Whether ``name`` names an organisation rather than a person."""
    words = name.split()
    if "," in name or len(words) < 2:
        return False
    return (words[0] == "The" or "&" in words
            or any(w.strip(".,") in _ORGANISATION or w in _ORGANISATION for w in words))


@lru_cache(maxsize=1 << 16)  # each author is split for BibTeX, RIS, CSL and keys: once
def name_parts(name: str) -> NameParts:
    """``name`` (``First Last`` or ``Last, First``) split as BibTeX must cite it."""
    name = clean_name(name)
    if is_organisation(name):
        return NameParts(last=name, organisation=True)
    jr = ""
    head, sep, tail = name.rpartition(",")
    if sep and tail.strip() in SUFFIXES and "," not in head:  # "Martin Luther King, Jr."
        name, jr = head.strip(), tail.strip()
    words = name.split()
    if "," not in name and len(words) >= 3 and words[-1] in SUFFIXES:  # "Guy L. Steele Jr."
        name, jr = " ".join(words[:-1]), words[-1]
        words = words[:-1]
    if "," not in name and (start := _particle_start(words)) is not None:
        return NameParts(first=" ".join(words[:start]), last=" ".join(words[start:]), jr=jr)
    if len(words) >= 2 and all(map(_PLAIN_WORD.match, words)):  # "Yann N. LeCun": what
        # pybtex makes of it, without its parser (a 10,000-paper list has 20,000 authors)
        return NameParts(first=" ".join(words[:-1]), last=words[-1], jr=jr)
    p = Person(name)
    return NameParts(first=" ".join(p.first_names + p.middle_names),
                     von=" ".join(p.prelast_names), last=" ".join(p.last_names),
                     jr=jr or " ".join(p.lineage_names))


def _particle_start(words: list[str]) -> int | None:
    """Where a surname that starts with a capitalised particle starts, if it does."""
    for i in range(1, len(words) - 1):
        if words[i] in _PARTICLES and words[i + 1] not in _VIETNAMESE:
            return i
    return None


def key_surname(name: str) -> str:
    """The surname a citation key starts with (an organisation's name without "The")."""
    parts = name_parts(name)
    if parts.organisation:
        return parts.last.removeprefix("The ")
    return parts.last or name


def bibtex_name(parts: NameParts, encode: Callable[[str], str]) -> str:
    """``parts`` in BibTeX's ``von Last, Jr, First`` form, each part passed through
    ``encode`` (plain text -> LaTeX); an organisation's name in one pair of braces.

    ``Van Gool, Luc`` needs no braces: before the comma BibTeX takes capitalised words
    for the surname, and ``De la Torre`` it cites whole.
    """
    if parts.organisation:
        return "{" + encode(parts.last) + "}"
    text = " ".join(encode(x) for x in (parts.von, parts.last) if x)
    if parts.jr:
        text += ", " + encode(parts.jr)
    if parts.first:
        text += ", " + encode(parts.first)
    return text
