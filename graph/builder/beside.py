"""Work that only reads what this process holds, done in a forked process meanwhile.

After the merge, three things read the merged graph and write nothing this
process needs: the SHACL check, the page, and the Turtle with the merge log.
:func:`beside` forks a child for one of them (it sees the graph as it is
at the fork, copy-on-write), so they run on two cores; :meth:`Beside.wait`
returns the child's result or raises its exception. Where the system
cannot fork, or the child dies without an answer, the work runs in this
process when waited for: the outcome is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Beside(Generic[T]):
    """``work`` running in a forked process (``pid``, answering through the pipe ``reader``)."""

    def __init__(self, work: Callable[[], T], pid: int | None = None, reader: int | None = None) -> None:
        self.work, self.pid, self.reader = work, pid, reader

    def wait(self) -> T:
        """The work's result, or its exception raised here; the work is done here if the child gave no answer."""
        answer = None
        if self.pid is not None:
            with os.fdopen(self.reader, "rb") as pipe:
                data = pipe.read()
            os.waitpid(self.pid, 0)
            self.pid = None
            try:
                answer = pickle.loads(data)
            except Exception:  # noqa: BLE001 - no usable answer: do the work here
                answer = None
        if answer is None:
            return self.work()
        kind, value = answer
        if kind == "raised":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the work (the build failed otherwise)."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.reader)
            self.pid = None


def beside(work: Callable[[], T]) -> Beside[T]:
    """Start ``work`` in a forked process; see the module docstring."""
    if not hasattr(os, "fork"):
        return Beside(work)
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return Beside(work)
    if pid == 0:  # the child: work, send the answer, leave without running any cleanup of the parent's
        try:
            os.close(reader)
            try:
                answer = pickle.dumps(("done", work()))
            except Exception as exc:  # noqa: BLE001 - the parent raises it, or meets it again
                try:
                    answer = pickle.dumps(("raised", exc))
                except Exception:  # noqa: BLE001
                    answer = b""
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(answer)
        finally:
            os._exit(0)
    os.close(writer)
    return Beside(work, pid, reader)
