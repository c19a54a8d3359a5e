"""Shapes read into objects (:class:`Compiler`), and how a shape finds focus and value nodes and checks them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from graph.rdf.triples import Lit, Term
from graph.shacl.components import COMPONENTS
from graph.shacl.literals import text_of
from graph.shacl.model import Shape
from graph.shacl.report import Unsupported
from graph.shacl.sparql import SparqlConstraint
from graph.shacl.vocabulary import (
    CLASS_TYPES,
    DESCRIPTIVE,
    RDF_FIRST,
    RDF_NIL,
    RDF_REST,
    RDF_TYPE,
    SH,
    VIOLATION,
)


class Compiler:
    """Reads shapes (plain triples and the prefixes of their file) into :class:`Shape` objects."""

    def __init__(self, triples: Iterable[tuple], prefixes: dict[str, str]) -> None:
        self.spo: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.spo[s][p].append(o)
        self.prefixes = _prefixes(self)
        self.compiled: dict[Term, Shape] = {}
        self.short = _shortener(prefixes)

    def one(self, node: Term, p: str) -> Term | None:
        values = self.spo.get(node, {}).get(SH + p if not p.startswith("http") else p, [])
        if len(values) > 1:
            raise Unsupported(f"{node} has more than one {p}")
        return values[0] if values else None

    def all(self, node: Term, p: str) -> list[Term]:
        return list(self.spo.get(node, {}).get(SH + p, []))

    def items(self, head: Term) -> list[Term]:
        found, node, seen = [], head, set()
        while node != RDF_NIL:
            if node in seen or node not in self.spo:
                raise Unsupported("malformed RDF list in the shapes")
            seen.add(node)
            found.extend(self.spo[node].get(RDF_FIRST, [])[:1])
            rest = self.spo[node].get(RDF_REST, [RDF_NIL])
            node = rest[0]
        return found

    def shapes(self) -> list[Shape]:
        """Every shape that has targets (the ones validation starts from)."""
        candidates = set()
        for node, predicates in self.spo.items():
            types = set(predicates.get(RDF_TYPE, ()))
            if types & {SH + "NodeShape", SH + "PropertyShape"} or any(
                    SH + p in predicates for p in ("targetClass", "targetNode", "targetObjectsOf",
                                                   "targetSubjectsOf")):
                candidates.add(node)
        roots = [self.shape(node) for node in sorted(candidates, key=str)]
        return [shape for shape in roots if shape.has_targets]

    def shape(self, node: Term) -> Shape:
        if node in self.compiled:
            return self.compiled[node]
        shape = self.compiled[node] = Shape(node)
        predicates = self.spo.get(node, {})
        for p in predicates:
            if p.startswith(SH) and p not in DESCRIPTIVE and p[len(SH):] not in COMPONENTS and p != SH + "sparql":
                raise Unsupported(f"{p} is not supported")
        path = self.one(node, "path")
        if path is not None:
            shape.path, shape.path_text = self.path(path)
        shape.messages = tuple(sorted(m.lexical for m in self.all(node, "message") if type(m) is Lit))
        severity = self.one(node, "severity")
        shape.severity = severity if type(severity) is str else VIOLATION
        deactivated = self.one(node, "deactivated")
        shape.deactivated = type(deactivated) is Lit and deactivated.lexical in ("true", "1")
        shape.target_classes = [c for c in self.all(node, "targetClass") if type(c) is str]
        if CLASS_TYPES & set(predicates.get(RDF_TYPE, ())) and type(node) is str:
            shape.target_classes.append(node)
        shape.target_nodes = self.all(node, "targetNode")
        shape.target_objects_of = [p for p in self.all(node, "targetObjectsOf") if type(p) is str]
        shape.target_subjects_of = [p for p in self.all(node, "targetSubjectsOf") if type(p) is str]
        for name, build in COMPONENTS.items():
            if SH + name in predicates:
                for value in self.all(node, name):
                    component, check, *default = build(self, shape, value)
                    shape.checks.append((component, check, default[0] if default else
                                         f"{component[:-len('ConstraintComponent')]} constraint not satisfied."))
        shape.properties = [self.shape(p) for p in self.all(node, "property")]
        shape.sparql = [SparqlConstraint(self, c) for c in self.all(node, "sparql")]
        return shape

    def path(self, node: Term) -> tuple[list[tuple[bool, str]], object]:
        """The path as steps (inverse?, predicate), and how a report names it."""
        if type(node) is str:
            return [(False, node)], node
        inverse = self.one(node, "inversePath")
        if inverse is not None and type(inverse) is str and len(self.spo[node]) == 1:
            return [(True, inverse)], ("inverse", inverse)
        if RDF_FIRST in self.spo.get(node, {}):
            steps = []
            for item in self.items(node):
                part, _text = self.path(item)
                steps.extend(part)
            return steps, ("complex", node)
        raise Unsupported("only predicate, inverse and sequence paths are supported")


def _prefixes(compiler: Compiler) -> dict[str, str]:
    found = {}
    for node, predicates in compiler.spo.items():
        for declaration in predicates.get(SH + "declare", ()):
            prefix = compiler.spo.get(declaration, {}).get(SH + "prefix", [])
            namespace = compiler.spo.get(declaration, {}).get(SH + "namespace", [])
            if prefix and namespace:
                found[text_of(prefix[0])] = text_of(namespace[0])
    return found


def _shortener(prefixes: dict[str, str]) -> Callable[[Term], str]:
    def short(term: Term) -> str:
        if type(term) is str:
            for prefix, namespace in prefixes.items():
                if prefix and term.startswith(namespace) and len(term) > len(namespace):
                    return f"{prefix}:{term[len(namespace):]}"
            return f"<{term}>"
        return str(term)
    return short
