"""Everything the run asks OpenAlex, after Semantic Scholar has answered.

1. one OR-batch by DOI for every paper with a DOI or an arXiv id (the syllabus's, else
   Semantic Scholar's): the cross-check of every paper and the record of each paper
   Semantic Scholar could not give (rate-limited after its retries, down, the id
   unknown to it); a title search only for such a paper without any id;
2. the citations among the seminar's papers from each work's ``referenced_works``
   (no request: the seminar's works are known from step 1);
3. for each paper whose list Semantic Scholar could not give, the whole reference list
   (one cursor walk over ``cited_by:`` for all of them) and, for the papers it did not
   give at all, their citing works (one cursor walk over ``cites:`` for all of them).

Every :class:`~papergraph.models.Ref` it makes says ``openalex``. A failure costs what
OpenAlex would have given; it is never a missing part of a paper Semantic Scholar gave.
"""

from __future__ import annotations

from ..config import Settings
from ..errors import NetworkUnavailable, SourceError
from ..merge import Fetched, score_candidate
from ..models import Paper, Ref
from ..sources.http import Http
from ..sources.oashapes import Work
from ..sources.openalex import OpenAlexClient, arxiv_doi
from .messages import one_line, summary


def work_doi(paper: Paper, got: Fetched) -> str | None:
    """The DOI to ask OpenAlex for: the syllabus's DOI or arXiv id, else Semantic
    Scholar's (a published DOI before an arXiv one)."""
    if paper.doi:
        return paper.doi.strip().lower()
    if paper.arxiv:
        return arxiv_doi(paper.arxiv)
    ids = got.s2.ids if got.s2 is not None else None
    if ids is not None and ids.DOI:
        return ids.DOI.lower()
    if ids is not None and ids.ArXiv:
        return arxiv_doi(ids.ArXiv)
    return None


def ref_from_work(w: Work, seminar_key: str | None = None) -> Ref:
    return Ref(title=w.name, year=w.publication_year, authors=w.author_names,
               arxiv=w.arxiv, doi=w.published_doi or w.bare_doi, venue=w.venue,
               citation_count=w.cited_by_count, seminar_key=seminar_key,
               openalex_id=w.short_id, sources=("openalex",))


class OpenAlexLane:
    """Cross-checking every paper on OpenAlex, and filling what Semantic Scholar lacks."""

    def __init__(self, settings: Settings, http: Http, warnings: list[str]) -> None:
        self.settings = settings
        self.http = http
        self.client = OpenAlexClient(http)
        self.warnings = warnings

    def identify(self, todo: list[Paper], got: dict[str, Fetched]) -> None:
        """Each paper's work (``Fetched.oa``); a paper Semantic Scholar did not give
        becomes ``matched`` from OpenAlex."""
        dois = {p.key: d for p in todo if (d := work_doi(p, got[p.key]))}
        try:
            works = self.client.works(list(dois.values()))
        except NetworkUnavailable:
            works = {}
        except SourceError as exc:
            self.warnings.append(one_line(f"OpenAlex batch lookup failed: {exc}"))
            works = {}
        for p in todo:
            g = got[p.key]
            w = works.get(dois[p.key]) if p.key in dois else None
            if w is None and g.s2 is None and p.key not in dois and p.title:
                w = self._by_title(p, g)
            if w is None:
                continue
            g.oa = w
            if g.s2 is None:
                self._filled(p, g, by_id=p.key in dois)

    def _by_title(self, paper: Paper, got: Fetched) -> Work | None:
        try:
            hits = self.client.search_title(paper.title)
        except SourceError:
            return None
        scored = sorted(((score_candidate(paper, w.name, w.publication_year,
                                          w.author_names), w.short_id, w) for w in hits),
                        key=lambda t: (-t[0], t[1]))
        if scored and scored[0][0] >= self.settings.match_threshold:
            got.confidence = scored[0][0]
            return scored[0][2]
        return None

    def _filled(self, paper: Paper, got: Fetched, *, by_id: bool) -> None:
        was = got.status
        got.status = "matched"
        got.candidates = ()
        if by_id:
            got.confidence = 1.0
        got.problems.clear()
        got.notes.append(f"from OpenAlex ({got.oa.short_id if got.oa else ''}): Semantic "
                         f"Scholar {'gave nothing' if was == 'failed' else was}")

    # ----------------------------------------------------------------- edges
    def edges(self, todo: list[Paper], got: dict[str, Fetched]) -> None:
        """The seminar entries of every work's references; whole reference lists where
        Semantic Scholar gave none; citing works of the papers it did not give."""
        seminar = {g.oa.short_id: p.key for p in todo if (g := got[p.key]).oa is not None}
        works = {g.oa.short_id: g.oa for p in todo if (g := got[p.key]).oa is not None}
        for p in todo:
            g = got[p.key]
            if g.oa is not None:
                g.oa_refs = tuple(ref_from_work(works[w], seminar[w])
                                  for w in g.oa.reference_ids if w in seminar and
                                  seminar[w] != p.key)
        full = [p for p in todo if got[p.key].oa is not None and _lacks_references(got[p.key])]
        if full:
            self._references(full, got, seminar)
        bare = [p for p in todo if got[p.key].oa is not None and got[p.key].s2 is None]
        if bare:
            self._citations(bare, got, seminar)

    def _references(self, papers: list[Paper], got: dict[str, Fetched],
                    seminar: dict[str, str]) -> None:
        listing = self.client.referenced([got[p.key].oa.short_id  # type: ignore[union-attr]
                                          for p in papers])
        found = {w.short_id: w for w in listing.works}
        if listing.problems:
            for p in papers:
                got[p.key].problems.append(summary("OpenAlex references", listing.problems))
        for p in papers:
            g = got[p.key]
            ids = g.oa.reference_ids  # type: ignore[union-attr]
            refs = [ref_from_work(w, seminar.get(i)) for i in ids if (w := found.get(i))]
            g.oa_refs = tuple(refs)
            g.oa_refs_complete = listing.complete  # all OpenAlex has for its referenced_works
            if not g.oa_refs_complete and g.s2 is None:
                g.missing.append("references")

    def _citations(self, papers: list[Paper], got: dict[str, Fetched],
                   seminar: dict[str, str]) -> None:
        mine = {got[p.key].oa.short_id: p.key for p in papers}  # type: ignore[union-attr]
        listing = self.client.citing(list(mine))
        cits: dict[str, list[Ref]] = {key: [] for key in mine.values()}
        for w in listing.works:
            ref = ref_from_work(w, seminar.get(w.short_id))
            for cited in w.reference_ids:
                if cited in mine and not any(r.title == ref.title and r.doi == ref.doi
                                             for r in cits[mine[cited]]):
                    cits[mine[cited]].append(ref)
        for key, refs in cits.items():
            g = got[key]
            g.oa_cits = tuple(refs)
            g.oa_cits_complete = listing.complete
            if not listing.complete:
                g.missing.append("citations")
            if listing.problems:
                g.problems.append(summary("OpenAlex citations", listing.problems))


    def fill_citations(self, got: Fetched) -> None:
        """Semantic Scholar's citation pages failed for this paper: its citing works from
        OpenAlex (one cursor walk); the part is no longer missing once that is whole."""
        assert got.oa is not None
        listing = self.client.citing([got.oa.short_id])
        if listing.down or not (listing.works or listing.complete):
            return
        got.oa_cits = tuple(ref_from_work(w) for w in listing.works)
        got.oa_cits_complete = listing.complete
        if listing.complete:  # the part is whole: its failure is no longer the paper's
            got.missing.remove("citations")
            got.problems[:] = [p for p in got.problems if not p.startswith("citations:")]
            got.notes.append("citations from OpenAlex: Semantic Scholar's citation pages "
                             "failed")


def _lacks_references(got: Fetched) -> bool:
    """True when Semantic Scholar gave no reference list for this paper."""
    s2 = got.s2
    return s2 is None or s2.references is None
