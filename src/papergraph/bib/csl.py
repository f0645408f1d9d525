"""CSL-JSON for pandoc's citeproc, citeproc-js, Zotero and friends.

The entries are :func:`.records.bib_records`' (the same fields and sources as the
BibTeX), written as the CSL data schema v1.0.2 defines them (``tests/schemas/csl``), the
way CSL styles expect them:

* titles in **sentence case**, since APA and many other styles print a title as it is
  stored and only ever capitalise it: names in ``<span class="nocase">`` (``SGD``,
  ``ResNets``, ``Gaussian``), the first word of the title and of a subtitle capitalised
  (:func:`.casing.sentence_case_html`); the proceedings' and journals' names,
  which are names, as they are;
* an arXiv-only paper is a preprint: type ``article``, publisher ``arXiv``, number
  ``arXiv:ID``. A published paper carries no arXiv id: CSL's ``archive`` and
  ``archive_location`` are where the *archive holding the item* goes, and APA prints them
  like a publisher ("… 10331–10341. arXiv (1902.01028).").
"""

from __future__ import annotations

from ..models import json_text
from .casing import sentence_case_html
from .model import BibRecord
from .names import name_parts

CSL_TYPES = {"inproceedings": "paper-conference", "article": "article-journal"}
# BibTeX field -> CSL variable, copied as they are
_SAME = (("booktitle", "container-title"), ("journal", "container-title"),
         ("series", "collection-title"), ("volume", "volume"), ("number", "issue"),
         ("publisher", "publisher"), ("doi", "DOI"), ("url", "URL"), ("note", "note"))


def csl_names(names: tuple[str, ...]) -> list[dict[str, str]]:
    """BibTeX-style names as CSL name objects (``others`` is dropped: CSL has no such name)."""
    out = []
    for name in names:
        if name.strip().lower() == "others":
            continue
        p = name_parts(name)
        family = " ".join(x for x in (p.von, p.last) if x)
        item = {"family": family, "given": p.first} if p.first else {"literal": family}
        if p.jr:
            item["suffix"] = p.jr
        out.append(item)
    return out


def csl_item(br: BibRecord) -> dict[str, object]:
    """One entry as a CSL-JSON item."""
    g = br.get
    preprint = br.entry_type == "misc" and bool(g("eprint"))
    ctype = CSL_TYPES.get(br.entry_type, "article" if preprint else "document")
    item: dict[str, object] = {"id": br.key, "type": ctype,
                               "title": sentence_case_html(g("title"))}
    if br.authors:
        item["author"] = csl_names(br.authors)
    if br.editors:
        item["editor"] = csl_names(br.editors)
    if g("year"):
        item["issued"] = {"date-parts": [[int(g("year"))]]}
    for src, dst in _SAME:
        if g(src) and dst not in item:
            item[dst] = g(src)
    if g("pages"):
        item["page"] = g("pages").replace("--", "-")
    if preprint:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{g('eprint')}"
    elif br.entry_type == "misc" and g("howpublished"):
        item["publisher"] = g("howpublished")
    return item


def render_csl_json(records: tuple[BibRecord, ...] | list[BibRecord]) -> str:
    """The entries as a CSL-JSON array, sorted by citation key; same input, same bytes."""
    items = [csl_item(br) for br in sorted(records, key=lambda r: (r.key.lower(), r.key))]
    return json_text(items, indent=2, sort_keys=True) + "\n"
