"""Draft a syllabus from a seminar web page: ``papergraph import``.

:func:`import_page` reads a page (``.txt``, ``.md``, ``.html`` file or an ``http(s)://``
URL), turns it into a flat list of *blocks* (headings, list items, prose lines, each with
its line number) and drafts a :class:`~papergraph.models.Syllabus` from them:

* the first line (text), first ``#`` heading (Markdown) or ``<h1>``/``<title>`` (HTML) is
  the seminar title;
* ``DD.MM.YYYY`` date lines followed by ``HH:MM-HH:MM: …`` lines are talks; a talk is
  linked to the listed paper it names by fuzzy title match, or becomes a paper of its own;
* sections that are not the reading list (News, Time plan, Focus, Pre-requisites, …) are
  recognised by their heading: the time plan becomes ``seminar.milestones``, the focus list
  ``seminar.focus_topics``, everything else in them is reported as not placed;
* in the reading list, headings become areas and topics and list items papers (shapes
  ``Title. Authors, VENUE YEAR``, ``Title, Authors, VENUE YEAR``, ``Authors: Title``).

Every non-empty line that did not become part of the syllabus is returned in
:attr:`ImportResult.unplaced` with its line number: nothing is dropped silently.
The draft is only what the page says: no ids, no published metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from .errors import (
    InputError,
    NetworkUnavailable,
    NotFound,
    Problem,
    SourceError,
)
from .files import read_user_file
from .models import (
    Area,
    Milestone,
    Paper,
    Seminar,
    Syllabus,
    Talk,
    Topic,
    normalize_title,
    slugify,
    surname,
)

Kind = Literal["heading", "item", "text"]
Format = Literal["txt", "md", "html"]

_EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html",
}
FETCH_TIMEOUT = 20.0  # seconds, for http(s) sources


@dataclass(frozen=True)
class ImportResult:
    """A drafted syllabus and what the importer could not place.

    ``unplaced`` holds ``(line_no, text)`` for every non-empty line of the page that is
    not part of the draft; ``warnings`` are ``SOURCE:LINE: warning: …`` messages about
    guesses the user should check (e.g. a talk whose paper is not in the reading list).
    """

    syllabus: Syllabus
    unplaced: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One logical line of the page: a heading (with its level, if the format has levels),
    a list item, or a line of prose."""

    line: int
    kind: Kind
    text: str
    level: int | None = None


# --------------------------------------------------------------------------- reading


def import_page(source: str) -> ImportResult:
    """Draft a syllabus from the seminar page at ``source`` (file path or http(s) URL).

    Raises :class:`InputError` for a missing/unreadable file or an unsupported type,
    :class:`NotFound`/:class:`SourceError`/:class:`NetworkUnavailable` for HTTP failures.
    """
    text, fmt, url = read_source(source)
    return import_text(text, fmt, source=source, url=url)


def import_text(text: str, fmt: Format, *, source: str = "<page>", url: str = "") -> ImportResult:
    """Draft a syllabus from page ``text`` in format ``fmt`` (``"txt"``, ``"md"``, ``"html"``)."""
    if fmt == "html":
        blocks, html_title = _html_blocks(text)
    elif fmt == "md":
        blocks, html_title = _markdown_blocks(text), ""
    else:
        blocks, html_title = _text_blocks(text), ""
    return _Drafter(blocks, source, leveled=fmt != "txt", url=url, html_title=html_title).run()


def read_source(source: str) -> tuple[str, Format, str]:
    """The text of ``source``, its format and its URL ("" for a local file)."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        text, fmt = _fetch(source)
        return text, fmt, source
    path = Path(source)
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise InputError(Problem(source, None, f"unsupported page type ({shown}): expected "
                                               ".txt, .md, .html or an http(s):// URL"))
    return read_user_file(path, source, what="page"), fmt, ""


def _fetch(url: str) -> tuple[str, Format]:
    import requests

    try:
        response = requests.get(url, timeout=FETCH_TIMEOUT,
                                headers={"User-Agent": "papergraph-import"})
    except requests.ConnectionError as exc:
        reason = "connection refused" if "refused" in str(exc).lower() else "cannot connect"
        raise NetworkUnavailable(f"{url}: {reason}") from None
    except requests.Timeout:
        raise NetworkUnavailable(f"{url}: no answer within {FETCH_TIMEOUT:g} s") from None
    except requests.RequestException as exc:
        raise SourceError(f"{url}: {type(exc).__name__}") from None
    if response.status_code == 404:
        raise NotFound(f"{url}: HTTP 404 Not Found")
    if response.status_code >= 400:
        raise SourceError(f"{url}: HTTP {response.status_code} {response.reason}")
    ctype = response.headers.get("Content-Type", "").lower()
    encoding = response.encoding if "charset=" in ctype else "utf-8"
    text = response.content.decode(encoding or "utf-8", errors="replace")
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    fmt = _EXTENSIONS.get(suffix)
    if fmt is None:
        if "markdown" in ctype:
            fmt = "md"
        elif "text/plain" in ctype:
            fmt = "txt"
        else:
            fmt = "html"
    return text, fmt


# --------------------------------------------------------------------------- blocks

_BULLET = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)]|\[\d{1,3}\]|\(\d{1,3}\))\s+(?P<rest>\S.*)$")


def _text_blocks(text: str) -> list[Block]:
    """Plain text: list lines are items, every other line is a heading candidate."""
    blocks = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if m := _BULLET.match(line):
            blocks.append(Block(lineno, "item", m.group("rest").strip()))
        else:
            blocks.append(Block(lineno, "text", line))
    return blocks


def _markdown_blocks(text: str) -> list[Block]:
    """Markdown (CommonMark, via markdown-it-py): ``#`` headings, list items, prose lines."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    heading: int | None = None
    items = 0
    for tok in tokens:
        if tok.type == "heading_open":
            heading = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading = None
        elif tok.type == "list_item_open":
            items += 1
        elif tok.type == "list_item_close":
            items -= 1
        elif tok.type == "inline" and tok.map:
            lines = _inline_lines(tok)
            if heading is not None:
                blocks.append(Block(tok.map[0] + 1, "heading", " ".join(lines), heading))
            elif items:
                blocks.append(Block(tok.map[0] + 1, "item", " ".join(lines)))
            else:
                blocks += [Block(tok.map[0] + 1 + i, "text", s) for i, s in enumerate(lines) if s]
        elif tok.type in ("fence", "code_block", "html_block") and tok.map:
            for i, s in enumerate(tok.content.splitlines()):
                if s.strip():
                    blocks.append(Block(tok.map[0] + 1 + i, "text", s.strip()))
    return blocks


def _inline_lines(tok) -> list[str]:  # noqa: ANN001 - markdown_it Token
    lines, cur = [], []
    for child in tok.children or ():
        if child.type in ("softbreak", "hardbreak"):
            lines.append("".join(cur))
            cur = []
        elif child.type in ("text", "code_inline"):
            cur.append(child.content)
    lines.append("".join(cur))
    return [" ".join(s.split()) for s in lines]


_HTML_BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "section",
    "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre", "body",
    "h1", "h2", "h3", "h4", "h5", "h6", "title", "figure", "figcaption", "form",
}
_HTML_VOID_BREAK = {"br", "hr"}
_HTML_SKIP = {"script", "style", "noscript", "template"}


class _HTMLBlocks(HTMLParser):
    """Flattens HTML into blocks: h1–h4 are headings, ``<li>`` items, anything else prose.
    Each block carries the source line of its first character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.line = 0
        self.skip = 0

    def _kind(self) -> tuple[Kind | Literal["title"], int | None]:
        for tag in reversed(self.stack):
            if tag == "title":
                return "title", None
            if tag in ("h1", "h2", "h3", "h4"):
                return "heading", int(tag[1])
            if tag == "li":
                return "item", None
        return "text", None

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        self.parts = []
        if not text:
            return
        kind, level = self._kind()
        if kind == "title":
            self.title = self.title or text
        else:
            self.blocks.append(Block(self.line, kind, text, level))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HTML_SKIP:
            self.skip += 1
        elif tag in _HTML_VOID_BREAK:
            self.flush()
        elif tag in _HTML_BLOCK:
            self.flush()
            if tag in ("li", "p", "dt", "dd") and self.stack and self.stack[-1] == tag:
                self.stack.pop()  # an implicitly closed <li> / <p>
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _HTML_BLOCK:
            self.flush()
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass

    def handle_data(self, data: str) -> None:
        if self.skip or not data.strip():
            if self.parts and data:
                self.parts.append(" ")
            return
        if not self.parts:
            lead = data[: len(data) - len(data.lstrip())]
            self.line = self.getpos()[0] + lead.count("\n")
        self.parts.append(data)


def _html_blocks(text: str) -> tuple[list[Block], str]:
    parser = _HTMLBlocks()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.blocks, parser.title


# --------------------------------------------------------------------------- line shapes

_DATE_DMY = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\.(\d{1,2})\.(\d{4}):?$")
_DATE_ISO = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{4})-(\d{2})-(\d{2}):?$")
_SLOT = re.compile(
    r"^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})(?:\s*h\b)?\s*[:,]?\s+(?P<rest>\S.*)$"
)
_MILESTONE = re.compile(r"^(?P<when>[^:]{1,40}?)\s*:\s+(?P<what>\S.*)$")

_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("papers", re.compile(r"^(paper|reading|literature|bibliography|references|papers)\b")),
    ("schedule", re.compile(
        r"^((final )?presentations?|schedule|talks|programme|program|sessions)\b")),
    ("timeplan", re.compile(
        r"^(time ?plan|timeline|timetable|(important )?dates|deadlines|milestones)\b")),
    ("focus", re.compile(r"^(focus( of( the)? seminar)?|about( the seminar)?|overview|"
                         r"contents?|goals?|aims?|description)$")),
    ("news", re.compile(r"^(news|announcements?|updates?)$")),
    ("prereq", re.compile(r"^(pre ?requisites?|requirements|prior knowledge)$")),
    ("other", re.compile(r"^(organi[sz]ation|contact|registration|grading|assessment|"
                         r"format|materials?|links?)$")),
]


def _section_kind(heading: str) -> str | None:
    text = re.sub(r"\([^)]*\)", " ", heading.lower())  # "Paper List (tentative)"
    text = " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())
    for kind, pattern in _SECTIONS:
        if pattern.search(text):
            return kind
    return None


def _parse_date(text: str) -> date | None | Literal[False]:
    """A date line's date; None if the line is not a date line; False if malformed."""
    text = text.strip().strip("*_ ")
    if m := _DATE_DMY.match(text):
        d, mo, y = (int(x) for x in m.groups())
    elif m := _DATE_ISO.match(text):
        y, mo, d = (int(x) for x in m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return False


# --------------------------------------------------------------------------- paper lines

_PARTICLES = {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le",
              "ter", "ten", "dos", "das", "bin", "al", "el", "y"}
# Capitalised words that start or fill paper titles but are not parts of names: they keep
# a title such as "Neural Tangent Kernel: ..." from being read as an author list.
_TITLE_WORDS_TEXT = """
a an the on of in for to and with via from by at as is are can what why how does do when
towards toward beyond going into using over under without through part
neural network networks deep learning learn learned kernel kernels analysis theory
theoretical convergence gradient descent optimization optimisation generalization
generalisation training model models understanding random features adversarial linear
nonlinear stochastic bound bounds complexity sample data power efficient efficiently
provable provably parameterization parameterized algorithm algorithms approach minimax
matrix rnn rnns resnet resnets relu dimension regularization regularisation memorization
memorisation tangent small large better new robust robustness interpolation effectiveness
modern lipschitz augmentation methods method problem problems machine statistical
inference graph graphs attention transformer transformers language vision image
reinforcement policy optimal generative estimation classification recurrent
convolutional function functions introduction review survey tight nearly fast faster
global local infinite wide width depth sgd gan gans bayesian loss landscape
"""
_TITLE_WORDS = frozenset(_TITLE_WORDS_TEXT.split())
_INITIAL = re.compile(r"^[A-Z]\.(?:-?[A-Z]\.)*$")
_ET_AL = re.compile(r"[,\s]*\bet\s+al\b\.?$", re.IGNORECASE)
_AUTHOR_SEP = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|,|;|\s+and\s+|\s+&\s+)\s*")
_YEAR_TAIL = re.compile(
    r"(?:^|(?<=[.,;:?!(]))\s*(?:[Ii]n\s+)?(?P<venue>[^.,;:?!()]*?)(?:\s*,)?\s*\(?"
    r"(?P<year>(?:19|20)\d{2})\)?\s*\.?\s*$"
)


@dataclass(frozen=True)
class PaperLine:
    """A paper as one line of the page cites it."""

    title: str
    authors: tuple[str, ...] = ()
    et_al: bool = False
    venue: str = ""
    year: int | None = None


def _is_name(part: str) -> bool:
    tokens = part.split()
    if not 2 <= len(tokens) <= 5:
        return False
    for i, tok in enumerate(tokens):
        last = i == len(tokens) - 1
        if tok.lower() in _PARTICLES and tok[0].islower() and not last:
            continue
        if _INITIAL.match(tok) and not last:
            continue
        word = tok.replace("-", "").replace("'", "").replace("’", "")
        if not word.isalpha() or not tok[0].isupper() or tok.lower() in _TITLE_WORDS:
            return False
        if len(word) > 1 and word.isupper():  # "SGD", "VC": acronyms, not names
            return False
    return True


def parse_authors(text: str) -> tuple[tuple[str, ...], bool] | None:
    """``"Colin Wei and Tengyu Ma"`` -> ``(("Colin Wei", "Tengyu Ma"), False)``;
    ``"Ruiqi Gao et al."`` -> ``(("Ruiqi Gao",), True)``; None if not an author list."""
    text = text.strip().rstrip(",;")
    et_al = False
    if m := _ET_AL.search(text):
        et_al, text = True, text[: m.start()]
    text = text.strip().rstrip(".,;").strip()
    if not text:
        return None
    parts = [p.strip() for p in _AUTHOR_SEP.split(text)]
    if not all(_is_name(p) for p in parts):
        return None
    return tuple(parts), et_al


def _clean_title(text: str) -> str:
    text = text.strip().strip("\"“”'‘’").strip()
    text = text.rstrip(",;:").rstrip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text.strip("\"“”'‘’").strip()


def _split_head(head: str) -> tuple[str, tuple[str, ...], bool] | None:
    """Split ``Title. Authors`` / ``Authors: Title`` / ``Title, Authors`` (no venue/year)."""
    colon = re.search(r":\s+", head)
    before = parse_authors(head[: colon.start()]) if colon else None
    if colon and before and (len(before[0]) > 1 or before[1]):
        return _clean_title(head[colon.end():]), *before
    # "Title. Authors" / "Title? Authors" / "Title, Authors": the earliest split whose
    # rest is an author list wins; a period after an initial ("J. Zico Kolter") is no split
    for m in re.finditer(r"(?<!\b[A-Z])[.?!]\s+|,\s+", head):
        title, names = head[: m.end()], parse_authors(head[m.end():])
        if names and _clean_title(title):
            return _clean_title(title), *names
    if colon and before:
        return _clean_title(head[colon.end():]), *before
    return None


def parse_paper_line(text: str) -> PaperLine | None:
    """Parse one reading-list line; None if it has neither an author list nor a year."""
    text = " ".join(text.split())
    venue, year, head = "", None, text
    if m := _YEAR_TAIL.search(text):
        venue, year = m.group("venue").strip(), int(m.group("year"))
        if venue and parse_authors(venue):  # "Title. Ohad Shamir 2018": no venue given
            venue, head = "", text[: m.start("year")]
        else:
            head = text[: m.start()]
        head = head.rstrip(" (")
    head = head.strip().rstrip(".,;:(").strip()
    split = _split_head(head)
    if split:
        title, authors, et_al = split
        if title:
            return PaperLine(title, authors, et_al, venue, year)
    if year is not None and head and len(head.split()) >= 2:
        return PaperLine(_clean_title(head), (), False, venue, year)
    return None


# --------------------------------------------------------------------------- keys

_KEY_STOP = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "is",
             "are", "can", "what", "how", "why", "do", "does", "towards", "toward", "from",
             "by", "at", "as", "beyond", "into", "when", "which", "we", "our", "its"}


def paper_key(authors: tuple[str, ...], year: int | None, title: str, taken: set[str]) -> str:
    """``surname`` of the first author + year + first significant title word, made unique
    with a ``b``, ``c``, … suffix: ``arora2019fine``."""
    first = slugify(surname(authors[0])).replace("-", "") if authors else ""
    words = [w for w in normalize_title(title).split() if w not in _KEY_STOP]
    base = f"{first}{year or ''}{words[0] if words else ''}" or "paper"
    key, n = base, 1
    while key in taken:
        n += 1
        key = base + (chr(ord("a") + n - 1) if n <= 26 else str(n))
    taken.add(key)
    return key


# --------------------------------------------------------------------------- drafting


@dataclass
class _Topic:
    title: str
    question: str
    area: str
    line: int
    papers: list[str] = field(default_factory=list)


@dataclass
class _Talk:
    line: int
    day: date
    start: time
    end: time
    text: str
    paper: PaperLine | None


class _Drafter:
    def __init__(self, blocks: list[Block], source: str, *, leveled: bool, url: str,
                 html_title: str):
        self.blocks, self.source, self.leveled = blocks, source, leveled
        self.url, self.html_title = url, html_title
        self.unplaced: list[tuple[int, str]] = []
        self.warnings: list[tuple[int, str]] = []
        self.areas: list[tuple[str, str]] = []  # (slug, title)
        self.area_level: int | None = None
        self.current_area: str | None = None
        self.topics: list[_Topic] = []
        self.papers: dict[str, Paper] = {}
        self.by_title: dict[str, str] = {}
        self.keys: set[str] = set()
        self.talks: list[_Talk] = []
        self.milestones: list[Milestone] = []
        self.focus: list[str] = []
        self.run_heads: list[Block] = []
        self.run_papers: list[tuple[Block, PaperLine]] = []
        self.fallback = "Papers"

    # -- helpers
    def skip(self, block: Block, text: str | None = None) -> None:
        self.unplaced.append((block.line, text if text is not None else block.text))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def _heading_like(self, block: Block) -> bool:
        if self.leveled:
            return block.kind == "heading"
        text = block.text
        return block.kind == "text" and len(text) <= 120 and not text.endswith((".", ","))

    def _title_block(self) -> Block | None:
        if self.leveled:
            for b in self.blocks:
                if b.kind == "heading" and b.level == 1:
                    return b
            if self.html_title:
                return None
        return self.blocks[0] if self.blocks else None

    # -- main loop
    def run(self) -> ImportResult:
        title_block = self._title_block()
        title = title_block.text if title_block else self.html_title
        section, section_level = "papers", 0
        day: date | None = None
        for b in self.blocks:
            if b is title_block:
                continue
            parsed_day = _parse_date(b.text)
            if parsed_day is False:
                self.warn(b.line, f"not a valid date: {b.text}")
                self.skip(b)
                continue
            if parsed_day is not None:
                day = parsed_day
                continue
            if (slot := _SLOT.match(b.text)) and b.kind != "heading":
                self._slot(b, slot, day)
                continue
            if self._heading_like(b):
                kind = _section_kind(b.text)
                if kind is not None:
                    self._flush_run()
                    section, section_level = kind, b.level or 0
                    if kind == "papers":
                        self.fallback = b.text
                    continue
                if self.leveled and section != "papers" and (b.level or 0) <= section_level:
                    section, section_level = "papers", 0
            if section == "papers":
                self._reading(b)
            elif section == "timeplan":
                self._milestone(b)
            elif section == "focus" and b.kind == "item":
                self.focus.append(b.text)
            else:
                self.skip(b)
        self._flush_run()
        return self._result(title)

    def _slot(self, b: Block, m: re.Match[str], day: date | None) -> None:
        h1, m1, h2, m2 = (int(x) for x in m.groups()[:4])
        if day is None:
            self.warn(b.line, "schedule line before any date line")
            self.skip(b)
            return
        if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60) or (h2, m2) <= (h1, m1):
            self.warn(b.line, "not a valid time slot")
            self.skip(b)
            return
        rest = m.group("rest").strip()
        self.talks.append(_Talk(b.line, day, time(h1, m1), time(h2, m2), rest,
                                parse_paper_line(rest)))

    def _milestone(self, b: Block) -> None:
        for piece in (p.strip() for p in b.text.split("•")):
            m = _MILESTONE.match(piece)
            if piece and m and re.search(r"\d", m.group("when")):
                self.milestones.append(Milestone(m.group("when").strip(), m.group("what")))
            elif piece:
                self.skip(b, piece)

    def _reading(self, b: Block) -> None:
        if b.kind == "item" or (not self._heading_like(b)):
            paper = parse_paper_line(b.text)
            full = paper is not None and paper.authors and paper.year is not None
            if paper is not None and (b.kind == "item" or full):
                self.run_papers.append((b, paper))
            else:
                self.skip(b)
            return
        # a heading (or heading-like text line) -- unless it is a whole citation
        paper = parse_paper_line(b.text)
        if not self.leveled and paper and paper.authors and paper.year is not None:
            self.run_papers.append((b, paper))
            return
        if self.run_papers:
            self._flush_run()
        self.run_heads.append(b)

    # -- topic tree
    def _flush_run(self) -> None:
        heads, papers = self.run_heads, self.run_papers
        self.run_heads, self.run_papers = [], []
        if not papers:
            for h in heads:
                self.skip(h)
            return
        keys = [self._paper(b, p) for b, p in papers]
        if not heads:
            self._topic_for(None, keys, papers[0][0].line)
            return
        if self.leveled:
            level = heads[-1].level
            tail = 0
            while tail < len(heads) and heads[-1 - tail].level == level:
                tail += 1
            pair = len(keys) >= 2 and tail >= len(keys)
        else:
            tail = len(heads)
            m = len(keys)
            questions = all(": " in h.text for h in heads[-m:])
            pair = m >= 2 and (tail >= m + 1 or (tail == m and questions))
        if pair:
            n = len(keys)
            topic_heads, rest = heads[-n:], heads[:-n]
            groups = [[k] for k in keys]
        else:
            topic_heads, rest = heads[-1:], heads[:-1]
            groups = [keys]
        tlevel = topic_heads[0].level
        if self.leveled:
            # same-level headings before the topics are empty topics: not placed
            while rest and rest[-1].level == tlevel:
                self.skip(rest.pop())
            areas = [h for h in rest if (h.level or 0) < (tlevel or 0)]
            for h in rest:
                if not areas or h is not areas[-1]:
                    self.skip(h)
            if areas:
                self._open_area(areas[-1].text, areas[-1].level)
            elif self.area_level is not None and self.area_level >= (tlevel or 0):
                self.current_area = None
        elif rest:
            for h in rest[:-1]:
                self.skip(h)
            self._open_area(rest[-1].text, None)
        for head, group in zip(topic_heads, groups, strict=True):
            self._topic_for(head, group, head.line)

    def _open_area(self, title: str, level: int | None) -> None:
        slug = _unique(slugify(title) or "area", {s for s, _ in self.areas})
        self.areas.append((slug, title))
        self.current_area, self.area_level = slug, level

    def _topic_for(self, head: Block | None, keys: list[str], line: int) -> None:
        if self.current_area is None:
            self._open_area(self.fallback, 0)
        assert self.current_area is not None
        if head is None:
            title, question = self.fallback, ""
        else:
            text = head.text.strip().rstrip(":").strip()
            title, _, question = (s.strip() for s in text.partition(": "))
        self.topics.append(_Topic(title or self.fallback, question, self.current_area, line,
                                  list(dict.fromkeys(keys))))

    def _paper(self, b: Block, p: PaperLine) -> str:
        norm = normalize_title(p.title)
        if norm in self.by_title:
            return self.by_title[norm]
        key = paper_key(p.authors, p.year, p.title, self.keys)
        self.papers[key] = Paper(key=key, title=p.title, authors=p.authors, et_al=p.et_al,
                                 venue=p.venue, year=p.year)
        self.by_title[norm] = key
        if not p.authors:
            self.warn(b.line, f"paper {key}: no authors recognised")
        return key

    # -- talks
    def _link_talks(self) -> list[Talk]:
        from rapidfuzz import fuzz, process

        listed = {k: normalize_title(p.title) for k, p in self.papers.items()}
        talks: list[Talk] = []
        for t in self.talks:
            guess = normalize_title(t.paper.title if t.paper else t.text)
            best = process.extractOne(guess, listed, scorer=fuzz.token_sort_ratio,
                                      score_cutoff=90) if guess else None
            if best is None:
                whole = normalize_title(t.text)
                best = process.extractOne(whole, {k: v for k, v in listed.items()
                                                  if len(v) >= 20},
                                          scorer=fuzz.partial_ratio, score_cutoff=95)
            if best is not None:
                key = best[2]
            else:
                p = t.paper or PaperLine(_clean_title(t.text))
                key = self._paper(Block(t.line, "text", t.text), p)
                listed[key] = normalize_title(p.title)
                self.warn(t.line, f"talk's paper is not in the reading list: added {key} "
                                  "as a paper in no topic")
            talks.append(Talk(t.day, t.start, t.end, key))
        return talks

    def _drop_overlaps(self, talks: list[Talk]) -> list[Talk]:
        kept: list[Talk] = []
        order = sorted(range(len(talks)), key=lambda i: (talks[i].date, talks[i].start))
        dropped: set[int] = set()
        last: Talk | None = None
        for i in order:
            t = talks[i]
            if last and last.date == t.date and t.start < last.end:
                dropped.add(i)
                self.warn(self.talks[i].line, f"talk overlaps the talk at {last.start:%H:%M} "
                                              f"on {last.date}: not placed")
                self.unplaced.append((self.talks[i].line, self.talks[i].text))
                continue
            last = t
        kept = [t for i, t in enumerate(talks) if i not in dropped]
        return kept

    def _result(self, title: str) -> ImportResult:
        talks = self._drop_overlaps(self._link_talks())
        topic_slugs: set[str] = set()
        topics = []
        for t in self.topics:
            slug = _unique(slugify(t.title) or "topic", topic_slugs)
            topics.append(Topic(slug, t.title, t.area, t.question, tuple(t.papers)))
        if not title:
            self.warn(1, "no seminar title found")
        if not self.papers:
            self.warn(1, "no papers found: is this the seminar's reading list?")
        seminar = Seminar(title=title or "Untitled seminar", url=self.url,
                          milestones=tuple(self.milestones), focus_topics=tuple(self.focus))
        syllabus = Syllabus(
            seminar=seminar,
            areas=tuple(Area(s, t) for s, t in self.areas),
            topics=tuple(topics),
            papers=tuple(self.papers.values()),
            talks=tuple(talks),
            source=self.source,
        )
        unplaced = tuple(sorted(self.unplaced))
        warnings = tuple(f"{self.source}:{line}: warning: {message}"
                         for line, message in sorted(self.warnings, key=lambda w: w[0]))
        return ImportResult(syllabus, unplaced, warnings)


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


__all__ = ["Block", "ImportResult", "PaperLine", "import_page", "import_text",
           "paper_key", "parse_authors", "parse_paper_line", "read_source"]
