"""Build state kept between builds in ``OUT/.cache/``: one checksummed pickle per kind.

Besides the per-article entries (:mod:`graph.builder.cache`), a build keeps
what lets the next one skip work over unchanged input: the knowledge files
as read (:func:`read_knowledge`), the furniture check of each text
(:class:`graph.ingest.StoryShares`), the Turtle of each subject
(:mod:`graph.export.turtle_blocks`). Each is one file,
``OUT/.cache/<name>.bin``: a header, a version (what the value depends on
besides the input: a hash of the code and knowledge files), the checksum of
the rest (:mod:`graph.builder.checksum`), and the pickled value. A file
that is missing, damaged, from another version or another Python is no
state at all (the work is done again), never a crash. Like the article entries, the files are the
program's own data (unpickled once their checksum matches), written into
the staging folder and published with the exports as one set.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
from pathlib import Path

from graph.builder.cache import canonical_dumps, code_version
from graph.builder.checksum import SIZE, checksum, running
from graph.errors import ExportError
from graph.knowledge import Knowledge, load_knowledge

MAGIC = b"timeline-kg build state 2\n"
#: The state holding the knowledge files as read (:func:`read_knowledge`).
KNOWLEDGE_STATE = "knowledge"
#: The state files, as paths a build owns in its output folder (see :class:`graph.export.publish.Staging`).
STATE_EXPORTS = (".cache/*.bin", ".cache/*.ttl")


PACKAGE = Path(__file__).resolve().parent.parent  # graph/


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    """A hash of every module of the package (and of what :func:`~graph.builder.cache.code_version`
    covers): state that the merge or the exports made is valid only for the same code."""
    digest = hashlib.sha256(code_version().encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def state_path(folder: Path, name: str) -> Path:
    """Where the state ``name`` lives under an output (or staging) folder."""
    return Path(folder) / ".cache" / f"{name}.bin"


def read_state(folder: Path, name: str, version: str):
    """The value stored as ``name`` with ``version``, or None when there is none that checks out."""
    try:
        data = state_path(folder, name).read_bytes()
    except OSError:
        return None
    head = MAGIC + version.encode() + b"\n"
    if not data.startswith(head):
        return None
    digest, body = data[len(head):len(head) + SIZE], memoryview(data)[len(head) + SIZE:]    # the body not copied
    if checksum(body) != digest:
        return None
    try:
        return pickle.loads(body)
    except Exception:  # noqa: BLE001 - whatever a damaged file raises, it is no state
        return None


class _Checksumming:
    """A file that checksums what is written to it."""

    def __init__(self, handle) -> None:
        self.handle, self.digest = handle, running()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.handle.write(data)


class Pickles:
    """Pickles of values, one pickler for all (nothing memoised: equal values give equal bytes,
    whichever objects they share and whatever was pickled before)."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.pickler = pickle.Pickler(self.buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.pickler.fast = True

    def __call__(self, value) -> bytes:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.pickler.dump(value)
        return self.buffer.getvalue()


def write_state(folder: Path, name: str, version: str, value) -> None:
    """Store ``value`` as ``name`` with ``version`` (temporary file, then rename; not flushed:
    should it be lost in a crash, its checksum fails and the work is done again). The value must
    hold no sets (their pickled order follows the hash seed) and no cycles. It is pickled straight
    into the file (never held whole in memory), its checksum written before it at the end."""
    path = state_path(folder, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = MAGIC + version.encode() + b"\n"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(head + bytes(SIZE))
            body = _Checksumming(handle)
            pickler = pickle.Pickler(body, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = True     # nothing memoised: equal values give equal bytes, however they were shared
            pickler.dump(value)
            handle.seek(len(head))
            handle.write(body.digest.digest())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write: {exc.strerror}", path=path) from exc


def carry_state(folder: Path, staging: Path) -> None:
    """Carry the state files of ``folder`` into ``staging`` unchanged, as hard links (a build that
    does not use the cache leaves it as it was)."""
    source, target = Path(folder) / ".cache", Path(staging) / ".cache"
    try:
        names = sorted(entry.name for entry in os.scandir(source)
                       if entry.is_file(follow_symlinks=False) and entry.name.endswith((".bin", ".ttl")))
    except OSError:
        return
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        try:
            os.link(source / name, target / name)
        except OSError:
            continue


def read_knowledge(folder: Path | None, ontology: Path | None, version: str) -> tuple[Knowledge, bytes]:
    """The knowledge files as :func:`graph.knowledge.load_knowledge` reads them, taken from the state
    of ``folder`` when it holds them for ``version`` (the knowledge's: code and files), and their
    pickle, to store as that state (the same bytes whatever the hash seed). Reading the TOML took
    0.2 s of every build; unpickling takes 0.02 s."""
    packed = read_state(folder, KNOWLEDGE_STATE, version) if folder is not None else None
    if isinstance(packed, bytes):
        try:
            knowledge = pickle.loads(packed)
        except Exception:  # noqa: BLE001 - whatever a damaged pickle raises, it is no state
            knowledge = None
        if isinstance(knowledge, Knowledge):
            return knowledge, packed
    knowledge = load_knowledge(ontology)
    return knowledge, canonical_dumps(knowledge)
