"""SHACL validation of the merged graph against ``ontology/shapes.ttl``.

:func:`validate` checks a graph against the shapes in ``ontology/shapes.ttl``
with the ontology ``ontology/timeline.ttl`` as the ontology graph (its
``rdfs:subClassOf`` triples let ``sh:class sem:Event`` match ``tl:PhoneCall``
instances). It returns nothing when the graph conforms and raises
:class:`graph.errors.ValidationError` with a short report of the first
violations when it does not.

Two engines give the same results: ``"fast"`` (the default,
:mod:`graph.shacl`, which reads the shapes once and checks plain triples
from tables) and ``"pyshacl"``, the reference. The fast engine is used
unless RDFS inference is asked for or the shapes use a feature it does not
implement; then pySHACL runs.

Inference defaults to ``"none"``: the shapes name every event class
explicitly and the ontology graph supplies the class hierarchy, so RDFS
inference adds nothing the shapes need and costs time (see ontology/README.md).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import BNode, Node

from graph import settings
from graph.builder.beside import Beside, beside
from graph.errors import KnowledgeError, ValidationError
from graph.gc_pause import paused_gc
from graph.rdf.namespaces import PREFIXES
from graph.rdf.triples import Blank, Lit, plain_index, plain_triples

SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILE = "timeline.ttl"
INFERENCE = ("none", "rdfs")
ENGINES = ("fast", "pyshacl")

#: How many violations the error message lists.
REPORT_LIMIT = 5

_EXTRA_PREFIXES = {"tlsh": "https://w3id.org/timeline-kg/shapes#", "sh": str(SH)}
_NO_RESULTS = Graph()


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, as readable text."""

    focus: str
    path: str
    message: str
    shape: str
    severity: str
    value: str = ""

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value and self.value != self.focus else ""
        return f"{self.focus}{path}{value}: {self.message} [{self.shape}]"


def default_shapes() -> Path:
    return settings.ontology_dir() / SHAPES_FILE


def default_ontology() -> Path:
    return settings.ontology_dir() / ONTOLOGY_FILE


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise KnowledgeError(f"cannot parse: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                             path=path) from exc
    return graph


def _existing(path: Path) -> Path:
    path = Path(path).resolve()
    if not path.is_file():
        raise KnowledgeError("file does not exist", path=path,
                             hint=f"set {settings.ONTOLOGY_ENV} to the folder holding {SHAPES_FILE} "
                                  f"and {ONTOLOGY_FILE}")
    return path


def _read(path: Path) -> Graph:
    path = _existing(path)
    return _load(path, path.stat().st_mtime)


def _short(node: Node | None, results: Graph) -> str:
    """A node as text: prefixed name, literal, or a SHACL path in words."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in list(PREFIXES.items()) + list(_EXTRA_PREFIXES.items()):
            namespace = str(namespace)
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        return repr(str(node)) if len(str(node)) < 60 else repr(str(node)[:57] + "...")
    if isinstance(node, BNode):
        inverse = results.value(node, SH.inversePath)
        if inverse is not None:
            return f"^{_short(inverse, results)}"
        return "[...]"
    return str(node)


def _plain_short(term) -> str:
    """A plain term (:mod:`graph.rdf.triples`) as :func:`_short` writes the same rdflib term."""
    if type(term) is Lit:
        text = term.lexical
        return repr(text) if len(text) < 60 else repr(text[:57] + "...")
    if type(term) is Blank:
        return "[...]"
    return _short(URIRef(term), _NO_RESULTS)


def _path_short(path) -> str:
    if path is None:
        return ""
    if isinstance(path, tuple):
        return f"^{_plain_short(path[1])}" if path[0] == "inverse" else "[...]"
    return _plain_short(path)


def violations(results: Graph) -> list[Violation]:
    """Every result in a SHACL validation report graph, sorted."""
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        shape = results.value(result, SH.sourceShape)
        found.append(Violation(
            focus=_short(results.value(result, SH.focusNode), results),
            path=_short(results.value(result, SH.resultPath), results),
            message=messages[0] if messages else "does not conform",
            shape=_short(shape, results) if isinstance(shape, URIRef)
            else _short(results.value(result, SH.sourceConstraintComponent), results),
            severity=_short(results.value(result, SH.resultSeverity), results),
            value=_short(results.value(result, SH.value), results),
        ))
    return sorted(found)


def report(found: list[Violation], limit: int = REPORT_LIMIT) -> str:
    """The first ``limit`` violations, one a line, and how many more there are."""
    lines = [f"  - {v}" for v in found[:limit]]
    if len(found) > limit:
        lines.append(f"  ... and {len(found) - limit} more")
    return "\n".join(lines)


def shapes_version(shapes: Path | None = None, ontology: Path | None = None) -> str:
    """A hash of the shapes and ontology files a check reads (what decides its results besides the graph)."""
    digest = hashlib.sha256()
    for path in (Path(shapes or default_shapes()), Path(ontology or default_ontology())):
        try:
            digest.update(path.read_bytes() + b"\0")
        except OSError:
            return ""
    return digest.hexdigest()


def check(graph: Graph, shapes: Path | None = None, *, ontology: Path | None = None,
          inference: str = "none", engine: str = "fast",
          skip: frozenset = frozenset()) -> tuple[bool, list[Violation], float]:
    """Check ``graph``: (conforms, violations, seconds). Raises only for unusable shapes or ontology.

    The fast engine does not check the focus nodes in ``skip`` (known to conform: the subjects a
    rebuild took over from a validated build, :meth:`graph.export.turtle_blocks.TurtleBlocks.unchanged`);
    pySHACL checks everything."""
    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {INFERENCE}, not {inference!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    shapes_path = Path(shapes or default_shapes())
    ont_path = ontology or default_ontology()
    if engine == "fast" and inference == "none":
        compiled = _compiled(shapes_path)
        if compiled is not None:
            return _check_fast(graph, compiled, ont_path, skip)
    return _check_pyshacl(graph, shapes_path, ont_path, inference)


def _check_fast(graph: Graph, compiled: list, ont_path: Path | None,
                skip: frozenset = frozenset()) -> tuple[bool, list[Violation], float]:
    from graph.shacl import Data
    from graph.shacl import check as run

    ontology = _plain_ontology(ont_path) if ont_path is not None else ()
    started = time.perf_counter()
    with paused_gc():
        results = run(compiled, Data(plain_index(graph), ontology, skip))
    found = sorted(Violation(
        focus=_plain_short(r.focus),
        path=_path_short(r.path),
        message=r.message,
        shape=_plain_short(r.shape) if isinstance(r.shape, str) else f"sh:{r.component}",
        severity=_plain_short(r.severity),
        value=_plain_short(r.value) if r.value is not None else "",
    ) for r in results)
    conforms = not any(r.severity == str(SH.Violation) for r in results)
    return conforms, found, time.perf_counter() - started


def _compiled(path: Path):
    """The shapes at ``path`` compiled for :mod:`graph.shacl`, or None when they need pySHACL."""
    resolved = _existing(path)
    return _compile(resolved, resolved.stat().st_mtime)


@lru_cache(maxsize=8)
def _compile(path: Path, mtime: float):
    from graph.shacl import Unsupported, compile_shapes

    try:
        try:
            return compile_shapes(path)
        except (SyntaxError, ValueError, OSError):  # let rdflib say what is wrong, or read it if it can
            return compile_shapes(_read(path))
    except Unsupported:
        return None


def _plain_ontology(path: Path) -> list:
    resolved = _existing(path)
    return _plain_graph(resolved, resolved.stat().st_mtime)


@lru_cache(maxsize=8)
def _plain_graph(path: Path, mtime: float) -> list:
    from graph.shacl import read_turtle

    try:
        return read_turtle(path)[0]
    except (SyntaxError, ValueError, OSError):
        return list(plain_triples(_read(path)))


def _check_pyshacl(graph: Graph, shapes_path: Path, ont_path: Path | None,
                   inference: str) -> tuple[bool, list[Violation], float]:
    import pyshacl

    shapes_graph = _read(shapes_path)
    ont_graph = _read(ont_path) if ont_path is not None else None
    started = time.perf_counter()
    conforms, results, _text = pyshacl.validate(
        graph, shacl_graph=shapes_graph, ont_graph=ont_graph, inference=inference,
        abort_on_first=False, allow_infos=True, allow_warnings=True, meta_shacl=False,
        advanced=False, js=False, debug=False)
    seconds = time.perf_counter() - started
    if not isinstance(results, Graph):  # pySHACL reports unusable shapes this way instead of raising
        raise KnowledgeError(f"the SHACL shapes cannot be used: {results}", path=shapes_path)
    return bool(conforms), violations(results), seconds


def validate(graph: Graph, shapes: Path | None = None, *, ontology: Path | None = None,
             inference: str = "none", engine: str = "fast", skip: frozenset = frozenset()) -> None:
    """Raise :class:`ValidationError` unless ``graph`` conforms to the shapes.

    ``shapes`` defaults to ``ontology/shapes.ttl`` and ``ontology`` (the
    ontology graph, mixed into the data as pySHACL does) to ``ontology/timeline.ttl``, both in
    :func:`graph.settings.ontology_dir`. The error message lists the first
    few violations (focus node, path, message, shape); the full list is the
    error's ``violations`` attribute.
    """
    conforms, found, _seconds = check(graph, shapes, ontology=ontology, inference=inference, engine=engine, skip=skip)
    _raise_unless(conforms, found)


def _raise_unless(conforms: bool, found: list[Violation]) -> None:
    if conforms:
        return
    count = len(found)
    error = ValidationError(
        f"the graph does not conform to the SHACL shapes ({count} violation{'s' if count != 1 else ''}):\n"
        + report(found),
        hint="see ontology/README.md for what each shape requires")
    error.violations = found
    raise error


class Pending:
    """A validation running in a forked process (:func:`validate_beside`)."""

    def __init__(self, running: Beside[tuple[bool, list[Violation]]]) -> None:
        self.running = running

    def wait(self) -> None:
        """Return or raise exactly as :func:`validate` would."""
        _raise_unless(*self.running.wait())

    def cancel(self) -> None:
        """Stop the check (the build failed otherwise)."""
        self.running.cancel()


def validate_beside(graph: Graph, skip: frozenset = frozenset()) -> Pending:
    """Start :func:`validate` (default shapes and engine, focus nodes in ``skip`` left out) in a
    forked process (:func:`graph.builder.beside.beside`): this process may go on writing the
    exports on another core, then call :meth:`Pending.wait`."""
    return Pending(beside(lambda: tuple(check(graph, skip=skip)[:2])))
