"""The report in each output format: table, Markdown, CSV, JSON."""

from __future__ import annotations

import csv
import io

from ..errors import PapergraphError
from ..models import json_text
from .markdown import coverage_markdown
from .model import Coverage, Gap
from .table import coverage_table

FORMATS = ("table", "markdown", "csv", "json")


def _gap_json(g: Gap) -> dict:
    return {"title": g.title, "year": g.year, "cited_by": list(g.cited_by), "count": g.count,
            "s2_id": g.s2_id, "arxiv": g.arxiv, "doi": g.doi, "authors": list(g.authors),
            "citation_count": g.citation_count}


def coverage_json(cov: Coverage) -> dict:
    """The report as plain JSON values (the shape documented for ``--format json``)."""
    s = cov.schedule
    return {
        "seminar": cov.seminar,
        "definitions": dict(cov.definitions),
        "areas": [
            {"slug": a.slug, "title": a.title, "topics": list(a.topics), "listed": list(a.listed),
             "scheduled": list(a.scheduled), "unscheduled": list(a.unscheduled),
             "unresolved": list(a.unresolved), "citations_in": a.citations_in,
             "citations_out": a.citations_out, "years": list(a.years)}
            for a in cov.areas
        ],
        "topics": [
            {"slug": t.slug, "title": t.title, "area": t.area, "question": t.question,
             "listed": list(t.listed), "scheduled": list(t.scheduled),
             "unscheduled": list(t.unscheduled), "unresolved": list(t.unresolved),
             "ambiguous": list(t.ambiguous), "citations_in": t.citations_in,
             "citations_out": t.citations_out, "citations_internal": t.citations_internal,
             "connected_topics": list(t.connected_topics),
             "references_missing": list(t.references_missing), "years": list(t.years),
             "gaps": [_gap_json(g) for g in t.gaps],
             "suggestions": [{"title": s.title, "year": s.year, "reason": s.reason}
                             for s in cov.suggestions if s.topic == t.slug]}
            for t in cov.topics
        ],
        "focus_topics": [
            {"text": f.text, "source": f.source,
             "papers": [{"key": p.key, "score": p.score, "scheduled": p.scheduled,
                         "topics": list(p.topics)} for p in f.papers]}
            for f in cov.focus_topics
        ],
        "focus_method": cov.focus_method,
        "gaps": [_gap_json(g) for g in cov.gaps],
        "gaps_min_cited_by": cov.gap_min_cited_by,
        "references_missing": list(cov.references_missing),
        "reference_lists": [{"key": r.key, "known": r.known, "complete": r.complete,
                             "sources": list(r.sources)} for r in cov.reference_lists],
        "changes": [{"paper": c.paper, "kind": c.kind, "before": c.before, "after": c.after}
                    for c in cov.changes],
        "discrepancies": [
            {"key": d.key, "field": d.field, "kind": d.kind, "severity": d.severity,
             "page": d.page, "record": d.record, "message": d.message,
             "context": list(d.context)}
            for d in cov.discrepancies
        ],
        "discrepancies_unchecked": list(cov.unchecked),
        "schedule": {
            "talks": s.talks,
            "days": [{"date": d.date, "talks": d.talks, "first": d.first, "last": d.last,
                      "minutes": d.minutes} for d in s.days],
            "overlaps": [{"date": o.date, "first": o.first, "second": o.second,
                          "detail": o.detail} for o in s.overlaps],
            "unscheduled": list(s.unscheduled),
            "repeated": list(s.repeated),
            "breaks": [{"date": b.date, "after": b.after, "before": b.before, "start": b.start,
                        "end": b.end, "minutes": b.minutes} for b in s.breaks],
            "durations": {str(m): n for m, n in s.durations},
        },
    }



def coverage_csv(cov: Coverage) -> str:
    """One row per topic (the main table); lists are joined with ';'."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["area", "topic", "title", "listed", "scheduled", "unscheduled", "unresolved",
                "citations_in", "citations_out", "citations_internal", "connected_topics",
                "references_missing", "year_min", "year_max", "gaps"])
    for t in cov.topics:
        w.writerow([t.area, t.slug, t.title, ";".join(t.listed), ";".join(t.scheduled),
                    ";".join(t.unscheduled), ";".join(t.unresolved), t.citations_in,
                    t.citations_out, t.citations_internal, ";".join(t.connected_topics),
                    ";".join(t.references_missing),
                    "" if t.years[0] is None else t.years[0],
                    "" if t.years[1] is None else t.years[1], len(t.gaps)])
    return buf.getvalue()



def format_coverage(cov: Coverage, fmt: str = "table", *, width: int = 100) -> str:
    """The report as text in one of :data:`FORMATS`."""
    if fmt == "table":
        return coverage_table(cov, width=width)
    if fmt == "markdown":
        return coverage_markdown(cov)
    if fmt == "csv":
        return coverage_csv(cov)
    if fmt == "json":
        return json_text(coverage_json(cov), indent=2) + "\n"
    raise PapergraphError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
