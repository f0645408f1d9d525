"""One stage run beside the caller, in a forked process: ``build``'s two CPU-bound halves
(the graph with its page and exports; bib/, RIS and the reports) on two cores.

A forked child shares the resolution as it is in memory (copy-on-write: nothing is
pickled or loaded again); it sends back only its small result. With one usable CPU, no
``fork`` (Windows), or ``jobs=1``, the same work runs in this process when its input is
sent (or its result asked for), so the outputs are the same bytes either way.

Errors: an exception in the child comes back pickled and is raised in the caller (a
:class:`~papergraph.errors.PapergraphError` stays one, with its message); a child that
dies without answering becomes a ``PapergraphError``. If the caller fails first, the child
is stopped (SIGTERM: its ``finally`` blocks run, so no temporary file is left) and reaped.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, TypeVar

from .errors import PapergraphError

T = TypeVar("T")
Receive = Callable[[], Any]

_UNSET: Any = object()


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def spare_cpu() -> bool:
    """Is a second CPU free for a process beside this one: two usable CPUs, ``fork``, and
    a load average (last minute) below the number of CPUs? On a busy machine a second
    process gets no core of its own (Linux shares the CPU between sessions, not
    processes) and only adds its cost."""
    if usable_cpus() < 2 or not hasattr(os, "fork"):
        return False
    try:
        return os.getloadavg()[0] < usable_cpus()
    except OSError:  # no load average: assume the CPUs are free
        return True


def default_jobs() -> int:
    """2 where a second process can help (two usable CPUs and ``fork``), else 1."""
    return 2 if usable_cpus() >= 2 and hasattr(os, "fork") else 1


class _Stopped(BaseException):
    """SIGTERM in the child, raised where it is so that its ``finally`` blocks run."""


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped()


def _read_all(fd: int) -> bytes:
    with os.fdopen(fd, "rb") as f:
        return f.read()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a PapergraphError with its message."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any unpicklable exception is reported by its text
        return PapergraphError(f"{type(exc).__name__}: {exc}")


class Beside(Generic[T]):
    """``work(receive)`` run beside the caller; :meth:`result` waits for its value.

    ``receive()`` (inside ``work``) waits for the one value the caller hands over with
    :meth:`send`: what ``work`` needs that the caller makes meanwhile. Use as a context
    manager, so that a failure on either side stops and reaps the other.
    """

    def __init__(self, work: Callable[[Receive], T], *, fork: bool) -> None:
        self._work = work
        self._sent: Any = _UNSET
        self._value: Any = None
        self._pid: int | None = None
        self._inbox = self._results = -1
        self._writer: threading.Thread | None = None
        if fork:
            self._fork()

    # ------------------------------------------------------------------ the caller's side

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def send(self, value: Any) -> None:
        """Hand ``value`` to ``work``'s ``receive()`` (once). Without a child, ``work``
        runs here and now (its exception raised from here): the one-process order, whose
        peak memory is one stage's at a time."""
        if self._pid is None:
            self._sent = value
            self._value = self._work(self._receive_here)
            return
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, self._inbox = self._inbox, -1

        def write() -> None:  # a pipe holds 64 KiB: the child reads when it is ready
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
            except OSError:  # the child is gone; result() says why
                pass

        self._writer = threading.Thread(target=write, name="papergraph-send", daemon=True)
        self._writer.start()

    def result(self) -> T:
        """``work``'s value (run here now, without a child, if nothing was sent), or its
        exception raised."""
        if self._pid is None:
            return self._value if self._sent is not _UNSET else self._work(self._receive_here)
        data = _read_all(self._results)
        self._results = -1
        pid, self._pid = self._pid, None
        _, status = os.waitpid(pid, 0)
        if self._writer is not None:
            self._writer.join()
        if not data:
            code = os.waitstatus_to_exitcode(status)
            how = f"was killed by signal {-code}" if code < 0 else f"exited with {code}"
            raise PapergraphError(f"the build's second process {how} before it finished")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop and reap a child still running (after an error on the caller's side)."""
        for fd in (self._inbox, self._results):
            if fd >= 0:
                os.close(fd)
        self._inbox = self._results = -1
        if self._pid is not None:
            pid, self._pid = self._pid, None
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)

    def _receive_here(self) -> Any:
        if self._sent is _UNSET:
            raise PapergraphError("internal error: a build stage waited for a value never sent")
        return self._sent

    # ------------------------------------------------------------------ the child's side

    def _fork(self) -> None:
        inbox_r, inbox_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(inbox_w)
            os.close(results_r)
            self._child(inbox_r, results_w)  # never returns
        os.close(inbox_r)
        os.close(results_w)
        self._pid, self._inbox, self._results = pid, inbox_w, results_r

    def _child(self, inbox: int, results: int) -> None:
        code = 1
        try:
            signal.signal(signal.SIGTERM, _stop)
            try:
                payload: tuple[bool, Any] = (True, self._work(lambda: pickle.loads(
                    _read_all(inbox))))
                code = 0
            except _Stopped:
                return
            except BaseException as exc:  # noqa: BLE001 - every failure goes to the caller
                payload = (False, _portable(exc))
            with os.fdopen(results, "wb") as f:
                f.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(code)
