"""Proceedings volumes with verified metadata, to complete and even out entries.

A record from Semantic Scholar, from the proceedings page or from an older dblp export
may name a volume with a short booktitle and no editors or series (the NeurIPS 2019
entries of the default seminar, say), while another paper of the same kind carries the
full dblp record: in any bibliography style the two then look uneven.
``data/proceedings.json`` holds, per volume, values from named public sources (dblp
records, the proceedings' own pages, the verified seminar facts); :func:`volume_of`
finds a record's volume and the BibTeX stage fills in what the record lacks, saying
where each value came from (``papergraph bib --explain``). What no source gives stays
missing. A conference paper outside the table still gets its venue's own name as its
booktitle when its record has none (:data:`VENUE_NAMES`, :func:`conference_acronym`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..models import Record, normalize_title

TABLE = "data/proceedings.json"  # in the papergraph package

# Full names for venue acronyms, used ONLY when a conference record has no booktitle
# (e.g. the ICLR 2019 paper: the verified facts give no dblp booktitle). These are the
# venues' own names, not dblp's dated/located proceedings strings, which stay unknown.
VENUE_NAMES: dict[str, str] = {
    "AAAI": "AAAI Conference on Artificial Intelligence",
    "AISTATS": "International Conference on Artificial Intelligence and Statistics",
    "ALT": "International Conference on Algorithmic Learning Theory",
    "COLT": "Conference on Learning Theory",
    "CVPR": "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    "ICLR": "International Conference on Learning Representations",
    "ICML": "International Conference on Machine Learning",
    "IJCAI": "International Joint Conference on Artificial Intelligence",
    "NEURIPS": "Advances in Neural Information Processing Systems",
    "NIPS": "Advances in Neural Information Processing Systems",
    "UAI": "Conference on Uncertainty in Artificial Intelligence",
}


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
    :func:`conference_acronym`) and year; a record that gives a volume number must agree
    with the table's.
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


def conference_acronym(venue: str) -> str | None:
    """``"NeurIPS"``, ``"Neurips"`` or ``"Neural Information Processing Systems"`` -> the
    :data:`VENUE_NAMES` key, for the conferences that table knows; else None."""
    if venue.upper() in VENUE_NAMES:
        return venue.upper()
    wanted = normalize_title(venue)
    for acronym, name in VENUE_NAMES.items():
        full = normalize_title(name)
        if len(wanted.split()) >= 3 and (wanted == full or full.endswith(wanted)
                                         or wanted.endswith(full)):
            return acronym
    return None


def from_volume(volume: Volume, name: str) -> str:
    """The table's editors, series or volume number of ``volume`` (``name``: a BibTeX field)."""
    return {"editor": " and ".join(volume.editors), "series": volume.series,
            "volume": volume.volume}.get(name, "")


def volume_source(volume: Volume) -> str:
    """What ``--explain`` says of a value taken from the table for ``volume``."""
    return (f"papergraph proceedings table ({volume.venue} {volume.year}: {volume.source}); "
            "the record has none")
