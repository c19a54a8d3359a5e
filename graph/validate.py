"""SHACL validation of the merged graph against ``ontology/shapes.ttl``.

:func:`validate` checks a graph with pySHACL, the shapes in
``ontology/shapes.ttl`` and the ontology ``ontology/timeline.ttl`` as the
ontology graph (its ``rdfs:subClassOf`` triples let ``sh:class sem:Event``
match ``tl:PhoneCall`` instances). It returns nothing when the graph conforms
and raises :class:`graph.errors.ValidationError` with a short report of the
first violations when it does not.

Inference defaults to ``"none"``: the shapes name every event class
explicitly and the ontology graph supplies the class hierarchy, so RDFS
inference adds nothing the shapes need and costs time (see ontology/README.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import BNode, Node

from graph import settings
from graph.errors import KnowledgeError, ValidationError
from graph.rdf.namespaces import PREFIXES

SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILE = "timeline.ttl"
INFERENCE = ("none", "rdfs")

#: How many violations the error message lists.
REPORT_LIMIT = 5

_EXTRA_PREFIXES = {"tlsh": "https://w3id.org/timeline-kg/shapes#", "sh": str(SH)}


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


def _read(path: Path) -> Graph:
    path = Path(path).resolve()
    if not path.is_file():
        raise KnowledgeError("file does not exist", path=path,
                             hint=f"set {settings.ONTOLOGY_ENV} to the folder holding {SHAPES_FILE} "
                                  f"and {ONTOLOGY_FILE}")
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


def check(graph: Graph, shapes: Path | None = None, *, ontology: Path | None = None,
          inference: str = "none") -> tuple[bool, list[Violation], float]:
    """Run pySHACL: (conforms, violations, seconds). Raises only for unusable shapes or ontology."""
    import pyshacl

    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {INFERENCE}, not {inference!r}")
    shapes_graph = _read(shapes or default_shapes())
    ont_path = ontology or default_ontology()
    ont_graph = _read(ont_path) if ont_path is not None else None
    started = time.perf_counter()
    conforms, results, _text = pyshacl.validate(
        graph, shacl_graph=shapes_graph, ont_graph=ont_graph, inference=inference,
        abort_on_first=False, allow_infos=True, allow_warnings=True, meta_shacl=False,
        advanced=False, js=False, debug=False)
    seconds = time.perf_counter() - started
    if not isinstance(results, Graph):  # pySHACL reports unusable shapes this way instead of raising
        raise KnowledgeError(f"the SHACL shapes cannot be used: {results}", path=shapes or default_shapes())
    return bool(conforms), violations(results), seconds


def validate(graph: Graph, shapes: Path | None = None, *, ontology: Path | None = None,
             inference: str = "none") -> None:
    """Raise :class:`ValidationError` unless ``graph`` conforms to the shapes.

    ``shapes`` defaults to ``ontology/shapes.ttl`` and ``ontology`` (the
    ontology graph given to pySHACL) to ``ontology/timeline.ttl``, both in
    :func:`graph.settings.ontology_dir`. The error message lists the first
    few violations (focus node, path, message, shape); the full list is the
    error's ``violations`` attribute.
    """
    conforms, found, _seconds = check(graph, shapes, ontology=ontology, inference=inference)
    if conforms:
        return
    count = len(found)
    error = ValidationError(
        f"the graph does not conform to the SHACL shapes ({count} violation{'s' if count != 1 else ''}):\n"
        + report(found),
        hint="see ontology/README.md for what each shape requires")
    error.violations = found
    raise error
