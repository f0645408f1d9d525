"""One citation string -> title, authors, venue, year, each with a confidence.

The shapes, tried in order of how much the string itself says:

1. a **quoted** title (``Saxton et. al. "Title" (2019)``, MLA ``Yang, Ziteng, et al.
   “Title.” Journal, 2024``): authors before it, venue and year after;
2. a title the **markup** marks: bold/italic (``Robin Jia and Percy Liang. 2017.
   **Title**.``), or the text of a link to a paper (``[Title](arXiv link) by Authors``);
3. **authors first**: APA/Harvard ``Cadden, J., & Appavoo, J. Title. EuroSys 2020``,
   ``Curry, K.D. and Savidge, T., 2022. Title. Nature methods``, Vancouver
   ``Gordon DE, Hiatt J. Title. Science. 2020 Dec 4``, ``Eldan and Shamir: Title``;
4. **title first**: ``Title. Authors, VENUE YEAR``, ``Title, Authors (NIPS 2017)``,
   ``Title by Authors``, ``Title - Authors``, ``Title, USENIX ATC 2020``;
5. a **bare title** (the caller decides whether the context makes it a paper).

Years are found anywhere (``(2019)``, ``ICML 2017.``, ``OSDI '14``, ``2022 Nov 11``);
trailing ``[pdf]``/``link``/``code`` labels and URLs are dropped; ``A; B`` and two quoted
titles in one line are two papers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .names import Names, parse_names

_LABEL_WORDS = (r"pdf|link|code|paper|slides?|video|arxiv|html|url|preprint|project(?: page)?|"
                r"blog(?: post)?|notes?|website|github|bib(?:tex)?|abs(?:tract)?|doi|openreview|"
                r"talk|poster|supp(?:lementary)?|ppt|web|repo|data(?:set)?|review|summary")
LINK_LABEL = re.compile(rf"^(?:{_LABEL_WORDS})$", re.IGNORECASE)  # "[preprint](…)"
# Trailing labels are stripped from the end, one after another: matched on the reversed
# string from a moving position, so each character is looked at a bounded number of
# times (a pattern anchored at "$" would be tried from every start position, and a loop
# re-running it until nothing changes is quadratic on a line of 10,000 "(pdf)" labels).
_LABEL_LIST = ["pdf", "link", "code", "paper", "slide", "slides", "video", "arxiv", "html",
               "url", "preprint", "project", "project-page", "blog", "blog-post", "note",
               "notes", "website", "github", "bib", "bibtex", "abs", "abstract", "doi",
               "openreview", "talk", "poster", "supp", "supplementary", "ppt", "web", "repo",
               "data", "dataset", "review", "summary"]
_SHORT_LABELS = ["pdf", "link", "code", "slides", "video", "arxiv", "html", "url", "bibtex"]


def _reversed_words(words: list[str]) -> str:
    return "|".join(re.escape(w.replace("-", " ")[::-1])
                    for w in sorted(words, key=len, reverse=True))


_TRAILING_LABEL_REV = re.compile(
    rf"\s*(?:\]\]?|\)|\}})\s*(?:{_reversed_words(_LABEL_LIST)})\s*(?:\[\[?|\(|\{{)[\s,;:|]*"
    rf"|\s*(?:{_reversed_words(_SHORT_LABELS)})\s*[,;|–—]\s*"
    r"|[\w,&.\s-]*[\dIVX]\s+(?:s?retpahc|s?noitces|s?erutcel|s?trap|\.hc|\.ces)\s+",
    re.IGNORECASE)
_URL = re.compile(r"<?https?://\S+>?")
# what a page adds after a title: "(1998)", "(Chapters 2--3)", "(up to Lemma 1, …)"
_TITLE_NOTE = re.compile(
    r"\s*\((?:(?:19|20)\d{2}[a-z]?|(?:chapters?|ch\.|sections?|sec\.|parts?|pages?|pp?\.|"
    r"up to|until|only|excerpts?|selections?)\b[^()]*|\d+(?:\.\d+)*\s*[-–]\s*\d+(?:\.\d+)*)\)\s*$",
    re.IGNORECASE)
# "Oscar presents: …", "Sam and Grace Hwang presented: …": who presents is not the paper
_PRESENTER = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){0,4})\s+"
    r"(?:presents|presented|presenting|will present)\s*:\s*")
# "Required Reading: …", "Optional readings: …" before the citation itself
_READING_LABEL = re.compile(
    r"^(?:(?:required|optional|background|suggested|recommended|additional|main|further)\s+)?"
    r"(?:paper\s+)?(?:readings?|papers?)\s*:\s*(?=\S)", re.IGNORECASE)
# "Hosios (1988) On the Efficiency …": surnames, the year in brackets, then the title
_AUTHOR_YEAR = re.compile(
    r"^(?P<authors>[^()\d\"“”]{2,120}?)\s*\((?P<year>(?:19|20)\d{2})[a-z]?\)[,:]?\s+"
    r"(?P<title>[\"“*_]?[A-Z0-9].+)$")
# APA: "Houde, S., & Hill, C. (1997). Title. In Venue" / "(1990, March)."
_APA_HEAD = re.compile(
    r"^(?P<authors>[^()]{2,600}?)\s*\((?P<year>(?:19|20)\d{2})[a-z]?"
    r"(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\)\.?\s+(?P<rest>\S.*)$")
_LEADING_NUMBER = re.compile(r"^(?:paper\s*\d+\.?:?|\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s+",
                             re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{4,}?)[\"“”]|''(.{4,}?)''")
_YEAR_PAREN = re.compile(r"\((?:[^()]*?[\s,\-–])?((?:19|20)\d{2})[a-z]?\)")
_YEAR_ANY = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})[a-z]?(?![\d/])")
_YEAR_SHORT = re.compile(r"\b([A-Z][A-Za-z]{1,12})\s*['’](\d{2})\b")
_YEAR_TAIL = re.compile(
    r"(?:^|(?<=[.,;:?!(]))\s*(?:[Ii]n\s+)?(?P<venue>[^.,;:?!()]*?)(?:\s*,)?\s*\(?"
    r"(?P<year>(?:19|20)\d{2})\)?\s*\.?\s*$")
_VENUE_WORDS = re.compile(
    r"\b(proc(?:eedings|\.)?|conference|conf\.|journal|transactions|trans\.|symposium|"
    r"workshop|letters|review|arxiv|corr|preprint|nature|science|cell|neurips|nips|icml|"
    r"iclr|colt|aistats|uai|aaai|ijcai|acl|emnlp|naacl|eacl|coling|cvpr|iccv|eccv|sigir|"
    r"kdd|www|osdi|sosp|nsdi|eurosys|atc|usenix|fast|asplos|isca|micro|pldi|popl|oopsla|"
    r"icfp|ccs|ndss|oakland|s&p|sigcomm|sigmod|vldb|jmlr|tpami|pami|pnas|plos|bioinformatics|"
    r"vol\.|volume|pp\.|pages)\b", re.IGNORECASE)


# Bounded work per citation: an author list is never longer than this (parse_names
# refuses longer text), and at most this many places are tried as the authors' end.
MAX_NAMES = 1500
MAX_SPLITS = 48


@dataclass(frozen=True)
class Reference:
    """A paper as one string of the page cites it; ``confidence`` per field (0..1) and
    ``doubts`` the draft shows as ``# check:`` comments."""

    title: str
    authors: tuple[str, ...] = ()
    et_al: bool = False
    venue: str = ""
    year: int | None = None
    confidence: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    doubts: tuple[str, ...] = field(default=(), compare=False)


PaperLine = Reference  # the name earlier versions exported


def clean_title(text: str) -> str:
    """A title without surrounding quotes, brackets, emphasis marks or end punctuation;
    a title that starts with a quoted phrase (``“Why lose control?” A Study …``) keeps it."""
    text = text.strip()
    opening = text[:1] if text[:1] in "\"“" and re.search(r"[\"”]", text[1:-1]) else ""
    text = opening + text.strip("\"“”'‘’*_[] ").strip()
    text = _TITLE_NOTE.sub("", text)
    text = text.rstrip(",;:").rstrip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return opening + text.strip("\"“”'‘’*_ ").strip() if opening else \
        text.strip("\"“”'‘’*_ ").strip()


def strip_noise(text: str) -> str:
    """Leading numbering, URLs and trailing ``[pdf]``/``(code)``/``link`` labels removed."""
    text = _URL.sub(" ", " ".join(text.split()))
    text = re.sub(r"\bCrossref,?\s*\.?\s*$", "", " ".join(text.split()))
    text = re.sub(r"\[\s*\]|\(\s*\)", " ", text)
    text = " ".join(text.split())
    text = _LEADING_NUMBER.sub("", text)
    text = _PRESENTER.sub("", text)
    text = _READING_LABEL.sub("", text)
    # "Naik*, …": an equal-contribution mark is not part of the name
    text = re.sub(r"(?<=[a-z\u00C0-\u024F])[*†‡]+(?=[,\s])", "", text)
    return strip_trailing_labels(text).strip()


def strip_trailing_labels(text: str) -> str:
    """``text`` without its trailing ``[pdf]``, ``(code)``, ``, slides``, ``chapters 2-3``
    labels (any number of them), in time linear in ``text``."""
    rev = text[::-1]
    pos = 0
    while True:
        while pos < len(rev) and rev[pos] in " ,;|":
            pos += 1
        m = _TRAILING_LABEL_REV.match(rev, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
    return text[: len(text) - pos]


def find_year(text: str) -> tuple[int | None, tuple[int, int] | None, float]:
    """The publication year in ``text`` (its span, and how sure): a parenthesised year
    first, else the last four-digit year, else a venue's ``'14``."""
    if m := list(_YEAR_PAREN.finditer(text)):
        return int(m[-1].group(1)), m[-1].span(1), 0.95
    if m := list(_YEAR_ANY.finditer(text)):
        return int(m[-1].group(1)), m[-1].span(1), 0.9
    if m := list(_YEAR_SHORT.finditer(text)):
        yy = int(m[-1].group(2))
        return (2000 + yy if yy <= 40 else 1900 + yy), m[-1].span(), 0.75
    return None, None, 0.0


def _venue_of(rest: str, year_span: tuple[int, int] | None, offset: int) -> str:
    """The venue in the text after a title: its first segment, without year/pages."""
    rest = re.sub(r"^[\s.,;:]+", "", rest)
    if not rest:
        return ""
    venue = re.split(r"(?<=[a-z\)])\.\s|,\s*(?:vol|no|pp)\.|\s\d+\(|,\s*\d", rest)[0]
    venue = re.sub(r"^(?:in|In)\s+(?:the\s+)?", "", venue)
    venue = re.sub(r"\s*\(pp?\.[^)]*\)?.*$", "", venue)
    venue = re.sub(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?"
                   r"[\s.;]*$", "", venue, flags=re.IGNORECASE).strip(" .,;:")
    # a year before or after the venue's name (or bracketed) is the paper's, not the
    # venue's: "Proceedings of the 2021 CHI Conference" keeps its own
    venue = re.sub(r"\(\s*(?:19|20)\d{2}[a-z]?\s*\)|^\s*(?:19|20)\d{2}[a-z]?\b|"
                   r"\b(?:19|20)\d{2}[a-z]?\s*$|['’]\d{2}\b", "", venue)
    venue = re.sub(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?"
                   r"[\s.;]*$", "", venue.strip(" .,;:"), flags=re.IGNORECASE)
    return " ".join(venue.split()).strip(" .,;:()")


def _with_parts(title: str, before: str, after: str, text: str, how: float) -> Reference:
    """A reference from a known title, the text before it (authors) and after (venue)."""
    year, span, ycon = find_year(text)
    names = parse_names(_drop_year(before).strip(" .,:;-–—("), surname_only=True, mla=True)
    venue_text = after
    if names is None:
        names, venue_text = _names_after(after)
    venue = _venue_of(_drop_year(venue_text), span, 0)
    if venue and parse_names(venue):
        venue = ""
    return _build(clean_title(title), names, venue, year,
                  {"title": how, "year": ycon}, text)


def _names_after(after: str) -> tuple[Names | None, str]:
    """Authors right after a title (``, A, B, NIPS 2017`` / ``. A and B. Venue`` / ``by A``
    / ``- A``), and the text left for the venue."""
    after = re.sub(r"^\s*\([^()]*\)", "", after)  # "*Title* (Chapters 1-3), by A, B"
    rest = re.sub(r"^[\s.,:;]*(?:(?:by|[-–—])\s+)?", "", after)
    if not rest:
        return None, after
    head = re.split(r"\s*[(\[]", rest)[0]
    if (m := _YEAR_TAIL.search(head)) and m.start() > 0:
        venue_head = head[: m.start()].rstrip(" ,.")
        if names := parse_names(venue_head):
            return names, head[m.start():]
    for m in re.finditer(r"(?<=[a-z\u00C0-\u024F])\.\s+|,\s+(?=[A-Z][\w&]*\s*['’]?\d)|$", rest):
        if names := parse_names(_drop_year(rest[: m.start()]).strip(" .,")):
            return names, rest[m.end():]
    return None, after


def _drop_year(text: str) -> str:
    text = re.sub(r"\(\s*(?:[^()]*?[\s,])?(?:19|20)\d{2}[a-z]?\s*\)", " ", text)
    return re.sub(r"(?:^|[\s,.])(?:19|20)\d{2}[a-z]?\.?(?=\s|$)", " ", text).strip()


def _build(title: str, names: Names | None, venue: str, year: int | None,
           conf: dict[str, float], text: str) -> Reference:
    doubts = []
    conf = dict(conf)
    if names is None:
        conf["authors"] = 0.0
        doubts.append("no authors recognised")
    else:
        conf["authors"] = names.confidence
        if names.confidence < 0.7:
            doubts.append("authors read as surnames only")
    if year is None:
        doubts.append("no year given")
    if conf.get("title", 0) < 0.6:
        doubts.append("title is a guess: the whole line")
    return Reference(title, names.names if names else (), bool(names and names.et_al),
                     venue, year, conf, tuple(doubts))


# --------------------------------------------------------------------------- shapes


def from_quotes(text: str) -> Reference | None:
    """``Authors "Title" (Year)`` / MLA ``Surname, First, et al. “Title.” Venue, 2024``."""
    quoted = [m for m in _QUOTED.finditer(text) if len((m.group(1) or m.group(2)).split()) >= 2]
    if len(quoted) != 1:
        return None
    m = quoted[0]
    before, after = text[: m.start()], text[m.end():]
    if re.search(r"[?!]\s", before):
        return None  # 'Where is it? Search "Myles Brand Hall" on …': a sentence
    if not parse_names(_drop_year(before).strip(" .,:;("), surname_only=True, mla=True) \
            and (lead := _lead_authors(before)):
        before, after = lead  # "[Button et al, Nature Review Neuroscience 2013]: "Title""
    elif len(before.split()) > 6 and not parse_names(_drop_year(before).strip(" .,:;("),
                                                     surname_only=True, mla=True):
        return None  # a phrase quoted in a sentence, not a title
    return _with_parts(m.group(1) or m.group(2), before, after, text, 0.95)


def _lead_authors(before: str) -> tuple[str, str] | None:
    """``Surname et al, Venue Year`` before a quoted title: the authors (the shortest
    comma-separated head that reads as names) and the rest, which holds the venue."""
    if not find_year(before)[0]:
        return None
    for m in re.finditer(r",\s*", before):
        head = before[: m.start()]
        if parse_names(head, surname_only=True, mla=True):
            return head, before[m.end():]
    return None


def from_hint(text: str, hint: str, how: float) -> Reference | None:
    """A title the markup marks (bold, italic, a link's text), found inside ``text``."""
    hint = " ".join(hint.split())
    pos = text.find(hint)
    if pos < 0 or len(hint.split()) < 1:
        return None
    start, end = pos, pos + len(hint)
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":
        return None  # "… (**Guest Lecture**)": a note after the citation, not its title
    prefix = re.search(r"(?:^|(?<=[.;]\s))([A-Z][\w\-]*(?:\s[\w\-]+){0,2}):\s*$", text[:start])
    if prefix and not parse_names(prefix.group(1)):  # "Carver: [Finding …]"
        start = prefix.start(1)
    title = text[start:end]
    tail = _YEAR_TAIL.search(title)
    if tail and tail.start() > 0 and _VENUE_WORDS.search(tail.group("venue") or ""):
        end, title = start + tail.start(), title[: tail.start()]
    return _with_parts(title, text[:start], text[end:], text, how)


def authors_first(text: str) -> Reference | None:
    """``Authors. [Year.] Title. Venue`` (APA, Harvard, Vancouver, ``Authors: Title``)."""
    best: tuple[int, Names] | None = None
    tries = 0
    for m in re.finditer(r"\.\s+|:\s+|,?\s*\(?(?:19|20)\d{2}[a-z]?\)?\.\s+",
                         text):
        if m.start() > MAX_NAMES or tries >= MAX_SPLITS:
            break  # no author list is longer (parse_names refuses it): bounded work
        head = text[: m.start()].strip()
        if len(head) < 2:
            continue
        tries += 1
        if not re.search(r"\s", head) and "," not in head:
            continue
        if m.group(0).startswith(".") and _middle_initial(head):
            continue  # "Peter W. Battaglia": the period of a middle initial ends nothing
        names = parse_names(head + ("." if m.group(0).startswith(".") else ""), mla=True)
        if names is None and m.group(0).startswith("."):  # "Hochreiter and Schmidhuber."
            names = parse_names(head, surname_only=True)
            if names is not None and len(names.names) < 2 and not names.et_al:
                names = None
        if names is not None and (best is None or m.end() > best[0]):
            rest = text[m.end():]
            if len(rest.split()) >= 2:
                best = (m.end(), names)
    if best is None:
        return None
    rest = text[best[0]:]
    rest = re.sub(r"^\(?(?:19|20)\d{2}[a-z]?\)?[.,]?\s*", "", rest)
    title, venue_text = _title_end(rest)
    parts = [title, venue_text] if venue_text else [title]
    tail = _YEAR_TAIL.search(title)
    if len(parts) == 1 and tail and tail.start() > 0:  # "Title. EuroSys 2020" w/o period
        venue_text, title = title[tail.start():], title[: tail.start()]
    year, _, ycon = find_year(text)
    venue = _venue_of(venue_text, None, 0)
    return _build(clean_title(title), best[1], venue, year,
                  {"title": 0.85, "year": ycon}, text)


def comma_authors(text: str) -> Reference | None:
    """``First Last, First Last, and First Last, Title. Venue Year``: full names, each
    one comma-separated segment, then the title (no period after the authors)."""
    segments = re.split(r",\s+", text)
    names: list[str] = []
    for seg in segments[:-1]:
        seg = re.sub(r"^(?:and|&)\s+", "", seg)
        one = parse_names(seg) if len(seg.split()) >= 2 else None
        if one is None or len(one.names) != 1 or _VENUE_WORDS.search(seg):
            break
        names.append(seg)
    rest = text[len(", ".join(segments[: len(names)])):].lstrip(", ")
    title, venue_text = _title_end(rest)
    tail = _YEAR_TAIL.search(title)
    if tail and tail.start() > 0:
        venue = tail.group("venue")
        if _VENUE_WORDS.search(venue) or not venue.strip():  # "…, NeurIPS 2020"
            venue_text, title = title[tail.start():], title[: tail.start()]
        else:  # "MolGAN: An implicit …, 2018": only the year follows the title
            title = re.sub(r",?\s*\(?(?:19|20)\d{2}\)?\.?\s*$", "", title)
    # one author only when the title after it is long enough not to be a second name
    # ("Ryoma Sato, A Survey on The Expressive Power of Graph Neural Networks")
    least = 2 if len(names) >= 2 else 4
    if not names or len(title.split()) < least or parse_names(title) or (
            len(names) == 1 and _not_one_author(names[0], rest)):
        return None
    year, _, ycon = find_year(text)
    authors = Names(tuple(names), False, 0.8 if len(names) >= 2 else 0.6)
    return _build(clean_title(title), authors, _venue_of(venue_text, None, 0), year,
                  {"title": 0.8, "year": ycon}, text)


def _not_one_author(name: str, rest: str) -> bool:
    """``Uncovering Access, Reuse, and Sharing …``: a title's list, not one author."""
    first = rest.split(",")[0]
    return (not 2 <= len(name.split()) <= 3 or name.split()[0].lower().endswith("ing")
            or ("," in rest and len(first.split()) < 3))


_ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?,?")


def title_then_authors(text: str) -> Reference | None:
    """``Title. Surname I, Surname I, et al. Venue. Year`` / ``Title Surname et al., Year,
    Venue`` / ``Title. Surname, A. et al. Year. Venue`` (Vancouver, Nature, Cell styles):
    the title first, then an author list that ends at ``et al.`` or at the next period."""
    e = _ET_AL.search(text)
    end = e.start() if e else -1
    if end < 0:
        m = re.search(r"(?<=[a-z?!])[.?!]\s+(?=[A-Z])", text)
        stop = re.search(r"(?<=[A-Z])\.(?:\s|(?=[A-Z]))", text[m.end():]) if m else None
        if not m or not stop:
            return None
        start, end = m.end(), m.end() + stop.start()
        splits = [start]
    else:
        splits = [m.end() for m in re.finditer(r"(?<=[\w?!.])\s+(?=[A-Z])", text[:end])][::-1]
    for start in splits:
        title, chunk = text[:start].strip(), text[start:end].strip(" ,")
        names = parse_names(chunk) or parse_names(chunk, surname_only=True)
        if names is None:
            continue
        if len(title.split()) < 3 or parse_names(title.rstrip(".")):
            return None
        rest = text[e.end():] if e else text[end:]
        year, _, ycon = find_year(rest)
        if year is None:  # "… Erläutere an Beispielen aus Croskerry et al.": prose
            return None
        authors = Names(names.names, bool(e), 0.75)
        return _build(clean_title(title), authors, "", year, {"title": 0.8, "year": ycon}, text)
    return None


def _middle_initial(head: str) -> bool:
    """Does ``head`` end inside a name (``…, Peter W``), rather than with a Vancouver
    author (``Yi Y, Shan L, Philippone J``: every name a surname and its initials)?"""
    segments = re.split(r",\s*", head)
    if not re.fullmatch(r"[A-Z][a-z]+\s+[A-Z]", segments[-1]):
        return False
    return len(segments) == 1 or not all(
        re.fullmatch(r"[A-Z][\w'’-]+\s+[A-Z]{1,3}", s) for s in segments)


def apa(text: str, hints: tuple[tuple[str, float], ...]) -> Reference | None:
    """APA ``Surname, I., & Surname, I. (Year). [Title](link). In _Venue_``: when the
    markup marks a span right after ``(Year).`` (a link's text, say), that span is the
    title, whatever quotes or question marks it holds; italics further on are the venue."""
    m = _APA_HEAD.match(text)
    if m is None:
        return None
    rest = m.group("rest")
    title = next((h for h, _ in hints if h and rest.startswith(h)), None)
    names = parse_names(m.group("authors").strip(), mla=True) or _loose_apa(m.group("authors"))
    if title is None or names is None:
        return None
    venue = _venue_of(rest[len(title):], None, 0)
    return _build(clean_title(title), names, venue, int(m.group("year")),
                  {"title": 0.95, "year": 0.95}, text)


def _loose_apa(text: str) -> Names | None:
    """``Surname, I., I. Surname, I., & Surname, I.``: the ``Surname, Initials`` pairs an
    APA list is made of, even where one is written out of order; read with less trust."""
    pairs = re.findall(r"(?:^|,|&)\s*(?:&\s*)?([^,&]+?),\s*((?:[A-Z]\.\s*)+)(?=,|&|$)",
                       text.strip())
    if len(pairs) < 2:
        return None
    return Names(tuple(f"{i.strip()} {s.strip()}" for s, i in pairs), False, 0.6)


def author_year_title(text: str) -> Reference | None:
    """``Surname (Year) Title`` / ``A and B (1993) Title`` / ``A, B, and C (2014) Title``:
    the authors-then-year shape without a period, where the title runs to the end (or to
    a period followed by a venue)."""
    m = _AUTHOR_YEAR.match(text)
    if m is None:
        return None
    names = parse_names(m.group("authors").strip(" ,;:"), surname_only=True, mla=True)
    if names is None:
        return None
    title, venue_text = _title_end(m.group("title"))
    return _build(clean_title(title), names, _venue_of(venue_text, None, 0),
                  int(m.group("year")), {"title": 0.85, "year": 0.95}, text)


def _title_end(rest: str) -> tuple[str, str]:
    """Split ``Title. Venue…`` after authors: at the first period that ends a sentence; a
    ``?``/``!`` ends the title only when what follows reads as a venue."""
    for m in re.finditer(r"(?<=[\w\)\]?!'’\"”])([.?!])\s+"
                         r"(?=[A-Z0-9\"“(]|(?i:arxiv|biorxiv|medrxiv|in)\b)", rest):
        after = rest[m.end():]
        if m.group(1) == "." or _VENUE_WORDS.match(after) or re.match(r"[^.]{0,40}\d", after):
            end = m.start() + (0 if m.group(1) == "." else 1)
            return rest[:end], after
    return rest, ""


def title_first(text: str) -> Reference | None:
    """``Title. Authors, VENUE YEAR`` / ``Title, Authors (NIPS 2017)`` / ``Title by A`` /
    ``Title, USENIX ATC 2020``; None if neither authors nor a year are found."""
    venue, year, head = "", None, text
    if m := _YEAR_TAIL.search(text):
        venue, year = m.group("venue").strip(), int(m.group("year"))
        if m.start("venue") == 0 and venue:  # "Title, 2020": the "venue" is the title
            venue, m = "", None
            head = text[: text.rfind(str(year))]
        elif venue and parse_names(venue):  # "Title. Ohad Shamir 2018": no venue given
            venue, head = "", text[: m.start("year")]
        else:
            head = text[: m.start()]
        head = head.rstrip(" (")
    head = head.strip().rstrip(".,;:(").strip()
    if m := re.search(r"\s(?:by|[-–—])\s+(?=[A-Z])", head):
        names = parse_names(head[m.end():]) or (  # "Title by Spirtes Glymour and Scheines"
            parse_names(head[m.end():], surname_only=True) if m.group(0).strip() == "by"
            else None)
        if names and len(head[: m.start()].split()) >= 2:
            return _build(clean_title(head[: m.start()]), names, venue, year,
                          {"title": 0.85, "year": 0.9 if year else 0.0}, text)
    split = _split_head(head)
    if split:
        title, names = split
        if title:
            return _build(title, names, venue, year,
                          {"title": 0.85, "year": 0.9 if year else 0.0}, text)
    if year is not None and head and len(head.split()) >= 2:
        return _build(clean_title(head), None, venue, year,
                      {"title": 0.7, "year": 0.9}, text)
    return None


def _split_head(head: str) -> tuple[str, Names] | None:
    """Split ``Title. Authors`` / ``Authors: Title`` / ``Title, Authors`` (no venue/year)."""
    colon = re.search(r":\s+", head)
    before = parse_names(head[: colon.start()]) if colon else None
    if colon and before and (len(before.names) > 1 or before.et_al):
        return clean_title(head[colon.end():]), before
    # "Title. Authors" / "Title? Authors" / "Title, Authors": the earliest split whose
    # rest is an author list wins; a period after an initial ("J. Zico Kolter") is no split
    tries = 0
    for m in re.finditer(r"(?<!\b[A-Z])[.?!]\s+|,\s+", head):
        if len(head) - m.end() > MAX_NAMES:
            continue  # too long for an author list (parse_names refuses it)
        tries += 1
        if tries > MAX_SPLITS:
            break
        title, names = head[: m.end()], parse_names(head[m.end():])
        if names and clean_title(title):
            return clean_title(title), names
    if colon and before:
        return clean_title(head[colon.end():]), before
    return None


def bare_title(text: str) -> Reference:
    """The whole string as a title (a guess the draft marks for checking)."""
    year, _, ycon = find_year(text)
    title = clean_title(_drop_year(text) if year else text)
    return _build(title, None, "", year, {"title": 0.4, "year": ycon}, text)


# --------------------------------------------------------------------------- entry points


def split_papers(text: str) -> list[str]:
    """Several papers in one item: ``A; B`` where each side is a citation, or two quoted
    titles (``"A" and "B"``)."""
    parts = [p.strip() for p in re.split(r"\s;\s|;\s+(?=[A-Z\"“])", text) if p.strip()]
    if len(parts) > 1 and all(find_year(p)[0] or _QUOTED.search(p) or (
            len(p.split()) >= 3 and p[0].isupper() and not re.search(r"\d{4}", text))
            for p in parts):
        return parts
    quoted = [m for m in _QUOTED.finditer(text) if len((m.group(1) or m.group(2)).split()) >= 2]
    if len(quoted) > 1 and not re.search(r"\bet\.?\s*al\b|,\s*[A-Z]\.", text):
        cuts = [0] + [m.end() for m in quoted[:-1]] + [len(text)]
        return [text[a:b].strip(" ,;") for a, b in zip(cuts, cuts[1:], strict=False)]
    return [text]


def parse_reference(text: str, *, hints: tuple[tuple[str, float], ...] = (),
                    bare: bool = False) -> Reference | None:
    """Read one citation. ``hints``: (span, confidence) the markup marks as the title;
    ``bare``: accept the whole string as a title when nothing else fits."""
    text = strip_noise(text)
    if not text:
        return None
    clean_hints = tuple((strip_noise(h), how) for h, how in hints)
    if ref := apa(text, clean_hints) or from_quotes(text):
        return ref
    whole = None  # a link whose text is the whole citation marks no title in it
    for hint, how in clean_hints:
        if (ref := from_hint(text, hint, how)) and ref.title:
            if len(hint) < 0.8 * len(text) or not find_year(text)[0]:
                return ref
            whole = whole or ref
    found = [ref for shape in (title_first, authors_first, author_year_title, comma_authors,
                               title_then_authors)
             if (ref := shape(text)) and ref.title and len(ref.title) > 2]
    if found and (whole is None or any(r.authors for r in found)):
        return max(found, key=_score)
    if whole is not None:
        return whole
    if bare and len(text.split()) >= 1:
        return bare_title(text)
    return None


def _score(ref: Reference) -> float:
    """How well a reading explains its string (to choose between shapes)."""
    c = ref.confidence
    return c.get("title", 0) + c.get("authors", 0) + (0.2 if ref.venue else 0)


def parse_paper_line(text: str) -> Reference | None:
    """One reading-list line; None if it has neither an author list nor a year."""
    ref = parse_reference(text)
    return ref


def with_doubt(ref: Reference, doubt: str) -> Reference:
    return replace(ref, doubts=ref.doubts + (doubt,))


def parse_authors(text: str) -> tuple[tuple[str, ...], bool] | None:
    """``"Colin Wei and Tengyu Ma"`` -> ``(("Colin Wei", "Tengyu Ma"), False)``."""
    names = parse_names(text)
    return (names.names, names.et_al) if names else None
