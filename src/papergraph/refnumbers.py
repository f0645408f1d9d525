"""Each distinct reference of a resolution numbered once (issue 21).

The cache hands out one :class:`~papergraph.models.Ref` object per distinct reference,
however many records cite it: at 50,000 papers 2.5 million citations of about 300,000
objects. Marking syllabus papers, the graph's mapping of references to nodes and the gap
search each looked every citation up by ``id(ref)`` in a dict of that many entries, which
(the objects scattered over a heap of more than a gigabyte) cost more than the work done
per reference. Here each record's lists become lists of small ints, made in one pass;
the stages then look a number up in a plain list (an entry per distinct Ref) instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Record, Ref


@dataclass(frozen=True, slots=True, eq=False)
class RefNumbers:
    """``refs[n]`` is the Ref numbered ``n``; ``lists[i]`` the numbers of ``records[i]``'s
    references and citations, in order. Numbers follow the order the Refs are first met
    (records in order, each one's references, then its citations)."""

    records: tuple[Record, ...]  # the records numbered (valid only for this very tuple)
    refs: list[Ref]
    lists: list[tuple[list[int], list[int]]]

    at: dict[int, int]  # id(record) -> its position (the records stay alive here)

    def of(self, rec: Record) -> tuple[list[int], list[int]] | None:
        """The numbers of ``rec``'s references and citations; None for a record not
        numbered here (a stand-in built from the page, with none)."""
        i = self.at.get(id(rec))
        return None if i is None else self.lists[i]


def number_refs(records: tuple[Record, ...]) -> RefNumbers:
    """Number every distinct Ref object of ``records`` (one look-up by ``id`` per citation,
    in C; a Python step only for a Ref met for the first time)."""
    seen: dict[int, int] = {}
    refs: list[Ref] = []

    def numbers(items: tuple[Ref, ...]) -> list[int]:
        found = list(map(seen.get, map(id, items)))
        if None in found:
            for at, r in enumerate(items):
                if found[at] is None:
                    n = seen.get(id(r))
                    if n is None:  # (else: twice in this list)
                        n = seen[id(r)] = len(refs)
                        refs.append(r)  # holding the Ref keeps its id its own
                    found[at] = n
        return found  # type: ignore[return-value]

    lists = [(numbers(r.references), numbers(r.citations)) for r in records]
    return RefNumbers(records, refs, lists, {id(r): i for i, r in enumerate(records)})


def mark_numbered(numbers: RefNumbers, key_of: Callable[[Ref], str],
                  skip: Callable[[Record], bool]) -> RefNumbers:
    """The records with each Ref that ``key_of`` names a syllabus paper copied with that
    ``seminar_key`` (one copy per distinct Ref, shared by every record citing it; a
    record is copied only when one of its Refs is), and their numbering; the records
    ``skip`` says are left as they are. ``key_of`` is asked once per distinct Ref."""
    refs = list(numbers.refs)
    to = list(range(len(refs)))  # number -> the number of its marked copy (or itself)
    hit = [False] * len(refs)
    for n, r in enumerate(numbers.refs):
        k = "" if r.seminar_key else key_of(r)
        if k:
            hit[n], to[n] = True, len(refs)
            refs.append(replace(r, seminar_key=k))
    records, lists = list(numbers.records), list(numbers.lists)
    if any(hit):
        for i, rec in enumerate(numbers.records):
            a, b = lists[i]
            if skip(rec) or not (any(map(hit.__getitem__, a)) or any(map(hit.__getitem__, b))):
                continue
            a, b = list(map(to.__getitem__, a)), list(map(to.__getitem__, b))
            lists[i] = (a, b)
            records[i] = replace(rec, references=tuple(map(refs.__getitem__, a)),
                                 citations=tuple(map(refs.__getitem__, b)))
    done = tuple(records)
    return RefNumbers(done, refs, lists, {id(r): i for i, r in enumerate(done)})
