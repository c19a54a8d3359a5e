"""Write files so that a reader never sees half of one.

Each file is written to a temporary name in the same folder, flushed to
disk, then renamed over the target: on POSIX a rename within one file system
is atomic, so the target is either the old file or the new one. A killed
writer may leave its temporary file (``.<name>.<random>.tmp``) behind, never
a partial target; :mod:`graph.export.publish` removes such leftovers.

One file at a time is not enough for a set of files that belong together
(``graph.ttl`` and ``timeline.html`` of the same build): that is what
:mod:`graph.export.publish` adds on top.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from graph.errors import ExportError


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: renamed over it, flushed to disk, when the block
    ends without an error; removed, leaving ``path`` as it was, when it raises."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror}", path=path) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write: {exc.strerror}", path=path) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders."""
    with atomic_writer(path) as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, data) -> None:
    """Write ``data`` as indented UTF-8 JSON and a final newline to ``path`` atomically, streamed."""
    with atomic_writer(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", write_through=False)
        json.dump(data, text, indent=2, ensure_ascii=False)
        text.write("\n")
        text.flush()
        text.detach()


def temp_pattern(name: str) -> str:
    """The glob matching the temporary files :func:`write_bytes_atomic` makes for ``name``."""
    return f".{name}.*.tmp"


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (names created or renamed in it) to disk, as far as the file system can.

    Best effort: some file systems cannot open or fsync a folder, which is not an error here.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
