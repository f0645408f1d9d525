"""From one block to the paper(s) it cites, with ids, session dates and doubts.

A table row is read column by column (title, authors, venue, year, date, time, presenter
cells named by the header); a list item or paragraph as one citation string, read by the
learned tagger with its markup (:mod:`.learned.parser`). Leading or bracketed dates
(``21/11/25 [Title]``, ``Week 3 (Feb 2): …``, ``… (19 Dec 2020)``) are the dates the paper
is discussed. Whether a reading is a paper at all is the learned finder's call
(:mod:`.learned.finder`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, time

from .blocks import Block, Cell, Link
from .dates import Context, find_dates, find_time_range
from .ids import Ids, find_ids, is_paper_url
from .learned import finder, parser
from .learned.cues import PROSE
from .learned.normalize import split_names
from .refs import LINK_LABEL, Reference, bare_title, find_year, parse_reference, split_papers
from .sections import NO_SESSION

# a column of session topics (English, French, German, Spanish, Italian): it files the
# papers another column names ("| Lecture | Reading material |", "| Thématique | Article |")
_TOPIC_WORDS = r"topic|lecture|th[eé]matique|th[eè]me|thema|tema|subject"
_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    # also German, French, Spanish and Chinese headers ("Datum", "日期")
    ("date", re.compile(r"\b(date|when|day|datum|termin|fecha)\b|日期")),
    ("time", re.compile(r"^(time|slot|hours?)$")),
    ("speaker", re.compile(r"presenter|speaker|presented|lead|discussant|^who$|^name$|"
                           r"person|moderator|host|referent|分享|报告人|主讲")),
    ("authors", re.compile(r"author|^by$")),
    ("venue", re.compile(r"venue|conference|journal|published|proceedings|^where$|"
                         r"\bsource\b|^appear(?:s|ed)? in$")),
    ("year", re.compile(r"^(year|yr)$")),
    ("citation", re.compile(r"^(reference|citation|cite)s?$")),
    ("title", re.compile(r"paper|title|reading|article|publication|topic|to read|work|"
                         r"titel|titre|论文|题目|内容|" + _TOPIC_WORDS)),
]
_IGNORED = re.compile(r"^(week|#|no\.?|place|location|room|status|notes?|comments?|"
                      r"description|resources?|materials?|slides|links?|code|repo|blogs?|"
                      r"why.*|summary|video|recording)$")
_LEADING_DATE = re.compile(r"^\s*(?:\*\*)?(?:week\s*\d+\s*)?[(\[]?")
# "Week 3:", "Week 3, due Monday, April 15: …": the week (and "due" with its weekday)
_WEEK = re.compile(r"^\s*(?:(?:date|when)\s*:\s*)?"
                   r"(?:(?:week|session|lecture|meeting)\s*\d+\s*[:.,)\-–]?\s*)?"
                   r"(?:due\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?)?"
                   r"(?:(?:mon|tues|wed[a-z]{0,4}|thurs|fri|satur|sun)day,\s*)?",
                   re.IGNORECASE)  # "Week 3, due Monday, …", "Due Sept 7, 2017: …",
# "Tuesday, October 21, 2025: …" (and the page's own "Wedneday")
# "[1/14] …" on a page that names no year: a date that cannot be dated, still not the title
_SHORT_DATE = re.compile(r"^\s*\[?\d{1,2}/\d{1,2}\]?\s+")
# "(Optional Reading) …", "(GNN and WL) …": a tag before the citation, not part of it
_LEADING_TAG = re.compile(r"^\s*\((?=[^()]*[A-Za-z])[^()\d\s]+(?:\s[^()\d\s]+){1,4}\)\s+"
                          r"(?=[A-Z\[\"“])")
# "Title: …", "Paper: …": the field's value is the citation (it must then show it is one)
_FIELD_PREFIX = re.compile(r"^\s*(?:\*\*)?(?:title|paper|article)(?:\*\*)?\s*:\s*(?=\S)",
                           re.IGNORECASE)


@dataclass
class Candidate:
    """One paper as a block cites it, and what else the block says about it."""

    line: int
    ref: Reference
    ids: Ids = field(default_factory=Ids)
    dates: list[date] = field(default_factory=list)
    start: time | None = None
    end: time | None = None
    speaker: str = ""
    topic: str = ""  # a table row's Topic cell: the topic the paper is filed under


def _ignored(header: str) -> bool:
    """``Notes``, ``Slides & Code``, ``Notes and Resources``: columns that name no field."""
    words = [w for w in re.split(r"\s*(?:&|\band\b|/|,|\+)\s*", header) if w]
    return bool(words) and all(_IGNORED.match(w) for w in words)


def column_role(header: str) -> str:
    header = header.strip().lower()
    if not header or _ignored(header):
        return ""
    for role, pattern in _COLUMNS:
        if pattern.search(header):
            return role
    return ""


def leading_dates(text: str, ctx: Context) -> tuple[list[date], str]:
    """Dates the item starts with (``21/11/25 …``, ``[9/22] …``, ``Week 3 (Feb 2): …``)
    or ends with in brackets (``… (19 Dec 2020)``); the text without them."""
    days: list[date] = []
    stripped = _WEEK.sub("", text)
    found = find_dates(stripped, ctx, loose=True)
    if found and found[0].start <= 2:
        head = found[0]
        run = [f for f in found if f.start == head.start] or [head]
        days += [f.day for f in run]
        rest = stripped[max(f.end for f in run):]
        text = re.sub(r"^[\])\s:.,\-–—*]+", "", rest)
    found = find_dates(text, ctx)
    if found and found[-1].end >= len(text.rstrip(" )].")) - 1:
        last = found[-1]
        before = text[: last.start].rstrip()
        if before.endswith(("(", "[")):  # "… (19 Dec 2020)"
            days.append(last.day)
            text = before[:-1].rstrip(" ,;")
    return days, text


def from_text(block: Block, ctx: Context, *, bare: bool, heads: bool = False,
              titled: bool = False) -> list[Candidate]:
    """The paper(s) a list item or paragraph cites (may be none). ``bare``: the whole
    string may be a title on its own; ``heads``: the item has sub-items; ``titled``: the
    page labelled it a title (a table's "Title" column), as ``Title: …`` does."""
    if subs := _links_only(block):  # "Papers: [A](…)+[B](…)": a paper per link
        return [c for sub in subs for c in from_text(sub, ctx, bare=True, heads=heads)[:1]]
    days, text = leading_dates(block.text, ctx)
    if not days:
        text = _SHORT_DATE.sub("", text)
    text = _LEADING_TAG.sub("", text)
    labelled = titled or bool(_FIELD_PREFIX.match(text))
    text = _FIELD_PREFIX.sub("", text)
    start, end, t0, t1 = find_time_range(text)
    if t0 == 0 or (t0 >= 0 and t0 <= 2):
        text = re.sub(r"^[\s:,\-–—]+", "", text[t1:])
    else:
        start = end = None
    out = []
    for piece in split_papers(text):
        untitled: list[str] = []
        ref = parser.read(piece, emphasis=block.emphasis, links=[lk.text for lk in block.links],
                          untitled=untitled)
        if ref is None and bare and piece.strip():
            ref = bare_title(piece)
        if untitled:
            finder.mark_near(block)
        if ref is None or not ref.title or (NO_SESSION.search(piece) and ref.year is None):
            continue  # "Attend 11-632 Capstone Presentation (No Class)": no session, no paper
        ref = _without_site(ref, block.links)
        cand = Candidate(block.line, ref, find_ids([lk.url for lk in block.links], piece),
                         list(days), start, end)
        if finder.is_paper(ref, block, piece, heads=heads, labelled=labelled,
                           dated=bool(days), ids=bool(cand.ids), bare=bare):
            out.append(cand)
    return out


_JOINERS = re.compile(r"^(?:[\w ]{1,20}:)?(?:\s|[+,;&/|]|\band\b)*$", re.IGNORECASE)


def _links_only(block: Block) -> list[Block]:
    """``Papers: [A](…)+[B](…)+[C](…)``: a text that is two links of a title's length or
    more, joined only by signs or "and" (after a label), as one block per link."""
    titles = [lk for lk in block.links if len(lk.text.split()) >= 3]
    if len(titles) < 2 or len(titles) < len(block.links) or block.cells:
        return []
    rest = block.text
    for lk in titles:
        rest = rest.replace(lk.text, " ", 1)
    if not _JOINERS.match(rest):
        return []
    return [Block(block.line, "item", lk.text, links=(lk,)) for lk in titles]


_HOST = re.compile(r"^[a-z][\w+.\-]*://([^/?#]*)", re.IGNORECASE)  # (urlsplit raises on "[")
_SITE_TAIL = re.compile(r"\s+[-|–—:]\s+([^\W_][\w .&]{1,40}?)\.?$")


def _without_site(ref: Reference, links: tuple[Link, ...]) -> Reference:
    """``EVIDENCE FOR A DISTANT GIANT PLANET … - IOPscience`` linked to iopscience.iop.org:
    a link text copied from the browser's title bar ends with the site's name, which the
    link's own address names too; it is not part of the title."""
    m = _SITE_TAIL.search(ref.title)
    site = re.sub(r"\W", "", m.group(1).lower()) if m else ""
    hosts = [re.sub(r"\W", "", host.group(1).lower()) for lk in links
             if (host := _HOST.match(lk.url))]
    if len(site) < 3 or not any(site in host for host in hosts):
        return ref
    return replace(ref, title=ref.title[: m.start()].rstrip())  # type: ignore[union-attr]


def _column_roles(block: Block, ctx: Context) -> tuple[dict[str, Cell], list[Cell], Cell | None]:
    """The row's cells by role (``roles``), the cells no column names (``rest``), and the
    cell that is only the session's topic."""
    roles: dict[str, Cell] = {}
    rest: list[Cell] = []
    topic_cell = None
    for cell in block.cells:
        role = column_role(cell.header)
        if role == "title" and _topic_only(cell.header) and (
                topic_cell is None or _topic_rank(cell.header) < _topic_rank(topic_cell.header)):
            if topic_cell is not None:  # "| Lecture | Topic | Article |": "Mar 18", then
                rest.append(topic_cell)  # the topic
            topic_cell = cell  # "| Topic | … | Papers |": the papers column names them
        elif role == "title" and "title" in roles and (
                _topic_only(roles["title"].header) and not _topic_only(cell.header)
                or _a_date(roles["title"].text, ctx)):  # "| Start Reading | … | Title |"
            roles["title"] = cell
        elif role and role not in roles:
            roles[role] = cell
        elif role == "date" and not find_dates(roles["date"].text, ctx, loose=True):
            roles["date"] = cell  # "| Day | Date |": "T", then "21-Sep"
        elif not role and not _ignored(cell.header.strip().lower() or "-"):
            rest.append(cell)
    return roles, rest, topic_cell


def _a_date(text: str, ctx: Context) -> bool:
    """Is a cell only a date (``January 20``, ``Mar 3``), even one the page gives no year?"""
    year = ctx if ctx.year else Context(ctx.dayfirst, 2000)  # (any year: a date is a date)
    return len(text.split()) <= 4 and bool(find_dates(text, year, loose=True))


def _title_cell(block: Block, roles: dict[str, Cell], rest: list[Cell],
                topic_cell: Cell | None, ctx: Context) -> Cell | None:
    """The cell that names the paper (``roles``' citation is taken when it is that cell)."""
    title_cell = roles.get("title")
    if title_cell is None and topic_cell is not None:
        # "| Date | Topic | Notes and Resources |": the topic files the paper another cell
        # links to; a row whose only content is its topic is a lecture, not a paper
        used = [topic_cell, *roles.values()]
        title_cell = next((c for c in block.cells if all(c is not u for u in used)
                           and any(is_paper_url(lk.url) for lk in c.links)), None)
    if title_cell is None and "citation" in roles:
        title_cell = roles.pop("citation")  # "| Date | Reference |": the whole citation
    if title_cell is None and (topic_cell is None or not topic_cell.text):
        texts = [c for c in rest if c.text and not find_dates(c.text, ctx, loose=True)]
        title_cell = max(texts, key=_citation_likeness, default=None)
        if title_cell is None or not _citation_likeness(title_cell)[0]:
            # "- date: … / description: Iaia, C., … (2025). Title. arXiv": a column kept
            # for notes that holds a whole citation (authors and a year) names the paper
            cited = [c for c in block.cells if c.text and _ignored(c.header.strip().lower())
                     and _citation_likeness(c)[0]]
            title_cell = max(cited, key=_citation_likeness, default=title_cell)
    return title_cell


def from_row(block: Block, ctx: Context) -> list[Candidate]:
    """The paper a table row names, read by column."""
    roles, rest, topic_cell = _column_roles(block, ctx)
    topic = topic_cell.text if topic_cell else ""
    title_cell = _title_cell(block, roles, rest, topic_cell, ctx)
    if title_cell is None or not title_cell.text.strip():
        return []
    cands = _cell_candidates(block.line, title_cell, ctx)
    if not cands and _english_in_cjk_row(block.cells, title_cell):
        # "| 10-17 | 娄泽华 | A method for identifying references between projects in GitHub |":
        # an English title on a Chinese (Japanese, Korean) page is a paper's, even in
        # sentence case; drafted with its title to check
        cands = [Candidate(block.line, bare_title(title_cell.text.strip()))]
    if "date" not in roles and cands and (when := _date_cell(block.cells, title_cell, ctx)):
        roles["date"] = when  # "Time ∧ Location": "March 8th, 4-5pm in 3901 BBB"
    for cand in cands:
        _row_fields(cand, roles, ctx)
        cand.topic = re.sub(r"^\d{1,2}[.)]\s+", "", topic)
    if len(cands) == 1:
        cands[0].ids = cands[0].ids.merged(find_ids([lk.url for lk in block.links], ""))
    return cands


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _english_in_cjk_row(cells: tuple[Cell, ...], title_cell: Cell) -> bool:
    text = title_cell.text.strip()
    return (len(text.split()) >= 5 and bool(re.fullmatch(r"[A-Za-z0-9 ,:;'’\-?!()]+", text))
            and not PROSE.search(text)
            and any(_CJK.search(c.text) for c in cells if c is not title_cell))


_LABEL_ONLY = re.compile(r"[^:]{1,40}:")  # "Papers:", "Optional Readings:": a label alone
_CELL_LABEL = r"[\w'’][\w'’ ]{0,30}:"
_PAPER_LABEL = re.compile(r"papers?|readings?|articles?|references?", re.IGNORECASE)


def _cell_candidates(line: int, cell: Cell, ctx: Context) -> list[Candidate]:
    """The paper(s) a title cell names: one citation, or, when the cell is paper links
    and little else (``[A](…) or [B](…)``, ``IRL Notes (TBD) [Max-Ent IRL](….pdf)``,
    ``Notes: [A](….pdf). Related papers: [B](….pdf)``), one paper per link, titled by its
    text."""
    papers = [lk for lk in cell.links if is_paper_url(lk.url) and lk.text.strip()
              and not LINK_LABEL.match(lk.text.strip(" []()"))]
    rest = cell.text
    if len(papers) >= 2:  # bold notes beside the links: "**Quiz #1**", "**Plan due Monday**"
        for e in sorted(cell.emphasis, key=len, reverse=True):
            rest = rest.replace(e, " ")
    for lk in papers:
        rest = rest.replace(lk.text, " ")
    if listed := _labelled_links(cell):
        papers, rest = listed, ""
    if papers and (len(papers) >= 2 or not find_year(cell.text)) \
            and len(rest.split()) <= 4 and not find_year(rest):
        out = []
        for lk in papers:
            sub = Block(line, "item", lk.text, links=(lk,))
            got = from_text(sub, ctx, bare=True)[:1]
            if not got and listed and re.fullmatch(r"[A-Z][\w\-]{2,29}", lk.text.strip()):
                # "Related papers: …, [AlexNet](…)": a paper known by its nickname, drafted
                # with its title to check (a bare title's "# check:")
                got = [Candidate(line, bare_title(lk.text.strip()), find_ids([lk.url], ""))]
            out += got
        return out
    if len(cell.lines) >= 2 and len(got := _line_candidates(line, cell, ctx)) >= 2:
        return got
    if (one := _one_citation_line(line, cell, ctx)) is not None:
        return [one]
    sub = Block(line, "item", cell.text, links=cell.links, emphasis=cell.emphasis)
    return from_text(sub, ctx, bare=True, titled=_TITLE_HEADER.fullmatch(cell.header) is not None
                     )[:1]


# a column that holds the paper's title and nothing else: "Title", "Paper title"
_TITLE_HEADER = re.compile(r"(?:paper |article |reading )?titles?", re.IGNORECASE)


def _line_candidates(line: int, cell: Cell, ctx: Context) -> list[Candidate]:
    """A cell of several lines (``<br>``, paragraphs), each a citation of its own: one
    paper per line the reader finds a title in."""
    out = []
    head = next((k for k, t in enumerate(cell.lines)
                 if _LABEL_ONLY.fullmatch(t) and _PAPER_LABEL.search(t)), -1)
    links = list(cell.links)  # in order: each line's "Link" is its own
    for k, text in enumerate(cell.lines):
        mine, rest = [], text
        for lk in list(links):
            if lk.text and lk.text in rest:
                mine.append(lk)
                links.remove(lk)
                rest = rest.replace(lk.text, " ", 1)
        # "_Smart Home_ <br> Papers: <br> citation <br> citation": the lines under the label
        if k > head and not _LABEL_ONLY.fullmatch(text):
            sub = Block(line, "item", text, links=tuple(mine),
                        emphasis=tuple(e for e in cell.emphasis if e in text))
            out += from_text(sub, ctx, bare=False)[:1]
    return out


def _one_citation_line(line: int, cell: Cell, ctx: Context) -> Candidate | None:
    """``Joachim Krug <br> Title, Premal Shah et al., doi: … <br> http://…``: a cell of
    several lines, one of them a citation with its authors, and the
    others a few words each (a presenter, a link): the citation line alone is the paper,
    so the presenter is not read as its first author."""
    citations = [(k, text) for k, text in enumerate(cell.lines) if len(text.split()) > 4]
    if len(citations) != 1 or len(cell.lines) < 2:
        return None
    k, text = citations[0]
    sub = Block(line, "item", text, links=tuple(lk for lk in cell.links if lk.text in text),
                emphasis=tuple(e for e in cell.emphasis if e in text))
    got = from_text(sub, ctx, bare=False)[:1]
    if not got or not got[0].ref.authors:
        return None
    got[0].speaker = got[0].speaker or next(
        (t for t in cell.lines[:k] if not find_year(t) and "://" not in t), "")
    return got[0]


def _labelled_links(cell: Cell) -> list[Link]:
    """``Roger Grosse's notes: [A](…), [B](…). Related papers: [C](…), [D](…)``: a cell
    that is only labelled lists of links; the links listed under a papers/readings label
    (lecture notes, notebooks and slides are not papers). Empty for any other cell."""
    bare = cell.text
    for lk in cell.links:
        bare = bare.replace(lk.text, " ") if lk.text.strip() else bare
    dangling = rf"{_CELL_LABEL}(?=[\s,.;]*(?:$|{_CELL_LABEL}))"  # a label before links only
    if not re.search(_CELL_LABEL, bare) or any(
            re.search(r"\w", w) for w in re.sub(dangling, " ", bare).split()):
        return []
    out: list[Link] = []
    for m in re.finditer(_CELL_LABEL, cell.text):
        tail = cell.text[m.end():]
        nxt = re.search(_CELL_LABEL, tail)
        segment = tail[: nxt.start()] if nxt else tail
        if _PAPER_LABEL.search(m.group(0)):
            out += [lk for lk in cell.links if lk.text.strip() and lk.text in segment
                    and lk not in out and not LINK_LABEL.match(lk.text.strip(" []()"))]
    return out


def _topic_only(header: str) -> bool:
    return bool(re.search(_TOPIC_WORDS, header.lower())) and not re.search(
        r"paper|title|reading|article|publication", header.lower())


def _topic_rank(header: str) -> int:
    """A column named for its topic files papers before one named for its lecture."""
    return 1 if "lecture" in header.lower() else 0


def _citation_likeness(cell: Cell) -> tuple[bool, int]:
    """Without a title column, the cell that reads as a citation (authors and a year, or
    a link to a paper) wins over a longer cell of prose; then the longer one."""
    ref = parse_reference(cell.text)
    cites = bool(ref and ref.authors and ref.year) or any(is_paper_url(lk.url)
                                                          for lk in cell.links)
    return cites, len(cell.text)


def _date_cell(cells: tuple[Cell, ...], title_cell: Cell, ctx: Context) -> Cell | None:
    """Without a date column: the first other cell that starts with a full date."""
    for cell in cells:
        if cell is not title_cell and (found := find_dates(cell.text.strip(), ctx)) \
                and found[0].start == 0:
            return cell
    return None


def _row_fields(cand: Candidate, roles: dict[str, Cell], ctx: Context) -> None:

    ref = cand.ref
    if (cell := roles.get("citation")) and (cited := parser.read_fields(cell.text)):
        # "Title: …" / "Reference: J. Maciejko, …, Ann. Rev. … (2011)": what the title lacks
        ref = replace(ref, authors=ref.authors or cited.authors, et_al=ref.et_al or cited.et_al,
                      year=ref.year or cited.year, venue=ref.venue or cited.venue)
    if (cell := roles.get("authors")) and cell.text and not ref.authors:
        names, et_al = split_names(cell.text)
        if names:
            ref = replace(ref, authors=names, et_al=et_al)
    for role in ("venue", "year", "date"):
        cell = roles.get(role)
        if cell is None or not cell.text:
            continue
        year = find_year(cell.text)
        if role == "date":
            days = [f.day for f in find_dates(cell.text, ctx, loose=True)]
            if days:
                cand.dates += [d for d in days if d not in cand.dates]
                continue
        if year and ref.year is None:
            ref = replace(ref, year=year)
        if role == "venue" and not ref.venue:
            ref = replace(ref, venue=re.sub(r"\s*['’]?\d{2,4}\s*$", "", cell.text).strip())
    if (cell := roles.get("time")) and cell.text:
        start, end, _, _ = find_time_range(cell.text)
        cand.start, cand.end = start, end
    if (cell := roles.get("speaker")) and cell.text:
        cand.speaker = cell.text
    cand.ref = ref
