"""Proceedings volumes with verified metadata, to complete and even out entries.

A record from Semantic Scholar, from the proceedings page or from an older dblp export
may name a volume with a short booktitle and no editors or series (the NeurIPS 2019
entries of the default seminar, say), while another paper of the same kind carries the
full dblp record: in any bibliography style the two then look uneven.
``data/proceedings.json`` holds, per volume, values from named public sources (dblp
records, the proceedings' own pages, the verified seminar facts); :func:`volume_of`
finds a record's volume and the BibTeX stage fills in what the record lacks, saying
where each value came from (``papergraph bib --explain``). What no source gives stays
missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .models import Record, normalize_title

TABLE = "data/proceedings.json"


@dataclass(frozen=True)
class Volume:
    venue: str  # the conference's acronym, as VENUE_NAMES spells it: "NeurIPS", "ICML"
    year: int
    booktitle: str
    source: str  # where the values come from, for --explain
    volume: str = ""
    editors: tuple[str, ...] = ()
    series: str = ""
    publisher: str = ""
    also_known_as: tuple[str, ...] = ()

    def names(self) -> set[str]:
        """Every booktitle of this volume, normalised."""
        return {normalize_title(t) for t in (self.booktitle, *self.also_known_as)}


@cache
def volumes() -> tuple[Volume, ...]:
    data = json.loads(resources.files("papergraph").joinpath(TABLE).read_text("utf-8"))
    return tuple(
        Volume(venue=v["venue"], year=int(v["year"]), booktitle=v["booktitle"],
               source=v["source"], volume=str(v.get("volume", "")),
               editors=tuple(v.get("editors", ())), series=v.get("series", ""),
               publisher=v.get("publisher", ""), also_known_as=tuple(v.get("also_known_as", ())))
        for v in data["volumes"])


def volume_of(rec: Record, acronym: str | None) -> Volume | None:
    """The table's volume ``rec`` was published in, or None.

    By its booktitle (any known form), else by its venue's acronym (``acronym``, from
    :func:`papergraph.bib.conference_acronym`) and year; a record that gives a volume
    number must agree with the table's.
    """
    title = normalize_title(rec.booktitle) if rec.booktitle else ""
    for v in volumes():
        if rec.volume and v.volume and str(rec.volume) != v.volume:
            continue
        if title and title in v.names():
            return v
        if (not title and acronym and rec.year == v.year
                and acronym.upper() in (v.venue.upper(), "NIPS" if v.venue == "NeurIPS" else "")):
            return v
    return None


def is_known_name(v: Volume, booktitle: str) -> bool:
    """Whether ``booktitle`` is one of the names of ``v`` (which the table's replaces)."""
    return normalize_title(booktitle) in v.names()
