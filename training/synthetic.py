"""Synthetic labelled citation strings, rendered from real BibTeX records the way seminar
pages write them.

Each record (authors, title, venue, year, volume, pages, url) is rendered in one of many
shapes that real pages use: author-date, numeric/IEEE, APA, title first, a linked or
emphasised or quoted title, ``Surname, Surname: Title``, ``Title [Rossi et al., 2023](url)``,
``[Title](url) (Rossi et al., 05-2023)``; with the noise pages add (``[pdf]``, a
presenter, ``(Host: …)``, ``et al.``). The segments carry their labels and marks, so the
tagger learns from strings whose every token's role is known.
"""

from __future__ import annotations

import codecs
import contextlib
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex import errors as pybtex_errors
from pybtex.database.input import bibtex

from .labelled import Segment


@dataclass(frozen=True)
class Record:
    authors: tuple[tuple[str, str], ...]  # (given, family)
    title: str
    venue: str
    year: str
    volume: str = ""
    pages: str = ""
    url: str = ""
    journal: bool = False  # the venue is a journal's name (not a book's or a publisher's)


def _plain(text: str) -> str:
    with contextlib.suppress(ValueError, UnicodeError):  # not LaTeX after all: kept as is
        text = codecs.decode(text, "ulatex")
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)
    return " ".join(text.replace("{", "").replace("}", "").replace("~", " ").split())


def read_records(path: Path, macros: Path | None = None) -> Iterator[Record]:
    """The records of one ``.bib`` file that have authors, a title and a year."""
    parser = bibtex.Parser(strict=False)
    with pybtex_errors.capture():  # undefined macros, repeated fields: kept out, not fatal
        if macros is not None:
            parser.parse_file(str(macros))
        data = parser.parse_file(str(path))
    for entry in data.entries.values():
        f = entry.fields
        people = entry.persons.get("author", [])
        title, year = _plain(f.get("title", "")), _plain(f.get("year", ""))
        if not people or not title or not re.fullmatch(r"\d{4}", year):
            continue
        authors = tuple((_plain(" ".join(p.first_names + p.middle_names)),
                         _plain(" ".join(p.prelast_names + p.last_names))) for p in people)
        if any(not fam for _, fam in authors):
            continue
        venue = _plain(f.get("journal", "") or f.get("booktitle", "") or f.get("publisher", "")
                       or f.get("howpublished", ""))
        yield Record(authors, title, venue, year, _plain(f.get("volume", "")),
                     _plain(f.get("pages", "")).replace("--", "–"), f.get("url", ""),
                     journal=bool(f.get("journal")))


# -- names
def _initials(given: str, dots: bool = True) -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return (" ".join(p[0] + "." for p in parts)) if dots else "".join(p[0] for p in parts)


def _name(given: str, family: str, style: str) -> str:
    if not given:
        return family
    return {"full": f"{given} {family}", "init": f"{_initials(given)} {family}",
            "inv": f"{family}, {_initials(given)}", "invfull": f"{family}, {given}",
            "vanc": f"{family} {_initials(given, dots=False)}", "sur": family}[style]


def _authors(rec: Record, rng: random.Random, style: str | None = None) -> str:
    style = style or rng.choice(["full", "full", "init", "inv", "invfull", "vanc", "sur", "sur"])
    names = [_name(g, f, style) for g, f in rec.authors]
    if len(names) > 3 and rng.random() < 0.4:
        return names[0] + rng.choice([" et al.", " et al", ", et al.", " and others"])
    sep = "; " if style in ("inv", "invfull") and rng.random() < 0.3 else ", "
    if style == "vanc":
        return ", ".join(names)
    if len(names) == 1:
        return names[0]
    last = rng.choice([" and ", ", and ", " & ", ", & ", sep])
    return sep.join(names[:-1]) + last + names[-1]


def _short(rec: Record, rng: random.Random) -> str:
    fam = rec.authors[0][1]
    if len(rec.authors) == 2:
        return f"{fam} and {rec.authors[1][1]}"
    return fam + (" et al." if len(rec.authors) > 2 else "")


# -- noise a page adds after a citation
_DESCRIBE = ("An excellent overview of {w}.", "A classic paper on {w}, still worth reading.",
             "Describes ways of applying {w} in practice.", "Required reading for week {n}.",
             "We will discuss {w} and its limitations.", "The paper that introduced {w}.",
             "Brief and entertaining, though a bit dated.", "Optional: read sections {n}-{m} only.",
             "A critical look at {w}.", "Read this before the session on {w}.")


def _description(rec: Record, rng: random.Random) -> str:
    words = [w for w in rec.title.lower().split() if len(w) > 3][:3] or ["the topic"]
    return rng.choice(_DESCRIBE).format(w=" ".join(words), n=rng.randint(1, 12),
                                        m=rng.randint(13, 20))


def _identifier(rec: Record, rng: random.Random) -> str:
    return rng.choice([f"doi:10.{rng.randint(1000, 9999)}/{rng.randint(10**5, 10**6)}",
                       f"arXiv:{rng.randint(1500, 2412)}.{rng.randint(10000, 99999)}",
                       f"https://doi.org/10.{rng.randint(1000, 9999)}/j.{rng.randint(1, 999)}",
                       f"[doi:10.{rng.randint(1000, 9999)}/x{rng.randint(100, 999)}]",
                       rec.url or "https://arxiv.org/abs/2001.00001"])


def _noise(rng: random.Random, names: list[str], rec: Record) -> list[Segment]:
    r = rng.random()
    if r < 0.12:
        return [(" " + _identifier(rec, rng), "identifier", ())]
    if r < 0.24:
        return [(" " + _description(rec, rng), "note", ())]
    if r < 0.6:
        return []
    pick = rng.choice(["[pdf]", "(pdf)", "[slides]", "[code]", "(Host: {n})",
                       "Presenter: {n}", "— {n}", "(presented by {n})", "[arXiv]",
                       "(optional)", "[paper] [video]", "({n})"])
    return [(" " + pick.format(n=rng.choice(names)), "note", ())]


Template = Callable[[Record, random.Random], list[Segment]]


_SHORT_VENUES = ("NeurIPS", "Neurips", "NIPS", "ICML", "ICLR", "COLT", "AISTATS", "UAI", "AAAI",
                 "IJCAI", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL", "TACL", "SIGMOD",
                 "VLDB", "PVLDB", "OSDI", "SOSP", "NSDI", "EuroSys", "USENIX ATC", "CHI",
                 "UIST", "CSCW", "KDD", "WWW", "STOC", "FOCS", "SODA", "POPL", "PLDI", "ICSE",
                 "Nature", "Science", "Cell", "PNAS", "Nat. Commun.", "Phys. Rev. Lett.", "ApJ",
                 "MNRAS", "JMLR", "TPAMI", "AER", "Econometrica", "QJE", "Neuron", "eLife",
                 "Bioinformatics", "Genome Res.", "Nucleic Acids Res.", "Psychol. Rev.",
                 "arXiv", "arXiv preprint", "CACM", "TODS", "ACM Comput. Surv.")


def _short_venue(rec: Record, rng: random.Random) -> str:
    caps = "".join(w[0] for w in rec.venue.split() if w[:1].isupper() and len(w) > 3)
    if 2 <= len(caps) <= 6 and rng.random() < 0.3:
        return caps
    return rng.choice(_SHORT_VENUES)


def _venue(rec: Record, rng: random.Random, mark: tuple[str, ...] = ()) -> list[Segment]:
    if not rec.venue:
        return []
    if rng.random() < 0.35:
        return [(_short_venue(rec, rng), "container", mark)]
    out: list[Segment] = [(rec.venue, "container", mark)]
    if rec.volume and rng.random() < 0.5:
        out.append((f", {rec.volume}", "volume", ()))
    if rec.pages and rng.random() < 0.5:
        out.append((f", {rng.choice(['', 'pp. '])}{rec.pages}", "pages", ()))
    return out


def t_author_title_venue(rec: Record, rng: random.Random) -> list[Segment]:
    seg: list[Segment] = [(_authors(rec, rng) + ". ", "author", ())]
    seg.append((rec.title + ". ", "title", rng.choice([(), ("em",), ("link",)])))
    seg += _venue(rec, rng, rng.choice([(), ("em",)]))
    seg.append((rng.choice([", ", " ", ". "]) + rec.year + rng.choice([".", ""]), "date", ()))
    return seg


def t_apa(rec: Record, rng: random.Random) -> list[Segment]:
    seg: list[Segment] = [(_authors(rec, rng, "inv") + " ", "author", ()),
                          (f"({rec.year}). ", "date", ()),
                          (rec.title + ". ", "title", rng.choice([(), ("link",)]))]
    seg += _venue(rec, rng, ("em",))
    return seg + [(".", "other", ())]


def t_ieee(rec: Record, rng: random.Random) -> list[Segment]:
    seg: list[Segment] = [(_authors(rec, rng, "init") + ", ", "author", ()),
                          (f"“{rec.title},” ", "title", ())]
    seg += _venue(rec, rng, rng.choice([(), ("em",)]))
    return seg + [(f", {rec.year}.", "date", ())]


def t_title_first(rec: Record, rng: random.Random) -> list[Segment]:
    mark = rng.choice([(), ("em",), ("link",), ("link",)])
    seg: list[Segment] = [(rec.title + rng.choice([". ", ", ", " - ", " — ", ": "]), "title", mark)]
    seg.append((_authors(rec, rng) + rng.choice([". ", ", ", " "]), "author", ()))
    seg += _venue(rec, rng, rng.choice([(), ("em",)]))
    opening = rng.choice([" ", ", ", " (", ". "])
    seg.append((opening + rec.year + (")" if "(" in opening else rng.choice(["", "."])),
                "date", ()))
    return seg


def t_title_paren(rec: Record, rng: random.Random) -> list[Segment]:
    mark = rng.choice([(), ("link",), ("em",)])
    return [(rec.title + " ", "title", mark), ("(", "other", ()),
            (_short(rec, rng) + ", ", "author", ()),
            (rng.choice([rec.year, f"0{rng.randint(1, 9)}-{rec.year}"]) + ")", "date", ())]


def t_title_cite_link(rec: Record, rng: random.Random) -> list[Segment]:
    """``Title [Rossi et al., 2023](url)`` (a link: its brackets are markup, gone) or
    ``Title [Rossi et al., 2023]`` (plain brackets)."""
    if rng.random() < 0.6:
        return [(rec.title + " ", "title", ()),
                (_short(rec, rng) + rng.choice([", ", " "]), "author", ("link",)),
                (rng.choice([rec.year, f"{rng.randint(1, 12):02d}-{rec.year}"]), "date",
                 ("link",))]
    return [(rec.title + " ", "title", ()), ("[", "other", ()),
            (_short(rec, rng) + ", ", "author", ()), (rec.year, "date", ()),
            ("]", "other", ())]


def t_surnames_colon(rec: Record, rng: random.Random) -> list[Segment]:
    names = ", ".join(f for _, f in rec.authors[:4])
    return [(names + ": ", "author", ()),
            (rec.title, "title", rng.choice([(), ("em",), ("link",)]))]


def t_bold_title_authors(rec: Record, rng: random.Random) -> list[Segment]:
    seg: list[Segment] = [(rec.title, "title", ("em",)),
                          (rng.choice([" — ", ", ", " by ", ". "]), "other", ()),
                          (_authors(rec, rng, "full"), "author", ())]
    if rec.venue:
        seg += [(" (", "other", ()), (rec.venue + " ", "container", ()),
                (rec.year + ")", "date", ())]
    return seg


def t_authors_year_title(rec: Record, rng: random.Random) -> list[Segment]:
    seg: list[Segment] = [(_authors(rec, rng) + " ", "author", ()),
                          (f"({rec.year}) ", "date", ()),
                          (rec.title + rng.choice([". ", ", "]), "title",
                           rng.choice([(), ("em",)]))]
    return seg + _venue(rec, rng, ())


def t_cite_link_quoted(rec: Record, rng: random.Random) -> list[Segment]:
    venue = (rec.venue.split()[0] + " ") if rec.venue and rng.random() < 0.5 else ""
    return [(_short(rec, rng) + ", ", "author", ("link",)),
            (venue, "container", ("link",)), (rec.year, "date", ("link",)),
            (rng.choice([": ", " - ", ", "]), "other", ()),
            (f"\"{rec.title}\"" + rng.choice([".", ""]), "title", ())]


def t_surname_year_title(rec: Record, rng: random.Random) -> list[Segment]:
    return [(_short(rec, rng) + " ", "author", ()), (f"({rec.year}) ", "date", ()),
            (rec.title, "title", rng.choice([(), ("em",), ("link",)]))]


_AFFILIATIONS = ("University of Chicago", "Stanford University", "MIT", "ETH Zurich",
                 "Google Research", "UT Austin", "Tsinghua University", "Max Planck Institute",
                 "University of Toronto", "Inria", "Microsoft Research", "KAIST")


def t_title_authors_short_venue(rec: Record, rng: random.Random) -> list[Segment]:
    """``Title. A. Name, B. Name. Venue 2019`` (and its comma and dash variants; sometimes
    an affiliation after the names, and no venue)."""
    sep = rng.choice([". ", ", ", ". ", " - "])
    seg: list[Segment] = [(rec.title + sep, "title", rng.choice([(), (), ("em",), ("link",)])),
                          (_authors(rec, rng, rng.choice(["full", "full", "init"])), "author",
                           ())]
    if rng.random() < 0.2:
        seg.append((", " + rng.choice(_AFFILIATIONS), "note", ()))
        if rng.random() < 0.5:
            return seg
    seg[-1] = (seg[-1][0] + sep, *seg[-1][1:])
    seg.append((_short_venue(rec, rng) + rng.choice([" ", " ", ", ", " '"]), "container", ()))
    return seg + [(rec.year + rng.choice(["", ".", ""]), "date", ())]


def t_author_link_title(rec: Record, rng: random.Random) -> list[Segment]:
    """``[Van Deynze et al.](url) Title``: the link names the authors, the title follows."""
    return [(_short(rec, rng) + rng.choice(["", "."]), "author", ("link",)),
            (rng.choice([" ", "  ", ": ", " - "]), "other", ()),
            (rec.title, "title", rng.choice([(), (), ("em",)]))]


def t_link_title_paren_venue(rec: Record, rng: random.Random) -> list[Segment]:
    """``[Title](url) (Venue, 2011)``, ``[Title](url) (2012)``."""
    seg: list[Segment] = [(rec.title, "title", ("link",)), (" (", "other", ())]
    if rng.random() < 0.6:
        seg.append((_short_venue(rec, rng) + rng.choice([", ", " "]), "container", ()))
    return seg + [(rec.year + ")", "date", ())]


def t_names_colon_title(rec: Record, rng: random.Random) -> list[Segment]:
    """``Chiyuan Zhang, Samy Bengio, Oriol Vinyals: Title. ICLR 2017.``"""
    style = rng.choice(["full", "full", "init"])
    names = ", ".join(_name(g, f, style) for g, f in rec.authors[:6])
    if len(rec.authors) > 6 or rng.random() < 0.15:
        names = _name(*rec.authors[0], style) + " et al."
    seg: list[Segment] = [(names + ": ", "author", ()),
                          (rec.title + rng.choice([". ", ". ", " "]), "title",
                           rng.choice([(), (), ("em",), ("link",)]))]
    if rng.random() < 0.7:
        seg += [(_short_venue(rec, rng) + " ", "container", ()),
                (rec.year + rng.choice([".", ""]), "date", ())]
    return seg


def t_bold_authors_title(rec: Record, rng: random.Random) -> list[Segment]:
    """``**Zhan Qin**, Ting Yu, Yin Yang: **Title.**`` (names emphasised, a colon)."""
    names = [_name(g, f, "full") for g, f in rec.authors[:6]]
    seg: list[Segment] = [(names[0], "author", ("em",))]
    if len(names) > 1:
        seg.append((", " + ", ".join(names[1:]), "author", ()))
    return seg + [(": ", "other", ()), (rec.title + rng.choice([".", ""]), "title", ("em",))]


def t_title_inverted_caps_venue(rec: Record, rng: random.Random) -> list[Segment]:
    """``Title. Surname, First, Surname, First. VENUE 2019.``"""
    names = ", ".join(f"{f}, {g}" if g else f for g, f in rec.authors[:4])
    return [(rec.title + ". ", "title", ()), (names + ". ", "author", ()),
            (_short_venue(rec, rng).upper() + " ", "container", ()), (rec.year + ".", "date", ())]


def t_title_venue(rec: Record, rng: random.Random) -> list[Segment]:
    seg: list[Segment] = [(rec.title + rng.choice([", ", ". ", " - "]), "title",
                           rng.choice([(), ("link",), ("em",)]))]
    if rec.venue:
        seg.append((rec.venue + " ", "container", rng.choice([(), ("em",)])))
    return seg + [(rec.year, "date", ())]


def t_link_names_quoted(rec: Record, rng: random.Random) -> list[Segment]:
    names = ", ".join(f for _, f in rec.authors[:3])
    return [(names + " ", "author", ("link",)), (f"\"{rec.title}\" ", "title", ("link",)),
            (f"({rec.year})", "date", ("link",))]


_MONTHS = ("January", "February", "March", "May", "June", "July", "September", "October",
           "November", "December")


def _sentence_case(title: str, rng: random.Random) -> str:
    """Half of the titles as APA writes them (``Study design in fMRI: basic principles``):
    the .bib files hold mostly Title Case."""
    if rng.random() < 0.5:
        return title
    words = title.split(" ")
    return " ".join([words[0], *(w.lower() if w[1:].islower() else w for w in words[1:])])


def t_apa_plain(rec: Record, rng: random.Random) -> list[Segment]:
    """APA as pages paste it: no emphasis, a month in the date, sometimes a quoted title,
    a preprint server or a short journal, a DOI address."""
    date = rec.year + (f", {rng.choice(_MONTHS)}" if rng.random() < 0.2 else "")
    title = _sentence_case(rec.title, rng)
    if rng.random() < 0.15:
        title = f"“{title}”"
    seg: list[Segment] = [(_authors(rec, rng, "inv") + " ", "author", ()),
                          (f"({date}). ", "date", ()), (title + ". ", "title", ())]
    if rng.random() < 0.25:
        seg.append((rng.choice(["PsyArXiv", "arXiv", "bioRxiv", "SocArXiv", "OSF Preprints"])
                    + ".", "container", ()))
    else:
        seg += _venue(rec, rng, rng.choice([(), (), ("em",)]))
        if seg[-1][0][-1:] != ".":
            seg.append((".", "other", ()))
    if rng.random() < 0.3:
        seg.append((" " + _identifier(rec, rng), "identifier", ()))
    return seg


def t_initials_et_al(rec: Record, rng: random.Random) -> list[Segment]:
    """``J. Levandoski, et al., High Performance Transactions in Deuteronomy, in CIDR, 2015``."""
    given, family = rec.authors[0]
    names = _name(given, family, "init") + (", et al." if len(rec.authors) > 1 else "")
    return [(names + ", ", "author", ()), (rec.title + ", ", "title", ()),
            ("in ", "other", ()), (_short_venue(rec, rng) + ", ", "container", ()),
            (rec.year, "date", ())]


def t_title_by_plain(rec: Record, rng: random.Random) -> list[Segment]:
    """``Causation, Prediction and Search (chapter 1) by Spirtes, Glymour and Scheines``."""
    seg: list[Segment] = [(rec.title + " ", "title", rng.choice([(), (), ("link",)]))]
    if rng.random() < 0.2:
        seg.append((f"(chapter {rng.randint(1, 9)}) ", "note", ()))
    names = _authors(rec, rng, rng.choice(["full", "sur", "init"]))
    if rng.random() < 0.3:
        names = names.replace(",", "")
    return seg + [("by ", "other", ()), (names, "author", ())]


def t_vancouver_title_first(rec: Record, rng: random.Random) -> list[Segment]:
    """``Ethnography and health care. Savage J, Lore C. BMJ 2000: 321(7273); 1400-2.``"""
    seg: list[Segment] = [(rec.title + ". ", "title", ()),
                          (_authors(rec, rng, "vanc") + ". ", "author", ()),
                          (_short_venue(rec, rng) + " ", "container", ()),
                          (rec.year + rng.choice([": ", ";", ". "]), "date", ())]
    if rec.volume:
        seg.append((rec.volume + rng.choice(["; ", ":"]), "volume", ()))
    if rec.pages:
        seg.append((rec.pages + ".", "pages", ()))
    return seg


def t_title_names_paren(rec: Record, rng: random.Random) -> list[Segment]:
    """``Title (Xi and Pfenning 1999)``, ``Title (Nelson Elhage et al, Anthropic)``,
    ``Title Chakrabarti 2024``."""
    r = rng.random()
    if r < 0.4:
        return [(rec.title + " (", "title", ()), (_short(rec, rng) + " ", "author", ()),
                (rec.year + ")", "date", ())]
    if r < 0.7:
        given, family = rec.authors[0]
        return [(rec.title + " ", "title", rng.choice([(), ("em",)])), ("(", "other", ()),
                (f"{given} {family} et al".strip(), "author", ()),
                (", " + rng.choice(_AFFILIATIONS) + ")", "note", ())]
    return [(rec.title + " ", "title", ()), (rec.authors[0][1] + " ", "author", ()),
            (rec.year, "date", ())]


def t_names_title_venue_commas(rec: Record, rng: random.Random) -> list[Segment]:
    """``Jiaxuan You, Bowen Liu, Rex Ying, GCPN: Graph Convolutional Policy Network, NeurIPS
    2018``: every part separated by commas."""
    names = ", ".join(_name(g, f, "full") for g, f in rec.authors[:5])
    return [(names + ", ", "author", ()), (rec.title + ", ", "title", ()),
            (_short_venue(rec, rng) + " ", "container", ()), (rec.year, "date", ())]


TEMPLATES: tuple[Template, ...] = (
    t_cite_link_quoted, t_surname_year_title, t_title_venue, t_link_names_quoted,
    t_title_authors_short_venue, t_title_authors_short_venue, t_title_authors_short_venue,
    t_author_link_title, t_link_title_paren_venue, t_bold_authors_title,
    t_title_inverted_caps_venue, t_names_colon_title, t_names_colon_title,
    t_author_title_venue, t_apa, t_ieee, t_title_first, t_title_paren, t_title_cite_link,
    t_surnames_colon, t_bold_title_authors, t_authors_year_title, t_title_first,
    t_author_title_venue, t_apa_plain, t_apa_plain, t_initials_et_al, t_title_by_plain,
    t_vancouver_title_first, t_title_names_paren, t_names_title_venue_commas)

_PRESENTERS = ["Anna Schmidt", "Wei Zhang", "J. Doe", "Priya", "Marco Rossi", "Lee"]


# Given names from many languages, swapped into some records so that the tagger learns
# name shapes, not one corpus's names (training data only).
_GIVEN = ("Zeyuan", "Tengyu", "Yuanzhi", "Chulhee", "Ruiqi", "Siyuan", "Hongyang", "Xiaoyu",
          "Jiawei", "Minjoon", "Seungwoo", "Haruki", "Takeshi", "Priyanka", "Arjun", "Ananya",
          "Rohit", "Oluwaseun", "Chiamaka", "Kwame", "Amina", "Fatemeh", "Reza", "Yusuf",
          "Elif", "Mehmet", "Dmitri", "Svetlana", "Agnieszka", "Łukasz", "Zoltán", "Björn",
          "Søren", "Ingrid", "Joaquín", "Inés", "Thiago", "Mariana", "Nguyen", "Thanh", "Wei",
          "Jing", "Hao", "Yifan", "Zhiyuan", "Ruosong", "Simon", "Nadav", "Ohad", "Gilad")


_ACRONYMS = ("DADI", "SIMON", "CORE", "Carver", "antiSMASH", "MicrobeJ", "F1", "Spanner",
             "BERT", "ResNet", "MapReduce", "Bigtable", "Chord", "Raft", "TicToc", "Mash")


def _varied(rec: Record, rng: random.Random) -> Record:
    """Some records with given names from other languages, and some titles with a system's
    name before a colon (``DADI: Block-Level …``): shapes the .bib files hold too few of."""
    authors, title = rec.authors, rec.title
    if rng.random() < 0.3:
        authors = tuple((rng.choice(_GIVEN) if g else g, f) for g, f in rec.authors)
    if rng.random() < 0.12 and ":" not in title:
        title = f"{rng.choice(_ACRONYMS)}{rng.choice([': ', ', ', ' – '])}{title}"
    return Record(authors, title, rec.venue, rec.year, rec.volume, rec.pages, rec.url)


def _title_marks(segments: list[Segment], rng: random.Random) -> list[Segment]:
    """A word of the title in code or emphasis (``"`MicrobeJ`, a tool …"``)."""
    out: list[Segment] = []
    for text, label, marks in segments:
        words = text.split(" ")
        if label == "title" and len(words) > 3 and rng.random() < 0.1:
            k = rng.randrange(len(words) - 1)
            mark = rng.choice(["code", "em"])
            out += [(" ".join(words[:k]) + (" " if k else ""), label, marks),
                    (words[k], label, tuple(marks) + (mark,)),
                    (" " + " ".join(words[k + 1:]), label, marks)]
        else:
            out.append((text, label, marks))
    return [seg for seg in out if seg[0]]


def render(rec: Record, rng: random.Random) -> list[Segment]:
    """One record as one labelled string in a randomly chosen shape, with page noise."""
    rec = _varied(rec, rng)
    segments = _title_marks(rng.choice(TEMPLATES)(rec, rng), rng)
    if rng.random() < 0.08:  # the whole citation is one link's text
        segments = [(t, lab, tuple(sorted({*m, "link"}))) for t, lab, m in segments]
    r = rng.random()
    if r < 0.12:
        segments = [(f"[{rng.randint(1, 40)}] ", "other", ())] + segments
    elif r < 0.3:
        name = rng.choice(_PRESENTERS)
        prefix = rng.choice(["{n} presents: ", "({i}) ", "Paper {k} ", "Title: ", "Required: ",
                             "Optional: ", "[{m}/{d}] ", "{n}: ", "Presenter: {n}. "])
        prefix = prefix.format(n=name, i="".join(w[0] for w in name.split()).upper()[:2],
                               k=rng.randint(1, 4), m=rng.randint(1, 12), d=rng.randint(1, 28))
        segments = [(prefix, "note", ())] + segments
    return segments + _noise(rng, _PRESENTERS, rec)


def generate(records: list[Record], n: int, seed: int = 0) -> list[list[Segment]]:
    """``n`` labelled strings from ``records`` (fixed seed: the same strings every time)."""
    rng = random.Random(seed)
    return [render(rng.choice(records), rng) for _ in range(n)]
