"""The dblp lane: for each identified paper its dblp record, found by the key Semantic
Scholar names (or by a search when there is none, or only the CoRR one), then that
record's BibTeX.

It writes into a part of its own (a :class:`~papergraph.merge.Fetched`), joined to the
Semantic Scholar part once both lanes are done with the paper.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Settings
from ..errors import NotFound, SourceError
from ..merge import Fetched, score_candidate
from ..models import Paper
from ..sources.dblp import DblpClient, fields_from_hit
from ..sources.http import Http, ServiceDown
from ..sources.shapes import DblpHit
from .messages import one_line, summary


class DblpLane:
    """The dblp record and its BibTeX for each paper Semantic Scholar identified."""

    def __init__(self, settings: Settings, http: Http) -> None:
        self.settings = settings
        self.http = http
        self.client = DblpClient(http)

    def enrich(self, paper: Paper, got: Fetched) -> None:
        """The dblp record: the S2 key (or a search when there is none, or only the CoRR
        one), then its BibTeX."""
        s2 = got.s2
        key = paper.dblp or (s2.ids.DBLP if s2 is not None else None)
        try:
            hit = None
            if not key or key.startswith("journals/corr/"):
                hit = self._search(paper, got)
                key = hit.key if hit is not None else None
            if not key:
                got.notes.append("dblp: no matching record found")
                got.expire_by(self.http.negative_expiry())
                return
            # the search hit is the whole record when it holds every field (one request
            # less per paper: dblp asks for a second between requests); else the .bib
            from_hit = fields_from_hit(hit) if hit is not None else None
            if from_hit is not None:
                got.dblp_fields, got.dblp_detail = from_hit
            else:
                got.dblp_bib, got.dblp_fields = self.client.bibtex(key)
            got.dblp_key = key
        except ServiceDown:
            got.missing.append("dblp")
        except NotFound as exc:
            got.notes.append(f"dblp: no record {key}")
            got.problems.append(f"dblp has no record {key}")
            got.expire_by(getattr(exc, "expires", None))
        except SourceError as exc:
            got.missing.append("dblp")
            got.problems.append(one_line(f"dblp: {exc}"))

    def _search(self, paper: Paper, got: Fetched) -> DblpHit | None:
        """The dblp hit of the paper Semantic Scholar (else OpenAlex) describes."""
        s2, oa = got.s2, got.oa
        title = (s2.title if s2 else None) or (oa.name if oa else None) or paper.title
        year = (s2.year if s2 else None) or (oa.publication_year if oa else None)
        authors = (s2.author_names if s2 else ()) or (oa.author_names if oa else ())
        me = replace(paper, title=title, year=year or paper.year,
                     authors=authors or paper.authors)
        hits, problems = self.client.search(title)
        if problems:  # the right hit may be the bad one: ask again next run
            got.missing.append("dblp")
            got.problems.append(summary("dblp search", problems, "malformed hit(s) left out"))
        threshold = self.settings.match_threshold
        scored = sorted(
            ((score_candidate(me, h.title, h.year, h.authors),
              not h.key.startswith("journals/corr/"), h) for h in hits),
            key=lambda t: (-(t[0] >= threshold), not t[1], -t[0], t[2].key))
        good = [h for s, _, h in scored if s >= threshold]
        if not good:
            return None
        got.dblp_venue = good[0].venue
        return good[0]
