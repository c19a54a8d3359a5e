"""One build at a time per output folder.

A build holds an exclusive ``flock`` on ``OUT/.build.lock`` while it writes;
a second build into the same folder stops at once with a clear message
instead of interleaving its files with the first one's. The lock goes with
the process, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from graph.errors import ExportError

LOCK_FILE = ".build.lock"


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the ``with`` block."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder: {exc.strerror}", path=out_dir) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ExportError("another build is writing to this folder", path=out_dir,
                              hint="wait for it to finish, or build into another --out folder") from exc
        yield
    finally:
        os.close(fd)
