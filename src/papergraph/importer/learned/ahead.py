"""Reading ahead on a second core: a long page's citations tagged by a forked child.

On a page of thousands of items most of the reading is the tagger's (:func:`.parser.read`
on each item, :func:`.cues.title_roles` on the titles it finds), and each of those is a
pure function of its strings. While the walk (:mod:`..reader`) goes down the page, a
forked child reads the items from the bottom up, a chunk at a time, and sends back what
each call returned, keyed by its arguments; the walk takes a reading from there when its
own call has the same arguments, and makes the call itself otherwise (a block read under
another date context, a chunk not yet sent, no child). So the draft is the same bytes
with or without the child, whichever of the two reaches a block first. The child stops
where the walk has got to (a shared counter), when the walk ends (it is killed), or when
the process it was forked from is gone.

Only pages of :data:`MIN_BLOCKS` items or more, with two usable CPUs and ``fork``, read
ahead: on a short page a second process costs more than it saves.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Sequence
from contextvars import ContextVar

from ..refs import Reference
from . import parser

MIN_BLOCKS = 1000  # items and paragraphs of a page worth a second process
CHUNK = 48  # blocks the child reads between two messages
# (piece, emphasis, link texts): the arguments of one parser.read call
Key = tuple[str, tuple[str, ...], tuple[str, ...]]
Pieces = Callable[[int], Sequence[Key]]


class Ahead:
    """The caller's side: what the child has sent, and the child itself."""

    def __init__(self) -> None:
        self.refs: dict[Key, tuple[Reference | None, bool]] = {}
        self.roles: dict[str, tuple[float, float]] = {}
        self._pid: int | None = None
        self._fd = -1
        self._at = mmap.mmap(-1, 8)  # where the walk is (shared with the child)
        struct.pack_into("q", self._at, 0, -1)

    def start(self, blocks: int, pieces: Pieces) -> None:
        """Fork the child reading blocks ``blocks - 1`` down to where the walk is;
        ``pieces(i)`` gives the ``parser.read`` calls block ``i`` will make."""
        r, w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(r)
                _child(w, blocks, pieces, self._at, parent)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self._pid, self._fd = pid, r

    def at(self, i: int) -> None:
        """The walk is at block ``i``: tell the child, take what it has sent."""
        struct.pack_into("q", self._at, 0, i)
        while self._fd >= 0 and select.select([self._fd], [], [], 0)[0]:
            self._receive()

    def _receive(self) -> None:
        head = _read(self._fd, 8)
        data = _read(self._fd, struct.unpack("q", head)[0]) if len(head) == 8 else b""
        if not data:  # the child is done (or gone)
            os.close(self._fd)
            self._fd = -1
            return
        refs, roles = pickle.loads(data)
        self.refs.update(refs)
        self.roles.update(roles)

    def close(self) -> None:
        """Stop and reap the child."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid is not None:
            pid, self._pid = self._pid, None
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        self._at.close()


def _read(fd: int, n: int) -> bytes:
    out = b""
    while len(out) < n:
        part = os.read(fd, n - len(out))
        if not part:
            break
        out += part
    return out


def titles_asked(ref: Reference) -> list[str]:
    """The titles :func:`.cues.title_roles` will be asked about for ``ref``: by the
    finder's cues (a short title without authors) and by the draft's checks."""
    from .cues import asks_roles

    out = []
    title = ref.title.strip(" .!")
    if asks_roles(title, ref):
        out.append(title)
    if len(ref.title.split()) >= 4:
        out.append(ref.title)
    return out


def _child(fd: int, n: int, pieces: Pieces, at: mmap.mmap, parent: int) -> None:
    from .cues import roles_of

    for hi in range(n, 0, -CHUNK):
        lo = max(0, hi - CHUNK)
        if struct.unpack_from("q", at, 0)[0] >= lo or os.getppid() != parent:
            return
        refs: dict[Key, tuple[Reference | None, bool]] = {}
        roles: dict[str, tuple[float, float]] = {}
        for i in range(lo, hi):
            for key in pieces(i):
                untitled: list[str] = []
                ref = parser.read(key[0], emphasis=key[1], links=key[2], untitled=untitled)
                refs[key] = (ref, bool(untitled))
                for title in titles_asked(ref) if ref is not None else ():
                    roles[title] = roles_of(title)
        data = pickle.dumps((refs, roles), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            os.write(fd, struct.pack("q", len(data)))
            _write(fd, data)
        except OSError:  # the walk is over
            return


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


AHEAD: ContextVar[Ahead | None] = ContextVar("papergraph_read_ahead", default=None)


def read(piece: str, emphasis: tuple[str, ...], links: tuple[str, ...],
         untitled: list[str]) -> Reference | None:
    """:func:`.parser.read` of ``piece`` with the block's markup, taken from the child
    when it has read it (once: each reading is handed out one time)."""
    ahead = AHEAD.get()
    if ahead is not None and (got := ahead.refs.pop((piece, emphasis, links), None)):
        ref, was_untitled = got
        if was_untitled:
            untitled.append(piece)
        return ref
    return parser.read(piece, emphasis=emphasis, links=links, untitled=untitled)


def roles(title: str) -> tuple[float, float] | None:
    """What the child found :func:`.cues.title_roles` of ``title`` to be, if it did."""
    ahead = AHEAD.get()
    return ahead.roles.get(title) if ahead is not None else None


def usable(blocks: int) -> bool:
    """Is reading ahead worth a second process for a page of ``blocks`` items?"""
    if blocks < MIN_BLOCKS or not hasattr(os, "fork"):
        return False
    from ...parallel import usable_cpus

    return usable_cpus() >= 2


__all__ = ["AHEAD", "Ahead", "read", "roles", "titles_asked", "usable"]
