"""Reading the user's files and writing papergraph's outputs: OS errors mapped once.

Reading: a missing, unreadable or non-UTF-8 file becomes one ``FILE: message`` problem.
Writing: all or nothing (a temporary file beside the target replaces it), so a run that
is interrupted or fails never leaves a half-written ``.bib`` or page behind, and a
failure becomes one ``cannot write FILE: reason`` error. A symbolic link is written
through (its target is replaced, the link stays); a device, a FIFO or a descriptor
(``/dev/stdout``, ``/dev/null``, a named pipe) is written into, since it cannot be replaced.

Confinement: inside :func:`confined_to` (``papergraph build`` uses it for ``--out``) every
write and removal must stay inside that folder, whatever a syllabus put in a file name,
and whatever symbolic links inside the folder point to: a write whose resolved path
leaves the folder (``graphs/seminar.html`` or ``graphs/`` itself a link to elsewhere) is
refused with one line, nothing written through it. :func:`output_file` refuses a name that
is not one plain file name.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from .errors import InputError, PapergraphError, Problem

MAX_USER_FILE = 64 * 1024 * 1024  # bytes: no syllabus or .bib file is near this


def read_user_bytes(path: str | Path, shown: str | None = None, *, what: str = "file",
                    error: type[InputError] = InputError, limit: int = MAX_USER_FILE) -> bytes:
    """A user's file as bytes; OS failures and a file over ``limit`` bytes (or an endless
    one, ``/dev/zero``) become one ``FILE: message`` (see :func:`read_user_file`)."""
    shown = str(path) if shown is None else shown
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise error(Problem(shown, None, "no such file")) from None
    except IsADirectoryError:
        raise error(Problem(shown, None, f"is a directory, not a {what}")) from None
    except OSError as exc:
        raise error(Problem(shown, None, f"cannot read ({exc.strerror or exc})")) from None
    if len(data) > limit:
        raise error(Problem(shown, None, f"larger than {limit / 2**20:g} MB: not a {what}"))
    return data


def read_user_file(path: str | Path, shown: str | None = None, *, what: str = "file",
                   error: type[InputError] = InputError, limit: int = MAX_USER_FILE) -> str:
    """A user's UTF-8 text file; OS and decoding failures become one ``FILE: message``.

    ``shown`` is how the file is named in messages (default: the path as given);
    ``what`` says what a directory was expected to be ("syllabus file", "page").
    At most ``limit`` bytes are read: a larger file (or an endless one, ``/dev/zero``) is
    refused with one line.
    """
    shown = str(path) if shown is None else shown
    data = read_user_bytes(path, shown, what=what, error=error, limit=limit)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        raise error(Problem(shown, None, "UTF-16/32 text: save it as UTF-8"))
    try:  # a UTF-8 byte order mark (Windows editors write one) is not part of the text
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(Problem(shown, line, f"not UTF-8 text ({exc.reason})")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text would
    if "\0" in text:
        raise error(Problem(shown, text.count("\n", 0, text.index("\0")) + 1,
                            "a NUL character: a binary file, not text"))
    return text


_ROOTS: ContextVar[tuple[Path, ...]] = ContextVar("papergraph_output_roots", default=())
# within confined_to: folder -> {target name: its leftover temporary files}, one listing of
# each folder per block (a build writes 10,000 files into bib/ at 50,000 papers: listing
# the folder again for each was quadratic, 30 s of such a build)
_LEFTOVERS: ContextVar[dict[str, dict[str, list[Path]]] | None] = ContextVar(
    "papergraph_leftover_tmp", default=None)


def _absolute(path: str | Path) -> Path:
    """``path`` made absolute and normalised lexically (``..`` removed, links not followed)."""
    return Path(os.path.normpath(os.path.abspath(path)))


@contextlib.contextmanager
def confined_to(root: str | Path) -> Iterator[Path]:
    """Within this block, :func:`write_output` and :func:`remove_output` refuse any path
    outside ``root`` (defence in depth: names are validated where they are read, too)."""
    token = _ROOTS.set((*_ROOTS.get(), _absolute(root)))
    listed = _LEFTOVERS.set({})
    try:
        yield Path(root)
    finally:
        _LEFTOVERS.reset(listed)
        _ROOTS.reset(token)


def check_confined(path: str | Path, *, follow: bool = True) -> None:
    """Raise :class:`PapergraphError` if ``path`` leaves a folder of :func:`confined_to`,
    by its name or through a symbolic link: the path is compared once as written and once
    resolved (every link followed, the last one too unless ``follow`` is false: removing
    a link removes the link, not its target)."""
    roots = _ROOTS.get()
    if not roots:
        return
    # compared as strings (both sides absolute and normalised: what Path.is_relative_to
    # tells, without building Path objects: a build checks 2 paths per file it writes)
    where = os.path.normpath(os.path.abspath(path))
    resolved = os.path.realpath(where) if follow else \
        os.path.join(os.path.realpath(os.path.dirname(where)), os.path.basename(where))
    for root in roots:
        if not _inside(where, str(root)):
            raise PapergraphError(f"refusing to write {path}: outside the output folder {root}")
        if not _inside(resolved, os.path.realpath(root)):
            raise PapergraphError(f"refusing to write {path}: a symbolic link leads outside "
                                  f"the output folder {root} (to {resolved})")


def _inside(path: str, folder: str) -> bool:
    """Whether the absolute, normalised ``path`` is ``folder`` or inside it."""
    if path.startswith("//") or folder.startswith("//"):  # POSIX's own root: as pathlib
        return Path(path).is_relative_to(folder)
    return path == folder or path.startswith(folder if folder.endswith(os.sep)
                                             else folder + os.sep)


def output_file(folder: str | Path, name: str) -> Path:
    """``folder/name`` for a file papergraph makes, refused unless ``name`` is one plain
    file name (no separator, not ``..``, no NUL): a name can never leave ``folder``."""
    seps = {os.sep, os.altsep or os.sep, "\\"}
    if not name or name in (".", "..") or "\0" in name or any(s in name for s in seps):
        raise PapergraphError(f"refusing to write {name!r} in {folder}: not a plain file name")
    path = Path(folder) / name
    check_confined(path)
    return path


def remove_output(path: str | Path) -> None:
    """Remove a file papergraph wrote earlier (confined like :func:`write_output`)."""
    check_confined(path, follow=False)
    Path(path).unlink(missing_ok=True)


def write_output(path: str | Path, text: str | Iterable[str]) -> Path:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends, all or nothing; ``text``
    may come in pieces (an iterable of strings: a large export is never one string).

    Missing parent folders are made. A new file gets the usual permissions (those of
    ``open``, after the umask), a file written again keeps its own; either way the new
    text replaces it in one step (:func:`os.replace`). Through a symbolic link, the link's
    target is replaced and the link kept. A device, FIFO or socket (``/dev/stdout``, a
    named pipe), and anything reached through ``/dev`` or ``/proc`` (a descriptor), is
    written into directly: there is no file to replace.
    """
    path = Path(path)
    check_confined(path)
    try:
        target, stream = _target(path)
    except OSError as exc:
        raise PapergraphError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stream:
        _write_stream(path, text)
    else:
        _replace(path, target, text)
    return path


def _target(path: Path) -> tuple[Path, bool]:
    """(the file to replace, whether to write into ``path`` as a stream instead)."""
    try:
        st = os.stat(path)  # follows links
    except FileNotFoundError:
        st = None
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return path, True  # a device, FIFO or socket
    if not path.is_symlink():
        return path, False
    hops, link = [path], path
    while link.is_symlink() and len(hops) < 40:
        link = Path(os.path.join(link.parent, os.readlink(link)))
        hops.append(link)
    if any(_absolute(h).parts[1:2] in (("dev",), ("proc",)) for h in hops):
        return path, st is not None  # /dev/stdout -> /proc/self/fd/1 -> a file: a descriptor
    return Path(os.path.realpath(path)), False


_SLICE = 1 << 20  # characters encoded at a time: a large text is never all bytes at once


def _put(f: Any, text: str | Iterable[str]) -> None:
    pieces = [text] if isinstance(text, str) else text
    for piece in pieces:
        if len(piece) <= _SLICE:
            f.write(piece)
        else:
            f.writelines(piece[i:i + _SLICE] for i in range(0, len(piece), _SLICE))


def _write_stream(path: Path, text: str | Iterable[str]) -> None:
    try:  # append: a descriptor onto a regular file continues it, as printing would
        with open(path, "a", encoding="utf-8", newline="\n") as f:
            _put(f, text)
    except OSError as exc:
        raise PapergraphError(f"cannot write {path}: {exc.strerror or exc}") from None


def _replace(path: Path, target: Path, text: str | Iterable[str]) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _sweep(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            _put(f, text)
        with contextlib.suppress(FileNotFoundError):  # a file written again keeps its mode
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise PapergraphError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # interrupted: the old file (if any) stays as it was
        _discard(tmp)
        raise


def _sweep(target: Path) -> None:
    """Remove the temporary files a killed run left beside ``target`` (``SIGKILL`` runs
    no cleanup): ``.NAME.PID.tmp`` whose process is gone."""
    with contextlib.suppress(OSError):
        for old in _leftovers(target):
            pid = old.name[len(target.name) + 2:-len(".tmp")]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                _discard(old)


def _leftovers(target: Path) -> list[Path]:
    """The ``.NAME.*.tmp`` files beside ``target``: within :func:`confined_to` from one
    listing of the folder per block, else from a listing now."""
    listed = _LEFTOVERS.get()
    if listed is None:
        return list(target.parent.glob(f".{glob.escape(target.name)}.*.tmp"))
    folder = str(target.parent)
    if folder not in listed:
        found: dict[str, list[Path]] = {}
        with os.scandir(target.parent) as entries:
            for e in entries:
                name = e.name
                if name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3:
                    stem = name[1:-len(".tmp")].rsplit(".", 1)[0]  # ".NAME.PID.tmp" -> NAME
                    found.setdefault(stem, []).append(target.parent / name)
        listed[folder] = found
    return listed[folder].pop(target.name, [])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):  # the error being reported matters more
        tmp.unlink(missing_ok=True)
