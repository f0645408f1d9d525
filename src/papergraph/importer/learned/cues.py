"""Cues that a reading is, or is not, a paper: what were hand-ordered rules, now small
features the finder weighs (:mod:`.finder`).

Each cue is one test of the reading's title, its block or its text: a label line
(``Presenter: …``), a non-event (``No class``, ``Spring break``), a deadline, a question
site, prose, a file name, a title that is a person's name or a citation without its
title (the tagger reads the title alone and finds authors and a year in it). None of
them decides anything on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..blocks import Block
from ..ids import is_paper_url
from ..refs import Reference
from . import ahead, lexicon, tagger
from .tokens import is_word, tokenize

LABEL = re.compile(r"^\s*(?:\*\*)?(paper|title|authors?|venue|conference|journal|year|"
                   r"reference|citation|"
                   r"presenters?|speakers?|guest\s+(?:lecturers?|speakers?)|hosts?|"
                   r"movie screening|i?python notebook|notebook|presented by|date|when|who|"
                   r"link|links|slides|preso|discussion|topic|notes?|video|code|pdf|location|"
                   r"time|where|room|organi[sz]ers?|email|zoom link|meeting time/place|contact|"
                   r"passcode|password|meeting id)(?:\*\*)?\s*:\s*(?P<value>.*)$",
                   re.IGNORECASE)
PROSE = re.compile(r"\b(we|our|us|your|please|should|must|let's|you can|you will|"
                    r"will be|is to|are to|feel free|click|sign up|join)\b", re.IGNORECASE)
_NOT_A_PAPER = re.compile(
    r"^(tbd|tba|n/?a|none|canceled|cancelled|postponed|no (?:meeting|class|session|reading "
    r"group|jc)|(?:thanksgiving|spring|winter|fall|summer|easter|christmas|holiday|"
    r"mid-?term|reading) (?:break|recess|holidays?|week)|break|holiday|vacation|"
    r"(?:spring|summer|fall|autumn|winter)(?: term| semester| quarter)? \d{4}|"
    r"[A-Za-z]{2,12} \d{4}|summary of .*|discussion|q ?& ?a|welcome.*|introduction|"
    r".*\breading (?:reviews?|notes?|summary)|.*\s[\-–—]\s+holidays?)$", re.IGNORECASE)
_ROLE = re.compile(r"^(?:presenters?|speakers?|presented by|who|discussants?|leads?|"
                   r"slides|video|recording|location|room|time|when)$", re.IGNORECASE)
_QUESTION_SITE = re.compile(r"(?:stackexchange\.com|stackoverflow\.com|mathoverflow\.net|"
                            r"quora\.com|reddit\.com)/|/questions/\d", re.IGNORECASE)
_NO_SESSION = re.compile(r"\bno\s+(?:[a-z]+\s+){0,2}(?:class(?:es)?|meetings?|sessions?|"
                         r"lectures?|jc|reading group)\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\bdue,?\s+(?:by|at|on|before|date|midnight|today|tomorrow|tb[ad]|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d)|"
                       r"^[\w ]{0,20}\b(?:due|released|out)\s*:", re.IGNORECASE)
_IN_EDITED = re.compile(r"^In\s+[^()]{0,120}\((?:Eds?|eds?)\.?\)")
_FILE = re.compile(r"(?:[\w ]{1,30}:\s*)?[\w\-. ]+\.(?:pdf|pptx?|ipynb|key|docx?|zip|html?)",
                   re.IGNORECASE)
_VENUE_WORD = r"(?:[A-Z]{2,}[\w\-]*|[A-Z][a-z]{0,6}\.|(?:19|20)\d\d)"
_VENUE_ONLY = re.compile(rf"{_VENUE_WORD}(?:\s+{_VENUE_WORD})+")
_STARTS_WELL = re.compile(r"[\w\"“'‘(\[{]")
_VERB = re.compile(r"\b(?:is|are|was|were|be|been|should|will|would|can|could|must|may|do|"
                   r"does|did|has|have|had|read|use|submit|bring|see|discuss)\b")
_AFFILIATION = re.compile(r"\b(?:universit(?:y|ies|ät|é|à|ad)|institut[eo]?|college|"
                          r"laborator(?:y|ies)|department|school of|research (?:center|centre))\b",
                          re.IGNORECASE)
_NAME_SHAPE = re.compile(r"^(?:[A-Z][\w'’\-]*\.?\s+){1,3}[A-Z][\w'’\-]+$")


def title_roles(title: str) -> tuple[float, float]:
    """The share of the title's words the tagger, reading the title alone, calls authors,
    and the share it calls title (once per distinct title: the finder's cues and the
    draft's checks ask about the same titles; on a long page, read ahead by
    :mod:`.ahead`)."""
    got = ahead.get(("roles", title))
    return got if got is not None else roles_of(title)


@lru_cache(maxsize=4096)
def roles_of(title: str) -> tuple[float, float]:
    """:func:`title_roles`, read here."""
    tokens = tokenize(title)[: tagger.MAX_TOKENS]
    words = [i for i, t in enumerate(tokens) if is_word(t.text)]
    if not words:
        return 0.0, 0.0
    labels = tagger.load().tag(tokens)
    n = len(words)
    return (sum(labels[i] in ("author", "editor") for i in words) / n,
            sum(labels[i] == "title" for i in words) / n)


def asks_roles(title: str, ref: Reference) -> bool:
    """Do the cues weigh what the tagger makes of ``title`` alone? (A short title
    without authors: a reading with authors has a title.)"""
    return len(title.split()) <= 8 and not ref.authors


def cues(ref: Reference, block: Block, text: str) -> dict[str, float]:
    """The cues of one reading (present ones only, each 1.0)."""
    title = ref.title.strip(" .!")
    found = {
        "c_label": bool(LABEL.match(text)),
        "c_nonevent": bool(_NOT_A_PAPER.match(title)),
        "c_role": any(text.startswith(e) and _ROLE.match(e) for e in block.emphasis),
        "c_question_site": bool(block.links) and all(_QUESTION_SITE.search(lk.url)
                                                     for lk in block.links),
        "c_no_session": bool(_NO_SESSION.search(text) or _DEADLINE.search(title)),
        "c_in_edited": bool(_IN_EDITED.match(text)),
        "c_journal": lexicon.journal_key(title) in lexicon.journals(),
        "c_odd_start": not _STARTS_WELL.match(title),
        "c_long": len(title.split()) > 40,
        "c_prose": bool(PROSE.search(text)),
        "c_file": bool(_FILE.fullmatch(title)),
        "c_venue_only": bool(_VENUE_ONLY.fullmatch(title)),
        "c_paper_link_title": any(title in lk.text and is_paper_url(lk.url)
                                  for lk in block.links),
        "c_verb": bool(_VERB.search(title)),
        "c_name_shape": bool(_NAME_SHAPE.match(title)),
        "c_sentence": title.endswith(".") or text.rstrip().endswith((".", "?")) and not ref.authors,
        "c_bare": ref.confidence.get("title") == 0.4,
        "c_bracketed": title[:1] in "([" and title[-1:] in ")]",
        "c_affiliation": bool(_AFFILIATION.search(title)) and len(title.split()) <= 8,
    }
    if asks_roles(title, ref):
        authors, titled = title_roles(title)
        found["c_person"] = authors >= 0.6
        found["c_untitled"] = titled < 0.3
    return {k: 1.0 for k, v in found.items() if v}
