"""A fast SHACL checker for the SHACL Core subset that ``ontology/shapes.ttl`` uses.

pySHACL validates the merged graph correctly but slowly: it asks rdflib for
every value of every path of every focus node. This checker reads the
shapes graph once into Python objects (:func:`compile_shapes`), indexes the
data (plain triples, :mod:`graph.rdf.triples`) by subject once, and checks
every shape from those tables. It reports what pySHACL reports for the same
graph — the same focus nodes, paths, values, source shapes and messages,
nested ``sh:node`` results included — and ``tests/ontology/test_shapes.py``
holds the two to that on every broken graph.

Supported: targets (``sh:targetClass`` with ``rdfs:subClassOf`` from the data
and the ontology graph, ``sh:targetNode``, ``sh:targetObjectsOf``,
``sh:targetSubjectsOf``, implicit class targets); paths (a predicate,
``sh:inversePath``, sequences of those); the value type, cardinality, value
range, string, property pair, logical, shape-based and ``sh:in`` /
``sh:hasValue`` components; SPARQL-based constraints (``sh:sparql`` with a
``SELECT`` query). Anything else in a shape raises :class:`Unsupported`, and
the caller falls back to pySHACL.

A SPARQL constraint runs on pyoxigraph over the data, unless its query is
one this module implements natively (:data:`NATIVE_QUERIES`, matched on
the query text), which is the case for the selector-length check of
``shapes.ttl``: loading the data into a SPARQL store costs more than the
whole rest of the check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Graph

from graph.rdf.triples import RDF_LANG_STRING, XSD_NS, XSD_STRING, Blank, Lit, Term

SH = "http://www.w3.org/ns/shacl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE, RDF_FIRST, RDF_REST, RDF_NIL = RDF_NS + "type", RDF_NS + "first", RDF_NS + "rest", RDF_NS + "nil"
SUBCLASS_OF = RDFS_NS + "subClassOf"
CLASS_TYPES = {RDFS_NS + "Class", "http://www.w3.org/2002/07/owl#Class"}
VIOLATION = SH + "Violation"

#: Predicates on a shape that do not constrain anything.
DESCRIPTIVE = {RDF_TYPE, SH + "message", SH + "severity", SH + "deactivated", SH + "name", SH + "description",
               SH + "order", SH + "group", SH + "defaultValue", SH + "targetClass", SH + "targetNode",
               SH + "targetObjectsOf", SH + "targetSubjectsOf", SH + "path", SH + "property", SH + "flags",
               SH + "qualifiedMinCount", SH + "qualifiedMaxCount", SH + "qualifiedValueShapesDisjoint"}


NONE: list = []


class Unsupported(Exception):
    """The shapes use a SHACL feature this checker does not implement."""


@dataclass(frozen=True)
class Result:
    """One validation result, in plain terms; ``path`` is None for a node shape's own constraints."""

    focus: Term
    path: object
    value: Term | None
    shape: Term
    component: str
    message: str
    severity: str


# --- the data ---------------------------------------------------------------------------------------


class Data:
    """The data graph (plus the ontology graph, as pySHACL mixes it in), indexed for the checks."""

    def __init__(self, index: dict, extra: Iterable[tuple] = ()) -> None:
        """The data: an index ``{s: {p: [o, …]}}`` (read, never changed) and ``extra`` triples mixed in."""
        spo = self.spo = dict(index) if extra else index
        for s, p, o in extra:
            predicates = spo.get(s)
            if predicates is None:
                spo[s] = {p: [o]}
                continue
            if predicates is index.get(s):
                predicates = spo[s] = {key: list(values) for key, values in predicates.items()}
            objects = predicates.setdefault(p, [])
            if o not in objects:
                objects.append(o)
        self._inverse: dict[str, dict[Term, list[Term]]] = {}
        self._well_formed: dict[Lit, bool] = {}
        self._supers: dict[str, frozenset[str]] = {}
        self._classes_of: dict[tuple, frozenset[str]] = {}
        self._instances: dict[str, list[Term]] | None = None
        self._subclass: dict[str, list[str]] = defaultdict(list)
        for s, predicates in spo.items():
            for parent in predicates.get(SUBCLASS_OF, ()):
                if type(s) is str and type(parent) is str:
                    self._subclass[s].append(parent)

    def well_formed(self, literal: Lit) -> bool:
        """:func:`well_formed`, remembered for literals of the datatypes it checks."""
        if literal.datatype not in LEXICAL:
            return True
        found = self._well_formed.get(literal)
        if found is None:
            found = self._well_formed[literal] = well_formed(literal)
        return found

    def objects(self, s: Term, p: str) -> list[Term]:
        predicates = self.spo.get(s)
        return predicates.get(p, []) if predicates else []

    def subjects(self, p: str, o: Term) -> list[Term]:
        table = self._inverse.get(p)
        if table is None:
            table = self._inverse[p] = defaultdict(list)
            for s, predicates in self.spo.items():
                for value in predicates.get(p, ()):
                    table[value].append(s)
        return table.get(o, [])

    def supers(self, cls: str) -> frozenset[str]:
        """``cls`` and every class it is a (transitive) rdfs:subClassOf."""
        found = self._supers.get(cls)
        if found is None:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self._subclass.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found = self._supers[cls] = frozenset(seen)
        return found

    def classes_of(self, node: Term) -> frozenset[str]:
        predicates = self.spo.get(node)
        types = tuple(predicates.get(RDF_TYPE, ())) if predicates else ()
        found = self._classes_of.get(types)
        if found is None:
            found = frozenset(c for t in types if type(t) is str for c in self.supers(t))
            self._classes_of[types] = found
        return found

    def is_instance(self, node: Term, cls: str) -> bool:
        return cls in self.classes_of(node)

    def instances(self, cls: str) -> list[Term]:
        if self._instances is None:
            table: dict[str, list[Term]] = defaultdict(list)
            for s, predicates in self.spo.items():
                classes = set()
                for t in predicates.get(RDF_TYPE, ()):
                    if type(t) is str:
                        classes |= self.supers(t)
                for c in classes:
                    table[c].append(s)
            self._instances = table
        return self._instances.get(cls, [])

    def all_objects(self, p: str) -> list[Term]:
        return list(dict.fromkeys(o for predicates in self.spo.values() for o in predicates.get(p, ())))

    def all_subjects(self, p: str) -> list[Term]:
        return [s for s, predicates in self.spo.items() if p in predicates]


# --- literal values ---------------------------------------------------------------------------------

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_LEXICAL = {
    "integer": r"[+-]?\d+", "nonNegativeInteger": r"\+?\d+|-0+", "positiveInteger": r"\+?0*[1-9]\d*",
    "int": r"[+-]?\d+", "long": r"[+-]?\d+", "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "double": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN",
    "float": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN",
    "boolean": r"true|false|1|0", "date": rf"-?\d{{4,}}-\d\d-\d\d{_TZ}",
    "dateTime": rf"-?\d{{4,}}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?{_TZ}",
    "gYear": rf"-?\d{{4,}}{_TZ}", "gYearMonth": rf"-?\d{{4,}}-(?:0[1-9]|1[0-2]){_TZ}",
    "duration": r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?",
}
LEXICAL = {XSD_NS + name: re.compile(pattern) for name, pattern in _LEXICAL.items()}
NUMERIC = {XSD_NS + name for name in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long",
                                      "decimal", "double", "float", "short", "byte", "nonPositiveInteger",
                                      "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                                      "unsignedByte")}
XSD_DATE, XSD_DATETIME = XSD_NS + "date", XSD_NS + "dateTime"


def well_formed(literal: Lit) -> bool:
    """Whether the lexical form is valid for its XSD datatype (other datatypes are taken as valid)."""
    pattern = LEXICAL.get(literal.datatype)
    if pattern is None:
        return True
    if not pattern.fullmatch(literal.lexical):
        return False
    if literal.datatype in (XSD_DATE, XSD_DATETIME):
        try:
            dt.date.fromisoformat(literal.lexical.lstrip("-")[:10])
        except ValueError:
            return False
    return True


def comparable(term: Term):
    """(kind, value) for ordering comparisons, or None when the term has no order."""
    if type(term) is not Lit or not well_formed(term):
        return None
    lexical, datatype, language = term
    if datatype in NUMERIC:
        try:
            return "number", Decimal(lexical.replace("INF", "Infinity"))
        except InvalidOperation:
            return None
    if datatype == XSD_DATE and len(lexical) == 10:
        return "date", dt.date.fromisoformat(lexical)
    if datatype == XSD_DATETIME:
        try:
            return "dateTime", dt.datetime.fromisoformat(lexical.replace("Z", "+00:00"))
        except ValueError:
            return None
    if datatype in ("", XSD_STRING) and not language:
        return "string", lexical
    return None


def less_or_equal(a: Term, b: Term, strict: bool = False) -> bool:
    """``a <= b`` (``a < b`` when strict); False when the two cannot be compared."""
    left, right = comparable(a), comparable(b)
    if left is None or right is None or left[0] != right[0]:
        return False
    try:
        return left[1] < right[1] if strict else left[1] <= right[1]
    except (TypeError, InvalidOperation):  # naive against aware date-times, NaN
        return False


def ordered_pair(a: Term, b: Term, strict: bool) -> bool:
    """``a <= b`` (``a < b`` when strict) as pySHACL decides sh:lessThanOrEquals / sh:lessThan.

    IRIs and string literals compare as text, and a text never with a non-text;
    two numbers by value; other literals of different datatypes by their
    datatype IRIs (rdflib's order), of one datatype by value, else by lexical form.
    """
    if type(a) is Blank or type(b) is Blank:
        return False
    a_text, b_text = _as_text(a), _as_text(b)
    if (a_text is None) != (b_text is None):
        return False
    if a_text is not None:
        return a_text < b_text if strict else a_text <= b_text
    if a.datatype != b.datatype and not (a.datatype in NUMERIC and b.datatype in NUMERIC):
        return a.datatype < b.datatype
    left, right = comparable(a), comparable(b)
    try:
        if left is not None and right is not None and left[0] == right[0]:
            return left[1] < right[1] if strict else left[1] <= right[1]
    except (TypeError, InvalidOperation):
        pass
    return a.lexical < b.lexical if strict else a.lexical <= b.lexical


def _as_text(term: Term) -> str | None:
    if type(term) is str:
        return term
    if term.language or term.datatype in ("", XSD_STRING):
        return term.lexical
    return None


def text_of(term: Term) -> str | None:
    """The string a string-based constraint sees: an IRI or a literal's lexical form; None for a blank node."""
    if type(term) is str:
        return term
    if type(term) is Lit:
        return term.lexical
    return None


def datatype_of(term: Lit) -> str:
    if term.language:
        return RDF_LANG_STRING
    return term.datatype or XSD_STRING


# --- shapes -----------------------------------------------------------------------------------------

#: A constraint: (data, focus, values, results) -> offending values (None: a result without value). It may
#: append results of nested shapes (``sh:node``) to ``results``.
Check = Callable[["Data", Term, list, list], list]


@dataclass(eq=False)
class Shape:
    node: Term
    path: object = None
    path_text: object = None
    checks: list[tuple[str, Check, str]] = field(default_factory=list)
    properties: list["Shape"] = field(default_factory=list)
    sparql: list["SparqlConstraint"] = field(default_factory=list)
    messages: tuple[str, ...] = ()
    severity: str = VIOLATION
    deactivated: bool = False
    target_classes: list[str] = field(default_factory=list)
    target_nodes: list[Term] = field(default_factory=list)
    target_objects_of: list[str] = field(default_factory=list)
    target_subjects_of: list[str] = field(default_factory=list)

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_nodes or self.target_objects_of or self.target_subjects_of)

    def focus_nodes(self, data: Data) -> list[Term]:
        found: dict[Term, None] = {}
        for cls in self.target_classes:
            found.update(dict.fromkeys(data.instances(cls)))
        found.update(dict.fromkeys(self.target_nodes))
        for p in self.target_objects_of:
            found.update(dict.fromkeys(data.all_objects(p)))
        for p in self.target_subjects_of:
            found.update(dict.fromkeys(data.all_subjects(p)))
        return list(found)

    def values(self, data: Data, focus: Term) -> list[Term]:
        """The value nodes of ``focus`` (read only: the list may be the index's own)."""
        if self.path is None:
            return [focus]
        if len(self.path) == 1 and not self.path[0][0]:
            predicates = data.spo.get(focus)
            return predicates.get(self.path[0][1], NONE) if predicates else NONE
        nodes = [focus]
        for inverse, predicate in self.path:
            step: dict[Term, None] = {}
            for node in nodes:
                step.update(dict.fromkeys(data.subjects(predicate, node) if inverse else data.objects(node, predicate)))
            nodes = list(step)
        return nodes

    def validate(self, data: Data, focus: Term, out: list[Result]) -> None:
        """Append every result of this shape for one focus node to ``out``."""
        if self.deactivated:
            return
        values = self.values(data, focus)
        for component, check, default in self.checks:
            offending = check(data, focus, values, out)
            if offending:
                message = self.messages[0] if self.messages else default
                for value in offending:
                    out.append(Result(focus, self.path_text, value, self.node, component, message, self.severity))
        for constraint in self.sparql:
            constraint.validate(data, self, focus, out)
        if self.properties:
            for value_focus in values:
                for prop in self.properties:
                    prop.validate(data, value_focus, out)

    def conforms(self, data: Data, focus: Term) -> bool:
        found: list[Result] = []
        self.validate(data, focus, found)
        return not found



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


def read_turtle(path) -> tuple[list[tuple], dict[str, str]]:
    """The triples of a Turtle file as plain terms, and its prefixes (parsed by pyoxigraph)."""
    import pyoxigraph as ox

    parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    triples = [(_from_oxigraph(q.subject), q.predicate.value, _from_oxigraph(q.object)) for q in parser]
    return triples, dict(parser.prefixes)


# --- the components -----------------------------------------------------------------------------------


def _number(term: Term) -> int:
    if type(term) is not Lit or not re.fullmatch(r"\+?\d+", term.lexical):
        raise Unsupported(f"not a count: {term!r}")
    return int(term.lexical)


def _class(compiler: Compiler, shape: Shape, cls: Term):
    def check(data: Data, focus, values, nested):
        return [v for v in values if not data.is_instance(v, cls)]
    return "ClassConstraintComponent", check


def _datatype(compiler: Compiler, shape: Shape, datatype: Term):
    def check(data: Data, focus, values, nested):
        return [v for v in values
                if type(v) is not Lit or datatype_of(v) != datatype or not data.well_formed(v)]
    return "DatatypeConstraintComponent", check


NODE_KINDS = {"IRI": {str}, "Literal": {Lit}, "BlankNode": {Blank}, "BlankNodeOrIRI": {Blank, str},
              "BlankNodeOrLiteral": {Blank, Lit}, "IRIOrLiteral": {str, Lit}}


def _node_kind(compiler: Compiler, shape: Shape, kind: Term):
    allowed = NODE_KINDS.get(str(kind)[len(SH):]) if type(kind) is str and kind.startswith(SH) else None
    if allowed is None:
        raise Unsupported(f"unknown sh:nodeKind {kind}")

    def check(data: Data, focus, values, nested):
        return [v for v in values if type(v) not in allowed]
    return "NodeKindConstraintComponent", check


def _min_count(compiler: Compiler, shape: Shape, count: Term):
    least = _number(count)

    def check(data: Data, focus, values, nested):
        return [None] if len(values) < least else []
    return "MinCountConstraintComponent", check


def _max_count(compiler: Compiler, shape: Shape, count: Term):
    most = _number(count)

    def check(data: Data, focus, values, nested):
        return [None] if len(values) > most else []
    return "MaxCountConstraintComponent", check


def _range(name: str, holds: Callable[[Term, Term], bool]):
    def build(compiler: Compiler, shape: Shape, bound: Term):
        def check(data: Data, focus, values, nested):
            return [v for v in values if not holds(v, bound)]
        return name, check
    return build


def _length(name: str, holds: Callable[[int, int], bool]):
    def build(compiler: Compiler, shape: Shape, bound: Term):
        limit = _number(bound)

        def check(data: Data, focus, values, nested):
            return [v for v in values if text_of(v) is None or not holds(len(text_of(v)), limit)]
        return name, check
    return build


def _pattern(compiler: Compiler, shape: Shape, pattern: Term):
    flags_term = compiler.one(shape.node, "flags")
    flags = 0
    for letter in (text_of(flags_term) or "") if flags_term is not None else "":
        flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}.get(letter, 0)
    regex = re.compile(text_of(pattern), flags)

    def check(data: Data, focus, values, nested):
        return [v for v in values if text_of(v) is None or not regex.search(text_of(v))]
    return "PatternConstraintComponent", check


def _in(compiler: Compiler, shape: Shape, head: Term):
    allowed = set(compiler.items(head))

    def check(data: Data, focus, values, nested):
        return [v for v in values if v not in allowed]
    return "InConstraintComponent", check


def _has_value(compiler: Compiler, shape: Shape, wanted: Term):
    def check(data: Data, focus, values, nested):
        return [] if wanted in values else [None]
    return "HasValueConstraintComponent", check


def _equals(compiler: Compiler, shape: Shape, other: Term):
    def check(data: Data, focus, values, nested):
        others = data.objects(focus, other)
        return [v for v in values if v not in others] + [v for v in others if v not in values]
    return "EqualsConstraintComponent", check


def _disjoint(compiler: Compiler, shape: Shape, other: Term):
    def check(data: Data, focus, values, nested):
        others = data.objects(focus, other)
        return [v for v in values if v in others]
    return "DisjointConstraintComponent", check


def _pair_order(name: str, strict: bool):
    def build(compiler: Compiler, shape: Shape, other: Term):
        def check(data: Data, focus, values, nested):
            others = data.objects(focus, other)
            return [v for v in values for w in others if not ordered_pair(v, w, strict)]
        return name, check
    return build


def _node(compiler: Compiler, shape: Shape, target: Term):
    other = compiler.shape(target)

    def check(data: Data, focus, values, nested):
        offending = []
        for v in values:
            found: list[Result] = []
            other.validate(data, v, found)
            if found:
                offending.append(v)
                nested.extend(found)
        return offending
    return ("NodeConstraintComponent", check,
            f"Value does not conform to Shape {compiler.short(target)}. See details for more information.")


def _not(compiler: Compiler, shape: Shape, target: Term):
    other = compiler.shape(target)

    def check(data: Data, focus, values, nested):
        return [v for v in values if other.conforms(data, v)]
    return "NotConstraintComponent", check


def _logical(name: str, test: Callable[[int, int], bool]):
    def build(compiler: Compiler, shape: Shape, head: Term):
        members = [compiler.shape(item) for item in compiler.items(head)]

        def check(data: Data, focus, values, nested):
            return [v for v in values if not test(sum(m.conforms(data, v) for m in members), len(members))]
        return name, check
    return build


def _qualified(compiler: Compiler, shape: Shape, target: Term):
    if compiler.one(shape.node, "qualifiedValueShapesDisjoint") not in (None, Lit("false", XSD_NS + "boolean")):
        raise Unsupported("sh:qualifiedValueShapesDisjoint is not supported")
    other = compiler.shape(target)
    least = compiler.one(shape.node, "qualifiedMinCount")
    most = compiler.one(shape.node, "qualifiedMaxCount")
    least = _number(least) if least is not None else None
    most = _number(most) if most is not None else None
    name = "QualifiedMinCountConstraintComponent" if least is not None else "QualifiedMaxCountConstraintComponent"

    def check(data: Data, focus, values, nested):
        count = sum(other.conforms(data, v) for v in values)
        if least is not None and count < least or most is not None and count > most:
            return [None]
        return []
    return name, check


COMPONENTS: dict[str, Callable] = {
    "class": _class, "datatype": _datatype, "nodeKind": _node_kind, "minCount": _min_count,
    "maxCount": _max_count,
    "minInclusive": _range("MinInclusiveConstraintComponent", lambda v, b: less_or_equal(b, v)),
    "maxInclusive": _range("MaxInclusiveConstraintComponent", lambda v, b: less_or_equal(v, b)),
    "minExclusive": _range("MinExclusiveConstraintComponent", lambda v, b: less_or_equal(b, v, True)),
    "maxExclusive": _range("MaxExclusiveConstraintComponent", lambda v, b: less_or_equal(v, b, True)),
    "minLength": _length("MinLengthConstraintComponent", lambda n, limit: n >= limit),
    "maxLength": _length("MaxLengthConstraintComponent", lambda n, limit: n <= limit),
    "pattern": _pattern, "in": _in, "hasValue": _has_value, "equals": _equals, "disjoint": _disjoint,
    "lessThan": _pair_order("LessThanConstraintComponent", True),
    "lessThanOrEquals": _pair_order("LessThanOrEqualsConstraintComponent", False),
    "node": _node, "not": _not,
    "and": _logical("AndConstraintComponent", lambda passed, total: passed == total),
    "or": _logical("OrConstraintComponent", lambda passed, total: passed > 0),
    "xone": _logical("XoneConstraintComponent", lambda passed, total: passed == 1),
    "qualifiedValueShape": _qualified,
}


# --- SPARQL-based constraints ---------------------------------------------------------------------------


def _normalised(query: str) -> str:
    return " ".join(query.split())


def _selector_lengths(data: Data, focus: Term) -> list[dict[str, Term]]:
    """Native form of the selector-length query of shapes.ttl: selectors whose quote length differs from end - start."""
    oa = "http://www.w3.org/ns/oa#"
    rows = []
    for value in data.instances(oa + "TextPositionSelector"):
        types = data.objects(value, RDF_TYPE)
        if oa + "TextPositionSelector" not in types or oa + "TextQuoteSelector" not in types:
            continue
        for start in data.objects(value, oa + "start"):
            for end in data.objects(value, oa + "end"):
                span = _difference(end, start)
                if span is None:
                    continue
                for exact in data.objects(value, oa + "exact"):
                    if type(exact) is not Lit or exact.datatype not in ("", XSD_STRING, RDF_LANG_STRING):
                        continue
                    length = len(exact.lexical)
                    if length != span[0]:
                        rows.append({"this": focus, "value": value,
                                     "length": Lit(str(length), XSD_NS + "integer"),
                                     "span": Lit(str(span[0]), span[1])})
    return rows


def _difference(end: Term, start: Term) -> tuple[object, str] | None:
    """``end - start`` as SPARQL computes it for two integers (value, datatype), else None."""
    integer = XSD_NS + "integer"
    if (type(end) is Lit and type(start) is Lit and end.datatype == integer == start.datatype
            and well_formed(end) and well_formed(start)):
        return int(end.lexical) - int(start.lexical), integer
    return None


#: SPARQL queries implemented in Python, by their text (whitespace-normalised).
NATIVE_QUERIES: dict[str, Callable[[Data, Term], list[dict[str, Term]]]] = {
    _normalised("""
        SELECT $this ?value ?length ?span
        WHERE {
            ?value a oa:TextPositionSelector , oa:TextQuoteSelector ;
                   oa:start ?start ; oa:end ?end ; oa:exact ?exact .
            BIND (STRLEN(?exact) AS ?length)
            BIND (?end - ?start AS ?span)
            FILTER (?length != ?span)
        }"""): _selector_lengths,
}


class SparqlConstraint:
    """An ``sh:sparql`` constraint: each solution of its SELECT query is a result."""

    def __init__(self, compiler: Compiler, node: Term) -> None:
        query = compiler.one(node, "select")
        if type(query) is not Lit:
            raise Unsupported("a SPARQL constraint without sh:select")
        for p in compiler.spo.get(node, {}):
            if p.startswith(SH) and p[len(SH):] not in ("select", "message", "prefixes", "deactivated",
                                                        "severity"):
                raise Unsupported(f"{p} on a SPARQL constraint is not supported")
        self.query = query.lexical
        self.messages = tuple(sorted(m.lexical for m in compiler.all(node, "message") if type(m) is Lit))
        self.prefixes = compiler.prefixes
        self.native = NATIVE_QUERIES.get(_normalised(self.query))
        self.use_native = True

    def solutions(self, data: Data, focus: Term) -> list[dict[str, Term]]:
        if self.native is not None and self.use_native:
            return self.native(data, focus)
        return _oxigraph_solutions(data, self.query, self.prefixes, focus)

    def validate(self, data: Data, shape: Shape, focus: Term, out: list[Result]) -> None:
        for row in self.solutions(data, focus):
            messages = self.messages or shape.messages
            message = messages[0] if messages else "SPARQL constraint violated"
            message = re.sub(r"\{[?$](\w+)\}", lambda m: _text(row.get(m.group(1))), message)
            path = row.get("path")
            out.append(Result(focus, path if path is not None else shape.path_text,
                              row.get("value", focus), shape.node, "SPARQLConstraintComponent", message,
                              shape.severity))


def _text(term: Term | None) -> str:
    if term is None:
        return ""
    return text_of(term) if type(term) is not Blank else term.label


def _oxigraph_solutions(data: Data, query: str, prefixes: dict[str, str], focus: Term) -> list[dict[str, Term]]:
    import pyoxigraph as ox

    store = data.__dict__.get("_oxigraph")
    if store is None:
        store = data.__dict__["_oxigraph"] = ox.Store()
        store.load(_ntriples(data).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    answers = store.query(query, prefixes=prefixes, substitutions={ox.Variable("this"): _to_oxigraph(focus)})
    rows = []
    for solution in answers:
        row = {}
        for variable in answers.variables:
            term = solution[variable]
            if term is not None:
                row[variable.value] = _from_oxigraph(term)
        rows.append(row)
    return rows


def _ntriples(data: Data) -> str:
    from graph.export.turtle import IRI_UNSAFE, STRING_ESCAPES, _uchar

    def term(t: Term) -> str:
        if type(t) is str:
            return "<" + IRI_UNSAFE.sub(_uchar, t) + ">"
        if type(t) is Blank:
            return "_:" + re.sub(r"[^A-Za-z0-9_]", "_", t.label)
        text = '"' + t.lexical.translate(STRING_ESCAPES) + '"'
        return text + (f"@{t.language}" if t.language else f"^^<{t.datatype}>" if t.datatype else "")

    return "".join(f"{term(s)} {term(p)} {term(o)} .\n"
                   for s, predicates in data.spo.items() for p, objects in predicates.items() for o in objects)


def _to_oxigraph(term: Term):
    import pyoxigraph as ox

    if type(term) is str:
        return ox.NamedNode(term)
    if type(term) is Blank:
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", term.label))
    if term.language:
        return ox.Literal(term.lexical, language=term.language)
    return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def _from_oxigraph(term) -> Term:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return Blank(term.value)
    if term.language:
        return Lit(term.value, "", term.language)
    datatype = term.datatype.value
    return Lit(term.value, "" if datatype == XSD_STRING else datatype)


# --- running -------------------------------------------------------------------------------------------


def compile_shapes(shapes) -> list[Shape]:
    """The shapes validation starts from (those with targets); raises :class:`Unsupported`.

    ``shapes`` is an rdflib graph, or the path of a Turtle file (read with pyoxigraph).
    """
    if isinstance(shapes, Graph):
        from graph.rdf.triples import plain_triples

        return Compiler(plain_triples(shapes), {p: str(n) for p, n in shapes.namespaces()}).shapes()
    return Compiler(*read_turtle(shapes)).shapes()


def check(shapes: list[Shape], data: Data) -> list[Result]:
    """Every result of every shape on ``data``."""
    results: list[Result] = []
    for shape in shapes:
        if shape.deactivated:
            continue
        for focus in shape.focus_nodes(data):
            shape.validate(data, focus, results)
    return results
