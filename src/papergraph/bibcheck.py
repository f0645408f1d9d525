"""``papergraph bib --check FILE``: lint any ``.bib`` file a user has.

Finds what makes BibTeX fail or silently drop data, reported as ``FILE:LINE: message``:

* errors: duplicate keys (BibTeX compares them case-insensitively), missing required
  fields per entry type, unbalanced braces (including text stranded after an entry that
  an extra ``}`` closed early), unescaped ``& % # _`` and unbalanced ``$`` in field values;
  TeX commands that read or write files, run programs or redefine TeX (``\\input``,
  ``\\write``, ``\\def``, ``\\catcode``, …) and ``^^`` notation in any field; commands,
  braces or spaces in ``doi`` and ``eprint`` and commands in ``url``, which styles typeset
  verbatim (a ``doi`` of ``10.1/x}\\input{/etc/hostname}`` ran ``\\input`` in pdflatex);
* warnings: unprotected acronyms in titles (``ReLU`` becomes "relu" in most styles; write
  ``{ReLU}``), entry types BibTeX's standard styles do not know.

The scanner is deliberately small and line-aware: pybtex's parser stops at the first
error and does not report line numbers for field values.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .files import read_user_file

# Required fields of the standard BibTeX types ("a|b" = either); biblatex aliases accepted.
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "conference": ("author", "title", "booktitle", "year"),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "misc": (),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}
ALIASES = {"journal": ("journaltitle",), "year": ("date",), "school": ("institution",),
           "institution": ("school",)}
_BIBLATEX_TYPES_TEXT = (
    "online electronic www report thesis collection mvbook mvcollection mvproceedings "
    "bookinbook suppbook suppcollection suppperiodical periodical patent dataset software "
    "set xdata reference mvreference inreference movie music audio video artwork image "
    "letter commentary jurisdiction legislation legal standard review"
)
BIBLATEX_TYPES = frozenset(_BIBLATEX_TYPES_TEXT.split())
# Fields whose value is an identifier or a link, not typeset text.
_VERBATIM_TEXT = ("url doi eprint file pdf urldate isbn issn archiveprefix eprinttype "
                  "primaryclass eprintclass crossref key keywords abstract")
VERBATIM = frozenset(_VERBATIM_TEXT.split())

_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_KEY = re.compile(r"\s*([^\s,{}()=\"#%'\\~]*)\s*(,|[})])")
_FIELD = re.compile(r"\s*([A-Za-z][\w\-:.+/']*)\s*=\s*")
_RUNAWAY = re.compile(r"\n\s*([A-Za-z]+)\s*=\s*[{\"\d]")
# Commands no bibliography field needs, that read or write files, run programs or
# redefine TeX; and ^^ notation, which spells any character, the backslash included.
_DANGEROUS_TEXT = (
    "input include InputIfFileExists IfFileExists openin openout read readline write "
    "immediate newwrite newread closein closeout csname def edef gdef xdef let futurelet "
    "catcode uccode lccode special directlua latelua pdfshellescape ShellEscape write18 "
    "endinput everyeof scantokens usepackage RequirePackage documentclass makeatletter "
    "newcommand renewcommand providecommand DeclareRobustCommand"
)
_DANGEROUS = re.compile(r"\\(" + "|".join(_DANGEROUS_TEXT.split()) + r")(?![A-Za-z@])|(\^\^)")
_COMMAND = re.compile(r"\\[A-Za-z@]+")
# Scanning jumps from one significant character to the next: a 10,000-entry file is
# checked in well under a second (``papergraph build`` checks everything it writes).
_SPACE = re.compile(r"\s*")
_SPACE_OR_COMMA = re.compile(r"[\s,]*")
_BARE = re.compile(r"[^\s,#{}()\"=]+")
_NEXT_ENTRY = re.compile(r"^@", re.M)
_BRACES = re.compile(r"[{}]")
_DELIMITERS = {("{", "}"): re.compile(r"\\.|[{}]|^@", re.S | re.M),
               ("(", ")"): re.compile(r"\\.|[()]|^@", re.S | re.M)}
_WORD = re.compile(r"(?<![\\\w])[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*|(?<![\\\w])[A-Za-z]+[A-Z]"
                   r"[A-Za-z]*")


@dataclass(frozen=True)
class Field:
    name: str
    value: str  # raw text between the delimiters (or a number/macro name)
    line: int
    braced: bool  # a literal value, not a macro


class _Scanner:
    def __init__(self, text: str, filename: str):
        self.text, self.file = text, filename
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.problems: list[Problem] = []

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def error(self, pos: int, message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.file, self.line(pos), message, level))

    def balanced(self, pos: int, opener: str = "{", closer: str = "}") -> int | None:
        """Index just after the delimiter matching the one at ``pos``; None if unclosed."""
        depth, text = 0, self.text
        for m in _DELIMITERS[(opener, closer)].finditer(text, pos):
            c = m.group(0)
            if c == opener:
                depth += 1
            elif c == closer:
                depth -= 1
                if depth == 0:
                    return m.end()
            elif c == "@" and depth > 0 and _ENTRY.match(text, m.start()):
                return None  # a new entry starts while braces are still open
        return None


def _value(sc: _Scanner, pos: int, closer: str) -> tuple[list[Field], int, bool]:
    """Parse ``part # part ...`` at ``pos``; returns (parts, end, ok)."""
    text, parts = sc.text, []
    while True:
        pos = _SPACE.match(text, pos).end()
        if pos >= len(text):
            return parts, pos, False
        c = text[pos]
        if c == "{":
            end = sc.balanced(pos)
            if end is None:
                sc.error(pos, "unbalanced braces: this '{' is never closed")
                return parts, pos, False
            parts.append(Field("", text[pos + 1:end - 1], sc.line(pos), True))
        elif c == '"':
            i, depth = pos + 1, 0
            while i < len(text) and not (text[i] == '"' and depth == 0):
                if text[i] == "\\":
                    i += 1
                elif text[i] == "{":
                    depth += 1
                elif text[i] == "}":
                    depth -= 1
                    if depth < 0:
                        break
                i += 1
            if i >= len(text) or depth != 0:
                sc.error(pos, "unbalanced braces or quote in a quoted value")
                return parts, pos, False
            parts.append(Field("", text[pos + 1:i], sc.line(pos), True))
            end = i + 1
        else:
            m = _BARE.match(text, pos)
            if not m:
                sc.error(pos, f"expected a value, found {c!r}")
                return parts, pos, False
            parts.append(Field("", m.group(0), sc.line(pos), m.group(0).isdigit()))
            end = m.end()
        pos = _SPACE.match(text, end).end()
        if pos < len(text) and text[pos] == "#":
            pos += 1
            continue
        return parts, pos, True


_ESCAPE = re.compile(r"\\[^A-Za-z]|\\[A-Za-z]+")
_STRAY = re.compile(r"[=}]")


def _strip_escapes(value: str) -> str:
    return _ESCAPE.sub(" ", value)


# url.sty/hyperref read these arguments verbatim: ``\url{https://x.org/a_b&c}`` is legal
# in any field (``howpublished``, ``note``), and so is ``\href``'s address.
_VERBATIM_ARG = re.compile(r"\\(?:url|nolinkurl|path|href)\s*\{")


def _verbatim_args(value: str) -> tuple[str, str]:
    """(``value`` with the argument of each ``\\url{...}`` and the like blanked out,
    those arguments)."""
    out, args, last = [], [], 0
    for m in _VERBATIM_ARG.finditer(value):
        if m.start() < last:  # inside an argument already taken
            continue
        depth, end = 1, m.end()
        while end < len(value) and depth:
            depth += {"{": 1, "}": -1}.get(value[end], 0)
            end += 1
        out.append(value[last:m.start()] + " ")
        args.append(value[m.end():end - 1])
        last = end
    out.append(value[last:])
    return "".join(out), " ".join(args)


def _check_specials(sc: _Scanner, f: Field) -> None:
    if f.name in VERBATIM or not f.braced:
        return
    rest, verbatim = _verbatim_args(f.value)
    plain = _strip_escapes(rest)
    segments = plain.split("$")
    if len(segments) % 2 == 0:
        sc.problems.append(Problem(sc.file, f.line, f"{f.name}: unescaped '$' (write \\$, "
                                   "or close the math)"))
        segments = [plain.replace("$", " ")]
    text = " ".join(segments[0::2])
    for ch in "&%#_":
        if ch in text:
            sc.problems.append(Problem(sc.file, f.line,
                                       f"{f.name}: unescaped '{ch}' (write \\{ch})"))
        elif ch in "%#" and ch in verbatim:  # fine in BibTeX's .bbl, not in biblatex's
            sc.problems.append(Problem(sc.file, f.line, f"{f.name}: '{ch}' inside \\url "
                                       "breaks when the field is read as an argument "
                                       "(biblatex); put the address in the url field"))


def _check_commands(sc: _Scanner, f: Field) -> None:
    m = _DANGEROUS.search(f.value)
    if m and m.group(2):
        sc.problems.append(Problem(sc.file, f.line, f"{f.name}: '^^' notation can spell any "
                                   "character TeX reads as a command (write \\^{} for a caret)"))
    elif m:
        sc.problems.append(Problem(sc.file, f.line, f"{f.name}: TeX command '\\{m.group(1)}' "
                                   "has no place in a .bib field (it can read or write files "
                                   "or redefine TeX)"))
    elif f.name in ("doi", "eprint", "url") and f.braced:
        cmd = _COMMAND.search(f.value)
        odd = f"TeX command '{cmd.group(0)}'" if cmd else next(
            (what for c, what in (("{", "a brace"), ("}", "a brace"), (" ", "a space"),
                                  ("\t", "a tab"), ("\n", "a line break"))
             if c in f.value and f.name != "url"), None)
        if odd is not None:
            sc.problems.append(Problem(sc.file, f.line, f"{f.name}: {odd} in a field that "
                                       "styles typeset verbatim"))


def _depth0(value: str) -> str:
    """The parts of a value at brace depth 0 (what a style may change the case of); text
    inside braces becomes spaces, the braces themselves go."""
    out, depth, last = [], 0, 0
    for m in _BRACES.finditer(value):
        segment = value[last:m.start()]
        out.append(segment if depth == 0 else " " * len(segment))
        depth += 1 if m.group(0) == "{" else -1
        last = m.end()
    out.append(value[last:] if depth == 0 else " " * (len(value) - last))
    return "".join(out)


def _check_title(sc: _Scanner, f: Field) -> None:
    if f.name != "title" or not f.braced:
        return
    words = sorted(set(_WORD.findall(_depth0(f.value))), key=f.value.find)
    for word in words:
        sc.problems.append(Problem(sc.file, f.line,
                                   f"title: unprotected acronym '{word}' (styles may lower-case "
                                   f"it; write {{{word}}})", "warning"))


def _check_required(sc: _Scanner, etype: str, key: str, fields: dict[str, Field],
                    line: int) -> None:
    if etype not in REQUIRED:
        if etype not in BIBLATEX_TYPES:
            sc.problems.append(Problem(sc.file, line, f"{key}: unknown entry type '@{etype}'",
                                       "warning"))
        return
    for need in REQUIRED[etype]:
        options = need.split("|")
        names = [n for o in options for n in (o, *ALIASES.get(o, ()))]
        if not any(n in fields and fields[n].value.strip() for n in names):
            sc.problems.append(Problem(
                sc.file, line, f"{key}: @{etype} is missing required field "
                + " or ".join(f"'{o}'" for o in options)))


def check_bib_text(text: str, filename: str = "<bib>") -> list[Problem]:
    """Every problem found in ``text``, in file order."""
    sc = _Scanner(text, filename)
    seen: dict[str, int] = {}  # key, lower case -> line of its first entry
    pos = 0
    while (at := text.find("@", pos)) >= 0:
        m = _ENTRY.match(text, at)
        pos = at + 1 if m is None else _check_entry(sc, m, seen)
    return sorted(sc.problems, key=lambda p: p.line or 0)


def _check_entry(sc: _Scanner, m: re.Match[str], seen: dict[str, int]) -> int:
    """Check the entry whose ``@type{`` is ``m``; returns where to look for the next one."""
    text, at = sc.text, m.start()
    etype, opener = m.group(1).lower(), m.group(2)
    closer = "}" if opener == "{" else ")"
    if etype in ("comment", "preamble"):
        end = sc.balanced(m.end() - 1, opener, closer)
        if end is None:
            sc.error(at, f"unbalanced braces in @{etype}")
            return m.end()
        return end
    pos = m.end()
    key = ""
    if etype != "string":
        km = _KEY.match(text, pos)
        if not km or not km.group(1):
            sc.error(at, f"@{etype} entry without a key")
            return m.end()
        key = km.group(1)
        pos = km.end()
        if key.lower() in seen:
            sc.error(at, f"duplicate key '{key}' (first defined at line {seen[key.lower()]})")
        else:
            seen[key.lower()] = sc.line(at)
    fields, pos, closed = _read_fields(sc, at, pos, closer, key or etype, key)
    if not closed:  # go on with the next entry that starts a line
        nxt = _NEXT_ENTRY.search(text, pos)
        return nxt.start() if nxt else len(text)
    if etype != "string":
        _check_required(sc, etype, key, fields, sc.line(at))
        _check_tail(sc, key, pos)
    return pos


def _read_fields(sc: _Scanner, at: int, pos: int, closer: str, label: str,
                 key: str) -> tuple[dict[str, Field], int, bool]:
    """The fields of the entry at ``at`` from ``pos`` on, each checked as it is read:
    (fields, the position after the entry's closing delimiter or where reading stopped,
    whether the entry was closed)."""
    text = sc.text
    fields: dict[str, Field] = {}
    while True:
        pos = _SPACE_OR_COMMA.match(text, pos).end()
        if pos >= len(text):
            sc.error(at, f"entry '{label}' is never closed (unbalanced braces?)")
            return fields, pos, False
        if text[pos] == closer:
            return fields, pos + 1, True
        fm = _FIELD.match(text, pos)
        if not fm:
            if text[pos] == "@":
                sc.error(at, f"{label}: entry is not closed before the next entry "
                         "(unbalanced braces)")
            else:
                sc.error(pos, f"{label}: expected 'name = value', found "
                         f"{text[pos:pos + 20].splitlines()[0]!r} (unbalanced braces?)")
            return fields, pos, False
        parts, pos, ok = _value(sc, fm.end(), closer)
        if not ok:
            return fields, pos, False
        _check_field(sc, fm, parts, key, fields)


def _check_field(sc: _Scanner, fm: re.Match[str], parts: list[Field], key: str,
                 fields: dict[str, Field]) -> None:
    """Check the field ``fm`` names, whose value is ``parts``, and add it to ``fields``."""
    name = fm.group(1).lower()
    f = Field(name, "".join(p.value for p in parts), sc.line(fm.start(1)),
              all(p.braced for p in parts))
    runaway = _RUNAWAY.search(f.value) if f.braced else None
    if runaway:
        where = f.line + f.value.count("\n", 0, runaway.start()) + 1
        sc.error(fm.start(1), f"{key}: unbalanced braces: field '{name}' runs on into "
                 f"'{runaway.group(1)} =' on line {where}")
    if name in fields:
        sc.error(fm.start(1), f"{key}: field '{name}' given twice")
    fields[name] = f
    for part in parts:
        _check_specials(sc, Field(name, part.value, part.line, part.braced))
    _check_title(sc, f)
    _check_commands(sc, f)


def _check_tail(sc: _Scanner, key: str, pos: int) -> None:
    """Text between the end of an entry (at ``pos``) and the next ``@``: BibTeX ignores it,
    so a ``=`` or ``}`` there means an extra brace closed the entry early."""
    tail_end = sc.text.find("@", pos)
    tail = sc.text[pos:tail_end if tail_end >= 0 else len(sc.text)]
    stray = _STRAY.search(tail)
    if stray and not tail.lstrip().startswith("%"):
        sc.error(pos - 1,
                 f"{key}: text after the end of the entry (an extra '}}' closed it "
                 "early? BibTeX ignores what follows)")


def check_bib(path: str | Path) -> list[Problem]:
    """Lint the ``.bib`` file at ``path``; raises InputError if it cannot be read."""
    text = read_user_file(path, what=".bib file")
    return check_bib_text(text, str(path))
