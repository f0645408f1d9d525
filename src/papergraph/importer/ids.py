"""Identifiers that pin a paper, read from its links and text.

arXiv (``arxiv.org/abs|pdf/…``, ``arXiv:NNNN.NNNNN``), DOIs (``doi.org/…``, ``dl.acm.org/doi/…``,
a bare ``10.NNNN/…``), dblp (``dblp.org/rec/…``), Semantic Scholar (``/paper/…/<40 hex>``)
and ACL Anthology ids become the syllabus's ``arxiv``/``doi``/``dblp``/``s2_id`` fields
(an ACL id as ``s2_id = "ACL:P18-1224"``, which Semantic Scholar's batch call accepts).
OpenReview, PMLR and NeurIPS/ICML proceedings links have no id that Semantic Scholar can
look up: their address is kept (``url``) so that the draft shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlparse

_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
ARXIV_TEXT = re.compile(rf"\barXiv\s*:\s*({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?", re.IGNORECASE)
_ARXIV_PATH = re.compile(rf"^/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?:\.pdf)?/?$")
DOI_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_DBLP_REC = re.compile(r"/rec/(?:(?:bibtex|html|xml|bib)/)?(.+?)(?:\.html|\.bib|\.xml)?$")
_S2_PAPER = re.compile(r"/paper/(?:[^/]+/)?([0-9a-f]{40})\b")
_ACL_ID = re.compile(r"\b([A-Z]\d{2}-\d{4}|\d{4}\.[a-z\-]+\.\d+)\b", re.IGNORECASE)
_PROCEEDINGS = ("openreview.net", "proceedings.mlr.press", "papers.nips.cc",
                "proceedings.neurips.cc", "papers.neurips.cc", "jmlr.org", "icml.cc",
                "ojs.aaai.org", "ijcai.org", "usenix.org", "ieeexplore.ieee.org",
                "link.springer.com", "sciencedirect.com", "nature.com", "science.org",
                "biorxiv.org", "medrxiv.org", "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov",
                "cv-foundation.org", "openaccess.thecvf.com", "aaai.org", "acm.org",
                "semanticscholar.org", "dblp.org", "aclweb.org", "aclanthology.org",
                "arxiv.org", "doi.org", "researchgate.net", "ssrn.com", "plos.org",
                "frontiersin.org", "wiley.com", "cell.com", "pnas.org", "mdpi.com",
                "biomedcentral.com", "aacrjournals.org", "oup.com", "sagepub.com",
                "tandfonline.com", "mit.edu", "jstor.org", "transformer-circuits.pub")
_NOT_PAPERS = ("docs.google.com", "drive.google.com", "youtube.com", "youtu.be",
               "twitter.com", "x.com", "zoom.us", "forms.gle", "colab.research.google.com",
               "meet.google.com", "calendar.google.com", "slack.com", "discord",
               "facebook.com", "linkedin.com", "mailto:", "amazon.com", "wikipedia.org",
               "github.com", "github.io/blog", "medium.com", "notion.site", "sites.google.com")


# a publisher's page for a whole journal, not one paper: "/journal/…", "/toc/…/current",
# "…/neuron/home", "/nature/index.html"
_JOURNAL_HOME = re.compile(r"^/(?:journal|toc|loi|home)/|/home/?$|/index\.html?$")


@dataclass(frozen=True)
class Ids:
    arxiv: str | None = None
    doi: str | None = None
    dblp: str | None = None
    s2_id: str | None = None
    url: str | None = None  # a proceedings / OpenReview address with no look-up id

    def __bool__(self) -> bool:
        return any((self.arxiv, self.doi, self.dblp, self.s2_id, self.url))

    def merged(self, other: Ids) -> Ids:
        """Each id of this one, else the other's."""
        # (not dataclasses.astuple, which deep-copies each field: called per candidate)
        return Ids(*(getattr(self, f.name) or getattr(other, f.name) for f in fields(self)))


def _host(url: str) -> str:
    try:
        return (urlparse(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


@lru_cache(maxsize=1 << 16)  # the links of a long page, each asked about several times
def is_paper_url(url: str) -> bool:
    """Does ``url`` look like it points at a paper (a PDF, a publisher, a repository)?"""
    low = url.lower()
    host = _host(url)
    if host in ("github.com", "www.github.com") or any(
            bad in low for bad in _NOT_PAPERS if bad != "github.com"):
        return False  # a repository; ``name.github.com`` is a (legacy) GitHub Pages site
    path = urlparse(url).path.lower() if host else ""
    if _JOURNAL_HOME.search(path):
        return False
    return (path.endswith((".pdf", ".ps", ".ps.gz")) or "/pdf" in path
            or any(host == h or host.endswith("." + h) for h in _PROCEEDINGS)
            or "/paper" in path or "/publications" in path)


def _clean_doi(doi: str) -> str:
    doi = unquote(doi).rstrip(".,;)]>")
    return re.sub(r"(\.pdf|/full|/abstract|/epdf|/pdf)$", "", doi)


def ids_from_url(url: str) -> Ids:
    """The identifiers one link carries."""
    host = _host(url)
    try:
        parsed = urlparse(url)
    except ValueError:  # "https://arxiv.or[g/…": an invalid IPv6 host, no id
        return Ids()
    path = unquote(parsed.path)
    if host.endswith("arxiv.org") and (m := _ARXIV_PATH.match(path)):
        return Ids(arxiv=m.group(1))
    # doi.org/10.…, dl.acm.org/doi/abs/10.1145/…
    if (host.endswith("doi.org") or "/doi/" in path) and (m := DOI_TEXT.search(path)):
        return Ids(doi=_clean_doi(m.group(1)))
    if m := DOI_TEXT.search(unquote(parsed.query)):  # "plos.org/…/article?id=10.1371/…"
        return Ids(doi=_clean_doi(m.group(1)))
    if host.endswith("dblp.org") and (m := _DBLP_REC.search(path)):
        return Ids(dblp=m.group(1))
    if host.endswith("semanticscholar.org") and (m := _S2_PAPER.search(path)):
        return Ids(s2_id=m.group(1))
    if host.endswith(("aclweb.org", "aclanthology.org", "aclanthology.coli.uni-saarland.de")
                     ) and (m := _ACL_ID.search(path)):
        acl = m.group(1)
        return Ids(s2_id=f"ACL:{acl.upper() if acl[0].isalpha() else acl}")
    if host == "openreview.net":
        forum = parse_qs(parsed.query).get("id", [""])[0]
        return Ids(url=f"https://openreview.net/forum?id={forum}" if forum else url)
    if is_paper_url(url):
        return Ids(url=url)
    return Ids()


def ids_from_text(text: str) -> Ids:
    """Identifiers written in the text itself (``arXiv:1806.07572``, a bare DOI)."""
    arxiv = ARXIV_TEXT.search(text)
    doi = DOI_TEXT.search(text)
    return Ids(arxiv=arxiv.group(1) if arxiv else None,
               doi=_clean_doi(doi.group(1)) if doi else None)


def find_ids(urls: list[str], text: str) -> Ids:
    """All that pins a paper: the first id of each kind among its links, then its text."""
    ids = Ids()
    for url in urls:
        ids = ids.merged(ids_from_url(url))
    return ids.merged(ids_from_text(text))
