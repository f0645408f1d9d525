"""Pieces of text the table and the Markdown share."""

from __future__ import annotations

from .model import Coverage, Discrepancy, ScheduleReport, TopicCoverage


def years_text(y: tuple[int | None, int | None]) -> str:
    if y[0] is None:
        return "-"
    return str(y[0]) if y[0] == y[1] else f"{y[0]}-{y[1]}"


def keys_text(keys: tuple[str, ...]) -> str:
    return ", ".join(keys) if keys else "-"


def gap_note(cov: Coverage) -> str:
    if not cov.references_missing:
        return ""
    n, total = len(cov.references_missing), len(cov.papers)
    return (f"Reference lists are incomplete or unknown for {n} of {total} papers "
            f"({', '.join(cov.references_missing)}): gaps they would add are not shown, so "
            f"an empty or short list does not mean there are no gaps.")


def topic_gap_line(t: TopicCoverage, cov: Coverage, limit: int = 5) -> str:
    if t.gaps:
        shown = "; ".join(f"{g.title} ({g.year or 'n.d.'}, cited by {g.count})"
                          for g in t.gaps[:limit])
        more = f"; and {len(t.gaps) - limit} more" if len(t.gaps) > limit else ""
        return shown + more
    if set(t.listed) <= set(cov.references_missing):
        return "unknown (no reference list for " + ", ".join(t.listed) + ")"
    return "none found" + (" (references missing for " + ", ".join(t.references_missing) + ")"
                           if t.references_missing else "")


def area_title(cov: Coverage, slug: str) -> str:
    return next((a.title for a in cov.areas if a.slug == slug), slug)


def grouped_discrepancies(items: tuple[Discrepancy, ...]) -> list[tuple[list[str], Discrepancy]]:
    """Minor discrepancies that are the same for several papers ("Neurips" -> "NeurIPS")
    collapse into one row; everything else stays one row per paper."""
    rows: list[tuple[list[str], Discrepancy]] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for d in items:
        sig = (d.field, d.kind, d.page, d.record)
        if d.severity == "minor" and d.field == "venue" and sig in seen:
            rows[seen[sig]][0].append(d.key)
            continue
        seen.setdefault(sig, len(rows))
        rows.append(([d.key], d))
    return rows


def schedule_lines(s: ScheduleReport) -> list[str]:
    lines = [f"- {plural(s.talks, 'talk')} on {plural(len(s.days), 'day')}; lengths: "
             + (", ".join(f"{n} x {m} min" for m, n in s.durations) or "-") + "."]
    lines.append("- Overlapping talks: "
                 + ("; ".join(o.detail for o in s.overlaps) if s.overlaps else "none") + ".")
    lines.append("- Listed papers without a talk: "
                 + (", ".join(s.unscheduled) if s.unscheduled else "none") + ".")
    if s.repeated:
        lines.append("- Papers with more than one talk: " + ", ".join(s.repeated) + ".")
    lines.append("- Breaks between talks: " + ("; ".join(
        f"{b.date} {b.start}-{b.end} ({b.minutes} min, after {b.after})" for b in s.breaks)
        if s.breaks else "none (talks follow each other directly)") + ".")
    return lines


def plural(count: int, noun: str) -> str:
    """``1 talk``, ``2 talks``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
