"""One exception tree for papergraph.

Lower-layer errors (tomllib, requests, httpx, semanticscholar, sqlite3) are mapped to
these once, at the boundary where they happen; the CLI turns any ``PapergraphError``
into a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class PapergraphError(Exception):
    """Base class of every error papergraph reports to a user."""


@dataclass(frozen=True)
class Problem:
    """One finding about an input file, reported as ``FILE:LINE: message``."""

    file: str
    line: int | None
    message: str
    level: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.level == "warning" else ""
        return f"{where}: {prefix}{self.message}" if where else f"{prefix}{self.message}"


class InputError(PapergraphError):
    """Bad input: a syllabus, a page to import, a .bib file. Carries its problems."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(file="", line=None, message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SyllabusError(InputError):
    """The syllabus TOML is malformed or inconsistent."""


class SourceError(PapergraphError):
    """A remote source (Semantic Scholar, dblp) failed after retries."""


class NetworkUnavailable(SourceError):
    """The network (or the service) cannot be reached at all."""


class RateLimited(SourceError):
    """The service kept answering 429 after every retry."""


class NotFound(SourceError):
    """The service answered that the object does not exist."""


class CacheError(PapergraphError):
    """The local cache database cannot be opened or written."""
