"""Reading ahead on a second core: a long page's items read by a forked child.

On a page of thousands of items nearly all of the reading is per item: the tagger on its
citation, the finder's verdict, the titles' checks; each a function of the item, the date
context and two flags, and of nothing the walk (:mod:`..reader`) changes. While the walk
goes down the page, a forked child reads the items from the bottom up, a chunk at a time,
and sends back what each reading gave, keyed by what it depended on; the walk takes a
reading from there when its own would have the same key (the same block, the same date
context, the same flags), and reads the item itself otherwise (a block under a dated
heading, a chunk not yet sent, no child). So the draft is the same bytes with or without
the child, whichever of the two reaches an item first. The child stops where the walk has
got to (a shared counter), when the walk ends (it is killed), or when the process it was
forked from is gone.

Only pages of :data:`MIN_BLOCKS` items or more read ahead, with two usable CPUs,
``fork``, and a load average below the CPUs' count: on a short page, or on a busy machine,
a second process costs more than it saves.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

MIN_BLOCKS = 1000  # items and paragraphs of a page worth a second process
CHUNK = 32  # blocks the child reads between two messages
POLL = 8  # blocks the walk goes between two looks for them
Work = Callable[[int], dict[Hashable, Any]]  # block index -> what its reading gave, by key


class Ahead:
    """The walk's side: what the child has sent (taken once each), and the child."""

    def __init__(self) -> None:
        self.memo: dict[Hashable, Any] = {}
        self._pid: int | None = None
        self._fd = -1
        self._at = mmap.mmap(-1, 8)  # where the walk is (shared with the child)
        struct.pack_into("q", self._at, 0, -1)

    def start(self, blocks: int, work: Work) -> None:
        """Fork the child running ``work(i)`` for ``i`` from ``blocks - 1`` down to where
        the walk is."""
        r, w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(r)
                _child(w, blocks, work, self._at, parent)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self._pid, self._fd = pid, r

    def at(self, i: int) -> None:
        """The walk is at block ``i``: tell the child, take what it has sent (looked at
        every :data:`POLL` blocks: a look is a system call)."""
        if i % POLL:
            return
        struct.pack_into("q", self._at, 0, i)
        while self._fd >= 0 and select.select([self._fd], [], [], 0)[0]:
            self.receive()

    def receive(self) -> None:
        """One message from the child (waits for it)."""
        head = _read(self._fd, 8)
        data = _read(self._fd, struct.unpack("q", head)[0]) if len(head) == 8 else b""
        if not data:  # the child is done (or gone)
            os.close(self._fd)
            self._fd = -1
            return
        self.memo.update(pickle.loads(data))

    @property
    def running(self) -> bool:
        return self._fd >= 0

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


def _child(fd: int, n: int, work: Work, at: mmap.mmap, parent: int) -> None:
    for hi in range(n, 0, -CHUNK):
        lo = max(0, hi - CHUNK)
        if struct.unpack_from("q", at, 0)[0] >= lo or os.getppid() != parent:
            return
        got: dict[Hashable, Any] = {}
        for i in range(lo, hi):
            got.update(work(i))
        data = pickle.dumps(got, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            os.write(fd, struct.pack("q", len(data)))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except OSError:  # the walk is over
            return


AHEAD: ContextVar[Ahead | None] = ContextVar("papergraph_read_ahead", default=None)


def take(key: Hashable) -> Any:
    """What the child read under ``key`` (None if it has not): once, as it is handed over
    to be changed."""
    ahead = AHEAD.get()
    return ahead.memo.pop(key, None) if ahead is not None else None


def get(key: Hashable) -> Any:
    """What the child read under ``key`` (None if it has not), for a value not changed."""
    ahead = AHEAD.get()
    return ahead.memo.get(key) if ahead is not None else None


def usable(blocks: int) -> bool:
    """Is reading ahead worth a second process for a page of ``blocks`` items (and is a
    second CPU free for it: :func:`papergraph.parallel.spare_cpu`)?"""
    from ...parallel import spare_cpu

    return blocks >= MIN_BLOCKS and spare_cpu()
