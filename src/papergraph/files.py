"""Reading the user's files and writing papergraph's outputs: OS errors mapped once.

Reading: a missing, unreadable or non-UTF-8 file becomes one ``FILE: message`` problem.
Writing: all or nothing (a temporary file beside the target replaces it), so a run that
is interrupted or fails never leaves a half-written ``.bib`` or page behind, and a
failure becomes one ``cannot write FILE: reason`` error.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import InputError, PapergraphError, Problem


def read_user_file(path: str | Path, shown: str | None = None, *, what: str = "file",
                   error: type[InputError] = InputError) -> str:
    """A user's UTF-8 text file; OS and decoding failures become one ``FILE: message``.

    ``shown`` is how the file is named in messages (default: the path as given);
    ``what`` says what a directory was expected to be ("syllabus file", "page").
    """
    shown = str(path) if shown is None else shown
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(Problem(shown, None, "no such file")) from None
    except IsADirectoryError:
        raise error(Problem(shown, None, f"is a directory, not a {what}")) from None
    except UnicodeDecodeError as exc:
        raise error(Problem(shown, None, f"not UTF-8 text ({exc.reason})")) from None
    except OSError as exc:
        raise error(Problem(shown, None, f"cannot read ({exc.strerror or exc})")) from None


def write_output(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends, all or nothing.

    Missing parent folders are made. The new file gets the usual permissions (those of
    ``open``, after the umask) and replaces ``path`` in one step (:func:`os.replace`).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise PapergraphError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # interrupted: the old file (if any) stays as it was
        _discard(tmp)
        raise
    return path


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):  # the error being reported matters more
        tmp.unlink(missing_ok=True)
