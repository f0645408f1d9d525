"""Fixture data for the fake Semantic Scholar + dblp server.

Generated from the shipped snapshot (titles, authors, years, reference lists) plus
made-up ids (fake S2 ids are sha1 hex of a label, fake CorpusIds and dblp keys are
invented). Nothing here is copied from the recorded responses.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from papergraph.models import normalize_title, surname
from papergraph.snapshot import snapshot_records


def fake_id(label: str) -> str:
    return hashlib.sha1(f"fake:{label}".encode()).hexdigest()


def fake_corpus(label: str) -> int:
    return int(hashlib.sha1(f"corpus:{label}".encode()).hexdigest()[:7], 16)


@dataclass
class FakePaper:
    paper_id: str
    title: str
    year: int | None
    authors: list[str]
    venue: str = ""
    arxiv: str | None = None
    doi: str | None = None
    dblp: str | None = None
    corpus: int | None = None
    citation_count: int = 0
    references: list[tuple[str, bool]] = field(default_factory=list)  # (paper_id, infl)
    citations: list[tuple[str, bool]] = field(default_factory=list)
    bibtex: str | None = None
    unresolved: bool = False  # a reference S2 could not link: its paperId is null
    abstract: str | None = None
    tldr: str | None = None
    pages: str = ""  # as a dblp search hit gives them ("1-10")

    def as_s2(self, fields: list[str]) -> dict:
        if self.unresolved:
            known = {"title": self.title, "year": self.year,
                     "authors": [{"authorId": None, "name": a} for a in self.authors]}
            return {"paperId": None, **{f: known.get(f) for f in fields if f != "paperId"}}
        ext: dict = {}
        if self.dblp:
            ext["DBLP"] = self.dblp
        if self.arxiv:
            ext["ArXiv"] = self.arxiv
        if self.doi:
            ext["DOI"] = self.doi
        ext["CorpusId"] = self.corpus
        cite = surname(self.authors[0]) if self.authors else "X"
        full = {
            "paperId": self.paper_id,
            "externalIds": ext,
            "corpusId": self.corpus,
            "url": f"https://www.semanticscholar.org/paper/{self.paper_id}",
            "title": self.title,
            "venue": self.venue,
            "publicationVenue": None,
            "year": self.year,
            "authors": [{"authorId": str(fake_corpus(a)), "name": a} for a in self.authors],
            "journal": None,
            "citationCount": self.citation_count,
            "influentialCitationCount": self.citation_count // 10,
            "openAccessPdf": None,
            "publicationTypes": ["Conference"],
            "publicationDate": f"{self.year}-06-01" if self.year else None,
            "referenceCount": len(self.references),
            "abstract": self.abstract,
            "tldr": {"model": "tldr@v2.0.0", "text": self.tldr} if self.tldr else None,
            "citationStyles": {"bibtex": f"@Inproceedings{{{cite}{self.year},\n"
                                         f" title = {{{self.title}}}\n}}\n"},
        }
        out = {"paperId": self.paper_id}
        for f in fields:
            if f in full:
                out[f] = full[f]
        return out


def _dblp_booktitle(venue: str, year: int | None) -> str:
    """The booktitle dblp gives the volume (as the proceedings table holds it), for a
    paper whose verified facts have none (ICLR 2019)."""
    from papergraph.bib.proceedings import volumes

    return next((v.booktitle for v in volumes() if v.venue == venue and v.year == year),
                f"Proceedings of {venue}")


def dblp_bib(key: str, p: FakePaper, booktitle: str, editors: list[str], pages: str) -> str:
    def field_(name: str, value: str) -> str:
        return f"  {name:<12} = {{{value}}},\n"

    out = f"@inproceedings{{DBLP:{key},\n"
    out += field_("author", " and\n                  ".join(p.authors))
    if editors:
        out += field_("editor", " and\n                  ".join(editors))
    out += field_("title", p.title)
    out += field_("booktitle", booktitle)
    if pages:
        out += field_("pages", "--".join(x for x in pages.split("-") if x))
    out += field_("year", str(p.year))
    out += field_("url", f"https://example.org/{key}")
    out += field_("timestamp", "Mon, 01 Jan 2024 00:00:00 +0100")
    out += field_("biburl", f"https://dblp.org/rec/{key}.bib")
    out += "  bibsource    = {dblp computer science bibliography, https://dblp.org}\n}\n"
    return out


@dataclass
class FakeWorld:
    papers: dict[str, FakePaper]  # by paper_id
    seminar_ids: dict[str, str]  # snapshot key -> paper_id
    dblp: dict[str, FakePaper]  # dblp key -> paper
    extra_citations: int = 0
    openalex: dict = field(default_factory=dict)  # wid -> fakeopenalex.OAWork

    def by_external(self, ident: str) -> FakePaper | None:
        kind, _, value = ident.partition(":")
        if not value:
            return self.papers.get(ident)
        for p in self.papers.values():
            if kind.upper() == "ARXIV" and p.arxiv and p.arxiv.lower() == value.lower():
                return p
            if kind.upper() == "DOI" and p.doi and p.doi.lower() == value.lower():
                return p
            if kind.lower() == "corpusid" and str(p.corpus) == value:
                return p
        return None

    def by_title(self, title: str) -> list[FakePaper]:
        want = normalize_title(title)
        return [p for p in self.papers.values() if normalize_title(p.title) == want]


def build_world(citing_per_paper: int = 7) -> FakeWorld:
    """The 15 seminar papers with references/citations, dblp records for each, and
    decoys for the title tests."""
    papers: dict[str, FakePaper] = {}
    seminar: dict[str, str] = {}
    dblp: dict[str, FakePaper] = {}
    records = snapshot_records()
    for i, rec in enumerate(records):
        pid = fake_id(rec.key)
        seminar[rec.key] = pid
        key = f"conf/fake/{rec.key.capitalize()}"
        p = FakePaper(pid, rec.title, rec.year, list(rec.authors), venue=rec.venue,
                      arxiv=rec.arxiv, corpus=fake_corpus(rec.key),
                      dblp=key if i % 2 == 0 else None, citation_count=100 + i,
                      abstract=f"What {rec.title} shows (fixture)." if i % 2 == 0 else None,
                      tldr=f"In short: {rec.title}." if i % 3 == 0 else None)
        p.bibtex = dblp_bib(key, p, rec.booktitle or _dblp_booktitle(rec.venue, rec.year),
                            list(rec.editors), rec.pages)
        p.pages = "-".join(x for x in rec.pages.split("-") if x)
        papers[pid] = p
        dblp[key] = p
        # a CoRR entry too, so dblp search has a preprint to skip
        corr = FakePaper(fake_id("corr" + rec.key), rec.title, rec.year, list(rec.authors),
                         arxiv=rec.arxiv)
        corr.bibtex = dblp_bib(f"journals/corr/abs-{(rec.arxiv or '').replace('.', '-')}",
                               corr, "CoRR", [], "")
        dblp[f"journals/corr/abs-{(rec.arxiv or '').replace('.', '-')}"] = corr
    for rec in records:
        me = papers[seminar[rec.key]]
        for j, ref in enumerate(rec.references):
            if ref.seminar_key and ref.seminar_key in seminar:
                rid = seminar[ref.seminar_key]
            else:
                rid = fake_id(f"ref:{rec.key}:{j}")
                papers.setdefault(rid, FakePaper(rid, ref.title, ref.year, list(ref.authors),
                                                 corpus=fake_corpus(rid),
                                                 unresolved=j % 7 == 6))
            me.references.append((rid, j % 3 == 0))
        for j in range(citing_per_paper + len(rec.key) % 4):
            cid = fake_id(f"cit:{rec.key}:{j}")
            papers[cid] = FakePaper(cid, f"A follow-up to {rec.title} ({j})", 2021,
                                    ["Some Author"], corpus=fake_corpus(cid))
            me.citations.append((cid, False))
    # intra-seminar citations are symmetric
    for p in list(papers.values()):
        for rid, infl in p.references:
            cited = papers[rid]
            if p.paper_id in seminar.values() and rid in seminar.values() \
                    and (p.paper_id, infl) not in cited.citations:
                cited.citations.append((p.paper_id, infl))
    # title-test papers (no arXiv): a decoy with the same title but other year/authors,
    # and the right paper whose S2 title differs from how a page cites it
    decoy = FakePaper(fake_id("decoy"), "Deep Learning Theory Review", 2011, ["Bob Jones"],
                      corpus=fake_corpus("decoy"))
    decoy2 = FakePaper(fake_id("decoy2"), "Deep Learning Theory Reviewed", 2012,
                       ["Carol King"], corpus=fake_corpus("decoy2"))
    right = FakePaper(fake_id("right"), "Theory of Deep Nets: A Survey", 2020,
                      ["Alice Smith", "Dan Brown"], corpus=fake_corpus("right"))
    titled = FakePaper(fake_id("titled"), "Gradient Flows in Wide Networks", 2020,
                       ["Erin Stone", "Frank Hill"], corpus=fake_corpus("titled"),
                       dblp="conf/fake/StoneH20", citation_count=3)
    titled.references.append((seminar[records[0].key], True))
    titled.bibtex = dblp_bib("conf/fake/StoneH20", titled, "Proceedings of FakeConf 2020",
                             ["Ed Itor"], "1-10")
    dblp["conf/fake/StoneH20"] = titled
    wrong = FakePaper(fake_id("wrong"), "Gradient Flows in Wide Networks", 2009,
                      ["Gus Wrong"], corpus=fake_corpus("wrong"))
    for p in (decoy, decoy2, right, titled, wrong):
        papers[p.paper_id] = p
    return FakeWorld(papers=papers, seminar_ids=seminar, dblp=dblp)
