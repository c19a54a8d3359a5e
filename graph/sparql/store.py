"""The on-disk Oxigraph store that ``query`` and ``serve`` run on.

rdflib builds the graph; queries run on `Oxigraph <https://oxigraph.org>`_
(``pyoxigraph``). The store lives beside the exports and is rebuilt only
when a source file changed (``OUT/.store/``)::

    manifest.json     the sources it was loaded from: path, size, mtime, SHA-256
    db-<token>/       the store (RocksDB); default graph = graph.ttl + the ontology
    db-<token>/timeline-kg.complete   written last, once the store is closed
    db-<token>.lock   readers hold a shared lock on it while the store is open
    .lock             held while the store is rebuilt (one rebuild at a time)

A source whose size and mtime match the manifest is unchanged; one whose
mtime changed but whose SHA-256 did not (a rebuild of the same input) is
unchanged too. A rebuild loads into a new ``db-<token>/`` and then switches
the manifest to it, so a reader (a running ``serve``) keeps the store it
opened; an old store is deleted once nobody holds its lock. When the exports
folder cannot be written, the graph is loaded into memory instead.

The key is what was read: a source's size, mtime and SHA-256 come from the
open file the store was loaded from, so a ``graph.ttl`` replaced meanwhile
is seen as changed by the next query.

A build publishes by exchanging the whole exports folder, this store
included (:mod:`graph.export.publish`): ``.store/`` is carried into the new
folder as hard links a moment before the switch. A rebuild running then
keeps writing by path, so files it creates between the two moments stay in
the old folder, and a manifest written after the switch would name a store
in the new folder that misses them (RocksDB then refuses to open it, for
every later query). Hence the completion mark: it is written through a
handle on the folder the store was created in, after the store is closed,
and a store without it is never opened. A copy taken before the mark lacks
it, a copy taken after it is whole; a rebuild whose folder was switched
under it loads again into the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph import settings
from graph.errors import QueryError

STORE_DIR = ".store"
MANIFEST = "manifest.json"
COMPLETE = "timeline-kg.complete"
ONTOLOGY_FILE = "timeline.ttl"
_VERSION = 2


def store_dir_for(graph_file: Path) -> Path:
    """Where the store of ``graph_file`` lives: ``.store/`` beside it."""
    return Path(graph_file).parent / STORE_DIR


def source_files(graph_file: Path, ontology: Path | None = None) -> list[Path]:
    """The files a store is loaded from: the graph and, when it exists, the ontology."""
    files = [Path(graph_file).resolve()]
    onto = Path(ontology or settings.ontology_dir()) / ONTOLOGY_FILE
    if onto.is_file():
        files.append(onto.resolve())
    return files


@dataclass
class LocalStore:
    """An open store: ``store`` (a :class:`pyoxigraph.Store`), where it lives, whether it was rebuilt."""

    store: object
    path: Path | None
    triples: int
    rebuilt: bool
    _lock_fd: int | None = None

    def close(self) -> None:
        """Release the store (and the reader's lock on it)."""
        self.store = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(graph_file: Path, *, ontology: Path | None = None, location: Path | None = None) -> LocalStore:
    """The store of ``graph_file`` (plus the ontology), rebuilt first when a source changed.

    ``location`` overrides the store folder (default ``.store/`` beside the graph).
    Raises :class:`QueryError` when the graph is missing or does not parse.
    """
    graph_file = Path(graph_file)
    if not graph_file.is_file():
        raise QueryError("graph file does not exist", path=graph_file, hint="run 'timeline-kg build' first")
    sources = source_files(graph_file, ontology)
    folder = Path(location) if location else store_dir_for(graph_file)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        os.close(probe)
    except OSError:
        return _in_memory(sources)
    for _attempt in range(3):
        manifest = _read_manifest(folder)
        if manifest is None or not _fresh(manifest, sources):
            manifest, rebuilt = _rebuild(folder, sources)
            if manifest is None:
                continue  # a build switched the exports folder while the store was loaded
        else:
            rebuilt = False
        opened = _open_read_only(folder, manifest, rebuilt)
        if opened is not None:
            return opened
    raise QueryError("the store keeps changing while it is opened", path=folder,
                     hint="another process is rebuilding it; try again")


def _in_memory(sources: list[Path]) -> LocalStore:
    import pyoxigraph

    store = pyoxigraph.Store()
    for source in sources:
        with open(source, "rb") as handle:
            _load(store, handle, source)
    return LocalStore(store=store, path=None, triples=len(store), rebuilt=True)


def _load(store, handle, source: Path) -> None:
    import pyoxigraph

    try:
        store.bulk_load(input=handle, format=pyoxigraph.RdfFormat.TURTLE, base_iri=source.as_uri())
    except SyntaxError as exc:
        raise QueryError(f"cannot parse: {str(exc).splitlines()[0]}", path=source) from exc


# --- manifest --------------------------------------------------------------------------------------


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("version") != _VERSION:
        return None
    name = str(manifest.get("db", ""))
    if not name.startswith("db-") or not (folder / name / COMPLETE).is_file():
        return None
    return manifest


def _write_manifest(folder: Path, manifest: dict) -> None:
    tmp = folder / f".{MANIFEST}.{secrets.token_hex(4)}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    handle.seek(0)
    return digest.hexdigest()


def _fresh(manifest: dict, sources: list[Path], *, rehash: bool = False) -> bool:
    """Whether the manifest describes ``sources`` as they are now.

    Size and mtime decide; with ``rehash``, a source whose mtime alone changed
    is compared by content (and the manifest's entry updated in place).
    """
    recorded = manifest.get("sources", [])
    if [r.get("path") for r in recorded] != [str(s) for s in sources]:
        return False
    for entry, source in zip(recorded, sources):
        try:
            stat = source.stat()
        except OSError:
            return False
        if stat.st_size != entry.get("size"):
            return False
        if stat.st_mtime_ns != entry.get("mtime_ns"):
            if not rehash:
                return False
            with open(source, "rb") as handle:
                if _sha256(handle) != entry.get("sha256"):
                    return False
            entry["mtime_ns"] = stat.st_mtime_ns
    return True


# --- rebuild ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _rebuild(folder: Path, sources: list[Path]) -> tuple[dict | None, bool]:
    """Load the sources into a new store (unless another process just did, or only mtimes changed).

    The manifest is None when a build switched the exports folder while the
    store was loaded: the store it made is incomplete and was dropped.
    """
    import pyoxigraph

    with _exclusive(folder / ".lock"):
        manifest = _read_manifest(folder)
        if manifest is not None and _fresh(manifest, sources, rehash=True):
            _write_manifest(folder, manifest)
            return manifest, False
        name = f"db-{secrets.token_hex(6)}"
        path = folder / name
        entries = []
        try:
            path.mkdir()
            directory = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            raise QueryError(f"cannot build the query store: {exc}", path=folder) from exc
        try:
            store = pyoxigraph.Store(str(path))
            for source in sources:
                with open(source, "rb") as handle:
                    stat = os.fstat(handle.fileno())
                    entries.append({"path": str(source), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                                    "sha256": _sha256(handle)})
                    _load(store, handle, source)
            store.flush()
            store.optimize()  # compacts the bulk-loaded files: about a third faster to query
            triples = len(store)
            del store
            _mark_complete(directory)
            switched = not _same_directory(path, directory)
        except QueryError:
            shutil.rmtree(path, ignore_errors=True)
            raise
        except (OSError, RuntimeError) as exc:
            switched = not _same_directory(path, directory)
            shutil.rmtree(path, ignore_errors=True)
            if not switched:
                raise QueryError(f"cannot build the query store: {exc}", path=folder) from exc
        finally:
            os.close(directory)
        if switched:
            shutil.rmtree(path, ignore_errors=True)
            return None, True
        manifest = {"version": _VERSION, "db": name, "triples": triples, "sources": entries}
        _write_manifest(folder, manifest)
        _remove_unused(folder, keep=name)
    return manifest, True


def _mark_complete(directory: int) -> None:
    """Write the completion mark into the store folder open as ``directory`` (a descriptor)."""
    fd = os.open(COMPLETE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=directory)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.fsync(directory)


def _same_directory(path: Path, directory: int) -> bool:
    """Whether ``path`` still names the folder open as ``directory``."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    opened = os.fstat(directory)
    return (found.st_dev, found.st_ino) == (opened.st_dev, opened.st_ino)


def _remove_unused(folder: Path, keep: str) -> None:
    """Delete the stores nobody has open (a reader holds a shared lock on ``db-….lock``)."""
    for path in folder.glob("db-*"):
        if not path.is_dir() or path.name == keep:
            continue
        lock = folder / f"{path.name}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            shutil.rmtree(path, ignore_errors=True)
            lock.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _open_read_only(folder: Path, manifest: dict, rebuilt: bool) -> LocalStore | None:
    """Open the manifest's store read-only under a shared lock; None when it vanished meanwhile."""
    import pyoxigraph

    name = manifest["db"]
    fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_SH)
    path = folder / name
    current = _read_manifest(folder)
    if current is None or current.get("db") != name or not path.is_dir():
        os.close(fd)
        return None
    try:
        store = pyoxigraph.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        os.close(fd)
        raise QueryError(f"cannot open the query store: {exc}", path=path,
                         hint=f"delete {folder} and run the command again") from exc
    return LocalStore(store=store, path=path, triples=int(manifest.get("triples", 0)), rebuilt=rebuilt,
                      _lock_fd=fd)
