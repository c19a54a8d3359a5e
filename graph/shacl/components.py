"""The SHACL Core constraint components: each builds, from a shape's parameter, a check of value nodes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from graph.rdf.triples import XSD_NS, Blank, Lit, Term
from graph.shacl.literals import datatype_of, less_or_equal, ordered_pair, text_of
from graph.shacl.report import Result, Unsupported
from graph.shacl.vocabulary import SH

if TYPE_CHECKING:
    from graph.shacl.data import Data
    from graph.shacl.model import Shape, ShapeCompiler


def _number(term: Term) -> int:
    if type(term) is not Lit or not re.fullmatch(r"\+?\d+", term.lexical):
        raise Unsupported(f"not a count: {term!r}")
    return int(term.lexical)


def _class(compiler: ShapeCompiler, shape: Shape, cls: Term):
    def check(data: Data, focus, values, nested):
        return [v for v in values if not data.is_instance(v, cls)]
    return "ClassConstraintComponent", check


def _datatype(compiler: ShapeCompiler, shape: Shape, datatype: Term):
    def check(data: Data, focus, values, nested):
        return [v for v in values
                if type(v) is not Lit or datatype_of(v) != datatype or not data.well_formed(v)]
    return "DatatypeConstraintComponent", check


NODE_KINDS = {"IRI": {str}, "Literal": {Lit}, "BlankNode": {Blank}, "BlankNodeOrIRI": {Blank, str},
              "BlankNodeOrLiteral": {Blank, Lit}, "IRIOrLiteral": {str, Lit}}


def _node_kind(compiler: ShapeCompiler, shape: Shape, kind: Term):
    allowed = NODE_KINDS.get(str(kind)[len(SH):]) if type(kind) is str and kind.startswith(SH) else None
    if allowed is None:
        raise Unsupported(f"unknown sh:nodeKind {kind}")

    def check(data: Data, focus, values, nested):
        return [v for v in values if type(v) not in allowed]
    return "NodeKindConstraintComponent", check


def _min_count(compiler: ShapeCompiler, shape: Shape, count: Term):
    least = _number(count)

    def check(data: Data, focus, values, nested):
        return [None] if len(values) < least else []
    return "MinCountConstraintComponent", check


def _max_count(compiler: ShapeCompiler, shape: Shape, count: Term):
    most = _number(count)

    def check(data: Data, focus, values, nested):
        return [None] if len(values) > most else []
    return "MaxCountConstraintComponent", check


def _range(name: str, holds: Callable[[Term, Term], bool]):
    def build(compiler: ShapeCompiler, shape: Shape, bound: Term):
        def check(data: Data, focus, values, nested):
            return [v for v in values if not holds(v, bound)]
        return name, check
    return build


def _length(name: str, holds: Callable[[int, int], bool]):
    def build(compiler: ShapeCompiler, shape: Shape, bound: Term):
        limit = _number(bound)

        def check(data: Data, focus, values, nested):
            return [v for v in values if text_of(v) is None or not holds(len(text_of(v)), limit)]
        return name, check
    return build


def _pattern(compiler: ShapeCompiler, shape: Shape, pattern: Term):
    flags_term = compiler.one(shape.node, "flags")
    flags = 0
    for letter in (text_of(flags_term) or "") if flags_term is not None else "":
        flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}.get(letter, 0)
    regex = re.compile(text_of(pattern), flags)

    def check(data: Data, focus, values, nested):
        return [v for v in values if text_of(v) is None or not regex.search(text_of(v))]
    return "PatternConstraintComponent", check


def _in(compiler: ShapeCompiler, shape: Shape, head: Term):
    allowed = set(compiler.items(head))

    def check(data: Data, focus, values, nested):
        return [v for v in values if v not in allowed]
    return "InConstraintComponent", check


def _has_value(compiler: ShapeCompiler, shape: Shape, wanted: Term):
    def check(data: Data, focus, values, nested):
        return [] if wanted in values else [None]
    return "HasValueConstraintComponent", check


def _equals(compiler: ShapeCompiler, shape: Shape, other: Term):
    def check(data: Data, focus, values, nested):
        others = data.objects(focus, other)
        return [v for v in values if v not in others] + [v for v in others if v not in values]
    return "EqualsConstraintComponent", check


def _disjoint(compiler: ShapeCompiler, shape: Shape, other: Term):
    def check(data: Data, focus, values, nested):
        others = data.objects(focus, other)
        return [v for v in values if v in others]
    return "DisjointConstraintComponent", check


def _pair_order(name: str, strict: bool):
    def build(compiler: ShapeCompiler, shape: Shape, other: Term):
        def check(data: Data, focus, values, nested):
            others = data.objects(focus, other)
            return [v for v in values for w in others if not ordered_pair(v, w, strict)]
        return name, check
    return build


def _node(compiler: ShapeCompiler, shape: Shape, target: Term):
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


def _not(compiler: ShapeCompiler, shape: Shape, target: Term):
    other = compiler.shape(target)

    def check(data: Data, focus, values, nested):
        return [v for v in values if other.conforms(data, v)]
    return "NotConstraintComponent", check


def _logical(name: str, test: Callable[[int, int], bool]):
    def build(compiler: ShapeCompiler, shape: Shape, head: Term):
        members = [compiler.shape(item) for item in compiler.items(head)]

        def check(data: Data, focus, values, nested):
            return [v for v in values if not test(sum(m.conforms(data, v) for m in members), len(members))]
        return name, check
    return build


def _qualified(compiler: ShapeCompiler, shape: Shape, target: Term):
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
