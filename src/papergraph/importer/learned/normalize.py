"""After tagging: the tagged parts of a citation as a title, names, a venue and a year.

Tagging decides which tokens are the authors; this step only reads the author text as a
list of names (``Smith, J.; Lee, B.``, ``Li B, Dewey CN``, ``A. Smith and B. Lee``,
``Smith et al.``) and cleans the title's ends. Every step is one pass over the text.
"""

from __future__ import annotations

import re

from . import lexicon

_ET_AL = re.compile(r"[,;]?\s*(?:\bet\.?\s*al\b\.?|\band\s+others\b|…|\.\.\.)", re.IGNORECASE)
_PIECES = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
# an initial: "J.", "Th.", "E.-Á." (not "Ba": two letters without a full stop are a name)
_INITIALS = re.compile(r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž](?:[a-z]?\.)?\s?-?){1,4}")
# "Li B", "Smith AB", and as GOST writes them "Cattaneo M. D" (a part's end stripped of ".")
_VANCOUVER = re.compile(r"^([^\W\d_][\w'’\-]+(?: [^\W\d_][\w'’\-]+)?) "
                        r"([A-Z]{1,3}|[A-Z](?:\. ?[A-Z]){1,2})$")
_SPLIT = re.compile(r"\s*(?:;|,?\s+and\s+|,?\s*&\s*|,|\s+und\s+|\s+y\s+)\s*")
_AFFILIATION = re.compile(r"\b(?:universit\w*|institut\w*|college|school|laborator\w*|lab|"
                          r"inc|ltd|gmbh|research|department|dept|faculty|hospital|centre|"
                          r"center)\b", re.IGNORECASE)
_PRESENTER = re.compile(r"^.{0,80}?\bpresent(?:s|ed|ing)\s*:\s*", re.IGNORECASE)
_ONE_INVERTED = re.compile(r"^([^\W\d_][\w'’\-]+), ([^\W\d_][\w'’\-]+)$")
# what a page adds after a title: "(1998)", "(Chapters 2--3)", "(up to Lemma 1, …)"
_TITLE_NOTE = re.compile(
    r"\s*\((?:(?:19|20)\d{2}[a-z]?|(?:chapters?|ch\.|sections?|sec\.|parts?|pages?|pp?\.|"
    r"up to|until|only|excerpts?|selections?)\b[^()]*|\d+(?:\.\d+)*\s*[-–]\s*\d+(?:\.\d+)*|"
    r"[^()]*\b(?:series|studies|lecture notes|lectures|classics|monographs|texts)\b[^()]*)"
    r"\)?[\s._]*$",  # "(Annals of Mathematics Studies)": a book's series
    re.IGNORECASE)
# what a reading list adds after a book's title: ", Introduction", ", Chapter 1 (Socialism
# and After)", ", Introduction and Chapters 11, 19", ", Book 8", ", chps. 2-3"
_BOOK_PART = re.compile(
    r",\s+(?:(?:the\s+)?(?:introduction|preface|conclusions?|epilogue|prologue|foreword|"
    r"afterword)\b|(?:chapters?|chaps?\.?|chps?\.?|ch\.|books?|parts?|sections?)\s*[\dIVX])"
    r"[^\"“”:]{0,100}$", re.IGNORECASE)  # (no colon: "Book, Chapter 1: Title" is a chapter)
_CAPS_INVERTED = re.compile(r"^([A-Z][A-Z'’\-]+), ([A-Z][A-Z'’\-]+)$")
_LEADING_JUNK = re.compile(r"^(?:\d{1,3}[.)]\s+|\(?(?:19|20)\d\d[a-z]?\)[.,:]?\s+)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20[0-3]\d)(?!\d)")
_EDGE = " \t,;:.·•-–—|()[]*_\"'“”‘’«»/"


def _initials(text: str) -> str:
    letters = re.findall(r"[A-Z][a-z]?(?=\.|\s|-|$)|[A-Z]", text.replace(" ", ""))
    return " ".join(f"{ch}." for ch in letters)


def _display(part: str) -> str:
    """One name first-name-first: ``Li B`` becomes ``B. Li`` (a part holds no comma: the
    author text was split at each; ``Smith, J.`` is read by :func:`_inverted`)."""
    part = part.strip(" .,;")
    if m := _VANCOUVER.match(part):
        return f"{_initials(m.group(2))} {m.group(1)}"
    return part


def _given(piece: str) -> bool:
    """Is ``piece`` a given name of the training records' authors, perhaps with
    initials after it (``Michael``, ``David J.``)? ``Bengio`` is not: ``Glorot,
    Bengio`` is two names."""
    words = piece.split()
    return bool(words) and words[0].lower().rstrip(".") in lexicon.names()[0] and all(
        re.fullmatch(r"[A-Z]\.", w) for w in words[1:])


def _surname(piece: str) -> bool:
    """Can ``piece`` be the surname before a given name: up to three words, no initial
    (``Daniel M. German``, ``Fergusson D`` are whole names), not a given name only
    (``Mindy, Heon``: first names), and a name of two words or more not led by a given
    name (``Yuan Yang``) unless a particle joins it (``Bueno de Mesquita``)?"""
    words = piece.split()
    if not 1 <= len(words) <= 3 or any(len(w.rstrip(".")) == 1 or w.isupper() for w in words):
        return False
    given, family = lexicon.names()
    first = words[0].lower()
    if len(words) == 1:
        return first not in given or first in family
    return first not in given or any(w.islower() for w in words)


def _given_part(text: str) -> str:
    """``Jessica.`` (the full stop ending the author text) is ``Jessica``; ``J.`` stays."""
    text = text.strip()
    return text[:-1] if re.search(r"\b[^\W\d_][^\W\d_A-Z]+\.$", text) else text


def _inverted(text: str) -> list[tuple[str, str]]:
    """``Smith, J., Lee, B. and Chen, C.``, ``Tomz, Michael and Weeks, Jessica``:
    (surname, given) pairs, in one pass over the pieces between commas, semicolons,
    ``&`` and ``and``."""
    pieces = [p for p in _PIECES.split(text) if p]
    out, i = [], 0
    while i + 1 < len(pieces):
        given = pieces[i + 1]
        if _INITIALS.fullmatch(given) or _given(given) and _surname(pieces[i]):
            out.append((pieces[i], pieces[i + 1]))
            i += 2
        else:
            i += 1
    if out and len(out) * 2 < len(pieces) and _pairs_by_and(text, pieces):
        out = list(zip(pieces[::2], pieces[1::2], strict=True))
    return out


def _pairs_by_and(text: str, pieces: list[str]) -> bool:
    """``Maoz, Zeev and Russett, Bruce``: an even number of one-word given parts after
    surnames, joined by ``and`` (or ``&``, ``;``) only between pairs, never inside one
    (``He, Zhang, Ren and Sun`` is four surnames)."""
    seps = _PIECES.findall(text)
    if len(pieces) % 2 or len(seps) != len(pieces) - 1 or not all(
            _surname(p) for p in pieces[::2]) or any(len(p.split()) != 1 for p in pieces[1::2]):
        return False
    joins = [k for k, sep in enumerate(seps) if sep.strip() != ","]
    return bool(joins) and all(k % 2 == 1 for k in joins)


_BRACKET_TAIL = re.compile(r"^[^\[\]]*\]\s*")


def split_names(text: str) -> tuple[tuple[str, ...], bool]:
    """The names in an author text, and whether it was shortened (``et al.``)."""
    text = _PRESENTER.sub("", re.sub(r"\s*\([^()]*\)", "", " ".join(text.split())))
    text = _BRACKET_TAIL.sub("", text)  # "Read] Nicola Marzari, …": a link label's end
    text = re.sub(r"^(?:by|with)\s+(?=[^\W\d_])", "", text.strip(_EDGE.replace(".", "")),
                  flags=re.IGNORECASE)
    et_al = False
    if m := _ET_AL.search(text):
        et_al, text = True, text[: m.start()]
    text = text.strip(_EDGE.replace(".", ""))
    if not text:
        return (), et_al
    if m := _CAPS_INVERTED.match(text):  # MLA in capitals: "MOY, CAMERON"
        return (f"{m.group(2).title()} {m.group(1).title()}",), et_al
    if et_al and (m := _ONE_INVERTED.match(text)):  # MLA: "Yang, Ziteng, et al."
        return (f"{m.group(2)} {m.group(1)}",), et_al
    inverted = _inverted(text)
    parts = _SPLIT.split(text)
    if len(inverted) >= 1 and sum(len(a) + len(b) for a, b in inverted) >= 0.6 * len(text):
        names = [f"{_given_part(b)} {a.strip(' &')}".strip() for a, b in inverted]
    elif inverted and list(inverted[0]) == parts[:2] and all(len(p.split()) >= 2
                                                             for p in parts[2:]):
        # MLA: "Margolis, Jane and Allan Fisher": the first name inverted, the rest not
        names = [f"{_given_part(parts[1])} {parts[0]}", *map(_display, parts[2:])]
    else:
        names = [_display(p) for p in parts]
    return tuple(n for n in names if n and any(c.isalpha() for c in n)
                 and not _AFFILIATION.search(n)), et_al


# who leads the session, after the title: "Title led by Mengxi Wu", "Title presented"
_LED_BY = re.compile(r"\s+(?:led|presented|discussed|hosted|moderated|chaired)"
                     r"(?:\s+by\s+[^\W\d_][\w.'’\- ]{0,60}+)?$", re.IGNORECASE)


def clean_title(text: str) -> str:
    """A title without the quotes, brackets and punctuation around it, nor a list number
    or the end of a year before it (``9. Title``, ``2020). Title``), nor who leads its
    session after it (``Title led by Ann Lee``)."""
    text = _TITLE_NOTE.sub("", _LEADING_JUNK.sub("", " ".join(text.split())))
    text = _LED_BY.sub("", text)
    text = _BOOK_PART.sub("", text)
    keep = "?!)" + ("(" if text.startswith("(") and ")" in text else "")
    if text[:1] in "\"“" and (m := re.match(r"[\"“][^\"“”]+[\"”]\s*\S", text)) and \
            len(m.group()) < len(text.rstrip(" .,;")):
        keep += text[0]  # "“Can I Not Be Suicidal on a Sunday?”: Understanding …" keeps it
    body = text.rstrip(" .,;")
    if body[-1:] in "\"”" and body[:1] not in "\"“" and body.count(body[-1]) + body.count("“") >= 2:
        keep += "\"”"  # 'clinical rounds: the "evidence cart"' keeps its closing quote
    text = text.strip("".join(c for c in _EDGE if c not in keep))
    if text.count("(") < text.count(")"):
        text = text.lstrip(") ") if text.startswith(")") else text.rstrip(")").rstrip()
    if text.endswith(")") and "(" not in text:
        text = text[:-1].rstrip()
    return text.strip(" ,;:.")


_CHAPTER = re.compile(r"^(?P<book>.{3,}?),?\s+(?:chapter|chap\.?|ch\.|part)\s+(?:\d+|[IVX]+)\s*"
                      r"[:.]\s+(?P<title>\S.{2,})$", re.IGNORECASE)


def split_chapter(title: str) -> tuple[str, str]:
    """``The AI Con, Chapter 1: An Introduction to AI Hype``: (the chapter's title, the
    book's); a title without a numbered chapter or part is returned whole, with ""."""
    m = _CHAPTER.match(title)
    if m is None or m.group("book").endswith(".") and re.match(
            r"\s*part\b", title[m.end("book"):], re.IGNORECASE):
        return title, ""  # "Noncollapsibility, … bias. Part 1: The oddities of odds": a series
    return m.group("title"), m.group("book").strip(" ,")


def find_year(texts: list[str]) -> int | None:
    """The first year of the date texts, passing over a page range that looks like two
    years (``6(14):1942–1953, 2013``: 2013) when a year stands alone after it."""
    for text in texts:
        years = list(_YEAR.finditer(text))
        alone = [m for m in years if not _IN_RANGE.match(text, m.end())
                 and not _RANGE_END.search(text[max(0, m.start() - 8):m.start()])]
        if years:
            return int((alone or years)[0].group(1))
    return None


_IN_RANGE = re.compile(r"\s*[-–—]\s*\d")  # "1942–1953": a range's first number
_RANGE_END = re.compile(r"\d\s*[-–—]\s*$")  # its second


def clean_venue(text: str) -> str:
    text = " ".join(text.split()).strip(_EDGE)
    return re.sub(r"^(?:in|In|IN):?\s+", "", text).strip(_EDGE)
