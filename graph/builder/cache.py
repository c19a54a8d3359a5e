"""The per-article cache: a rebuild redoes only the articles that changed.

What one article gives (its :class:`~graph.extract.ArticleExtraction` and
the Turtle of its own graph) depends only on the article (text, stem,
metadata), the code that reads, parses, extracts and describes it, the
knowledge files under ``ontology/`` and the spaCy model. :func:`pipeline_version`
hashes all of that except the article; :meth:`ArticleCache.key` adds the
article. An entry lives in ``OUT/.cache/articles/`` as two files named by
its key:

- ``<key>.ttl``: the article's Turtle, byte for byte what the export holds
  (the export is a hard link to it when the file system allows);
- ``<key>.bin``: a header, the checksum of the rest
  (:mod:`graph.builder.checksum`), and the pickled extraction with the
  checksum of the Turtle.

The entries are published with the exports, as one set (see
:class:`ArticleCache`): after a build the cache holds one entry per article
of that build. An entry that does not check out (truncated, edited, from
another Python, unreadable) is a miss: the article is extracted again and
the entry rewritten, never a crash.

The cache is the program's own data, not input: like the code, it is
trusted (an entry is unpickled once its checksum matches).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from graph import settings
from graph.builder.checksum import SIZE, checksum
from graph.errors import ExportError
from graph.export.atomic import write_bytes_atomic
from graph.extract.records import ArticleExtraction
from graph.ingest import Article

CACHE_DIR = ".cache"
ENTRIES = "articles"
#: The cache entries, as paths a build owns in its output folder (see :class:`graph.export.publish.Staging`).
CACHE_EXPORTS = (f"{CACHE_DIR}/{ENTRIES}/*",)
MAGIC = b"timeline-kg article cache 2\n"
PACKAGE = Path(__file__).resolve().parent.parent  # graph/, the folder CODE is relative to

#: The code an article's extraction and Turtle depend on (relative to the package).
CODE = ("__init__.py", "settings.py", "ingest.py", "unwrap.py", "nlp.py", "knowledge.py", "extract", "rdf",
        "export/turtle.py", "export/atomic.py", "gc_pause.py", "builder/workers.py", "builder/cache.py")
#: Libraries whose version can change what the code above produces.
LIBRARIES = ("spacy", "thinc", "rdflib", "dateparser")


def _code_files() -> list[Path]:
    files = []
    for name in CODE:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package code and library versions that per-article results depend on."""
    digest = hashlib.sha256()
    for path in _code_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            version = importlib.metadata.version(library)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version}\0".encode())
    return digest.hexdigest()


def _knowledge_files(ontology: Path | None) -> list[Path]:
    """The knowledge files the extractors read: ``*.toml`` of the ontology folder(s) in use."""
    folders = {settings.ontology_dir().resolve(), (PACKAGE.parent / "ontology").resolve()}
    if ontology is not None:
        folders.add(Path(ontology).resolve())
    return sorted(path for folder in folders if folder.is_dir() for path in folder.glob("*.toml"))


def model_identity(model: str) -> str:
    """The model's name and version, read from its ``meta.json`` without loading it."""
    candidates = [Path(model) / "meta.json"]
    spec = importlib.util.find_spec(model) if model.isidentifier() else None
    if spec is not None and spec.submodule_search_locations:
        candidates.insert(0, Path(next(iter(spec.submodule_search_locations))) / "meta.json")
    for meta in candidates:
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return f"{model}:{data.get('lang')}_{data.get('name')}-{data.get('version')}"
    return model


def knowledge_version(ontology: Path | None = None) -> str:
    """Code and knowledge files: what reading an article (its furniture check) depends on besides the text."""
    digest = hashlib.sha256(code_version().encode() + b"\0")
    for path in _knowledge_files(ontology):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def pipeline_version(model: str, ontology: Path | None = None) -> str:
    """Code, knowledge files and model: everything but the article that its results depend on."""
    return hashlib.sha256(knowledge_version(ontology).encode() + b"\0" + model_identity(model).encode()).hexdigest()


class _Sorted:
    """A set, pickled with its items in sorted order (it unpickles as the set itself)."""

    def __init__(self, kind: type, items: set | frozenset):
        self.kind = kind
        try:
            self.items = sorted(items)
        except TypeError:
            self.items = sorted(items, key=repr)

    def __reduce__(self):
        return self.kind, (self.items,)


def _canonical(value):
    """``value`` with every set made :class:`_Sorted`, inside tuples, lists and dicts."""
    if isinstance(value, (set, frozenset)):
        return _Sorted(type(value), {_canonical(item) for item in value})
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_canonical(item) for item in value)
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    return value


class _CanonicalPickler(pickle.Pickler):
    """Pickles so that equal records give equal bytes, whatever the hash seed.

    Sets are written in sorted order (the C pickler writes them in hash
    order), dataclass records field by field, and nothing is memoised
    (shared and merely equal strings are written alike).
    """

    def reducer_override(self, obj):
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return type(obj), tuple(_canonical(getattr(obj, f.name)) for f in dataclasses.fields(obj))
        return NotImplemented


def canonical_dumps(value) -> bytes:
    buffer = io.BytesIO()
    pickler = _CanonicalPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(_canonical(value))
    return buffer.getvalue()


@dataclass(frozen=True)
class ArticleResult:
    """What the per-article stage gives for one article."""

    extraction: ArticleExtraction
    turtle: bytes


class ArticleCache:
    """Entries read from ``OUT/.cache/articles/``, written into the staging folder of the build.

    The entries are part of the set a build publishes (:data:`CACHE_EXPORTS`
    in :data:`graph.builder.pipeline.EXPORTS`): entries the build used or made are
    hard-linked or written into ``STAGING/.cache/articles/`` and switch
    together with the exports, those it did not use are gone with the old
    set, and a build that fails or is killed leaves the old exports with the
    old cache.
    """

    def __init__(self, out_dir: Path, version: str, staging: Path):
        self.folder = Path(out_dir) / CACHE_DIR / ENTRIES
        self.staged = Path(staging) / CACHE_DIR / ENTRIES
        self.version = version

    def key(self, article: Article) -> str:
        fields = [self.version, article.stem, article.published.isoformat() if article.published else "",
                  article.outlet or "", article.url or "", article.title or ""]
        digest = hashlib.sha256(json.dumps(fields).encode() + b"\0")
        digest.update(article.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    @staticmethod
    def _names(key: str) -> tuple[str, str]:
        return f"{key}.bin", f"{key}.ttl"

    def has(self, key: str) -> bool:
        """Whether the entry exists (it is checked when read)."""
        return all((self.folder / name).is_file() for name in self._names(key))

    def get(self, key: str) -> ArticleResult | None:
        """The entry, or None when it is missing or does not check out."""
        meta, ttl = (self.folder / name for name in self._names(key))
        try:
            data = meta.read_bytes()
            turtle = ttl.read_bytes()
            body = memoryview(data)[len(MAGIC) + SIZE:]
            if not data.startswith(MAGIC) or checksum(body) != data[len(MAGIC):len(MAGIC) + SIZE]:
                return None
            extraction, turtle_digest = pickle.loads(body)
        except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is a miss
            return None
        if not isinstance(extraction, ArticleExtraction) or checksum(turtle) != turtle_digest:
            return None
        return ArticleResult(extraction, turtle)

    def keep(self, key: str, result: ArticleResult) -> None:
        """Carry a used entry into the new set: hard links, or written again where links fail."""
        self.staged.mkdir(parents=True, exist_ok=True)
        try:
            for name in self._names(key):
                os.link(self.folder / name, self.staged / name)
        except OSError:
            self.put(key, result)

    def keep_all(self) -> None:
        """Carry every entry into the new set unchanged (a build that does not use the cache)."""
        try:
            names = sorted(entry.name for entry in os.scandir(self.folder) if not entry.name.startswith("."))
        except OSError:
            return
        self.staged.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(self.folder / name, self.staged / name)
            except OSError:
                continue

    def put(self, key: str, result: ArticleResult) -> None:
        """Store an entry in the new set.

        The Turtle is written like every export (flushed to disk); the rest
        is not flushed: should it be lost in a crash, its checksum fails and
        the article is extracted again.
        """
        meta, ttl = (self.staged / name for name in self._names(key))
        body = canonical_dumps((result.extraction, checksum(result.turtle)))
        write_bytes_atomic(ttl, result.turtle)
        tmp = meta.with_name(f".{meta.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(MAGIC + checksum(body) + body)
            os.replace(tmp, meta)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ExportError(f"cannot write: {exc.strerror}", path=meta) from exc

    def export(self, key: str, target: Path) -> bool:
        """Hard-link the new entry's Turtle to ``target``; False when the file system cannot."""
        try:
            os.link(self.staged / self._names(key)[1], target)
        except OSError:
            return False
        return True
