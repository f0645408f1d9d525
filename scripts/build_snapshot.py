"""Build the offline snapshot the package ships, from the verified seminar facts.

    python scripts/build_snapshot.py tests/seminar/seminar-facts.json

Writes ``src/papergraph/data/snapshot.json``: one normalised record per paper with the
provenance of every field. Only verified facts go in: ``null`` stays missing,
``probable_citations_unverified`` are not edges, reference lists are marked complete only
where the facts say the bibliography was read in full.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from papergraph.models import (  # noqa: E402
    Provenance,
    Record,
    Ref,
    Version,
    normalize_title,
    to_jsonable,
)

VERIFIED = "2026-11-27"  # the date the facts file was taken over into the snapshot
OUT = ROOT / "src" / "papergraph" / "data" / "snapshot.json"

VENUE_TYPES = {"COLT": "inproceedings", "ICML": "inproceedings", "ICLR": "inproceedings",
               "NeurIPS": "inproceedings"}
FIELDS = ("title", "authors", "year", "venue", "booktitle", "editors", "series", "volume",
          "pages", "publisher", "url", "pdf", "arxiv", "doi", "dblp", "s2_id", "corpus_id")


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _version(v: dict) -> Version:
    """One other version of a paper (a journal article, or a preprint)."""
    if v.get("type") == "article":
        return Version(
            kind="article", title=v["title"], authors=tuple(v["authors"]),
            journal=v["journal"], volume=_s(v.get("volume")), number=_s(v.get("number")),
            pages=_s(v.get("pages")), year=v.get("year"), url=_s(v.get("url")))
    return Version(kind="preprint", title=_s(v.get("title")), arxiv=v.get("arxiv") or v.get("id"),
                   note=_s(v.get("note")))


def build(facts: dict) -> dict:
    papers = {p["key"]: p for p in facts["papers"]}
    edges = [(c["citing"], c["cited"]) for c in facts["citations"] if c["status"] == "verified"]
    by_arxiv = {p["arxiv"]: k for k, p in papers.items() if p.get("arxiv")}
    by_title = {normalize_title(p["title"]): k for k, p in papers.items()}

    # one arXiv id per title across all lists, so the same paper has one identity
    arxiv_of_title: dict[str, str] = {}
    for lst in facts["reference_lists"].values():
        for r in lst.get("references") or []:
            if r.get("arxiv"):
                arxiv_of_title.setdefault(normalize_title(r["title"]), r["arxiv"])

    def seminar_key(ref: dict, citing: str) -> str | None:
        key = by_arxiv.get(ref.get("arxiv") or "") or by_title.get(normalize_title(ref["title"]))
        if key is None or key == citing:
            return None
        return key if (citing, key) in edges else None

    refs: dict[str, list[Ref]] = {k: [] for k in papers}
    complete: dict[str, bool] = {k: False for k in papers}
    for key, lst in facts["reference_lists"].items():
        complete[key] = bool(lst.get("checked"))
        for r in lst.get("references") or []:
            arxiv = r.get("arxiv") or arxiv_of_title.get(normalize_title(r["title"]))
            refs[key].append(Ref(
                title=r["title"], year=r.get("year"),
                authors=(r["first_author"],) if r.get("first_author") else (),
                arxiv=arxiv, doi=r.get("doi"), seminar_key=seminar_key(r, key)))
    # verified edges whose citing paper has no complete list: add the cited paper as a ref
    for citing, cited in edges:
        if not any(ref.seminar_key == cited for ref in refs[citing]):
            c = papers[cited]
            refs[citing].append(Ref(title=c["title"], year=c["year"], authors=tuple(c["authors"]),
                                    arxiv=c.get("arxiv"), seminar_key=cited))
    cites: dict[str, list[Ref]] = {k: [] for k in papers}
    for citing, cited in sorted(set(edges)):
        c = papers[citing]
        cites[cited].append(Ref(title=c["title"], year=c["year"], authors=tuple(c["authors"]),
                                arxiv=c.get("arxiv"), seminar_key=citing))

    records = []
    for key, p in papers.items():
        evidence = "; ".join(p.get("evidence") or [])
        prov = Provenance("snapshot", VERIFIED, "seminar-facts.json (verified facts)")
        values = {
            "title": p["title"], "authors": tuple(p["authors"]), "year": p.get("year"),
            "venue": _s(p.get("venue")), "booktitle": _s(p.get("booktitle")),
            "editors": tuple(p.get("editors") or ()), "series": _s(p.get("series")),
            "volume": _s(p.get("volume")), "pages": _s(p.get("pages")),
            "publisher": _s(p.get("publisher")), "url": _s(p.get("url")),
            "pdf": _s(p.get("pdf")), "arxiv": p.get("arxiv"), "doi": p.get("doi"),
            "dblp": p.get("dblp"), "s2_id": p.get("s2_paper_id"),
            "corpus_id": p.get("s2_corpus_id"),
        }
        sources = tuple(sorted((f, prov) for f in FIELDS if values.get(f) not in (None, "", ())))
        versions = [_version(v) for v in p.get("other_versions") or []]
        notes = [p["notes"]] if p.get("notes") else []
        if evidence:
            notes.append("evidence: " + evidence)
        if p.get("authors_in_pdf"):
            notes.append("author order in the PDF: " + ", ".join(p["authors_in_pdf"]))
        lst = facts["reference_lists"].get(key, {})
        if not lst.get("checked"):
            notes.append("reference list not available: " + _s(lst.get("source")))
        records.append(Record(
            key=key, status="snapshot", confidence=1.0,
            entry_type=VENUE_TYPES.get(p.get("venue") or "", "misc"),
            references=tuple(refs[key]), references_complete=complete[key],
            citations=tuple(cites[key]), citations_complete=False,
            other_versions=tuple(versions), sources=sources, notes=tuple(notes),
            **values,
        ))
    return {
        "about": "Offline snapshot of the 15 TUM SS2020 seminar papers, built by "
                 "scripts/build_snapshot.py from verified facts (seminar-facts.json).",
        "verified": VERIFIED,
        "records": [to_jsonable(r) for r in records],
    }


def main() -> None:
    default = ROOT / "tests" / "seminar" / "seminar-facts.json"
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    data = build(json.loads(src.read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['records'])} records")


if __name__ == "__main__":
    main()
