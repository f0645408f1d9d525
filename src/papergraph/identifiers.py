"""What a slug, a key and an identifier may look like: one place for every stage.

Values from a syllabus or a web service end up in file names (``bib/<topic>.bib``), in
BibTeX that LaTeX reads, and in Markdown and HTML that browsers render. Each checker
here returns ``None`` for a good value, or the reason it is refused (a phrase that
completes "… is refused: <reason>"), so the syllabus loader can report
``FILE:LINE: message`` and the BibTeX writer a per-paper warning.

The rules (also in the README):

* **slugs** (topics and areas): lower-case ASCII letters and digits in words joined by
  single hyphens, at most 100 characters: ``kernel-behaviour-of-nns``. A topic slug names
  the file ``bib/<slug>.bib``, so ``seminar`` (``bib/seminar.bib`` holds every paper) and
  the names Windows reserves for devices (``con``, ``aux``, ``nul``, ``com1``, …) are refused.
* **keys** (paper keys and citation keys): an ASCII letter or digit, then letters, digits
  and ``- _ : . / +``, at most 100 characters: ``arora2019fine``, ``DBLP:conf/nips/JacotHG18``.
  That is a subset of what BibTeX accepts that LaTeX, Markdown and HTML pass through
  unchanged.
* **DOI**: ``10.<registrant>/<suffix>`` in printable ASCII, without ``\\ { } ^ "``.
* **arXiv id**: ``1806.07572``, ``1806.07572v3`` or the old ``math.GT/0309136``.
* **URL**: ``http(s)://`` followed by the characters RFC 3986 allows.
"""

from __future__ import annotations

import re

MAX_SLUG = 100
MAX_KEY = 100
MAX_ID = 300  # DOIs, arXiv ids, S2 ids, dblp keys
MAX_URL = 2000
MAX_TEXT = 2000  # a title, a name, a venue: the longest real ones are a few hundred
MAX_LONG_TEXT = 20000  # notes, questions, milestones

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WINDOWS_DEVICES = ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                    *(f"lpt{i}" for i in range(10)))
RESERVED_SLUGS: dict[str, str] = {
    "seminar": "bib/seminar.bib holds every paper",
    **{name: "Windows reserves it for a device" for name in _WINDOWS_DEVICES},
}
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:./+-]*")
_DOI = re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/[!#-\[\]_a-z|~]+")  # no \ { } ^ " ` space
_ARXIV = re.compile(r"(?:[0-9]{4}\.[0-9]{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/[0-9]{7})"
                    r"(?:v[0-9]+)?")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?"
                  r"(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?")
_S2_ID = re.compile(r"[0-9a-f]{40}|(?:CorpusId|MAG|PMID|PMCID|ACL):[A-Za-z0-9._-]+")
_DBLP_KEY = re.compile(r"(?:DBLP:)?[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.+-]+)+")


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a one-line message: shortened, control characters escaped."""
    value = value if len(value) <= limit else value[:limit - 3] + "..."
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in value) + "'"


def too_long(value: str, limit: int) -> str | None:
    """``"is 52,428,800 characters long (at most 2,000)"``, or None within ``limit``."""
    if len(value) <= limit:
        return None
    return f"is {len(value):,} characters long (at most {limit:,})"


def slug_problem(slug: str, *, file_name: bool = False) -> str | None:
    """Why ``slug`` is refused as a slug (``file_name``: it names ``bib/<slug>.bib``)."""
    if (long := too_long(slug, MAX_SLUG)) is not None:
        return f"slug {long}"
    if not _SLUG.fullmatch(slug):
        return (f"slug {shown(slug)} is not allowed: use lower-case letters, digits and "
                "single hyphens between words (e.g. 'kernel-methods')")
    if file_name and slug in RESERVED_SLUGS:
        return f"slug {slug!r} is reserved ({RESERVED_SLUGS[slug]}): choose another"
    return None


def key_problem(key: str, what: str = "key") -> str | None:
    """Why ``key`` is refused as a paper or citation key."""
    if (long := too_long(key, MAX_KEY)) is not None:
        return f"{what} {long}"
    if not _KEY.fullmatch(key):
        return (f"{what} {shown(key)} is not allowed: use ASCII letters, digits and "
                "- _ : . / + (starting with a letter or digit)")
    return None


def doi_problem(doi: str) -> str | None:
    if (long := too_long(doi, MAX_ID)) is not None:
        return f"doi {long}"
    if not _DOI.fullmatch(doi):
        return (f"doi {shown(doi)} is not a DOI (10.NNNN/suffix in printable ASCII, "
                'without spaces or \\ { } ^ " `)')
    return None


def arxiv_problem(arxiv: str) -> str | None:
    if (long := too_long(arxiv, MAX_ID)) is not None:
        return f"arXiv id {long}"
    if not _ARXIV.fullmatch(arxiv):
        return (f"arXiv id {shown(arxiv)} is not an arXiv identifier (e.g. 1806.07572, "
                "1806.07572v3 or math.GT/0309136, without an 'arXiv:' prefix)")
    return None


def url_problem(url: str) -> str | None:
    if (long := too_long(url, MAX_URL)) is not None:
        return f"url {long}"
    if not _URL.fullmatch(url):
        return (f"url {shown(url)} is not an http(s) URL of the characters RFC 3986 "
                "allows (percent-encode the others)")
    return None


def s2_id_problem(s2_id: str) -> str | None:
    if (long := too_long(s2_id, MAX_ID)) is not None:
        return f"s2_id {long}"
    if not _S2_ID.fullmatch(s2_id):
        return (f"s2_id {shown(s2_id)} is not a Semantic Scholar id (40 hex digits, or "
                "CorpusId:NNN; put DOIs and arXiv ids in doi and arxiv)")
    return None


def dblp_problem(dblp: str) -> str | None:
    if (long := too_long(dblp, MAX_ID)) is not None:
        return f"dblp key {long}"
    if not _DBLP_KEY.fullmatch(dblp):
        return (f"dblp key {shown(dblp)} is not a dblp record key (e.g. "
                "conf/nips/JacotHG18)")
    return None


ID_CHECKS = {"doi": doi_problem, "arxiv": arxiv_problem, "url": url_problem,
             "s2_id": s2_id_problem, "dblp": dblp_problem}
