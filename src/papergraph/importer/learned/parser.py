"""One citation string -> a :class:`~papergraph.importer.refs.Reference`, by the tagger.

The tagger labels the tokens (:mod:`.tagger`), this module picks the title, the author
list, the venue and the year out of the labelled runs, and says how sure it is: the
tagger's own marginal probabilities, shown as ``# check:`` comments when low.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..refs import LINK_LABEL, Reference, find_year
from . import lexicon, normalize, tagger
from .tokens import Token, is_word, tokenize

DOUBT_BELOW = 0.75


def _title_range(labels: Sequence[str]) -> tuple[int, int] | None:
    """The longest run of title tokens, joined with title runs at most two tokens away."""
    runs = [(a, b) for label, a, b in tagger.spans(range(len(labels)), labels)  # type: ignore[arg-type]
            if label == "title"]
    if not runs:
        return None
    best = max(range(len(runs)), key=lambda k: runs[k][1] - runs[k][0])
    a, b = runs[best]
    for ra, rb in runs[best + 1:]:
        if ra - b > 2:
            break
        b = rb
    for ra, rb in reversed(runs[:best]):
        if a - rb > 2:
            break
        a = ra
    return a, b


_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_PENDING = {"to appear", "in press", "forthcoming", "submitted", "in prep", "ms"}


def _cited_head(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                ) -> tuple[int, int]:
    """``Heim 1983 "On the projection problem …"``, ``Norris to appear "…"``: a title run
    that opens with capitalised names and a year (or "to appear") right before a quotation
    is the quotation; the names are its authors, the year its date (``labels`` updated)."""
    a, b = span
    quote = next((i for i in range(a, b) if "quote" in tokens[i].marks), None)
    if quote == a and "author" not in labels[:a]:  # 'Merchant 2015 ["…"](url)': the tagger
        a = 0  # left the names and the year out of the title run, but found no authors
    if quote is None or quote - a < 2 or quote - a > 12:
        return span
    words = [t.text for t in tokens[a:quote]]
    k = next((j for j in range(1, len(words)) if re.fullmatch(r"(?:19|20)\d\d[a-z]?", words[j])
              or " ".join(words[j:j + 2]).lower() in _PENDING or words[j].lower() in _PENDING),
             None)
    if k is None or a + k >= quote or any(w[:1].islower() and w not in ("and", "&", "et", "al")
                                          for w in words[:k] if is_word(w)):
        return span
    for i in range(a, quote):
        labels[i] = "author" if i < a + k else "date"
    return quote, b


def _year_colon_head(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                     ) -> tuple[int, int]:
    """``Rubin and Berant 2021: SmBoP: …``, ``Komeili, Shuster, and Weston 2021: …``: a
    title run that opens with capitalised names and a year before a colon opens with
    its authors and date (``labels`` updated)."""
    a, b = span
    colon = next((i for i in range(a + 2, min(b - 1, a + 14)) if tokens[i].text == ":"), None)
    if colon is None or not re.fullmatch(r"(?:19|20)\d\d[a-z]?", tokens[colon - 1].text):
        return span
    words = [tokens[i].text for i in range(a, colon - 1)]
    if not words[0][:1].isupper() or any(
            w[:1].islower() and w not in ("and", "et", "al") for w in words if is_word(w)):
        return span
    given, family = lexicon.names()
    if len(words) > 1 and not {",", "&", "and", "et"} & set(words) and not all(
            w.lower() in family or w.lower() in given for w in words if is_word(w)):
        return span  # "Deep Learning 2016: …" names no one
    for i in range(a, colon + 1):
        labels[i] = "author" if i < colon - 1 else "date" if i < colon else "other"
    return colon + 1, b


def _quoted_part(tokens: Sequence[Token], span: tuple[int, int]) -> tuple[int, int]:
    """A title run that holds a quoted title and more (``"Mash: …" doi:…``) is the quoted
    title: quotes are the page's own mark of where a title ends."""
    a, b = span
    quoted = [i for i in range(a, b) if "quote" in tokens[i].marks]
    before = [i for i in range(a, quoted[0]) if is_word(tokens[i].text)] if quoted else []
    if before and not _cite_link(tokens, before, quoted):
        return span  # 'The “industrial revolution” in the home: …': a quote inside a title
    if quoted and quoted[-1] + 1 < b and tokens[quoted[-1] - 1].text in ("?", "!") \
            and tokens[quoted[-1] + 1].text[:1].isupper():
        return span  # '“Why lose control?” A Study of …': a quoted question opens the title
    if len(quoted) >= 2 and len(quoted) < b - a and quoted[-1] - quoted[0] + 1 == len(quoted) \
            and (quoted[0] <= a + 1 or sum(tokens[i].text[:1].isalnum() for i in quoted) > 2):
        # (a word or two in quotes inside a title is the title's own: 'the "evidence cart"')
        after = quoted[-1] + 1
        if quoted[0] <= a + 1 and after < b and tokens[after].text == ":":
            return span  # '"Can I Not Be Suicidal on a Sunday?": Understanding …'
        return quoted[0], quoted[-1] + 1
    return span


def _cite_link(tokens: Sequence[Token], before: list[int], quoted: list[int]) -> bool:
    """``[Koop et al. 2000 (Nature 406)](doi): "Title"``: the words before the quotation are
    a link's text and the quotation is not: the link cites, the quotation is the title."""
    return all("link" in tokens[i].marks for i in before) and not any(
        "link" in tokens[i].marks for i in quoted)


_NAME_GLUE = {"-", "'", "’", ",", "and", "&", "."}


def _names_at_end(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                  ) -> tuple[int, int]:
    """``Title. Ruiqi Gao et al.``: when the title run ends in a sentence of capitalised
    words right before the authors, that sentence is the first author's name (the tagger
    is unsure at that boundary). ``labels`` is updated; the title's new span returned."""
    a, b = span
    if b >= len(labels) or labels[b] != "author":
        return span
    stop = max((i for i in range(a, b) if tokens[i].text in ".?!"), default=-1)
    comma = max((i for i in range(a, b) if tokens[i].text == ","), default=-1)
    if comma > stop and b - comma <= 3:  # "Title, Premal Shah et al.": a given name cut off
        stop = comma
    tail = range(stop + 1, b)
    if stop < 0 or not 1 <= len(tail) <= 12 or not tokens[tail[0]].text[:1].isupper() or \
            not all(tokens[i].text[:1].isupper() or tokens[i].text in _NAME_GLUE for i in tail):
        return span
    for i in tail:
        labels[i] = "author"
    return a, stop + 1


def _colon_ends_names(tokens: Sequence[Token], labels: list[str]) -> None:
    """``Cagri Balkesen, Gustavo Alonso: Multi-Core, Main-Memory Joins: …`` (dblp's
    line): a colon inside an author run ends the names; the words after it, up to the
    title the tagger found, are the title's (``labels`` is updated)."""
    for label, a, b in tagger.spans(tokens, labels):
        if label != "author" or b >= len(labels) or labels[b] != "title":
            continue
        colon = next((i for i in range(a + 2, b - 1) if tokens[i].text == ":"), None)
        if colon is not None and "em" in tokens[b].marks and "em" not in tokens[b - 1].marks:
            continue  # "by Copy Mechanism: Thang Luong, …. **Title**": the page marks the title
        if colon is not None and any(is_word(tokens[i].text) for i in range(colon + 1, b)):
            labels[colon] = "other"
            for i in range(colon + 1, b):
                labels[i] = "title"


def _marked_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """``Ann Lee, Bo Chen. **Adversarial Autoencoders**. ICLR 2016``: no title tagged, and
    an emphasised run of two words or more right after the author run's full stop, which
    the tagger called a venue: the page marked it as the title (``labels`` updated)."""
    if "title" in labels:
        return
    for label, _, b in tagger.spans(tokens, labels):
        if label != "author" or b + 2 >= len(tokens) or tokens[b - 1].text != "." \
                or "em" not in tokens[b].marks or "em" in tokens[b - 1].marks:
            continue
        e = b
        while e < len(tokens) and "em" in tokens[e].marks:
            e += 1
        if sum(is_word(tokens[i].text) for i in range(b, e)) >= 2:
            for i in range(b, e):
                labels[i] = "title"
        return


def _cite_in_link(tokens: Sequence[Token], labels: list[str]) -> None:
    """``Title [Begelman, 2024](url)``, ``… Black Holes [Madau & Haardt, 2024](url)``: with
    no authors tagged, a linked run of names right before the date that the tagger called
    a venue names the authors (a journal's name stays a venue); the unlinked words before
    it in that run end the title (``labels`` is updated)."""
    if "author" in labels:
        return
    for label, a, b in tagger.spans(tokens, labels):
        if label != "container" or b >= len(labels) or labels[b] != "date":
            continue
        s = next((i for i in range(a, b) if "link" in tokens[i].marks), b)
        names = [tokens[i].text for i in range(s, b)]
        if s == b or not all("link" in tokens[i].marks for i in range(s, b)) or not all(
                w[:1].isupper() or w in _NAME_GLUE or w in ("et", "al") for w in names) \
                or lexicon.journal_key(" ".join(names)) in lexicon.journals():
            continue
        for i in range(a, b):
            labels[i] = "author" if i >= s else "title" if a and labels[a - 1] == "title" \
                else labels[i]


def _names_before_colon(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                        ) -> tuple[int, int]:
    """``Peter A. Boncz, Marcin Zukowski, Niels Nes: MonetDB/X100: …``: a title run right
    after an author list's comma that opens with a given name and one or two more
    capitalised words before a colon opens with the last author's name."""
    a, b = span
    if a < 2 or labels[a - 1] != "author" or tokens[a - 1].text != ",":
        return span
    colon = next((i for i in range(a + 1, min(a + 5, b)) if tokens[i].text == ":"), None)
    given, _ = lexicon.names()
    if colon is None or colon < a + 2 or tokens[a].text.lower() not in given or not all(
            tokens[i].text[:1].isupper() or tokens[i].text == "." for i in range(a, colon)):
        return span
    for i in range(a, colon):
        labels[i] = "author"
    labels[colon] = "other"
    return colon + 1, b


def _title_in_names(tokens: Sequence[Token], labels: list[str]) -> tuple[int, int] | None:
    """``Ziniu Hu, Yuxiao Dong, Yizhou Sun, Heterogeneous Graph Transformer. WWW 2020``: no
    title tagged, and the author run's last piece between commas, up to a full stop, is
    words no author of the training records is named by: that piece is the title."""
    runs = [(a, b) for label, a, b in tagger.spans(tokens, labels) if label == "author"]
    if not runs:
        return None
    a, b = runs[0]
    comma = max((i for i in range(a, b) if tokens[i].text == ","), default=None)
    if comma is None:
        return None
    end = next((i for i in range(comma + 1, b) if tokens[i].text == "."), b)
    piece = [t.text for t in tokens[comma + 1:end]]
    given, family = lexicon.names()
    if len(piece) < 2 or sum(tokens[i].text == "," for i in range(a, comma)) < 2 or not all(
            w[:1].isalnum() and len(w) > 1 for w in piece) or any(
            w.lower() in given or w.lower() in family for w in piece):
        return None
    for i in range(comma, end):
        labels[i] = "title" if i > comma else "other"
    return comma + 1, end


def _shares(tokens: Sequence[Token], labels: Sequence[str]) -> dict[str, float]:
    """How much of the string's words each label took (``share:note`` …): what the finder
    weighs besides the fields themselves."""
    words = [lab for t, lab in zip(tokens, labels, strict=False) if is_word(t.text)]
    n = max(1, len(words))
    return {f"share:{lab}": round(words.count(lab) / n, 3) for lab in set(words)}


def _markup_head(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                 ) -> tuple[int, int]:
    """``[A paper that exists nowhere](url)``: a title run that starts inside a link or an
    emphasis starts where the marked span does, unless authors, a date or a venue come
    first in it (a whole citation as link text)."""
    a, b = span
    marks = tokens[a].marks
    if not marks & {"link", "em", "quote"}:
        return span
    while a > 0 and tokens[a - 1].marks == marks and labels[a - 1] in ("note", "other"):
        a -= 1
        labels[a] = "title"
    return a, b


def _linked_names(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                  ) -> tuple[int, int]:
    """``[Levis and Pfennig](doi) Evaluating …``, ``[Zhang J.](doi) Neutral Theory …``: a
    title run that opens with a link of a few capitalised words that read as names
    (``and``, ``et al.``, an initial or a known given name), the rest of the run outside
    the link, opens with its authors (``labels`` updated)."""
    a, b = span
    e = a
    while e < b and "link" in tokens[e].marks:
        e += 1
    words = [tokens[i].text for i in range(a, e)]
    if not 2 <= e - a <= 8 or e >= b or "author" in labels or "link" in tokens[b - 1].marks \
            or not all(w[:1].isupper() or w in _NAME_GLUE or w in ("et", "al") for w in words):
        return span
    given, _ = lexicon.names()
    if not any(w in ("and", "&", "et") or (len(w) == 1 and w.isalpha()) for w in words) \
            and words[0].lower() not in given:
        return span
    for i in range(a, e):
        labels[i] = "author"
    return e, b


def _names_after(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                 ) -> tuple[int, int]:
    """``**Banking on the state**, Alessandri & Haldane, 2009``: no authors tagged, and an
    emphasised title followed by a comma and a few capitalised words up to the next
    comma or full stop: those are its authors (``labels`` updated)."""
    a, b = span
    if "author" in labels or b + 1 >= len(tokens) or tokens[b].text != "," \
            or "em" not in tokens[b - 1].marks:
        return span
    e = b + 1
    while e < len(tokens) and tokens[e].text not in (",", ".", "(", ";", ":"):
        e += 1
    words = [tokens[i].text for i in range(b + 1, e)]
    if 1 <= len(words) <= 8 and e < len(tokens) and all(
            w[:1].isupper() or w in _NAME_GLUE for w in words) and words[0][:1].isupper():
        for i in range(b + 1, e):
            labels[i] = "author"
    return span


_PARTS = {"chapter", "chapters", "chap", "ch", "part", "parts", "section", "pp", "pages"}
_DANGLING = {"in", "of", "and", "for", "on", "the", "&", "de", "für"}


def _venue_head(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                ) -> tuple[int, int]:
    """``… inverse probability weights. Computer Methods and Programs in`` /
    ``Biomedicine 2004;75(1)``: a title run that ends on a word no title ends on, right
    before the venue, after a full stop: from that stop on it is the venue's name."""
    a, b = span
    if b >= len(labels) or labels[b] != "container" or tokens[b - 1].text not in _DANGLING:
        return span
    stop = max((i for i in range(a + 1, b - 1) if tokens[i].text == "."
                and len(tokens[i - 1].text) > 1), default=None)
    if stop is None:
        return span
    for i in range(stop + 1, b):
        labels[i] = "container"
    labels[stop] = "other"
    return a, stop


def _markup_tail(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                 ) -> tuple[int, int]:
    """``Title [Paraschos et al., 2024](url)``: a title run whose last words carry the
    markup of what follows it (the link), not its own, ends where its markup does."""
    a, b = span
    if b >= len(tokens) or not tokens[b].marks or tokens[b].marks == tokens[a].marks:
        return span
    i = b
    while i > a and tokens[i - 1].marks == tokens[b].marks:
        i -= 1
    if a < i < b:
        for k in range(i, b):
            labels[k] = labels[b]
        return a, i
    return span


def _marked_end(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                ) -> tuple[int, int]:
    """``**Title** (22 ene 2025 – Kimi Team) arXiv``: a title run that starts with an
    emphasised or linked span of three words or more, then goes on past it into a
    parenthesis or past a full stop (``<p class="title">Title</p><p>Names</p>``), ends
    where the marked span does (the page marked where its title ends)."""
    a, b = span
    marks, e = _marked_start_span(tokens, a, b)
    if not marks:
        return span
    if e - a < 3 or e >= b or tokens[e].text not in ("(", "[", ".", ",") and not (
            b - e >= 6 and any(tokens[k].text == "." for k in range(e, b - 1))):
        return span  # (… or into a sentence: "**Title** discussed but not presented. …")
    if tokens[e].text == "," and e + 1 < b and tokens[e + 1].text.lower() in _PARTS:
        return span  # "*The Data Con*, Chapter 3: …": a book's chapter, read as such
    for k in range(e, b):
        labels[k] = "other"
    return a, e


_GLUE = {",", "and", "&", "·", "et", "al", ".", "-"}
_NOT_NAMES = {"is", "are", "the", "of", "a", "an", "in", "on", "for", "with", "to", "all",
              "you", "from", "by", "at", "part", "chapter", "book", "notes", "slides", "video"}


def _names_glued(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                 ) -> tuple[int, int]:
    """``[Title](url) Haddad, Moreira, and Muir · AER, 2025``: a title run that starts with
    a linked or emphasised span of three words or more and goes on past it only by names
    (capitalised words, commas, ``and``; at most four words) ends where the marked span
    does: the words after it are the authors."""
    a, b = span
    marks, e = _marked_start_span(tokens, a, b)
    tail = [tokens[k].text for k in range(e, b)]
    words = [w for w in tail if w.lower() not in _GLUE]
    if not marks or e - a < 3 or not 1 <= len(words) <= 4 or tail[0] in _GLUE or any(
            not w[:1].isupper() or w.lower() in _NOT_NAMES for w in words):
        return span
    for k in range(e, b):
        labels[k] = "author"
    return a, e


def _label_link_end(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                    ) -> tuple[int, int]:
    """``Title <a href="….pdf">link</a>``: a title run that ends in a link whose text is a
    label (``link``, ``pdf``, ``slides``), not linked itself, ends before the link."""
    a, b = span
    s = b
    while s > a and "link" in tokens[s - 1].marks:
        s -= 1
    if s in (a, b) or "link" in tokens[s - 1].marks or not LINK_LABEL.match(
            " ".join(t.text for t in tokens[s:b]).strip(" []()")):
        return span
    for k in range(s, b):
        labels[k] = "other"
    return a, s


def _marked_start_span(tokens: Sequence[Token], a: int, b: int) -> tuple[frozenset[str], int]:
    """The emphasis or link the run ``a:b`` starts with, and where that marked span ends."""
    marks = tokens[a].marks & {"em", "link"}
    e = a
    while marks and e < b and tokens[e].marks & marks == marks:
        e += 1
    return marks, e


def _marked_end_span(tokens: Sequence[Token], a: int, b: int) -> tuple[frozenset[str], int]:
    """The emphasis or link the run ``a:b`` ends in, and where that marked span starts."""
    marks = tokens[b - 1].marks & {"em", "link"}
    s = b
    while s > a and marks and tokens[s - 1].marks & marks == marks:
        s -= 1
    return marks, s


def _marked_start(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                  ) -> tuple[int, int]:
    """``…, Jörg Schwenk: **1 Trillion Dollar Refund: …**``: a title run that starts
    unmarked, then after a colon (and perhaps a number, ``: 1. [Title](url)``) runs to its
    end in one emphasised or linked span of three words or more, starts where that span
    does; the head before the colon goes with the
    label before it (the last author's name)."""
    a, b = span
    if tokens[a].marks & {"em", "link", "quote"}:
        return span
    marks, s = _marked_end_span(tokens, a, b)
    colon = s - 1  # "Lee, Kim: 1. [Title](url)": a number may stand between them
    if colon - 2 > a and tokens[colon].text in (".", ")") and tokens[colon - 1].text.isdigit():
        colon -= 2
    if not marks or colon - a < 1 or b - s < 3 or tokens[colon].text != ":":
        return span
    before = labels[a - 1] if a > 0 and labels[a - 1] not in ("title", "other") else "note"
    for k in range(a, s):
        labels[k] = before if k < colon else "other"
    return s, b


def _tag_head(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
              ) -> tuple[int, int]:
    """``[aam](aam): Abstracting abstract machines (Van Horn and Might 2010)``: a title run
    that opens with a lower-case code of a few letters that is a link of its own, then a
    colon, opens after them (a repository's folder, a course's tag; a title's own lead
    word, ``BERT: …``, is capitalised)."""
    a, b = span
    if b - a < 4 or tokens[a + 1].text != ":" or "link" not in tokens[a].marks \
            or "link" in tokens[a + 2].marks or not re.fullmatch(r"[a-z][a-z0-9]{1,5}",
                                                                   tokens[a].text):
        return span
    labels[a] = labels[a + 1] = "other"
    return a + 2, b


_TALK_ON = {"on", "presents", "presenting", "discusses", "discussing", "about"}


def _speaker_on(tokens: Sequence[Token], labels: list[str], span: tuple[int, int]
                ) -> tuple[int, int]:
    """``Alisa Lu on [Clustering I](…)``: a title run that starts with a few capitalised
    words and "on" (presents, discusses), then runs to its end in one linked or emphasised
    span, is that span; the names before are the speaker's (a note)."""
    a, b = span
    if 2 <= a <= 5 and tokens[a - 1].text in _TALK_ON and set(labels[:a - 1]) == {"author"} \
            and all(t.text[:1].isupper() for t in tokens[:a - 1]):
        for k in range(a):  # the tagger took the speaker for the authors
            labels[k] = "note" if k < a - 1 else "other"
        return span
    marks, s = _marked_end_span(tokens, a, b)
    if not marks or b - s < 2 or not 2 <= s - a <= 5 or tokens[s - 1].text not in _TALK_ON \
            or not all(tokens[k].text[:1].isupper() for k in range(a, s - 1)):
        return span
    for k in range(a, s):
        labels[k] = "note" if k < s - 1 else "other"
    return s, b


def _text(text: str, tokens: Sequence[Token], a: int, b: int) -> str:
    return text[tokens[a].start:tokens[b - 1].end]


def _first_run(text: str, tokens: Sequence[Token], labels: Sequence[str], want: str,
               avoid: tuple[int, int]) -> str:
    for label, a, b in tagger.spans(tokens, labels):
        if label == want and not (avoid[0] <= a < avoid[1]):
            return _text(text, tokens, a, b)
    return ""


def read_fields(text: str) -> Reference:
    """The authors, venue and year of a citation that may give no title (physics'
    ``J. Maciejko, T.L. Hughes, and S.-C. Zhang, Ann. Rev. … 2, 31 (2011)``); title ""."""
    tokens = tokenize(text)[: tagger.MAX_TOKENS]
    labels = tagger.load().tag(tokens) if tokens else []
    names, et_al = normalize.split_names(_first_run(text, tokens, labels, "author", (0, 0)))
    venue = normalize.clean_venue(_first_run(text, tokens, labels, "container", (0, 0)))
    dates = [_text(text, tokens, a, b) for label, a, b in tagger.spans(tokens, labels)
             if label == "date"]
    return Reference("", names, et_al, venue, normalize.find_year(dates) or find_year(text))


# GOST 7.0.5 (Russian, Ukrainian, Belarusian references): "Title //Journal. – 2019. – Т. 27."
_GOST_JOURNAL = re.compile(r"(?<=\S) //(?=\S)")
_GOST_PART = re.compile(r"\. [–—] (?=\S)")


def _gost(text: str) -> str:
    """A GOST reference's ``//`` before the journal and ``. – `` between its parts read as
    the full stops other styles put there (same length: offsets into ``text`` hold)."""
    if not _GOST_JOURNAL.search(text):
        return text
    return _GOST_PART.sub(".   ", _GOST_JOURNAL.sub(".  ", text))


def _gost_title_end(tokens: Sequence[Token], labels: list[str], span: tuple[int, int],
                    cuts: list[int]) -> tuple[int, int]:
    """In a GOST reference the title ends at ``//`` (where ``cuts`` are), whatever the
    tagger read past it (a reference that is all one link's text); what follows up to
    the next full stop is the journal."""
    a, b = span
    k = next((i for i in range(a + 1, b) if tokens[i].start in cuts), None)
    if k is None:
        return span
    i = k + 1
    while i < len(tokens) and tokens[i].text != ".":
        labels[i] = "container"
        i += 1
    labels[k] = "other"
    for j in range(i, b):
        labels[j] = "other"
    return a, k


def read(text: str, *, emphasis: Sequence[str] = (), links: Sequence[str] = (),
         untitled: list[str] | None = None) -> Reference | None:
    """The reference ``text`` cites, or None if the tagger finds no title in it (then, if
    it finds authors and a date, ``text`` is appended to ``untitled``)."""
    cuts = [m.start() for m in _GOST_JOURNAL.finditer(text)]
    if cuts:
        text, emphasis, links = _gost(text), list(map(_gost, emphasis)), list(map(_gost, links))
    tokens = tokenize(text, emphasis=emphasis, links=links)[: tagger.MAX_TOKENS]
    if not tokens:
        return None
    model = tagger.load()
    labels = model.tag(tokens)
    _colon_ends_names(tokens, labels)
    _cite_in_link(tokens, labels)
    _marked_title(tokens, labels)
    span = _title_range(labels) or _title_in_names(tokens, labels)
    if span is None:
        if {"author", "date"} <= set(labels) and untitled is not None:
            untitled.append(text)  # "Nicenboim and Vasishth (2016)": cited, no title given
        return None
    span = _quoted_part(tokens, _year_colon_head(tokens, labels,
                                                 _cited_head(tokens, labels, span)))
    for fix in (_markup_head, _tag_head, _linked_names, _marked_start, _speaker_on, _marked_end,
                _names_glued, _names_after, _markup_tail, _names_at_end, _names_before_colon,
                _venue_head, _label_link_end):
        span = fix(tokens, labels, span)
    span = _gost_title_end(tokens, labels, span, cuts)
    title = normalize.clean_title(_text(text, tokens, *span))
    if not title or _ASIDE.fullmatch(title):
        return None  # "(University of Texas at Austin)": an aside in brackets names no paper
    names, et_al = normalize.split_names(_first_run(text, tokens, labels, "author", span))
    dates = [_text(text, tokens, a, b) for label, a, b in tagger.spans(tokens, labels)
             if label == "date"]
    venue = normalize.clean_venue(_first_run(text, tokens, labels, "container", span))
    title, book = normalize.split_chapter(title)
    venue = venue or book
    sure = sum(model.marginals(labels, *span)) / (span[1] - span[0])
    shares = _shares(tokens, labels)
    doubts = () if sure >= DOUBT_BELOW else (f"title: read with confidence {sure:.2f}",)
    rest = " ".join(t.text for t in [*tokens[span[1]:], *tokens[:span[0]]] if "url" not in t.marks)
    year = normalize.find_year(dates) or normalize.find_year([rest]) or find_year(
        text[tokens[span[1] - 1].end:].replace(" '", " ’"))
    return Reference(title, names, et_al, venue, year,
                     confidence={"title": round(sure, 3), **shares}, doubts=doubts)
