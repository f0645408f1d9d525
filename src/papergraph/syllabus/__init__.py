"""Stage 1: the reading list as data.

A syllabus is a human-editable TOML file (see ``data/tum-ss2020.toml``, the shipped
default). :func:`load_syllabus` parses and validates it; every problem is reported as
``FILE:LINE: message`` in one :class:`~papergraph.errors.SyllabusError`.
:func:`dump_syllabus` writes the same format back (round trip).

Modules: ``load`` (file → TOML → :class:`~papergraph.models.Syllabus`), ``lines`` (where
each table and field stands in the text), ``fields`` (one field read and type-checked,
the problems collected), ``tables`` (one builder per table), ``checks`` (across tables),
``write`` (TOML and JSON-ready data back out).
"""

from .load import DEFAULT_SYLLABUS, default_syllabus_path, load_syllabus, parse_syllabus
from .write import dump_syllabus, save_syllabus, syllabus_summary

__all__ = [
    "DEFAULT_SYLLABUS",
    "default_syllabus_path",
    "dump_syllabus",
    "load_syllabus",
    "parse_syllabus",
    "save_syllabus",
    "syllabus_summary",
]
