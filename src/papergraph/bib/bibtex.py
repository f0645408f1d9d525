"""BibTeX and biblatex text of :class:`BibRecord` entries.

Names are split by :mod:`.names` and written in BibTeX's own ``Last, First`` form; every value
is in braces, LaTeX-escaped (:mod:`.latex`) unless ``unicode`` keeps UTF-8 for biber;
fields come in :data:`FIELD_ORDER`, entries sorted by citation key.
"""

from __future__ import annotations

from ..errors import PapergraphError
from ..models import Resolution, Syllabus
from .keys import KeyStyle
from .latex import latex_text, latex_title, latex_verbatim
from .model import PERSON_FIELDS, BibRecord
from .names import bibtex_name, name_parts
from .records import bib_records

# The order fields are written in (others follow alphabetically).
FIELD_ORDER = (
    "author", "title", "booktitle", "journal", "journaltitle", "year", "editor", "series",
    "volume", "number", "pages", "publisher", "howpublished", "doi", "url", "eprint",
    "archiveprefix", "eprinttype", "primaryclass", "eprintclass", "note",
)
VERBATIM_FIELDS = ("url", "doi", "eprint")  # written as-is (only % is escaped)
# Names of proceedings and series, written in one pair of braces: BibTeX styles leave them
# alone anyway, but pandoc makes them sentence case ("long beach, california", "Proceedings
# of machine learning research"). Journal names it keeps as they are.
NAME_FIELDS = ("booktitle", "series")

_BIBLATEX_NAMES = {"journal": "journaltitle", "archiveprefix": "eprinttype",
                   "primaryclass": "eprintclass"}
_RANK = {n: i for i, n in enumerate(FIELD_ORDER)}


def _entry_fields(br: BibRecord, *, unicode: bool, biblatex: bool) -> list[tuple[str, str]]:
    """(field, LaTeX value) pairs of one entry, in :data:`FIELD_ORDER`."""
    fields: dict[str, str] = {}

    def encode(text: str) -> str:
        return latex_text(text, unicode=unicode)

    for f in br.fields:
        if f.name in PERSON_FIELDS:  # names split by .names, written "von Last, Jr, First"
            fields[f.name] = " and ".join(
                n if n == "others" else bibtex_name(name_parts(n), encode)
                for n in f.value.split(" and "))
            continue
        name, value = f.name, f.value
        if biblatex:
            if name == "howpublished" and br.get("eprint"):
                continue  # biblatex prints the eprint itself
            name = _BIBLATEX_NAMES.get(name, name)
            if name == "eprinttype":
                value = value.lower()
        if f.name == "title":
            text = latex_title(value, unicode=unicode)
        elif f.name in NAME_FIELDS:  # a name as a whole: no style may change its case
            text = "{" + latex_text(value, unicode=unicode) + "}"
        elif f.name in VERBATIM_FIELDS:
            text = latex_verbatim(value)
        else:
            text = latex_text(value, unicode=unicode)
        fields[name] = text
    return sorted(fields.items(), key=lambda nv: (_RANK.get(nv[0].lower(), len(_RANK)), nv[0]))


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def entry_text(br: BibRecord, *, unicode: bool = False, biblatex: bool = False) -> str:
    """One entry as BibTeX: ``@type{key,`` then ``    field = {value}`` lines.

    Written here rather than by pybtex's ``Writer``, whose hooks for this (``_encode``,
    ``_write_field``) are private; every value is in braces, which BibTeX and biber read
    whatever it holds once its braces balance (checked: a value that does not would make
    the rest of the file unreadable).
    """
    lines = [f"@{br.entry_type}{{{br.key}"]
    for name, text in _entry_fields(br, unicode=unicode, biblatex=biblatex):
        if ("{" in text or "}" in text) and not _balanced(text):
            raise PapergraphError(f"{br.paper}: unbalanced braces in the {name} of "
                                  f"entry {br.key}; please report this")
        lines.append(f"    {name} = {{{text}}}")
    return ",\n".join(lines) + "\n}\n"


def _sorted(records: tuple[BibRecord, ...] | list[BibRecord]) -> list[BibRecord]:
    return sorted(records, key=lambda r: (r.key.lower(), r.key))


def render_bibtex(
    records: tuple[BibRecord, ...] | list[BibRecord],
    *,
    unicode: bool = False,
    biblatex: bool = False,
    header: str = "",
    texts: dict[str, str] | None = None,
) -> str:
    """The entries as one ``.bib`` text, sorted by citation key.

    ``texts`` (paper key -> entry text, from :func:`entries_of` with the same options)
    saves writing an entry again for each file it appears in.
    """
    def text_of(br: BibRecord) -> str:
        if texts is not None and br.paper in texts:
            return texts[br.paper]
        return entry_text(br, unicode=unicode, biblatex=biblatex)

    text = "\n".join(text_of(br) for br in _sorted(records))
    if header:
        head = "".join(f"% {line.replace('@', '(at)')}\n".replace("% \n", "%\n")
                       for line in header.splitlines())
        text = head + ("\n" + text if text else "")
    return text


def bibtex_entries(
    syllabus: Syllabus,
    resolution: Resolution,
    *,
    key_style: KeyStyle = "scholar",
    unicode: bool = False,
) -> dict[str, str]:
    """Paper key -> its entry's text exactly as it appears in ``seminar.bib``."""
    return entries_of(bib_records(syllabus, resolution, key_style=key_style), unicode=unicode)


def entries_of(records: tuple[BibRecord, ...], *, unicode: bool = False) -> dict[str, str]:
    """Paper key -> entry text, for records already made by :func:`bib_records`."""
    return {br.paper: entry_text(br, unicode=unicode) for br in records}
