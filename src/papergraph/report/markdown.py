"""The report as GitHub-flavoured Markdown (``coverage.md``)."""

from __future__ import annotations

from ..mdescape import Markdown, md, md_cell, md_code
from .model import Coverage
from .text import (
    area_title,
    gap_note,
    grouped_discrepancies,
    keys_text,
    schedule_lines,
    topic_gap_line,
    years_text,
)


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    """A pipe table; every cell escaped (titles may hold ``<script>`` or ``|``), except
    cells already written as :class:`~papergraph.mdescape.Markdown`."""
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def coverage_markdown(cov: Coverage, *, gap_limit: int = 25) -> str:
    """GitHub-flavoured Markdown: headings and pipe tables."""
    out: list[str] = [f"# Coverage report: {md(cov.seminar)}", ""]
    out += _topics_and_areas(cov)
    out += _focus_topics(cov)
    out += _gaps(cov, gap_limit)
    out += _suggestions(cov)
    out += _discrepancies(cov)
    out += _reference_lists(cov)
    out += _changes(cov)
    out += ["", "## Schedule", ""]
    s = cov.schedule
    out += _md_table(["Day", "Talks", "From", "To", "Minutes of talks"],
                     [[d.date, d.talks, d.first, d.last, d.minutes] for d in s.days])
    out += [""]
    out += [md(line) for line in schedule_lines(s)]
    return "\n".join(out) + "\n"


def _topics_and_areas(cov: Coverage) -> list[str]:
    out = [
        "*Citations in/out* count citation pairs between seminar papers of **different** "
        "topics: *in* = a paper of another topic cites this topic, *out* = this topic cites "
        "another topic; *internal* = both papers in the topic. Where a paper's reference "
        "list is unknown these are lower bounds.", "",
        "## Topics", "",
    ]
    out += _md_table(
        ["Area", "Topic", "Listed", "Talks", "Without talk", "Unresolved", "Cit. in",
         "Cit. out", "Internal", "Years"],
        [[area_title(cov, t.area), Markdown(f"{md(t.title)} ({md_code(t.slug)})"),
          keys_text(t.listed),
          len(t.scheduled), keys_text(t.unscheduled), keys_text(t.unresolved), t.citations_in,
          t.citations_out, t.citations_internal, years_text(t.years)] for t in cov.topics],
    )
    out += ["", "## Areas", ""]
    out += _md_table(
        ["Area", "Topics", "Listed", "Talks", "Without talk", "Unresolved", "Cit. in",
         "Cit. out", "Years"],
        [[a.title, len(a.topics), len(a.listed), len(a.scheduled), keys_text(a.unscheduled),
          keys_text(a.unresolved), a.citations_in, a.citations_out, years_text(a.years)]
         for a in cov.areas],
    )
    return out


def _focus_topics(cov: Coverage) -> list[str]:
    out = ["", "## Focus topics", "", cov.focus_method[0].upper() + cov.focus_method[1:] + ".",
           ""]
    out += _md_table(
        ["Focus topic", "Source", "Papers", "With a talk"],
        [[f.text, f.source,
          ", ".join(p.key + (f" ({p.score:.2f})" if p.score is not None else "")
                    for p in f.papers) or "-",
          f"{sum(p.scheduled for p in f.papers)} of {len(f.papers)}"]
         for f in cov.focus_topics],
    )
    mapped = {p.key for f in cov.focus_topics for p in f.papers}
    if cov.focus_topics:
        lost = [k for k in cov.papers if k not in mapped]
        out += ["", "Papers under no focus topic: " + md(", ".join(lost) if lost else "none")
                + "."]
    return out


def _gaps(cov: Coverage, gap_limit: int) -> list[str]:
    out = ["", f"## Gaps: cited by at least {cov.gap_min_cited_by} seminar papers, not listed",
           ""]
    if note := gap_note(cov):
        out += [f"> {md(note)}", ""]
    if cov.gaps:
        shown = cov.gaps[:gap_limit]
        out += _md_table(
            ["#", "Paper", "Year", "Cited by", "Count", "Citations", "Id"],
            [[i, g.title, g.year or "-", ", ".join(g.cited_by), g.count,
              g.citation_count if g.citation_count is not None else "-",
              f"S2 {g.s2_id}" if g.s2_id else (f"arXiv {g.arxiv}" if g.arxiv else "-")]
             for i, g in enumerate(shown, start=1)],
        )
        if len(cov.gaps) > gap_limit:
            out += ["", f"… and {len(cov.gaps) - gap_limit} more (see `--format json`)."]
    else:
        out += ["No gaps found in the known reference lists."]
    out += ["", "### Per topic", ""]
    out += _md_table(["Topic", "Gaps (cited by ≥2 seminar papers, one of them in the topic)"],
                     [[t.title, topic_gap_line(t, cov)] for t in cov.topics])
    return out


def _suggestions(cov: Coverage) -> list[str]:
    """Newer papers citing each topic, marked as suggestions; nothing without citation data."""
    if not cov.suggestions:
        return []
    titles = {t.slug: t.title for t in cov.topics}
    out = ["", "## Suggestions: newer papers citing a topic (not on the list)", "",
           "> Suggestions only, from `papergraph suggest` (forward, top 3 per topic); "
           "see that command for more, and for the papers the topics cite.", ""]
    out += _md_table(["Topic", "Suggested paper", "Year", "Why"],
                     [[titles.get(s.topic, s.topic), s.title, s.year or "-", s.reason]
                      for s in cov.suggestions])
    return out


def _discrepancies(cov: Coverage) -> list[str]:
    out = ["", "## Discrepancies between the page and the published records", ""]
    if cov.discrepancies:
        out += _md_table(
            ["Paper", "Field", "Kind", "Page", "Record", "What to correct or know"],
            [[", ".join(keys), d.field, d.kind + ("" if d.severity == "error" else " (minor)"),
              d.page, d.record, d.message] for keys, d in grouped_discrepancies(cov.discrepancies)],
        )
        background = [(d.key, c) for d in cov.discrepancies for c in d.context
                      if c not in d.message]
        if background:
            out += ["", "Background from the published records:", ""]
            out += [f"- **{md(k)}**: {md(c)}" for k, c in dict.fromkeys(background)]
    else:
        out += ["None."]
    if cov.unchecked:
        out += ["", "Not checked (no published record): " + md(", ".join(cov.unchecked)) + "."]
    return out


def _reference_lists(cov: Coverage) -> list[str]:
    """How complete each paper's reference list is, and where it is known from."""
    if not cov.reference_lists:
        return []
    out = ["", "## Reference lists", "",
           "How many references each paper's record lists, whether that is the whole list, "
           "and which sources it is known from (a list from one source only cannot be "
           "cross-checked).", ""]
    out += _md_table(["Paper", "References", "Complete", "Known from"],
                     [[Markdown(md_code(r.key)), r.known, "yes" if r.complete else "no",
                       " + ".join(r.sources) or "unknown"] for r in cov.reference_lists])
    return out


def _changes(cov: Coverage) -> list[str]:
    """What the latest online run found changed (``papergraph changes``), if anything."""
    if not cov.changes:
        return []
    from ..changes import LABELS, change_text

    out = ["", "## What changed since the last run", ""]
    out += [f"- {md_code(c.paper)}: {LABELS[c.kind]}: {change_text(c)}" for c in cov.changes]
    return out
